"""Places whose names are joined by hyphens around a linking word: every word inside is shown.

England and Wales name many a town after the river or the land beside it, written as one
hyphened word: "Bangor-on-Dee", "Newcastle-under-Lyme", "Barrow-in-Furness",
"Berwick-upon-Tweed", "Chapel-en-le-Frith", "Ashby-de-la-Zouch", "Tal-y-Bont",
"Bangor-is-y-coed". The tokeniser splits such a word at its hyphens and the name finders read
"Dee", "Lyme", "Arden" or "Tal" alone as people ("Bangor-on-[name] needs a pavement").

No person's name is written with a linking word between hyphens (double-barrelled names join
two names, "Rees-Mogg", "Mary-Kate"), so the whole hyphened word is a place whether or not
the gazetteer lists it. Read with sayings.py's stretches: a name wholly inside one is shown.
"""

from __future__ import annotations

import re

# The words that link a place's parts: English and Norman ("on", "upon", "under", "in",
# "by", "next", "cum", "super", "en", "le", "de", "la", "the": "Bourton-on-the-Water") and
# Welsh ("y", "yr", "ym", "yng", "is", "ar", "dan": "Betws-y-Coed", "Llanfair-ym-Muallt").
_LINKS = (
    "on upon under in by next over cum super en le de la the y yr ym yng is ar dan uwch".split()
)
_HYPHENED_PLACE = re.compile(
    r"(?<![\w'’-])[^\W\d_][\w'’]*(?:-(?:" + "|".join(_LINKS) + r"))+-[^\W\d_][\w'’]*(?![\w-])",
    re.IGNORECASE,
)


def hyphened_places(text: str) -> list[tuple[int, int]]:
    """The stretches of ``text`` that are a place's hyphened name (see the docstring)."""
    return [m.span() for m in _HYPHENED_PLACE.finditer(text)]
