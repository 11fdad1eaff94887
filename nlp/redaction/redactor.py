"""The Redactor: typed placeholders in place of personal details, with the spans removed."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import spacy
from spacy.language import Language

import nlp.redaction.components  # noqa: F401  (registers the wm_pii_* components)
from nlp import langid
from nlp.lang import own_components_only  # entering it registers Welsh
from nlp.lang.cy.stop_words import STOP_WORDS as WELSH_STOP_WORDS
from nlp.redaction.eponyms import (
    eponyms,
    names_a_building_award_or_trade,
    names_a_condition_or_service,
)
from nlp.redaction.gazetteer import fold
from nlp.redaction.gazetteer import load_gazetteer as _gazetteer
from nlp.redaction.hashtags import hashtags
from nlp.redaction.hyphened_places import hyphened_places
from nlp.redaction.name_cues import after_title
from nlp.redaction.normalise import Normalised, normalise
from nlp.redaction.repeats import names_listed_beside, repeated_mentions
from nlp.redaction.sayings import sayings
from nlp.redaction.statistical import CONTEXTUAL
from nlp.redaction.technical import shown_in_code_talk
from storage.placeholders import normalise_spans, render_redacted

logger = logging.getLogger(__name__)

# Texts beyond this are cut into windows for the pipeline: spaCy's default
# max_length is 1,000,000 and one giant paste should not stall a batch.
WINDOW = 20_000
OVERLAP = 200


@dataclass(frozen=True, slots=True)
class Span:
    """A redacted stretch of the ORIGINAL text: [start, end) and its placeholder type."""

    start: int
    end: int
    type: str

    def as_dict(self) -> dict[str, int | str]:
        return {"start": self.start, "end": self.end, "type": self.type}


@dataclass(frozen=True, slots=True)
class RedactionResult:
    """The redacted text and the spans of the original that were replaced."""

    text: str
    spans: list[Span]


# The statistical name finders every Redactor uses unless told otherwise: the contextual
# MiniLM finder (contextual.py). The spaCy models (models.py: "own", "sm") can still be
# added; beside it they found 0.007 more of WNUT-17 dev's name words for 0.032 precision
# and about twice the CPU (bench/RESULTS.md), so they are no longer run by default.
NAME_MODELS = (CONTEXTUAL,)


def build_redaction_pipeline(lang: str, name_models: Sequence[str] = NAME_MODELS) -> Language:
    """A tokenizer-only pipeline for `lang` ("en" or "cy") with the PII components.

    The project's shared pipelines (nlp.pipelines.get_pipeline) also lemmatise
    and de-mutate, which redaction does not need; the detectors are ordinary
    components and can be added to those too. ``name_models`` picks the
    statistical name finders run beside the rules ("minilm", "own", "sm"; none: rules only).
    """
    code = lang if lang in ("cy", "xx") else "en"
    with own_components_only():
        pipeline = spacy.blank(code)
    pipeline.add_pipe("wm_pii_patterns")
    # "xx": other languages (Polish, German ...): no guessing from the English
    # frequency table, which would take every capitalised noun for a name.
    # In English, with the contextual finder, the rules' uncued guesses wait for its support
    # (statistical.SUPPORT); Welsh and other languages are off MiniLM's home ground.
    defer = code == "en" and CONTEXTUAL in name_models
    pipeline.add_pipe(
        "wm_pii_names",
        config={"welsh": code == "cy", "guess_rare": code == "en", "defer_guesses": defer},
    )
    if name_models:
        # English models: in Welsh a span must hold a listed name, in other languages be
        # a full name (see statistical.py): "Sommer" stays, "Marta Palermo" goes.
        pipeline.add_pipe(
            "wm_pii_model_names",
            config={
                "listed_only": code == "cy",
                "full_name_needed": code == "xx",
                "names": list(name_models),
            },
        )
    if code == "cy":
        pipeline.add_pipe("wm_pii_welsh_names")
    return pipeline


def phrase_pattern(phrases: Sequence[str]) -> re.Pattern[str] | None:
    """An officer's phrases (to hide, or places to keep), matched whole, any case and spacing."""
    # Folded as answers are before matching (normalise.py): "O’Brien" typed with a curly
    # apostrophe, or pasted with a soft hyphen, must still meet "O'Brien".
    terms = sorted(
        {" ".join(normalise(t).text.split()) for t in phrases if t and t.strip()},
        key=len,
        reverse=True,
    )
    if not terms:
        return None
    alternatives = "|".join(r"\s+".join(re.escape(part) for part in term.split()) for term in terms)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


