"""Build real Welsh abuse sets from the Bangor CHAT corpora, labelled by someone else.

Sources (ESRC Centre for Research on Bilingualism in Theory and Practice, Bangor University;
transcriptions (c) the ESRC Centre, GPLv3 or later), recorded informal conversations
transcribed in CHAT with an English translation tier (%eng) written by the corpus team:

- ``siarad``: the Siarad corpus (2009), 69 conversations between Welsh speakers in Wales
  (github.com/donnekgit/siarad1, folder ``beta``, commit 5c7dee6) ->
  bench/data/welsh_abuse_siarad.tsv, split by conversation into development and held-out.
- ``patagonia``: the Patagonia corpus (2011), 43 conversations of Welsh speakers in
  Argentina, code-switching with Spanish (39 led in Welsh; the 4 led in Spanish are
  skipped; github.com/donnekgit/patagonia, folder ``beta``, commit 2be226c) ->
  bench/data/welsh_abuse_patagonia.tsv, all development (a second
  development set: the Siarad development half had nothing left to teach).

Labels come from the corpus team's English translation, not from this project's rules:
an utterance is an **obscenity** when its translation contains a strong or medium English
swear word (STRONG below, the words Ofcom's 2021 research on offensive language ranks
strong or medium, that a translator would keep), and **clean** when its translation has
none of those nor a mild one (MILD). Welsh text goes to the flag; the translation is only
the label. Utterances of fewer than three words are left out (backchannels), and so are
"xx" (unintelligible) ones and, in Patagonia, those spoken in Spanish or English (the
``[- spa]`` precode, or most words marked ``@s:spa``/``@s:eng``): the flag is measured on
Welsh.

Siarad's split: a file is held-out when ``int(sha1(name), 16)`` is odd, so both halves hold
whole conversations. The development halves may be read to improve the rules; the
held-out half is measured once (bench/moderation.py --held-out).

Run: .venv/bin/python bench/chat_abuse.py --corpus siarad --repo PATH/TO/siarad1
     .venv/bin/python bench/chat_abuse.py --corpus patagonia --repo PATH/TO/patagonia
(a git directory or a checkout; no file of it is copied except the selected utterances
written to the TSV).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
STRONG = re.compile(
    r"\b(?:fuck\w*|motherfuck\w*|shit\w*|cunt\w*|twat\w*|bastard\w*|bitch\w*|wank\w*|prick\w*"
    r"|dick(?:head)?s?|arse(?:hole)?s?|piss(?:ed|ing)?(?: off)?|bollocks|slut\w*|whore\w*"
    r"|cock(?:s|sucker)?|tosser\w*|bellend\w*)\b",
    re.IGNORECASE,
)
MILD = re.compile(
    r"\b(?:bloody|damn\w*|hell|bugger\w*|crap\w*|sod\w*|god|christ|jesus|devil\w*|bum)\b",
    re.IGNORECASE,
)


def held_out(name: str) -> bool:
    return int(hashlib.sha1(name.encode()).hexdigest(), 16) % 2 == 1


def all_development(name: str) -> bool:
    return False


@dataclass(frozen=True)
class Corpus:
    out: Path
    folder: str
    commit: str
    held_out: Callable[[str], bool]
    clean_sample: int
    # Patagonia mixes Welsh with Spanish turns, quotes words in “...” and ends turns with
    # bare time codes; Siarad's set was built without these steps and stays as it was.
    code_switched: bool = False


CORPORA = {
    "siarad": Corpus(DATA / "welsh_abuse_siarad.tsv", "beta", "5c7dee6", held_out, 1500),
    "patagonia": Corpus(
        DATA / "welsh_abuse_patagonia.tsv", "beta", "2be226c", all_development, 3000, True
    ),
}
_FOREIGN = re.compile(r"@s:(?:spa|eng)\b")


def spoken_in_welsh(line: str) -> bool:
    """False for a turn headed [- spa] / [- eng] or with most of its words marked foreign."""
    if re.search(r"\[- (?:spa|eng)\]", line):
        return False
    words = line.split(":", 1)[1].split()
    foreign = sum(bool(_FOREIGN.search(w)) for w in words)
    return foreign * 2 < len(words)


def welsh_text(line: str) -> str:
    """The spoken words of a CHAT main tier, markers and codes removed."""
    text = line.split(":", 1)[1].split("%snd", 1)[0]
    text = re.sub(r"\x15.*?\x15", " ", text)  # media bullets
    text = re.sub(r"\[[^\]]*\]", " ", text)  # [?], [/], [=! laughs]
    text = re.sub(r"&=\S+|&\S+|\bxx+\b|\+[./,<\"!?]+|[<>#]", " ", text)
    text = re.sub(r"@s:[a-z&+]+|@\w+", "", text)  # language markers
    text = re.sub(r"\(([^)]*)\)", r"\1", text)  # (y)na -> yna: the full word
    text = text.replace("_", " ")
    text = re.sub(r"\s+([.?!,])", r"\1", text)
    return " ".join(text.split()).strip(" .")


def code_switched_text(line: str) -> str | None:
    """A Patagonia turn's Welsh words, or None when the turn is not in Welsh."""
    if not spoken_in_welsh(line):
        return None
    line = re.sub(r"\b\d+_\d+\s*$", " ", line)  # bare time codes
    return welsh_text(re.sub(r"[“”\"]", " ", line))


