"""spaCy components that collect PII spans on ``Doc._.pii``.

Add them to any pipeline (the project's "en"/"cy" pipelines or a blank one):

    nlp.add_pipe("wm_pii_patterns")
    nlp.add_pipe("wm_pii_names", config={"welsh": False})
    nlp.add_pipe("wm_pii_model_names", config={"listed_only": False, "names": ["minilm"]})

Each appends ``(start, end, type)`` character spans over ``doc.text`` to
``doc._.pii``; overlaps are resolved by the Redactor, which also folds
Unicode look-alikes before the text reaches the pipeline.
"""

from __future__ import annotations

from bisect import bisect_left
from operator import itemgetter

from spacy.language import Language
from spacy.tokens import Doc

from nlp.redaction import models
from nlp.redaction.contextual import shared_finder
from nlp.redaction.detect import find_patterns
from nlp.redaction.gazetteer import (
    NAME_RANK,
    Gazetteer,
    common_given_names,
    fold,
    load_gazetteer,
    popular_first_names,
)
from nlp.redaction.name_cues import (
    NAMED_AFTER,
    WELSH_NAME_KEYS,
    person_cue_before_cy,
    previous_word,
    title,
)
from nlp.redaction.names import NameDetector
from nlp.redaction.statistical import CONTEXTUAL, ModelNameFinder
from nlp.redaction.welsh_mutated_names import mutated_given_names
from nlp.redaction.welsh_words import ordinary_in_welsh, welsh_word

Doc.set_extension("pii", default=None, force=True)
# The rules' uncued name spans, waiting for the statistical finders' support.
Doc.set_extension("pii_name_guesses", default=None, force=True)
# The name spans a title or an introduction announced ("Mrs Haf", "Mari ydw i",
# "Ffoniwch Awen"): the Welsh-words check leaves them alone.
Doc.set_extension("pii_name_cued", default=None, force=True)


def add_spans(doc: Doc, spans: list[tuple[int, int, str]]) -> None:
    # The default is None, not a list: a mutable default would be shared by every Doc.
    doc._.pii = [*(doc._.pii or []), *spans]


@Language.component("wm_pii_patterns", assigns=["doc._.pii"])
def pii_patterns(doc: Doc) -> Doc:
    """Phones, emails, URLs, handles, UK identifiers, cards, dates of birth, addresses."""
    add_spans(doc, find_patterns(doc.text))
    return doc


class PiiNames:
    """Person names (see nlp.redaction.names).

    With ``defer_guesses`` the spans no title or introduction cued are left on
    ``doc._.pii_name_guesses`` for wm_pii_model_names to keep where the contextual finder
    agrees; without it every span is a name.
    """

    def __init__(self, welsh: bool, guess_rare: bool = True, defer_guesses: bool = False) -> None:
        self.detector = NameDetector(welsh=welsh, guess_rare=guess_rare)
        self.defer_guesses = defer_guesses

    def __call__(self, doc: Doc) -> Doc:
        marked = self.detector.find_marked(doc)
        doc._.pii_name_cued = [(start, end) for start, end, cued in marked if cued]
        if self.defer_guesses:
            add_spans(doc, [(start, end, "name") for start, end, cued in marked if cued])
            doc._.pii_name_guesses = [(start, end) for start, end, cued in marked if not cued]
        else:
            add_spans(doc, [(start, end, "name") for start, end, _ in marked])
        return doc


@Language.factory(
    "wm_pii_names",
    assigns=["doc._.pii", "doc._.pii_name_guesses", "doc._.pii_name_cued"],
    default_config={"welsh": False, "guess_rare": True, "defer_guesses": False},
)
def make_pii_names(
    nlp: Language, name: str, welsh: bool, guess_rare: bool, defer_guesses: bool
) -> PiiNames:
    """spaCy factory for :class:`PiiNames`."""
    return PiiNames(welsh=welsh, guess_rare=guess_rare, defer_guesses=defer_guesses)


class PiiModelNames:
    """Person names from the statistical models (see nlp.redaction.statistical)."""

    def __init__(self, listed_only: bool, full_name_needed: bool, names: list[str]) -> None:
        self.finder = ModelNameFinder(
            [models.load(name) for name in names if name != CONTEXTUAL],
            listed_only=listed_only,
            full_name_needed=full_name_needed,
            contextual=shared_finder() if CONTEXTUAL in names else None,
        )

    def __call__(self, doc: Doc) -> Doc:
        guesses = doc._.pii_name_guesses or []
        doc._.pii_name_guesses = None
        add_spans(doc, [(start, end, "name") for start, end in self.finder.find(doc, guesses)])
        return doc


