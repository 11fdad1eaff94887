"""SMS text encoding: GSM-7 vs UCS-2, segment counts, GSM-friendly wording, splitting.

Residents pay nothing, but the service pays per segment, and a single curly
quote turns a 160-character GSM-7 message into a 70-character UCS-2 one.
These functions are pure so the conversation engine's tests can check that
every catalogue message fits, and the SMS channel can render replies.

Counting follows GSM 03.38 and the 3GPP concatenation rules Twilio applies:

* GSM-7: 160 septets in one segment, 153 per segment when concatenated;
  characters of the extension table (``€ [ ] { } ^ ~ | \\`` and form feed)
  take two septets (escape + character) and are never split across segments.
* UCS-2 (really UTF-16): 70 units in one segment, 67 when concatenated;
  characters outside the BMP (most emoji) take two units, a surrogate pair,
  which is never split across segments either.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal

Encoding = Literal["GSM-7", "UCS-2"]
_Fits = Callable[[str], bool]

# GSM 03.38 default alphabet (the 0x1B escape itself is not a character).
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
# Extension table: each costs an escape septet plus itself.
GSM7_EXTENSION = frozenset("\f^{}\\[~]|€")

GSM7_SINGLE_SEGMENT = 160
GSM7_MULTI_SEGMENT = 153
UCS2_SINGLE_SEGMENT = 70
UCS2_MULTI_SEGMENT = 67

# Typographic characters with a GSM-7 twin of identical meaning. Letters are
# never touched: Welsh ŵ, ŷ, â ... are spelling, not typography, and a message
# that needs them is sent as UCS-2.
_GSM_FRIENDLY = str.maketrans(
    {
        "\u2018": "'",  # left single quotation mark
        "\u2019": "'",  # right single quotation mark / apostrophe
        "\u201a": "'",  # single low-9 quotation mark
        "\u201b": "'",  # single high-reversed-9 quotation mark
        "\u2032": "'",  # prime
        "\u02bc": "'",  # modifier letter apostrophe
        "\u201c": '"',  # left double quotation mark
        "\u201d": '"',  # right double quotation mark
        "\u201e": '"',  # double low-9 quotation mark
        "\u201f": '"',  # double high-reversed-9 quotation mark
        "\u2033": '"',  # double prime
        "\u00ab": '"',  # left-pointing double angle quotation mark
        "\u00bb": '"',  # right-pointing double angle quotation mark
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2015": "-",  # horizontal bar
        "\u2212": "-",  # minus sign
        "\u2026": "...",  # horizontal ellipsis
        "\u00a0": " ",  # no-break space
        "\u2002": " ",  # en space
        "\u2003": " ",  # em space
        "\u2004": " ",
        "\u2005": " ",
        "\u2006": " ",
        "\u2007": " ",  # figure space
        "\u2008": " ",
        "\u2009": " ",  # thin space
        "\u200a": " ",  # hair space
        "\u202f": " ",  # narrow no-break space
        "\u205f": " ",
        "\u3000": " ",
        "\t": " ",
        "\u200b": None,  # zero-width space
        "\u200c": None,  # zero-width non-joiner
        "\u200d": None,  # zero-width joiner
        "\u2060": None,  # word joiner
        "\ufeff": None,  # byte-order mark / zero-width no-break space
        "\u00ad": None,  # soft hyphen
        "\u2022": "-",  # bullet
        "\u2023": "-",  # triangular bullet
        "\u2043": "-",  # hyphen bullet
        "\u2024": ".",  # one dot leader
        "\u2028": "\n",  # line separator
        "\u2029": "\n",  # paragraph separator
    }
)


_GSM7_ALL = GSM7_BASIC | GSM7_EXTENSION


def is_gsm7(text: str) -> bool:
    """True when every character is in the GSM 03.38 basic or extension table."""
    # A set operation rather than a test per character: every reply is checked
    # several times while it is split into segments.
    return _GSM7_ALL.issuperset(text)


def encoding(text: str) -> Encoding:
    """The encoding a carrier will use: GSM-7 when possible, else UCS-2."""
    return "GSM-7" if is_gsm7(text) else "UCS-2"


def _unit_costs(text: str, enc: Encoding) -> list[int]:
    """Per-character cost in septets (GSM-7) or UTF-16 code units (UCS-2)."""
    if enc == "GSM-7":
        return [2 if char in GSM7_EXTENSION else 1 for char in text]
    return [2 if ord(char) > 0xFFFF else 1 for char in text]


def units(text: str) -> int:
    """Length of the text in its encoding's units (septets or UTF-16 code units)."""
    return sum(_unit_costs(text, encoding(text)))


