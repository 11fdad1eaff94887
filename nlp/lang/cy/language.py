"""The spaCy ``Language`` class for Welsh; importing this module registers ``cy``.

It provides what a blank pipeline needs to tokenise Welsh properly:
clitic-aware tokenisation (``Mae'r`` -> ``Mae`` + ``'r``), Welsh stop words,
and NORM values that spell clitics out (``'r`` -> ``yr``). De-mutation for
matching is a pipeline component, see :mod:`nlp.pipelines`.
"""

from __future__ import annotations

from spacy.language import BaseDefaults, Language
from spacy.util import registry

from nlp.lang.cy.lex_attrs import LEX_ATTRS_CY
from nlp.lang.cy.stop_words import STOP_WORDS
from nlp.lang.cy.tokenizer_exceptions import SUFFIXES, TOKENIZER_EXCEPTIONS


class WelshDefaults(BaseDefaults):
    """Tokenizer rules, stop words and lexical attributes for Welsh."""

    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    suffixes = SUFFIXES
    stop_words = set(STOP_WORDS)
    lex_attr_getters = LEX_ATTRS_CY


class Welsh(Language):  # type: ignore[no-untyped-call]  # spaCy's hook is untyped
    """Welsh (Cymraeg), ISO 639-1 ``cy``."""

    lang = "cy"
    Defaults = WelshDefaults


registry.languages.register("cy", func=Welsh)

__all__ = ["Welsh", "WelshDefaults"]
