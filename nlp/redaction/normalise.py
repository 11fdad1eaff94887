"""A detection copy of a text with look-alikes folded, and the way back to the original.

Detectors run on the copy, where full-width digits are ASCII, non-breaking and
other odd spaces are plain spaces, and the many Unicode dashes, dots and at-signs
are their ASCII forms; every offset found there is mapped back to the original,
so the spans and the redacted text always refer to what the resident wrote.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Characters NFKC leaves alone that still stand in for ASCII punctuation.
_EXTRA = {
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2012": "-",  # figure dash
    "\u2013": "-",  # en dash
    "\u2014": "-",  # em dash
    "\u2015": "-",  # horizontal bar
    "\u2212": "-",  # minus sign
    "\u30fc": "-",  # katakana prolonged sound mark, used as a dash
    "\u2022": ".",  # bullet
    "\u00b7": ".",  # middle dot
    "\u2219": ".",  # bullet operator
    "\u3002": ".",  # ideographic full stop
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u200b": "",  # zero-width space: hides a break inside a number or address
    "\u200c": "",
    "\u200d": "",
    "\u2060": "",
    "\ufeff": "",
    "\u00ad": "",  # soft hyphen
}


@dataclass(frozen=True)
class Normalised:
    """The detection copy and, for each of its characters, where it came from."""

    text: str
    # origin[i] = index in the original of the character that produced text[i];
    # one extra entry maps the end of the copy to the end of the original.
    origin: tuple[int, ...] | None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the copy to the original text."""
        if self.origin is None:
            return start, end
        begin = self.origin[start]
        # The end is just past the last original character the span touches.
        finish = self.origin[end - 1] + 1 if end > start else begin
        return begin, finish


def _fold(char: str) -> str:
    if char in _EXTRA:
        return _EXTRA[char]
    folded = unicodedata.normalize("NFKC", char)
    # NFKC maps NBSP, thin and figure spaces to " " but not every space separator.
    if len(folded) == 1 and folded != " " and unicodedata.category(folded) == "Zs":
        return " "
    return folded


# A capital "I" inside a lower-case word: some keyboards and exports write every "i" so
# ("FrIendly and supportIve servIce", "the Agnes UnIt"; one NHS answer in twelve). Read as
# capitals, "wIght" and "EllIot" look like names and "UnIt" is no unit. A word's first
# letter is left alone ("In", "Is" and "Ian" are also written so).
_INNER_I = re.compile(r"\b[A-Za-z][a-z]*I[a-zI]*\b")
#: ... and only in a text that does it this often: "McIntyre" alone is a surname.
_INNER_I_HABIT = 2


def _inner_i_lowered(text: str) -> str:
    """The text with each word's inner capital "I" written "i", if its writer writes them
    so (_INNER_I_HABIT times or more); otherwise the text itself. Same length."""
    if "I" not in text:
        return text
    words = [m for m in _INNER_I.finditer(text) if any(ch.islower() for ch in m.group())]
    if len(words) < _INNER_I_HABIT:
        return text
    chars = list(text)
    for match in words:
        for k in range(match.start() + 1, match.end()):
            if chars[k] == "I":
                chars[k] = "i"
    return "".join(chars)


def normalise(text: str) -> Normalised:
    """Fold look-alikes for detection, keeping a map back to the original.

    Each original character is folded on its own (never merged with its
    neighbours), so the copy can be a different length but every copy
    character points at exactly one original character.
    """
    text = _inner_i_lowered(text)  # same length: the offsets still fit the original
    if text.isascii():
        return Normalised(text=text, origin=None)
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = _fold(char)
        pieces.append(folded)
        origin.extend([index] * len(folded))
    origin.append(len(text))
    return Normalised(text="".join(pieces), origin=tuple(origin))