@Language.factory(
    "wm_pii_model_names",
    assigns=["doc._.pii"],
    default_config={"listed_only": False, "full_name_needed": False, "names": ["minilm"]},
)
def make_pii_model_names(
    nlp: Language, name: str, listed_only: bool, full_name_needed: bool, names: list[str]
) -> PiiModelNames:
    """spaCy factory for :class:`PiiModelNames`; ``names`` picks the models.

    "own" and "sm" are spaCy NER models (models.py), "minilm" the contextual finder
    (contextual.py).
    """
    return PiiModelNames(listed_only=listed_only, full_name_needed=full_name_needed, names=names)


class PiiWelshNames:
    """The last word on name spans in Welsh text (see nlp.redaction.welsh_words).

    Trims everyday Welsh words and places, in any mutation, from both ends of every name
    span the rules and the finders left, and drops a span with nothing else in it. Then adds
    the given names a mutation hid from them (nlp.redaction.welsh_mutated_names). In a span
    a title or an introduction announced, a capitalised word goes only if it is a place:
    "Haf" after "Mrs" is a person, "Ddinbych" after "Sir" a county.
    """

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.g = gazetteer or load_gazetteer()
        self.popular = popular_first_names()

    def __call__(self, doc: Doc) -> Doc:
        cued = set(doc._.pii_name_cued or [])
        if doc._.pii:
            # spaCy joins every token's text again on each read of doc.text: read once, with
            # the words' offsets, so a long text with many spans is not read whole per span.
            text = doc.text
            words = [(t.idx, t.idx + len(t.text)) for t in doc if any(c.isalpha() for c in t.text)]
            doc._.pii = [
                kept
                for span in doc._.pii
                if (kept := self._vet(text, words, span, announced=span[:2] in cued)) is not None
            ]
        # Given names a mutation disguised from every list ("Diolch i Fethan").
        add_spans(doc, [(s, e, "name") for s, e in mutated_given_names(doc, self.g, self.popular)])
        return doc

    def _vet(
        self,
        text: str,
        all_words: list[tuple[int, int]],
        span: tuple[int, int, str],
        *,
        announced: bool,
    ) -> tuple[int, int, str] | None:
        """The name ``span`` of ``text`` with everyday Welsh words trimmed from its ends, or
        None if nothing else is in it; ``all_words`` the text's words (start, end), in order."""
        start, end, kind = span
        if kind != "name":
            return span
        first = bisect_left(all_words, start, key=itemgetter(0))
        words = all_words[first : bisect_left(all_words, end, key=itemgetter(0))]

        # A lower-case word counts as announced only when the text says it is a name ("eira
        # ydy fy enw i"), or a common given name that is no Welsh word follows thanks or a
        # person's verb ("diolch i kerry": name_cues.person_cue_before_cy); after a weak cue
        # it is still a Welsh word ("gyda reis", "gan rai").
        named = bool(NAMED_AFTER.match(text, end))
        thanked = person_cue_before_cy(text, start)
        # ... or a listed name that is no Welsh word follows a title, as texts type it in
        # lower case ("hefo mrs roberts", "roedd dr jones yn wych").
        titled = title(previous_word(text, start))

        def ordinary(start: int, end: int, alone: bool) -> bool:
            word = text[start:end]
            said = (
                named
                or not word.islower()
                or (thanked and self._given_name(word))
                or (titled and self._listed_name(word))
            )
            return self._ordinary(text, start, end, alone=alone, announced=announced and said)

        while words and ordinary(*words[0], alone=len(words) == 1):
            words = words[1:]
        while words and ordinary(*words[-1], alone=len(words) == 1):
            words = words[:-1]
        return (max(start, words[0][0]), min(end, words[-1][1]), kind) if words else None

    def _listed_name(self, word: str) -> bool:
        """A given name or surname on the lists that is no Welsh word ("roberts", not "gwen",
        which is white)."""
        return self.g.listed(fold(word.strip("'’"))) and not welsh_word(word)

    def _given_name(self, word: str) -> bool:
        """A common or Welsh given name that is no Welsh word ("kerry", not "bawb")."""
        key = fold(word.strip("'’"))
        given = key in WELSH_NAME_KEYS or key in common_given_names(NAME_RANK)
        return given and not welsh_word(word)

    def _ordinary(self, text: str, start: int, end: int, *, alone: bool, announced: bool) -> bool:
        word = text[start:end]
        key = fold(word.strip("'’"))
        return ordinary_in_welsh(
            word,
            before=text[max(0, start - 40) : start],  # enough to see the last two words
            listed=self.g.listed(key),
            alone=alone,
            announced=announced,
            places=self.g.uk_places,
            abroad=self.g.world_places,
            given=key in WELSH_NAME_KEYS or key in self.popular,
            common_name=self.popular.__contains__,
        )


@Language.factory("wm_pii_welsh_names", assigns=["doc._.pii"])
def make_pii_welsh_names(nlp: Language, name: str) -> PiiWelshNames:
    """spaCy factory for :class:`PiiWelshNames` (the Welsh pipeline's last component)."""
    return PiiWelshNames()
