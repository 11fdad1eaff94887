"""Render redacted text from an original text and typed character spans.

Pure functions with no project imports, shared by the redactor (nlp) and the
quote store: both must produce the same text for the same spans, so that an
officer's edit re-renders exactly what the redactor would have shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

# Every placeholder type a span may carry; "redacted" is the deny-list's.
SPAN_TYPES = frozenset(
    {
        "name",
        "phone",
        "email",
        "postcode",
        "nino",
        "nhs_number",
        "card",
        "date_of_birth",
        "address",
        "url",
        "handle",
        "vehicle_reg",
        "bank_account",
        "redacted",
    }
)


class SpanError(ValueError):
    """A span that does not fit the text or names an unknown type."""


def placeholder(span_type: str) -> str:
    return f"[{span_type}]"


def normalise_spans(
    spans: Iterable[Mapping[str, Any]], *, text_length: int
) -> list[dict[str, Any]]:
    """Validate, sort and merge overlapping or touching spans.

    Overlaps are merged because two placeholders for one stretch of text would
    leak the length structure of what was removed; the merged span keeps the
    type of whichever part is longer (the first on a tie).
    """
    checked: list[dict[str, Any]] = []
    for raw in spans:
        try:
            start, end, span_type = int(raw["start"]), int(raw["end"]), str(raw["type"])
        except (KeyError, TypeError, ValueError) as exc:
            raise SpanError(f"a span needs integer start, end and a type: {raw!r}") from exc
        if not 0 <= start < end <= text_length:
            raise SpanError(f"span {start}-{end} does not fit a text of {text_length} characters")
        if span_type not in SPAN_TYPES:
            raise SpanError(f"unknown span type {span_type!r}")
        checked.append({"start": start, "end": end, "type": span_type})
    checked.sort(key=lambda s: (s["start"], -s["end"]))
    merged: list[dict[str, Any]] = []
    for span in checked:
        if merged and span["start"] <= merged[-1]["end"]:
            last = merged[-1]
            if span["end"] - span["start"] > last["end"] - last["start"]:
                last["type"] = span["type"]
            last["end"] = max(last["end"], span["end"])
        else:
            merged.append(dict(span))
    return merged


def render_redacted(text: str, spans: Iterable[Mapping[str, Any]]) -> str:
    """Replace each span of `text` with its typed placeholder, e.g. ``[phone]``."""
    parts: list[str] = []
    cursor = 0
    for span in normalise_spans(spans, text_length=len(text)):
        parts.append(text[cursor : span["start"]])
        parts.append(placeholder(span["type"]))
        cursor = span["end"]
    parts.append(text[cursor:])
    return "".join(parts)
