"""A Welsh (``cy``) language class for spaCy, which ships none.

The package is laid out as spaCy's own ``spacy/lang/xx`` packages: ``stop_words``,
``tokenizer_exceptions``, ``lex_attrs``, plus what spaCy lacks for Welsh: ``mutations``
(soft/nasal/aspirate), ``lemmas`` and ``lexicon`` (radical forms), and ``gloss``
(word-by-word English, for the embedder).

The ``Welsh`` class lives in :mod:`nlp.lang.cy.language`; importing it (or asking this
package or ``nlp.lang`` for ``Welsh``, or entering ``nlp.lang.own_components_only``)
registers it in ``spacy.registry.languages`` so that ``spacy.blank("cy")`` works. The
word lists and the glossary import no spaCy: the embedder reads Welsh through the
glossary, and a cold ``themes discover`` should not wait ~2 s for spaCy to do that.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nlp.lang.cy.language import Welsh, WelshDefaults

__all__ = ["Welsh", "WelshDefaults"]


def __getattr__(name: str) -> object:
    if name in __all__:
        from nlp.lang.cy import language

        return getattr(language, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
