"""A Welsh (``cy``) language class for spaCy, which ships none.

Importing this module registers ``Welsh`` in ``spacy.registry.languages``
so that ``spacy.blank("cy")`` works (``nlp.lang`` imports it for you). It
provides what a blank pipeline needs to tokenise Welsh properly:
clitic-aware tokenisation (``Mae'r`` -> ``Mae`` + ``'r``), Welsh stop words,
and NORM values that spell clitics out (``'r`` -> ``yr``). De-mutation for
matching is a pipeline component, see :mod:`nlp.pipelines`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.attrs import LIKE_NUM, NORM
from spacy.lang.lex_attrs import LEX_ATTRS
from spacy.language import BaseDefaults, Language
from spacy.util import registry

from nlp.lang.welsh_stop_words import STOP_WORDS
from nlp.lang.welsh_tokenizer_exceptions import SUFFIXES, TOKENIZER_EXCEPTIONS, clitic_norm


def _norm(text: str) -> str:
    # Clitics produced by the suffix rule never pass through the exception
    # table, so their NORM is set here: "'r" -> "yr", "’n" -> "yn".
    return clitic_norm(text) or text.lower().replace("\u2019", "'")


# Cardinal and ordinal number words, radical and common mutated forms
# ("dwy", "ddau", "bedwar", "phump"), so "tri bws" has a number in it.
_NUM_WORDS = frozenset(
    """
dim un dau ddau dwy ddwy tri dri thri tair dair thair pedwar bedwar pedair bedair pump bump
mhump phump pum bum chwech chwe saith wyth naw deg ddeg undeg un-deg ugain hugain cant gant
chant mil fil miliwn filiwn biliwn cyntaf gyntaf ail trydydd drydydd trydedd pedwerydd
bedwerydd pumed bumed chweched seithfed wythfed nawfed degfed ddegfed canfed milfed
""".split()
)


def _like_num(text: str) -> bool:
    # Digits and fractions as spaCy's English does, Welsh words on top.
    if text[:1] in "+-±~":
        text = text[1:]
    stripped = text.replace(",", "").replace(".", "")
    if stripped.isdigit():
        return True
    if stripped.count("/") == 1:
        num, denom = stripped.split("/")
        if num.isdigit() and denom.isdigit():
            return True
    low = text.lower()
    # Ordinals written with digits: 1af, 2il, 3ydd, 4ydd, 5ed, 20fed.
    for suffix in ("af", "il", "ydd", "edd", "ed", "fed"):
        if low.endswith(suffix) and low[: -len(suffix)].isdigit():
            return True
    return low in _NUM_WORDS


_LEX_ATTRS: dict[int, Callable[[str], Any]] = {**LEX_ATTRS, NORM: _norm, LIKE_NUM: _like_num}


class WelshDefaults(BaseDefaults):
    """Tokenizer rules, stop words and lexical attributes for Welsh."""

    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    suffixes = SUFFIXES
    stop_words = set(STOP_WORDS)
    lex_attr_getters = _LEX_ATTRS


class Welsh(Language):  # type: ignore[no-untyped-call]  # spaCy's hook is untyped
    """Welsh (Cymraeg), ISO 639-1 ``cy``."""

    lang = "cy"
    Defaults = WelshDefaults


registry.languages.register("cy", func=Welsh)

__all__ = ["Welsh"]
