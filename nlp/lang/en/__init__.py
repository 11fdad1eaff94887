"""The English pipeline: blank English + lookup lemmatizer, model optional.

The default needs nothing but spaCy and ``spacy-lookups-data`` (both
installed by ``pip install .``): a blank English tokenizer and the lookup
lemmatizer (``bins`` -> ``bin``, ``went`` -> ``go``). If a statistical model
(``en_core_web_sm``) happens to be installed it is used instead, for better
lemmas from POS tags, but it is never required and never downloaded.
"""

from __future__ import annotations

import logging
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import is_package

logger = logging.getLogger(__name__)

#: Statistical models tried, in order, before falling back to the blank pipeline.
OPTIONAL_MODELS: tuple[str, ...] = ("en_core_web_sm",)

# US spellings mapped to the British forms used by UK public bodies, so that
# "color" and "colour" land on one match form. Lemmas pass through this.
SPELLING: dict[str, str] = {
    "center": "centre",
    "color": "colour",
    "neighbor": "neighbour",
    "neighborhood": "neighbourhood",
    "program": "programme",
    "organize": "organise",
    "organization": "organisation",
    "recognize": "recognise",
    "apologize": "apologise",
    "realize": "realise",
    "prioritize": "prioritise",
    "criticize": "criticise",
    "favor": "favour",
    "favorite": "favourite",
    "behavior": "behaviour",
    "labor": "labour",
    "license": "licence",
    "defense": "defence",
    "theater": "theatre",
    "meter": "metre",
    "gray": "grey",
    "tire": "tyre",
    "curb": "kerb",
    "pediatric": "paediatric",
    "anemia": "anaemia",
    "traveling": "travelling",
    "traveled": "travelled",
    "canceled": "cancelled",
    "canceling": "cancelling",
    "mom": "mum",
}


# -ing words that answers use as nouns: the lookup table turns "parking"
# into "park" and "housing" into "house", merging car parks with parks.
KEEP_ING: frozenset[str] = frozenset(
    """parking housing funding planning building training lighting flooding littering
    recycling spending fouling speeding shopping swimming fencing paving surfacing
    gritting policing nursing schooling wellbeing booking meeting opening closing
    crossing clothing heating cladding bedding seating wiring plumbing landing
    dwelling learning teaching counselling ticketing""".split()
)


class EnglishLemmaRules:
    """Rules on top of the lookup lemmatizer.

    * The lookup table is keyed by lower-case text, so "Bins" at the start of
      an answer (or "POTHOLES" shouted) would keep its plural: look the
      lower-cased word up when the lemmatizer left a word unchanged.
    * Keep -ing nouns common in answers about services (:data:`KEEP_ING`).
    * Keep "'s" neutral (the table maps it to "have").
    * British spelling (:data:`SPELLING`), so "color" and "colour" match.
    """

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self._table: Any = None

    def _lookup(self) -> Any:
        if self._table is None:
            self._table = {}
            if "lemmatizer" in self.nlp.pipe_names:
                lemmatizer: Any = self.nlp.get_pipe("lemmatizer")
                if lemmatizer.lookups.has_table("lemma_lookup"):
                    self._table = lemmatizer.lookups.get_table("lemma_lookup")
        return self._table

    def __call__(self, doc: Doc) -> Doc:
        table = self._lookup()
        for token in doc:
            text = token.text
            if text in ("'s", "\u2019s", "'S"):
                # The table maps "'s" to "have" (from "he's"); possessives and
                # "is" are far commoner in answers, so keep it neutral.
                token.lemma_ = "'s"
                continue
            lower = text.lower()
            if lower in KEEP_ING:
                lemma = lower
            elif lower.endswith("ings") and lower[:-1] in KEEP_ING:
                lemma = lower[:-1]  # buildings -> building, not build
            else:
                lemma = token.lemma_
                if lemma == text and not text.islower():
                    lemma = table.get(lower, lower)
                lemma = SPELLING.get(lemma.lower(), lemma)
            if lemma != token.lemma_:
                token.lemma_ = lemma
        return doc


@Language.factory("wm_en_lemma_rules", assigns=["token.lemma"])
def make_en_lemma_rules(nlp: Language, name: str) -> EnglishLemmaRules:
    """spaCy factory for :class:`EnglishLemmaRules`."""
    return EnglishLemmaRules(nlp)


def build_english(*, use_model: bool = True) -> Language:
    """An English pipeline whose lemmas are match forms (lower-case aside).

    Args:
        use_model: Try the optional statistical models first. Tests pass
            False to get the same pipeline on every machine.

    Returns:
        A spaCy ``Language`` whose tokens have ``lemma_`` set, in British
        spelling, with -ing nouns of public services kept.
    """
    if use_model:
        for name in OPTIONAL_MODELS:
            if is_package(name):
                logger.info("using installed English model %s", name)
                # Parser and NER are not needed for matching and cost time.
                model = spacy.load(name, exclude=["parser", "ner"])
                model.add_pipe("wm_en_lemma_rules")
                return model
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.add_pipe("wm_en_lemma_rules")
    # Loads the lookup table from spacy-lookups-data (a local package).
    nlp.initialize()
    return nlp
