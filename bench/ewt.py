"""Person names in the English Web Treebank: the text residents write, for the name finder.

UNER English-EWT (Universal NER v1, Mayhew et al., NAACL 2024; github.com/UniversalNER/
UNER_English-EWT, CC BY-SA 4.0) tags PER, ORG and LOC in IOB2 over the English Web Treebank's
sentences: Yahoo! Answers, reviews, e-mails, newsgroups and weblogs. Rows come out like
bench/gum.py's: the ``# text =`` line with its real spacing and character spans typed
"person", "organization", "location" (and "other" for the draft's OTH, below).

Splits: ``train`` may be used to fit, ``dev`` to choose thresholds, ``test`` to check once.

The train split of the release (commit 8ed072d) is over 4 MiB and missing from the local
mirror, so from a git mirror ``train`` is read from the repository's first commit (0c7ce0d,
2022-12-02, "not tested, DO NOT USE"): the same 12,543 sentences and tokens, tagged by the
same annotators before the release dropped the OTH type (nationalities, religions, events)
and mended a few spans. On dev, where both versions exist, the two agree on 534 of 539 PER
words (the release adds 5, drops none) and on every LOC and ORG word the draft tags, so the
draft is a close stand-in for the release's training labels. dev and test come from the
release. A plain folder holding ``en_ewt-ud-{split}.iob2`` files is read as it is.

Labelling, checked on dev: as the redactor, titles stay outside PER ("Dr. [Dorn]", "Mrs.
[Lynda Mcmanus]") and a possessive "'s" is its own token outside it; lower-case names
("[max] and jen", "unless [lisa] promises"), e-mail sign-offs ("[Kelly]") and people named in
e-mail headers ("[John Griffith]@ENRON") are PER. A few slips were seen ("paulhastings.com" and
"The Roma deal" tagged PER; "jen" beside "[max]" left out).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.mirrors import read_text

#: The release, and the first commit whose train split stands in for the missing one.
RELEASE = "8ed072de2fd24022cc62458997fe96a8fe191ea4"
DRAFT = "0c7ce0debb13a7d304da656f16309397e8ff36ef"
SPLITS = ("train", "dev", "test")
TYPES = {"PER": "person", "ORG": "organization", "LOC": "location", "OTH": "other"}


def _read(source: Path, split: str) -> str:
    """The split's IOB2 text from a folder of files or a (bare) git mirror."""
    if split not in SPLITS:
        raise ValueError(f"unknown EWT split {split!r}; expected one of {', '.join(SPLITS)}")
    commit = DRAFT if split == "train" else RELEASE
    return read_text(source, f"en_ewt-ud-{split}.iob2", commit=commit)


def _sentence(text: str, tokens: list[tuple[str, str]]) -> dict[str, Any]:
    """One row: the text and the typed spans of its tagged token runs."""
    spans: list[dict[str, Any]] = []
    position = 0
    for form, tag in tokens:
        start = text.find(form, position)
        if start < 0:  # the text line and the token forms disagree: keep what aligns
            continue
        end = start + len(form)
        position = end
        kind = TYPES.get(tag[2:]) if tag[:2] in ("B-", "I-") else None
        if kind is None:
            continue
        if tag.startswith("I-") and spans and spans[-1]["type"] == kind:
            spans[-1]["end"] = end
        else:
            spans.append({"start": start, "end": end, "type": kind})
    return {"text": text, "spans": spans}


def parse(content: str) -> list[dict[str, Any]]:
    """Rows ``{"text", "spans", "doc"}`` of IOB2 text with ``# text =`` lines."""
    rows: list[dict[str, Any]] = []
    text, document = "", ""
    tokens: list[tuple[str, str]] = []
    for line in [*content.splitlines(), ""]:
        if line.startswith("# text = "):
            text = line[9:]
        elif line.startswith("# sent_id = "):
            document = line[12:].rsplit("-", 1)[0]
        elif not line.strip():
            if text and tokens:
                rows.append({**_sentence(text, tokens), "doc": document})
            text, tokens = "", []
        elif not line.startswith("#"):
            cols = line.split("\t")
            tokens.append((cols[1], cols[2] if len(cols) > 2 else "O"))
    return rows


def load(source: Path, split: str) -> list[dict[str, Any]]:
    """Rows ``{"text", "spans", "doc"}`` of one split, spans typed "person", "location" ...

    Args:
        source: a folder with ``en_ewt-ud-{split}.iob2`` files, or a git mirror of
            UNER_English-EWT (read with ``git show``; nothing is copied).
        split: "train", "dev" or "test".
    """
    return parse(_read(source, split))
