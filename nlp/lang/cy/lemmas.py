"""Welsh plurals to singular, for matching ("ysgolion" and "ysgol" are one word).

Welsh forms plurals with suffixes (``ysgol`` -> ``ysgolion``, ``siop`` ->
``siopau``, ``stryd`` -> ``strydoedd``), by vowel change (``ffordd`` ->
``ffyrdd``, ``tŷ`` -> ``tai``) or both (``bws`` -> ``bysus``). Without a
morphological dictionary the suffix rule is only applied when the stripped
stem is a known word (:data:`nlp.lang.cy.lexicon.LEXICON`); irregular
plurals of common words are listed. Precision is therefore high and recall
limited to the lexicon: an unknown plural is left as it is, which costs a
missed match, never a wrong one.
"""

from __future__ import annotations

from collections.abc import Container
from functools import lru_cache

from nlp.lang.cy.lexicon import LEXICON
from nlp.lang.cy.stop_words import STOP_WORDS

#: Plural -> singular for plurals no suffix rule can undo.
IRREGULAR: dict[str, str] = {
    "tai": "tŷ",
    "ysbytai": "ysbyty",
    "ffyrdd": "ffordd",
    "bysus": "bws",
    "bysiau": "bws",
    "ceir": "car",
    "plant": "plentyn",
    "merched": "merch",
    "bechgyn": "bachgen",
    "dynion": "dyn",
    "athrawon": "athro",
    "athrawesau": "athrawes",
    "gweithwyr": "gweithiwr",
    "gofalwyr": "gofalwr",
    "cymdogion": "cymydog",
    "tyllau": "twll",
    "cwestiynau": "cwestiwn",
    "trefi": "tref",
    "pentrefi": "pentref",
    "meddygon": "meddyg",
    "teuluoedd": "teulu",
    "strydoedd": "stryd",
    "lorïau": "lori",
    "nyrsys": "nyrs",
    "grwpiau": "grŵp",
    "myfyrwyr": "myfyriwr",
    "dysgwyr": "dysgwr",
    "swyddogion": "swyddog",
    "cynghorwyr": "cynghorydd",
    "ymwelwyr": "ymwelydd",
    "siaradwyr": "siaradwr",
    "etholwyr": "etholwr",
    "disgyblion": "disgybl",
    "oedolion": "oedolyn",
    "rhieni": "rhiant",
    "ffrindiau": "ffrind",
    "cwsmeriaid": "cwsmer",
}

# Longest first, so "oedd" is tried before "edd" and "iau" before "au".
# "-s"/"-ys" are the colloquial plurals of borrowed nouns ("bins", "nyrsys").
_SUFFIXES = (
    "iadau", "oedd", "iaid", "iau", "ion", "ydd", "edd", "aid", "au", "on", "od", "ed", "ys",
    "i", "s",
)  # fmt: skip


@lru_cache(maxsize=65536)
def _singular(low: str) -> str:
    irregular = IRREGULAR.get(low)
    if irregular is not None:
        return irregular
    for suffix in _SUFFIXES:
        # Keep a stem of 2+ letters: "mai" is not "m" + "ai".
        if low.endswith(suffix) and len(low) - len(suffix) >= 2:
            stem = low[: -len(suffix)]
            if stem in LEXICON:
                return stem
    return low


def singular(word: str) -> str:
    """The singular of a (radical, lower-cased) Welsh noun, or the word itself.

    Args:
        word: A radical form, e.g. from :func:`nlp.lang.cy.mutations.demutate`.

    Returns:
        The singular, lower-cased (``ysgolion`` -> ``ysgol``, ``tai`` ->
        ``tŷ``); unknown plurals and non-nouns come back lower-cased.
    """
    return _singular(word.lower())


class KnownForms(Container[str]):
    """A lexicon that also knows the plurals of its words (for de-mutation).

    ``demutate("ysgolion")`` should find the radical ``ysgolion`` known even
    though only ``ysgol`` is listed. Stop words count as known so that a
    function word is never "de-mutated" into a content word (``na`` is not
    a nasal ``da``, ``fy`` is not a soft ``by``).
    """

    def __init__(self, lexicon: Container[str] = LEXICON | STOP_WORDS) -> None:
        self.lexicon = lexicon

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        return word in self.lexicon or _singular(word) != word


#: The default lexicon with plurals, for :func:`nlp.lang.cy.mutations.demutate`.
KNOWN_FORMS = KnownForms()
