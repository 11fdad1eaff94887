"""The one request-text policy: what text and numbers from outside may reach the store.

Every edge (console forms, the JSON API, the simulator, CSV imports and the SMS,
WhatsApp and Telegram webhooks) applies these rules, so a hostile or broken
client gets a clear 4xx (or, for a resident's message, a cleaned text) instead of
a database error:

- PostgreSQL text cannot hold NUL (U+0000); no encoder can write a lone
  surrogate (U+D800..U+DFFF); other C0/C1 control characters are invisible in
  every page and export and only ever arrive from fuzzers or broken clients.
- Numbers are ASCII digits only: ``"²".isdigit()`` is true and ``int("١٢")``
  is 12, so ``str.isdigit`` + ``int`` lets other digit characters through.
- Row ids fit the key columns (PostgreSQL INTEGER, up to 2^31-1).

It lives in storage because these are the limits of what the store can hold.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

# The largest id any key column holds: the tables' keys are PostgreSQL INTEGER
# (signed 32-bit), so 2^31 and above is "no such row", not a database error
# (found by bench/fuzz.py: 2^63-1 passed a 64-bit check and PostgreSQL refused it).
MAX_DB_ID = 2**31 - 1
# Python's own limit for int() of a string is 4300 digits; ids need 19.
_ID_DIGITS = re.compile(r"[0-9]{1,19}")
_ASCII_INT = re.compile(r"[0-9]{1,18}")
# Tab, newline and carriage return are text; every other control character is not.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class UnsafeText(ValueError):
    """Text the store cannot hold or that only a broken or hostile client sends."""


def parse_id(text: str) -> int | None:
    """A row id from ASCII digits in 1..MAX_DB_ID, else None."""
    if not _ID_DIGITS.fullmatch(text):
        return None
    value = int(text)
    return value if 0 < value <= MAX_DB_ID else None


def parse_int(text: str, *, low: int = 0, high: int = 10**18) -> int | None:
    """A whole number from ASCII digits (no sign, no spaces) within [low, high], else None."""
    if not _ASCII_INT.fullmatch(text):
        return None
    value = int(text)
    return value if low <= value <= high else None


def unsafe_reason(text: str) -> str | None:
    """Why the text is refused, or None when it is acceptable as it is."""
    found = _UNSAFE.search(text)
    if found is None:
        return None
    char = found.group()
    if char == "\x00":
        return "contains a NUL character"
    if "\ud800" <= char <= "\udfff":
        return "contains an unpaired surrogate (not valid Unicode)"
    return f"contains the control character U+{ord(char):04X}"


def check_text(text: str, *, field: str = "text") -> str:
    """The text unchanged, or UnsafeText saying which field is wrong and why."""
    reason = unsafe_reason(text)
    if reason is not None:
        raise UnsafeText(f"{field} {reason}")
    return text


def clean_text(text: str) -> str:
    """A resident's text made storable without losing what was said.

    A lone surrogate (half of a broken emoji) becomes U+FFFD so the reader sees
    that something was there; NUL and other control characters, invisible
    anyway, are dropped.
    """
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub("", _SURROGATE.sub("\ufffd", text))


def unsafe_in(value: Any, *, path: str = "body") -> str | None:
    """The first refused string in a decoded JSON value (keys too), as 'where: why'."""
    if isinstance(value, str):
        reason = unsafe_reason(value)
        return f"{path} {reason}" if reason else None
    if isinstance(value, Mapping):
        for key, item in value.items():
            found = unsafe_in(str(key), path=f"{path} key") or unsafe_in(item, path=f"{path}.{key}")
            if found:
                return found
    elif isinstance(value, Sequence) and not isinstance(value, bytes | bytearray):
        for index, item in enumerate(value):
            found = unsafe_in(item, path=f"{path}[{index}]")
            if found:
                return found
    return None


def clean_json(value: Any) -> Any:
    """A decoded JSON value with every string (keys too) passed through :func:`clean_text`."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_text(str(k)): clean_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_json(v) for v in value]
    return value


class WordListError(ValueError):
    """A list of words or phrases an officer typed that cannot be kept as it is.

    ``kind`` ("too-long", "too-short", "too-many") and ``details`` let a console word
    the reason in its own languages; ``str()`` is English.
    """

    def __init__(self, message: str, *, kind: str, field: str, **details: str | int) -> None:
        super().__init__(message)
        self.kind = kind
        self.field = field
        self.details = details


#: A consultation's places to keep or words to hide: at most this many, each this long.
WORD_LIST_ITEMS = 200
WORD_LIST_CHARS = 80


def word_list(
    text: str,
    *,
    field: str = "list",
    max_items: int = WORD_LIST_ITEMS,
    max_chars: int = WORD_LIST_CHARS,
) -> list[str]:
    """One phrase a line (or comma separated), spaces tidied, repeats (any case) dropped.

    Each phrase needs two letters or digits: a one-letter entry in a list of words to
    hide would cut every "a" out of every answer. Raises UnsafeText or WordListError,
    which say which field is wrong and why.
    """
    check_text(text, field=field)
    found: dict[str, str] = {}
    for piece in re.split(r"[\n\r,;]+", text):
        phrase = " ".join(piece.split())
        if not phrase:
            continue
        if len(phrase) > max_chars:
            shown = phrase[:30] + "…"
            raise WordListError(
                f"{field}: '{shown}' is longer than {max_chars} characters",
                kind="too-long",
                field=field,
                phrase=shown,
                limit=max_chars,
            )
        if sum(ch.isalnum() for ch in phrase) < 2:
            raise WordListError(
                f"{field}: '{phrase}' needs at least two letters or digits",
                kind="too-short",
                field=field,
                phrase=phrase,
            )
        found.setdefault(phrase.casefold(), phrase)
        if len(found) > max_items:
            raise WordListError(
                f"{field}: at most {max_items} entries",
                kind="too-many",
                field=field,
                limit=max_items,
            )
    return list(found.values())
