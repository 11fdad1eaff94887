"""Redacted answer text for the console and exports: the original never leaves.

Uses the project's redactor (nlp.redaction) and caches its output per answer.
Without a redactor nothing is shown at all: a missing component must not
become a privacy leak.
"""

from __future__ import annotations

import importlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from sqlmodel import Session

from nlp.versions import redaction_version
from storage.models import utcnow
from storage.repositories.console_answers import (
    AnswerRow,
    cached_redactions,
    store_redactions,
)
from storage.repositories.redaction_words import (
    NO_WORDS,
    RedactionWords,
    cache_versions,
    words_for_answers,
    words_for_consultations,
)

WITHHELD = "[answer withheld: redaction is not installed]"
# A digest of what decides the redacted text (nlp.versions): any change to the redactor
# has cached text recomputed. Shared with nlp/themes/redacted.py: one cache for both.
REDACTION_VERSION = redaction_version()
RedactMany = Callable[[list[str], str, RedactionWords], list[tuple[str, list[dict[str, Any]]]]]


@lru_cache(maxsize=1)
def _redactor() -> RedactMany | None:
    # Looked up by name: the console must load (and withhold text) without it.
    try:
        module = importlib.import_module("nlp.redaction")
    except ImportError:
        return None
    redactor_class = getattr(module, "Redactor", None)
    if redactor_class is None:
        return None
    instance = redactor_class()

    def redact_many(
        texts: list[str], language: str, words: RedactionWords
    ) -> list[tuple[str, list[dict[str, Any]]]]:
        results = instance.redact_many(
            texts, language=language, deny_list=words.hide, keep_list=words.keep
        )
        return [(r.text, [span.as_dict() for span in r.spans]) for r in results]

    return redact_many


def redaction_available() -> bool:
    return _redactor() is not None


def redact_rows(session: Session, rows: Sequence[AnswerRow]) -> dict[int, str]:
    """Redacted text for each row, from the cache or computed (in batches) and cached now.

    Each answer is redacted with its consultation's own words (places to keep, words to
    hide); the cached text is reused only when it was made with the same words.
    """
    texts, fresh, versions = _redacted(session, rows)
    store_redactions(session=session, redactions=fresh, version=versions, now=utcnow())
    return texts


# (answer id, redacted text, spans) computed now, not yet stored
Fresh = list[tuple[int, str, list[dict[str, Any]]]]


def _redacted(
    session: Session, rows: Sequence[AnswerRow]
) -> tuple[dict[int, str], Fresh, dict[int, str]]:
    """Each row's redacted text, the (id, text, spans) computed now, and each row's cache
    version (what the fresh ones are stored under)."""
    redact_many = _redactor()
    if redact_many is None:
        return {row.id: WITHHELD for row in rows}, [], {}
    words = _words_of_rows(session, rows)
    versions = cache_versions(words, REDACTION_VERSION)
    texts = {
        row.id: row.redacted
        for row in rows
        if row.redacted is not None and row.redacted_version == versions[row.id]
    }
    unknown = [row.id for row in rows if row.id not in texts]
    if unknown:
        texts.update(cached_redactions(session=session, answer_ids=unknown, version=versions))
    missing: dict[tuple[str, RedactionWords], list[AnswerRow]] = defaultdict(list)
    for row in rows:
        if row.id not in texts:
            language = "cy" if row.language == "cy" else "en"
            missing[(language, words[row.id])].append(row)
    fresh: Fresh = []
    for (language, group_words), group in missing.items():
        for row, (redacted, spans) in zip(
            group, redact_many([r.text for r in group], language, group_words), strict=True
        ):
            texts[row.id] = redacted
            fresh.append((row.id, redacted, spans))
    return texts, fresh, versions


def _words_of_rows(session: Session, rows: Sequence[AnswerRow]) -> dict[int, RedactionWords]:
    """Each row's consultation's words: from the consultation ids the pages carry, else
    looked up by answer."""
    known = words_for_consultations(
        session=session,
        consultation_ids=[r.consultation_id for r in rows if r.consultation_id is not None],
    )
    found = {
        r.id: known.get(r.consultation_id, NO_WORDS) for r in rows if r.consultation_id is not None
    }
    unknown = [r.id for r in rows if r.consultation_id is None]
    if unknown:
        found.update(words_for_answers(session=session, answer_ids=unknown))
    return {r.id: found.get(r.id, NO_WORDS) for r in rows}


def redact_one(
    text: str, language: str, words: RedactionWords
) -> tuple[str, list[dict[str, Any]]] | None:
    """Redacted text and spans for one text, or None when no redactor is installed.

    ``words`` has no default: a consultation's answer redacted without its words to hide
    would show them (NO_WORDS for text that belongs to no consultation).
    """
    redact_many = _redactor()
    if redact_many is None:
        return None
    return redact_many([text], "cy" if language == "cy" else "en", words)[0]


def register_redaction_job(services: Any) -> None:
    """Register "redact_answers": fill the cache off the request path.

    Redaction costs milliseconds an answer, so a 100,000-answer export with a
    cold cache would take minutes; answers are redacted as they arrive instead
    (imports enqueue it per batch; the integrator enqueues it per stored answer).
    """
    from storage.db import session_scope, write_scope
    from storage.repositories.console_answers import answers_by_id

    def redact_answers(answer_ids: list[int]) -> None:
        # Read and redact, then write in a short transaction of its own: on SQLite
        # the worker process must not hold the write lock the webhooks need while
        # spaCy runs (and a read-then-write transaction fails if they wrote meanwhile).
        with session_scope(services.db) as session:
            rows = answers_by_id(session=session, answer_ids=answer_ids)
            _, fresh, versions = _redacted(session, rows)
        if not fresh:
            return
        with write_scope(services.db) as session:
            store_redactions(session=session, redactions=fresh, version=versions, now=utcnow())

    services.job_registry.register("redact_answers", redact_answers)
