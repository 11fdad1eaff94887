"""People named in tweets: Tweebank-NER v1.0, a Twitter set no model or rule here was fitted on.

Jiang, Hua, Beeferman and Roy, "Annotating the Tweebank Corpus on Named Entity Recognition
and Building NLP Models for Social Media Analysis" (LREC 2022; github.com/mit-ccc/TweebankNLP,
Apache-2.0) tags PER, LOC, ORG and MISC over Tweebank V2's 3,550 tweets of 2016, with the
users' handles and links already replaced ("@USER333", "URL1084"). WNUT-17's test split holds
tweets too, and this set has the same weak point for the name finder: things written like
people (hashtags, products, shows), which WNUT-17's dev split, YouTube comments, holds few
of. Rows come out like bench/stackoverflow_ner.py's: the words joined by single spaces, spans
typed "person", "location", "organization" and "other" (MISC).

Hashtags are tagged O: the annotators left "#FreeKesha" and "#GauriKhan" unnamed, as
WNUT-17's annotators left 824 of the 828 hashtags in their training tweets.

Splits: ``train`` and ``dev`` may be read to choose (from session 25 on; nothing here was
fitted on them before), ``test`` is read once, for the record.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.mirrors import read_text
from bench.tagged_rows import tagged_row

#: The commit read from a git mirror (the dataset's last change).
COMMIT = "173a7b06f711514bd104b25890f84c663bdcb090"
FOLDER = "Tweebank-NER-v1.0"
SPLITS = ("train", "dev", "test")
TYPES = {"PER": "person", "LOC": "location", "ORG": "organization", "MISC": "other"}


def _read(source: Path, split: str) -> str:
    """The split's text from a folder holding ``{split}.bio`` or a (bare) git mirror."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; expected one of {', '.join(SPLITS)}")
    return read_text(source, f"{split}.bio", commit=COMMIT, path=f"{FOLDER}/{split}.bio")


def parse(content: str) -> list[dict[str, Any]]:
    """Rows ``{"text", "spans"}``, one per tweet (columns: word, -, -, IOB2 tag)."""
    rows: list[dict[str, Any]] = []
    tweet: list[tuple[str, str]] = []
    for line in [*content.splitlines(), ""]:
        if line.startswith("-DOCSTART-"):
            continue
        if line.strip():
            columns = line.split("\t")
            tweet.append((columns[0], columns[-1] if len(columns) > 1 else "O"))
            continue
        if tweet:
            rows.append(tagged_row(tweet, TYPES.get))
        tweet = []
    return rows


def load(source: Path, split: str) -> list[dict[str, Any]]:
    """Rows ``{"text", "spans"}`` of one split.

    Args:
        source: a folder with ``{split}.bio`` files, or a git mirror of mit-ccc/TweebankNLP
            (read with ``git show``; nothing is copied).
        split: "train", "dev" or "test".
    """
    return parse(_read(source, split))