class Redactor:
    """Replaces personal details with typed placeholders such as ``[phone]``.

    Detection runs on a normalised copy of each text (full-width digits, odd
    spaces and dashes folded; see normalise.py) and every span is mapped back
    to the original, so offsets always index what the resident wrote.

    Args:
        pipelines: optional pipelines by language ("en", "cy") that already
            contain the wm_pii_* components; built on first use otherwise.
        batch_size: texts per nlp.pipe batch in redact_many.
        name_models: statistical name finders beside the rules ("minilm", "own", "sm").
    """

    def __init__(
        self,
        pipelines: dict[str, Language] | None = None,
        *,
        batch_size: int = 256,
        name_models: Sequence[str] = NAME_MODELS,
    ) -> None:
        self._pipelines = dict(pipelines or {})
        self.name_models = tuple(name_models)
        self._lock = threading.Lock()
        self.batch_size = batch_size

    def pipeline(self, lang: str) -> Language:
        """The redaction pipeline for "en", "cy" or "xx" (other languages); built once."""
        code = lang if lang in ("cy", "xx") else "en"
        with self._lock:
            if code not in self._pipelines:
                self._pipelines[code] = build_redaction_pipeline(code, self.name_models)
            return self._pipelines[code]

    def redact(
        self,
        text: str,
        *,
        language: str | None = None,
        deny_list: Sequence[str] = (),
        keep_list: Sequence[str] = (),
    ) -> RedactionResult:
        """Redact one text.

        Args:
            text: the resident's words.
            language: "en" or "cy"; identified from the text when None.
            deny_list: an officer's extra words for this consultation (staff
                names, businesses, house names), replaced by ``[redacted]``.
            keep_list: the consultation's places to keep ("Caia Park"): a name the
                finder saw inside one of them (whole words, any case) stays; the
                deny-list still wins.

        Returns:
            The redacted text and the spans, as offsets into `text`.
        """
        return self.redact_many(
            [text], language=language, deny_list=deny_list, keep_list=keep_list
        )[0]

    def redact_many(
        self,
        texts: Iterable[str],
        *,
        language: str | None = None,
        deny_list: Sequence[str] = (),
        keep_list: Sequence[str] = (),
    ) -> list[RedactionResult]:
        """Redact many texts in order, batching each language through nlp.pipe."""
        originals = list(texts)
        for position, text in enumerate(originals):
            if not isinstance(text, str):
                raise TypeError(f"text {position} is {type(text).__name__}, not str")
        copies = [normalise(text) for text in originals]
        found: list[list[tuple[int, int, str]]] = [[] for _ in originals]
        by_language: dict[str, list[tuple[int, int, str]]] = {}
        for position, copy in enumerate(copies):
            lang = language if language in ("en", "cy") else _guess_language(copy.text)
            for offset, window in _windows(copy.text):
                by_language.setdefault(lang, []).append((position, offset, window))
        for lang, jobs in by_language.items():
            docs = self.pipeline(lang).pipe((w for _, _, w in jobs), batch_size=self.batch_size)
            for (position, offset, _), doc in zip(jobs, docs, strict=True):
                found[position].extend((s + offset, e + offset, t) for s, e, t in doc._.pii or [])
        deny = phrase_pattern(deny_list)
        keep = phrase_pattern(keep_list)
        return [
            _result(original, copy, kept_out(copy.text, no_one_shown(copy.text, spans), keep), deny)
            for original, copy, spans in zip(originals, copies, found, strict=True)
        ]