def segment_count(text: str) -> int:
    """Number of SMS segments the text is billed as (0 for the empty string)."""
    if not text:
        return 0
    enc = encoding(text)
    single, multi = (
        (GSM7_SINGLE_SEGMENT, GSM7_MULTI_SEGMENT)
        if enc == "GSM-7"
        else (UCS2_SINGLE_SEGMENT, UCS2_MULTI_SEGMENT)
    )
    if GSM7_EXTENSION.isdisjoint(text) if enc == "GSM-7" else max(text) <= "\uffff":
        # Every character costs one unit, so nothing is indivisible: the
        # greedy packing below comes to ceil(n / multi). Most replies are
        # like this, and every reply is counted on every webhook.
        return 1 if len(text) <= single else -(-len(text) // multi)
    costs = _unit_costs(text, enc)
    if sum(costs) <= single:
        return 1
    # Pack greedily: an escape sequence or surrogate pair is indivisible, so a
    # segment may end one unit short and the count can exceed ceil(n / 153).
    segments, used = 1, 0
    for cost in costs:
        if used + cost > multi:
            segments += 1
            used = 0
        used += cost
    return segments


def gsm_friendly(text: str) -> str:
    """Replace typographic characters by their GSM-7 equivalents of the same meaning.

    Curly quotes, dashes, ellipsis, exotic spaces, bullets and invisible
    characters are normalised; letters (Welsh circumflexes, accents) and emoji
    are kept, because changing them would change what the message says.
    """
    return text.translate(_GSM_FRIENDLY)


# Split levels from the most to the least natural place to break a message:
# (pattern that separates pieces, text that joins them back within one part).
_SPLIT_LEVELS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\n[ \t]*\n\s*"), "\n\n"),  # paragraphs
    (re.compile(r"[ \t]*\n\s*"), "\n"),  # lines
    (re.compile(r"(?<=[.!?…])\s+"), " "),  # sentences
    (re.compile(r"(?<=[,;:])\s+"), " "),  # clauses
    (re.compile(r"\s+"), " "),  # words
)

DEFAULT_SEGMENTS_PER_PART = 3


def split_for_sms(
    text: str,
    *,
    max_chars_per_part: int | None = None,
    max_segments_per_part: int = DEFAULT_SEGMENTS_PER_PART,
) -> list[str]:
    """Split a long reply into parts, breaking at paragraphs, then sentences, then words.

    Args:
        text: The reply.
        max_chars_per_part: Upper bound on each part's length in its encoding's
            units (septets for GSM-7, UTF-16 units for UCS-2; equal to the
            character count for ordinary text). When None, each part must fit in
            ``max_segments_per_part`` segments instead.
        max_segments_per_part: Segment budget per part when no character bound
            is given (3 segments = 459 GSM-7 or 201 UCS-2 characters).

    Returns:
        The parts in order, stripped, none empty; ``[]`` for blank text. Parts
        are only cut inside a word when a single word is longer than a part.
    """
    if max_chars_per_part is not None and max_chars_per_part < 2:
        raise ValueError("max_chars_per_part must be at least 2")
    if max_segments_per_part < 1:
        raise ValueError("max_segments_per_part must be at least 1")

    def fits(part: str) -> bool:
        if max_chars_per_part is not None:
            return units(part) <= max_chars_per_part
        return segment_count(part) <= max_segments_per_part

    text = text.strip()
    if not text:
        return []
    return _split(text, fits, 0)


def _split(text: str, fits: _Fits, level: int) -> list[str]:
    if fits(text):
        return [text]
    if level >= len(_SPLIT_LEVELS):
        return _hard_cut(text, fits)
    pattern, joiner = _SPLIT_LEVELS[level]
    pieces = [piece for piece in pattern.split(text) if piece.strip()]
    if len(pieces) <= 1:
        return _split(text, fits, level + 1)
    parts: list[str] = []
    current = ""
    for piece in pieces:
        piece = piece.strip()
        candidate = f"{current}{joiner}{piece}" if current else piece
        if fits(candidate):
            current = candidate
            continue
        if current:
            parts.append(current)
        if fits(piece):
            current = piece
        else:
            # This piece alone is too long: break it at a finer level and keep
            # its tail open so following pieces can join it.
            sub = _split(piece, fits, level + 1)
            parts.extend(sub[:-1])
            current = sub[-1]
    if current:
        parts.append(current)
    return parts


def _hard_cut(text: str, fits: _Fits) -> list[str]:
    # A single "word" longer than a part (a URL, a run of emoji): cut between
    # code points, so surrogate pairs and escape sequences stay whole.
    parts: list[str] = []
    current = ""
    for char in text:
        if current and not fits(current + char):
            parts.append(current)
            current = ""
        current += char
    if current:
        parts.append(current)
    return parts
