"""The Tweebank-NER reader (bench/tweebank_ner.py): people named in tweets."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.tweebank_ner import load

TWEETS = """-DOCSTART- -X- -X- O

RT\t-\t-\tO
@USER216\t-\t-\tO
:\t-\t-\tO
Marc\t-\t-\tB-PER
Gravell\t-\t-\tI-PER
in\t-\t-\tO
Nor\t-\t-\tB-LOC
Cal\t-\t-\tI-LOC
#FreeKesha\t-\t-\tO

Bron\t-\t-\tB-PER
Bron\t-\t-\tI-PER
at\t-\t-\tO
Forbes\t-\t-\tB-ORG
"""


def test_tweets_become_rows_with_typed_spans(tmp_path: Path) -> None:
    (tmp_path / "dev.bio").write_text(TWEETS, encoding="utf-8")
    rows = load(tmp_path, "dev")
    assert [row["text"] for row in rows] == [
        "RT @USER216 : Marc Gravell in Nor Cal #FreeKesha",
        "Bron Bron at Forbes",
    ]
    spans = [
        [(row["text"][s["start"] : s["end"]], s["type"]) for s in row["spans"]] for row in rows
    ]
    # A hashtag is tagged O, as the annotators left every one.
    assert spans == [
        [("Marc Gravell", "person"), ("Nor Cal", "location")],
        [("Bron Bron", "person"), ("Forbes", "organization")],
    ]


def test_an_unknown_split_or_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown split"):
        load(tmp_path, "validation")
    with pytest.raises(FileNotFoundError, match="no git repository"):
        load(tmp_path, "dev")
