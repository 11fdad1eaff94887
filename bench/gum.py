"""Person names in GUM, a multi-genre corpus: a second, non-Twitter check for the name finder.

GUM (Zeldes 2017, github.com/amir-zeldes/gum, commit 72ce5ac1) annotates every entity mention
of 24 genres (news, interviews, biographies, travel guides, textbooks, vlogs, speeches,
conversations, court rulings, how-tos, fiction ...) with a type (person, place,
organization, object, event, abstract ...). A word is part of a person's NAME here when
it is a proper noun (UPOS PROPN) whose innermost mention is a person: "Katie" in "Katie's
channel", not "everyone" nor "my friend". Other proper nouns (places, companies, works,
products, events) keep their mention type: the hard negatives a name finder must leave.

Sentences come from the CoNLL-U files' ``# text =`` lines with the real spacing. The
official splits (splits.md) are kept: ``train`` may be used to fit, ``dev`` to choose
thresholds, ``test`` and ``test2`` (GENTLE, eight genres GUM lacks) to check once.
Reddit documents ship without their words and are skipped.

Licences: annotations CC BY 4.0; texts per genre (LICENSE.txt): academic, court, textbook
(OpenStax), interview and news (Wikinews) CC BY; bio and voyage (Wikipedia, Wikivoyage) CC
BY-SA; vlogs are YouTube videos under CC BY; speeches public records; essay, fiction,
letter, podcast and whow CC BY-NC-SA, conversation (Santa Barbara Corpus) CC BY-ND.
``TRAINABLE`` lists the genres whose licence allows training a shipped model on them.

Get it: ``git clone https://github.com/amir-zeldes/gum`` and pass its folder (the one holding
``dep/`` and ``splits.md``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

#: Bumped when the labels change, so that a trainer's feature cache (keyed by the corpus's
#: name, tools/name_head_features.py) is not read back with the old labels. 2: a possessive
#: written as one word ("Melanie's") is a name word.
LABELS_REVISION = 2
TRAINABLE = frozenset(
    {"academic", "bio", "court", "interview", "news", "speech", "textbook", "vlog", "voyage"}
)
# Proper nouns inside person mentions that are titles or roles, not names ("President",
# "Madam Speaker", "Emperor Norton"): GUM tags the whole mention as a person, WNUT-17 and the
# redactor (which keeps titles) do not.
TITLE_WORDS = frozenset(
    """
mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor sir dame lady lord madam speaker
president vice secretary emperor empress king queen prince princess earl duke duchess baron
count countess justice judge chief senator governor mayor minister prime chancellor general
captain colonel major sergeant officer protector master saint st st. pope father mother sister
brother uncle aunt god student undergraduate graduate doctor nurse chairman chair councillor
cllr reverend rev. rev bishop archbishop
""".split()
)
# "(4-person-giv:act-sssss-cf2-1-coref)" opens (and here closes) mention 4; "4)" closes it.
_MENTION = re.compile(r"\((\d+)-([a-z]+)[^()]*(\))?|(\d+)\)")


def splits(folder: Path) -> dict[str, list[str]]:
    """Document names per split ("train", "dev", "test", "test2") from splits.md."""
    out: dict[str, list[str]] = {}
    current = ""
    for line in (folder / "splits.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
            out[current] = []
        elif line.strip().startswith("* ") and current:
            out[current].append(line.strip()[2:].strip())
    return out


def _genre(document: str) -> str:
    return document.split("_")[1]


def _sentence(text: str, tokens: list[tuple[str, str, str, str]]) -> dict[str, Any]:
    """One row: the text and spans of proper-noun runs typed by their innermost mention."""
    spans: list[dict[str, Any]] = []
    stack: list[tuple[str, str]] = []
    position = 0
    current: dict[str, Any] | None = None
    for form, upos, xpos, misc in tokens:
        opened: list[tuple[str, str]] = []
        closed: list[str] = []
        entity = "".join(f[7:] for f in misc.split("|") if f.startswith("Entity="))
        for match in _MENTION.finditer(entity):
            if match.group(1):
                opened.append((match.group(1), match.group(2)))
                if match.group(3):
                    closed.append(match.group(1))
            else:
                closed.append(match.group(4))
        stack.extend(opened)
        # The innermost mention: one opened and closed on this word ("Melanie" in "Melanie's
        # garden", whichever order the brackets come in), else the last one still open.
        single = [etype for mention, etype in opened if mention in closed]
        kind = single[-1] if single else stack[-1][1] if stack else ""
        for mention in closed:
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == mention:
                    del stack[k]
                    break
        start = text.find(form, position)
        if start < 0:  # the text line and the word forms disagree: keep what aligns
            current = None
            continue
        end = start + len(form)
        position = end
        label = kind if upos == "PROPN" and kind else ""
        bare = re.sub(r"['’]s?$", "", form.lower())  # "Secretary's" is the role too
        if label == "person" and (xpos == "NNPS" or bare in TITLE_WORDS):
            label = "title"  # "Americans", "President": a group or a role, not a name
        if current is not None and label == current["type"] and label:
            current["end"] = end
            continue
        current = None
        if label:
            current = {"start": start, "end": end, "type": label}
            spans.append(current)
    return {"text": text, "spans": spans}


def load(
    folder: Path, split: str, *, trainable_only: bool = False, untrained_only: bool = False
) -> list[dict[str, Any]]:
    """Rows ``{"text", "spans", "genre"}`` of one split; spans typed "person", "place" ...

    Args:
        folder: a GUM checkout (``dep/*.conllu`` and ``splits.md``).
        split: "train", "dev", "test" or "test2".
        trainable_only: only genres in TRAINABLE (for fitting a shipped model).
        untrained_only: only genres outside TRAINABLE: with ``train``, text no shipped model
            has seen and no rule was chosen on, a fifth development set (bench/name_sweep.py).
    """
    rows: list[dict[str, Any]] = []
    for document in splits(folder)[split]:
        genre = _genre(document)
        if (
            genre == "reddit"
            or (trainable_only and genre not in TRAINABLE)
            or (untrained_only and genre in TRAINABLE)
        ):
            continue
        text = ""
        tokens: list[tuple[str, str, str, str]] = []
        skip_until = 0
        lines = (folder / "dep" / f"{document}.conllu").read_text(encoding="utf-8").splitlines()
        for line in [*lines, ""]:
            if line.startswith("# text = "):
                text = line[9:]
            elif not line.strip():
                if text and tokens:
                    rows.append({**_sentence(text, tokens), "genre": genre})
                text, tokens, skip_until = "", [], 0
            elif not line.startswith("#"):
                cols = line.split("\t")
                if "-" in cols[0]:  # "7-8 I'm": align on the surface form, label by its parts
                    skip_until = int(cols[0].split("-")[1])
                    tokens.append((cols[1], "", "", ""))
                    parts: list[str] = []
                    tags: list[tuple[str, str]] = []
                    continue
                if "." in cols[0]:
                    continue  # empty nodes carry no words
                if int(cols[0]) <= skip_until:
                    parts.append(cols[9])
                    tags.append((cols[3], cols[4]))
                    if int(cols[0]) == skip_until:
                        # "Melanie's" (Melanie + 's) is a proper noun when its first part is:
                        # the person's name, which a redactor must hide with its "'s".
                        upos, xpos = tags[0] if tags[0][0] == "PROPN" else ("", "")
                        tokens[-1] = (tokens[-1][0], upos, xpos, "|".join(parts))
                    continue
                tokens.append((cols[1], cols[3], cols[4], cols[9]))
    return rows
