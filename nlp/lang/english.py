"""The English pipeline: blank English + lookup lemmatizer, model optional.

The default needs nothing but spaCy and ``spacy-lookups-data`` (both
installed by ``pip install .``): a blank English tokenizer and the lookup
lemmatizer (``bins`` -> ``bin``, ``went`` -> ``go``). If a statistical model
(``en_core_web_sm``) happens to be installed it is used instead, for better
lemmas from POS tags, but it is never required and never downloaded.
"""

from __future__ import annotations

import logging

import spacy
from spacy.language import Language
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


def build_english(*, use_model: bool = True) -> Language:
    """An English pipeline with lemmas (match forms are added by the caller).

    Args:
        use_model: Try the optional statistical models first. Tests pass
            False to get the same pipeline on every machine.

    Returns:
        A spaCy ``Language`` whose tokens have ``lemma_`` set.
    """
    if use_model:
        for name in OPTIONAL_MODELS:
            if is_package(name):
                logger.info("using installed English model %s", name)
                # Parser and NER are not needed for matching and cost time.
                return spacy.load(name, exclude=["parser", "ner"])
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    # Loads the lookup table from spacy-lookups-data (a local package).
    nlp.initialize()
    return nlp


def english_match_form(lemma: str) -> str:
    """The match form of an English lemma: lower-cased, British spelling."""
    low = lemma.lower().replace("\u2019", "'")
    if low.endswith("'s") and len(low) > 2:
        low = low[:-2]
    return SPELLING.get(low, low)
