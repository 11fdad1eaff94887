"""A row of a name-finder set from tagged words: the words joined by single spaces, and the
character spans of each run of B-/I- tags, typed as the set's reader names them.

bench/redaction.py's CoNLL files (WNUT-17 test), bench/stackoverflow_ner.py and
bench/tweebank_ner.py all build their rows so, and bench/redaction.py scores them per
whitespace token.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any


def tagged_row(
    words: Sequence[tuple[str, str]], kind_of: Callable[[str], str | None]
) -> dict[str, Any]:
    """``{"text", "spans"}`` from (word, IOB2 tag) pairs. ``kind_of`` maps a tag's type
    ("PER", "User_Name") to the span's type, or to None for a type the set leaves untyped; an
    I- tag goes on with the span right before it when that span has its type; after an
    untagged word it opens a span of its own, as a B- tag does."""
    text = ""
    spans: list[dict[str, Any]] = []
    for word, tag in words:
        start = len(text) + (1 if text else 0)
        text = f"{text} {word}" if text else word
        kind = kind_of(tag[2:]) if tag[:2] in ("B-", "I-") else None
        if kind is None:
            continue
        if (
            tag.startswith("I-")
            and spans
            and spans[-1]["type"] == kind
            and spans[-1]["end"] == start - 1
        ):
            spans[-1]["end"] = len(text)
        else:
            spans.append({"start": start, "end": len(text), "type": kind})
    return {"text": text, "spans": spans}