def no_one_shown(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The spans without the names that name no one: a condition, a care service, a
    building, an award or a business named after a person ("Bell's palsy", "Marie Curie
    nurses", "the John Ryle Centre", "Tony's chippy": eponyms.py), a name inside a saying
    ("taking the mickey", "I will sue the council": sayings.py) or a place's hyphened name
    ("Bangor-on-Dee": hyphened_places.py) or a hashtag ("#FreeWeezy": hashtags.py), or
    software named like a person in text about code ("Upgrading Ruby broke the JSON
    parsing": technical.py)."""
    if not any(kind == "name" for _, _, kind in spans):
        return spans
    services = eponyms(text)  # once per text, not once per name
    stretches = (
        sayings(text) + hyphened_places(text) + hashtags(text) + shown_in_code_talk(text, spans)
    )
    buildings = [
        (start, end)
        for start, end, kind in spans
        if kind == "name" and names_a_building_award_or_trade(text, start, end)
    ]
    # The finders may split or repeat a name a building's last part names: "George
    # Washington" inside or just before "George Washington Carver Center".
    buildings += [
        (start, end)
        for start, end, kind in spans
        if kind == "name"
        and any(
            a <= start and end <= b or (end < a and not text[end:a].strip()) for a, b in buildings
        )
    ]
    return [
        (start, end, kind)
        for start, end, kind in spans
        if kind != "name"
        or not (
            (start, end) in buildings
            or any(a <= start and end <= b for a, b in stretches)
            or names_a_condition_or_service(text, start, end, services)
        )
    ]


def kept_out(
    text: str, spans: list[tuple[int, int, str]], keep: re.Pattern[str] | None
) -> list[tuple[int, int, str]]:
    """The spans without the names that lie wholly inside a place to keep.

    Only names: a phone number or postcode is never kept. A name reaching past the place
    ("Caia Park Smith") or after a title or kin word ("Mrs Plas", "Nurse Holt") is a
    person's and is hidden whole, and a one-word place that is also a listed name ("Holt",
    "Acton": wards are kept without an officer typing them) keeps nothing.
    """
    if keep is None:
        return spans
    names = _gazetteer()
    places = [
        (m.start(), m.end())
        for m in keep.finditer(text)
        if len(m.group().split()) > 1 or not names.listed(fold(m.group()))
    ]
    return [
        (start, end, kind)
        for start, end, kind in spans
        if kind != "name"
        or after_title(text, start)
        or not any(a <= start and end <= b for a, b in places)
    ]


# English function words no Welsh, Polish or other language our residents write uses as a
# word of its own (not "a", "i", "to", "do", "on": Polish has them all).
_ENGLISH_GRAMMAR = frozenset(
    "the and with was were have has had this that from for they their would which been are is "
    "of but not you your will".split()
)


def _guess_language(text: str) -> str:
    """ "cy", "en" or "xx" (other) for the pipeline; never fails, since a redaction must not.

    English written around many foreign names ("Zbigniew Brzezinski and Wojciech Jaruzelski
    met Lech Walesa and Jacek Kuron") can read as another language to the identifier, whose
    pipeline hides only names on the lists; two English function words make it English again.
    """
    try:
        found = langid.identify(text)
        if found == "other" and sum(word in _ENGLISH_GRAMMAR for word in _words(text)) >= 2:
            return "en"
        return {"cy": "cy", "other": "xx"}.get(found, "en")
    except Exception:  # a broken language model must not stop a redaction
        logger.warning("language identification failed; counting Welsh function words instead")
        words = _words(text)
        welsh = sum(word in WELSH_STOP_WORDS for word in words)
        return "cy" if words and welsh >= max(2, len(words) // 4) else "en"


def _words(text: str) -> list[str]:
    """The text's words in lower case: split only when the guess needs them (most answers
    are English or Welsh to the identifier, and every answer passes here)."""
    return re.findall(r"[^\W\d_]+", text.lower())


def _windows(text: str) -> list[tuple[int, str]]:
    """Overlapping windows cut between words where one can be.

    A word cut in two ("co|llected") is a fragment the contextual name finder may take for
    a name, so a window ends at the last space in its final OVERLAP/2 characters and the
    next starts after the first space of its overlap.
    """
    if len(text) <= WINDOW:
        return [(0, text)]
    windows = []
    start = 0
    while start < len(text):
        end = min(len(text), start + WINDOW)
        if end < len(text):
            space = max(text.rfind(ch, end - OVERLAP // 2, end) for ch in " \n\t")
            end = space if space > start else end
        windows.append((start, text[start:end]))
        if end >= len(text):
            break
        following = end - OVERLAP
        spaces = [i for i in (text.find(ch, following, end) for ch in " \n\t") if i >= 0]
        start = min(spaces) + 1 if spaces else following
    return windows


def _join_neighbours(text: str, spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One placeholder for an address split only by spaces, commas or line breaks, or a name
    split only by spaces, line breaks or one hyphen.

    "[address] [address]" would tell the reader how the address was laid out, "[name]
    [name]" that a name has two parts, and "[name]-[name]" that it is double-barrelled
    ("lilly-mae", "mr al-farsi"). Names split by commas are a list of people ("Paul, Angela,
    Dianne and Chris"): "[name], [name], [name] and [name]" keeps how many.
    """
    joined: list[dict[str, Any]] = []
    for span in spans:
        name = span["type"] == "name"
        between = " \t\n" if name else " \t\n,"
        gap = text[joined[-1]["end"] : span["start"]] if joined else ""
        if (
            joined
            and joined[-1]["type"] == span["type"]
            and (not gap.strip(between) or (name and gap in ("-", "\u2010", "\u2011")))
        ):
            joined[-1]["end"] = span["end"]
        else:
            joined.append(dict(span))
    return joined


def phrase_spans(copy: Normalised, pattern: re.Pattern[str] | None) -> list[tuple[int, int]]:
    """Where an officer's phrases (phrase_pattern) occur in a text, matched on its normalised
    copy as the redactor matches them, as [start, end) offsets into the original."""
    if pattern is None:
        return []
    return [copy.to_original(m.start(), m.end()) for m in pattern.finditer(copy.text)]


def _result(
    original: str,
    copy: Normalised,
    spans: list[tuple[int, int, str]],
    deny: re.Pattern[str] | None,
) -> RedactionResult:
    # The officer's deny-list goes first: on an exact tie its type wins.
    mapped = [
        {"start": begin, "end": finish, "type": "redacted"}
        for begin, finish in phrase_spans(copy, deny)
    ]
    for start, end, kind in spans:
        begin, finish = copy.to_original(start, end)
        if finish > begin:
            mapped.append({"start": begin, "end": finish, "type": kind})
    mapped.extend(repeated_mentions(original, mapped))
    mapped.extend(names_listed_beside(original, mapped))
    merged = _join_neighbours(original, normalise_spans(mapped, text_length=len(original)))
    return RedactionResult(
        text=render_redacted(original, merged),
        spans=[Span(s["start"], s["end"], s["type"]) for s in merged],
    )