def read_conversations(
    repo: Path, folder: str, code_switched: bool = False
) -> dict[str, list[tuple[str, str]]]:
    """Conversation name -> (Welsh utterance, English translation) pairs."""
    listing = subprocess.run(
        ["git", "-C", str(repo), "ls-tree", "-r", "--name-only", "HEAD", folder],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    conversations: dict[str, list[tuple[str, str]]] = {}
    for name in sorted(n for n in listing if n.endswith(".cha")):
        raw = subprocess.run(
            ["git", "-C", str(repo), "show", f"HEAD:{name}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        if code_switched and re.search(r"^@Languages:\s*spa", raw, re.MULTILINE):
            continue  # a Spanish conversation: untagged words are Spanish there
        pairs: list[tuple[str, str]] = []
        current: str | None = None
        for line in raw.splitlines():
            if line.startswith("*"):
                current = code_switched_text(line) if code_switched else welsh_text(line)
            elif line.startswith("%eng:") and current is not None:
                pairs.append((current, line.split(":", 1)[1].strip()))
                current = None
        conversations[Path(name).stem] = pairs
    return conversations


def label(welsh: str, english: str) -> str | None:
    """ "obscene", "clean" or None (too short, unintelligible, or only mildly rude)."""
    if len(welsh.split()) < 3 or "xx" in welsh:
        return None
    # "Dick" is a speaker's name in some conversations, not the word.
    if STRONG.search(re.sub(r"\bDick\b", "", english)):
        return "obscene"
    return None if MILD.search(english) else "clean"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", choices=sorted(CORPORA), default="siarad")
    parser.add_argument("--repo", type=Path, required=True, help="the corpus's git directory")
    args = parser.parse_args()
    corpus = CORPORA[args.corpus]
    rows: list[dict[str, str]] = []
    rng = random.Random(15)
    clean: list[dict[str, str]] = []
    for name, pairs in read_conversations(args.repo, corpus.folder, corpus.code_switched).items():
        split = "held-out" if corpus.held_out(name) else "dev"
        for welsh, english in pairs:
            kind = label(welsh, english)
            row = {"conversation": name, "split": split, "text": welsh, "english": english}
            if kind == "obscene":
                rows.append({**row, "label": kind})
            elif kind == "clean":
                clean.append({**row, "label": kind})
    rows += rng.sample(clean, min(corpus.clean_sample, len(clean)))
    with corpus.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(
            handle,
            fieldnames=["conversation", "split", "label", "text", "english"],
            delimiter="\t",
            lineterminator="\n",
        )
        writer.writeheader()
        writer.writerows(rows)
    counts: dict[tuple[str, str], int] = {}
    for row in rows:
        key = (row["split"], row["label"])
        counts[key] = counts.get(key, 0) + 1
    print(f"wrote {corpus.out}: {counts}")


if __name__ == "__main__":
    main()
