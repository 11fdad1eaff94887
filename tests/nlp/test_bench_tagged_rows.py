"""Rows of the name-finder sets from tagged words (bench/tagged_rows.py)."""

from __future__ import annotations

from bench.tagged_rows import tagged_row

WORDS = [
    ("Ask", "O"),
    ("Marc", "B-PER"),
    ("Gravell", "I-PER"),
    ("and", "O"),
    ("Tim", "I-PER"),  # an I- tag after an untagged word, as annotators slip
    ("Jones", "B-PER"),  # a B- tag right after a person: a second person
    ("at", "O"),
    ("Forbes", "B-ORG"),
]


def test_tagged_words_become_text_and_typed_spans() -> None:
    row = tagged_row(WORDS, {"PER": "person"}.get)
    assert row["text"] == "Ask Marc Gravell and Tim Jones at Forbes"
    # Each run is a span of its own; a type the set leaves untyped is no span.
    assert [row["text"][s["start"] : s["end"]] for s in row["spans"]] == [
        "Marc Gravell",
        "Tim",
        "Jones",
    ]
    assert {s["type"] for s in row["spans"]} == {"person"}
