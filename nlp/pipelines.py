"""One cached spaCy pipeline per language, with the project's extensions.

Every token has ``Token._.match_form``: the form used to match words across
answers (theme labels, redaction lists, seeded codebooks). It reads the
lemma, which the language's components make into the match form:

* English: the lookup lemma, lower-cased, British spelling (``Bins`` ->
  ``bin``, ``colors`` -> ``colour``).
* Welsh: the de-mutated radical, lower-cased, singular for known nouns
  (``Nghaerdydd`` -> ``caerdydd``, ``dref`` -> ``tref``, ``ysgolion`` ->
  ``ysgol``); clitics give their full form (``'r`` -> ``yr``).
* Anything else: the lower-cased NORM.

Welsh tokens also get ``Token._.mutation`` (``"soft"``, ``"nasal"``,
``"aspirate"``, ``"h"`` or ``"none"``), and every ``Doc`` has
``Doc._.language``: the identified language of its text ("en", "cy" or
"other"; see :mod:`nlp.langid`).

Usage::

    nlp = get_pipeline("cy")
    for doc in nlp.pipe(answers, batch_size=256):
        forms = [t._.match_form for t in doc if not t.is_stop and t.is_alpha]
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from nlp import langid
from nlp.lang import own_components_only  # entering it registers Welsh
from nlp.lang.cy.lemmas import KNOWN_FORMS, singular
from nlp.lang.cy.mutations import Mutation, demutate
from nlp.lang.cy.tokenizer_exceptions import clitic_norm
from nlp.lang.en import build_english

_CACHE_LIMIT = 200_000
# A word this much likelier English than Welsh (in nats) is code-switching:
# "mae'r food yn fine". Welsh words shared with English ("fan") stay below.
ENGLISH_LOG_ODDS = 3.0

#: Languages with a dedicated pipeline; anything else gets "xx".
SUPPORTED: tuple[str, ...] = ("en", "cy")


def _match_form(token: Token) -> str:
    # A getter, not a stored attribute: setting an extension on every token
    # costs more than the rest of the Welsh pipeline, while the lemma is
    # already the match form (the language components see to that).
    return (token.lemma_ or token.norm_).lower()


def _register_extensions() -> None:
    # force=True keeps re-imports (e.g. under pytest) from raising.
    Token.set_extension("match_form", getter=_match_form, force=True)
    Token.set_extension("mutation", default=Mutation.NONE.value, force=True)
    Doc.set_extension("language", getter=lambda doc: langid.identify(doc.text), force=True)


_register_extensions()


class WelshDemutator:
    """Set each Welsh token's lemma (radical, singular) and record the mutation.

    The token before gives the context that licenses a mutation (``yng``
    -> nasal); the lexicon of radical forms breaks ties (``fara`` ->
    ``bara``). Known plurals then become singular (``ysgolion`` ->
    ``ysgol``, ``dai`` -> ``tai`` -> ``tŷ``). Words far likelier English than
    Welsh (code-switching, "mae'r bins yn llawn") are not de-mutated but
    take their English lemma (``bins`` -> ``bin``). See
    :mod:`nlp.lang.cy.mutations` and :mod:`nlp.lang.cy.lemmas` for the
    precision limits.
    """

    def __init__(self, use_lexicon: bool = True) -> None:
        self.use_lexicon = use_lexicon
        # (word, previous word) -> (lemma, mutation): answers repeat words.
        self._cache: dict[tuple[str, str | None], tuple[str, Mutation]] = {}
        self._english: Language | None = None

    def _english_lemma(self, text: str) -> str:
        # The shared English pipeline lemmatises code-switched words, so
        # "bins" in a Welsh answer matches "bin" in an English one.
        if self._english is None:
            self._english = get_pipeline("en")
        return self._english(text)[0].lemma_.lower()

    def _resolve(self, text: str, previous: str | None) -> tuple[str, Mutation]:
        key = (text, previous.lower() if previous else None)
        hit = self._cache.get(key)
        if hit is None:
            lexicon = KNOWN_FORMS if self.use_lexicon else None
            if langid.english_over_welsh(text) > ENGLISH_LOG_ODDS:
                # An English word in a Welsh answer: "fine" is not a soft "bine".
                hit = (self._english_lemma(text), Mutation.NONE)
            else:
                cand = demutate(text, previous=previous, lexicon=lexicon)
                hit = (singular(cand.radical), cand.mutation)
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            self._cache[key] = hit
        return hit

    def __call__(self, doc: Doc) -> Doc:
        previous: str | None = None
        for token in doc:
            text = token.text
            norm = clitic_norm(text)
            if norm is None and token.norm_ != token.lower_:
                norm = token.norm_  # a tokenizer exception spelt it out: dw -> ydw
            if norm is not None:
                token.lemma_ = norm
            elif token.is_alpha or "-" in text:
                lemma, mutation = self._resolve(text, previous)
                token.lemma_ = lemma
                if mutation is not Mutation.NONE:  # the default; skip the costly set
                    token._.mutation = mutation.value
            else:
                token.lemma_ = token.norm_
            # Punctuation breaks the mutation context ("i, Caerdydd").
            previous = text if (token.is_alpha or norm is not None) else None
        return doc


@Language.factory(
    "wm_welsh_demutator",
    assigns=["token.lemma", "token._.mutation"],
    default_config={"use_lexicon": True},
)
def make_welsh_demutator(nlp: Language, name: str, use_lexicon: bool) -> WelshDemutator:
    """spaCy factory for :class:`WelshDemutator`."""
    return WelshDemutator(use_lexicon=use_lexicon)


def _normalise_code(lang: str) -> str:
    code = lang.strip().lower().replace("_", "-").split("-")[0]
    return code if code in SUPPORTED else "xx"


def build_pipeline(lang: str, *, use_model: bool = False) -> Language:
    """Build a fresh pipeline (uncached); most callers want :func:`get_pipeline`.

    Args:
        lang: A language code ("en", "cy", "en-GB", "de" ...). Codes other
            than English and Welsh give the blank multilingual pipeline.
        use_model: For English, use an installed statistical model if any.

    Returns:
        A spaCy ``Language`` that sets ``Token._.match_form``.
    """
    code = _normalise_code(lang)
    with own_components_only():
        if code == "en":
            nlp = build_english(use_model=use_model)
        elif code == "cy":
            nlp = spacy.blank("cy")
            nlp.add_pipe("wm_welsh_demutator")
        else:
            nlp = spacy.blank("xx")
    return nlp


_lock = threading.Lock()


@lru_cache(maxsize=8)
def _cached(code: str) -> Language:
    return build_pipeline(code, use_model=True)


def get_pipeline(lang: str) -> Language:
    """The shared pipeline for ``lang`` ("en", "cy"; anything else -> "xx").

    Built once per process and cached; safe to call from several threads.

    Args:
        lang: A language code, case-insensitive; regional variants such as
            "en-GB" or "cy_GB" map to their language.

    Returns:
        The cached spaCy ``Language``. Batch with ``nlp.pipe(texts)``.
    """
    code = _normalise_code(lang)
    with _lock:  # building twice in parallel would waste a second or two
        return _cached(code)


def analyse(texts: Iterable[str], lang: str, *, batch_size: int = 256) -> Iterator[Doc]:
    """Run the ``lang`` pipeline over ``texts`` in batches (``nlp.pipe``)."""
    return get_pipeline(lang).pipe(texts, batch_size=batch_size)
