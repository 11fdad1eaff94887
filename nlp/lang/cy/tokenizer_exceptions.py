"""Welsh tokenizer exceptions and clitic suffixes.

Welsh writes several short function words as clitics joined to the word
before them with an apostrophe: ``Mae'r`` (mae + yr), ``i'r`` (i + yr),
``wedi'u`` (wedi + eu), ``i'w`` (i + ei/eu), ``sy'n`` (sydd + yn). The clitic
must be its own token so that ``ysgol`` in ``i'r ysgol`` matches ``ysgol``,
and its NORM is the full form so stop-word and matching logic see ``yr``,
``yn``, ``eu``. The productive cases are handled by a suffix pattern (any
word + ``'r``); the exceptions below cover forms the suffix rule cannot
see: ``dwi`` (dw + i, no apostrophe), clitics written after a space
(``o 'r``) and leading-apostrophe colloquial forms (``'dw i``, ``'di``).

Both the ASCII apostrophe and the typographic one (U+2019) are handled,
because phones substitute the latter.
"""

from __future__ import annotations

from typing import Any

from spacy.lang.punctuation import TOKENIZER_SUFFIXES
from spacy.lang.tokenizer_exceptions import BASE_EXCEPTIONS
from spacy.symbols import NORM, ORTH
from spacy.util import update_exc

APOSTROPHES = ("'", "\u2019")

# Clitic (without its apostrophe) -> the full form it stands for.
# ``'n`` is overwhelmingly the particle/preposition ``yn``; its rarer reading
# ``ein`` (a'n = "and our") cannot be told apart without syntax.
CLITIC_NORMS: dict[str, str] = {
    "r": "yr",
    "n": "yn",
    "i": "ei",
    "u": "eu",
    "w": "ei",
    "m": "fy",
    "th": "dy",
    "ch": "eich",
    "ma": "yma",
    "na": "yna",
}

# Colloquial forms with a leading apostrophe (an elided first syllable).
_LEADING: dict[str, str] = {
    "dw": "ydw",
    "di": "wedi",
    "ma": "yma",
    "na": "yna",
    "sgen": "does gan",
    "mond": "dim ond",
}


def _case_variants(text: str) -> set[str]:
    return {text, text.lower(), text.capitalize(), text.upper()}


def _clitic_pattern() -> str:
    # Case-insensitive by character classes: inline (?i) flags are not
    # allowed inside the combined pattern spaCy compiles.
    def ci(word: str) -> str:
        return "".join(f"[{c}{c.upper()}]" for c in word)

    alternatives = "|".join(ci(c) for c in sorted(CLITIC_NORMS, key=len, reverse=True))
    # Only after a letter: a bare "'n" stays whole (see the exceptions).
    return rf"(?<=[^\W\d_])['\u2019](?:{alternatives})"


#: Suffix patterns for the Welsh tokenizer: spaCy's defaults plus clitics.
SUFFIXES: list[str] = [_clitic_pattern(), *TOKENIZER_SUFFIXES]


def _build() -> dict[str, list[dict[int, Any]]]:
    exc: dict[str, list[dict[int, Any]]] = {}
    for apos in APOSTROPHES:
        for clitic, norm in CLITIC_NORMS.items():
            for orth in _case_variants(apos + clitic):
                exc[orth] = [{ORTH: orth, NORM: norm}]
        for short, norm in _LEADING.items():
            for orth in _case_variants(apos + short):
                exc[orth] = [{ORTH: orth, NORM: norm}]
        # 'dwi = 'dw + i
        for dw, i in (("'dw", "i"), ("'Dw", "i"), ("'DW", "I")):
            dw = dw.replace("'", apos)
            exc[dw + i] = [{ORTH: dw, NORM: "ydw"}, {ORTH: i, NORM: "i"}]
    # dwi = dw + i (ydw i, "I am"); written solid in informal Welsh.
    for dw, i in (("dw", "i"), ("Dw", "i"), ("DW", "I")):
        exc[dw + i] = [{ORTH: dw, NORM: "ydw"}, {ORTH: i, NORM: "i"}]
    for dw in ("dw", "Dw", "DW"):
        exc[dw] = [{ORTH: dw, NORM: "ydw"}]
    return exc


TOKENIZER_EXCEPTIONS = update_exc(BASE_EXCEPTIONS, _build())


def clitic_norm(text: str) -> str | None:
    """The full form of a clitic token such as ``'r`` (``yr``), else None."""
    if len(text) > 1 and text[0] in APOSTROPHES:
        return CLITIC_NORMS.get(text[1:].lower()) or _LEADING.get(text[1:].lower())
    return None
