"""Hashtags: a topic's label, written to be found, shown unless it names someone.

A hashtag joins words into a label others search for ("#FreeWeezy", "#BieberFact",
"#SoMoSunday", "#SaveLlayLibrary"), and the name finders read a capitalised stretch of it as a
person: "[name]" in its place tells an officer nothing. Annotators of social-media text agree:
WNUT-17's left 824 of the 828 hashtags in their training tweets untagged, and Tweebank-NER's
every one (bench/tweebank_ner.py). So a hashtag is a stretch where names are shown (read with
sayings.py's), unless it holds a given name followed by a surname ("#GauriKhan") or is a
given name alone ("thanks #Sarah"): that names someone, whoever campaigns with it.
"""

from __future__ import annotations

import re

from nlp.redaction.gazetteer import fold, load_gazetteer

# "#" then a word starting with a letter: "#4 bus" is a number, "C#" a language.
_HASHTAG = re.compile(r"(?<![\w#&])#([^\W\d_]\w*)")
# The words joined in a hashtag, by their capitals: "RIPAmjadSabari" -> RIP, Amjad, Sabari.
_PART = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")


def hashtags(text: str) -> list[tuple[int, int]]:
    """The stretches of ``text`` that are hashtags naming no one (see the docstring)."""
    if "#" not in text:
        return []
    return [m.span() for m in _HASHTAG.finditer(text) if not _names_someone(m.group(1))]


def _names_someone(body: str) -> bool:
    """Whether a hashtag's words hold a given name followed by a surname, or are one given
    name alone ("#Sarah": thanks to someone, as a hashtag). Each of three letters or more
    and written capitalised at least as often as not: "#SoMoSunday" and "#TaiChi" join
    words that name lists hold too."""
    g = load_gazetteer()
    keys = [fold(part) for part in _PART.findall(body)]
    if len(keys) == 1 and body[:1].isupper() and keys[0] in g.first_names:
        return True

    def name_like(key: str) -> bool:
        return len(key) > 2 and g.lower_prob(key) <= g.capital_prob(key)

    return any(
        first in g.first_names and last in g.surnames and name_like(first) and name_like(last)
        for first, last in zip(keys, keys[1:], strict=False)
    )
