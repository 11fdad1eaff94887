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

from spacy.attrs import NORM
from spacy.lang.lex_attrs import LEX_ATTRS
from spacy.language import BaseDefaults, Language
from spacy.util import registry

from nlp.lang.welsh_stop_words import STOP_WORDS
from nlp.lang.welsh_tokenizer_exceptions import SUFFIXES, TOKENIZER_EXCEPTIONS, clitic_norm


def _norm(text: str) -> str:
    # Clitics produced by the suffix rule never pass through the exception
    # table, so their NORM is set here: "'r" -> "yr", "’n" -> "yn".
    return clitic_norm(text) or text.lower().replace("\u2019", "'")


_LEX_ATTRS: dict[int, Callable[[str], Any]] = {**LEX_ATTRS, NORM: _norm}


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
