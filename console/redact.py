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

from storage.models import utcnow
from storage.repositories.console_answers import (
    AnswerRow,
    cached_redactions,
    store_redactions,
)

WITHHELD = "[answer withheld: redaction is not installed]"
# Bump when the redactor's behaviour changes so cached text is recomputed.
REDACTION_VERSION = "nlp.redaction-6"
RedactMany = Callable[[list[str], str], list[tuple[str, list[dict[str, Any]]]]]


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

    def redact_many(texts: list[str], language: str) -> list[tuple[str, list[dict[str, Any]]]]:
        results = instance.redact_many(texts, language=language)
        return [(r.text, [span.as_dict() for span in r.spans]) for r in results]

    return redact_many


def redaction_available() -> bool:
    return _redactor() is not None


def redact_rows(session: Session, rows: Sequence[AnswerRow]) -> dict[int, str]:
    """Redacted text for each row, from the cache or computed (in batches) and cached now."""
    texts, fresh = _redacted(session, rows)
    store_redactions(session=session, redactions=fresh, version=REDACTION_VERSION, now=utcnow())
    return texts


Fresh = list[tuple[int, str, list[dict[str, Any]]]]


def _redacted(session: Session, rows: Sequence[AnswerRow]) -> tuple[dict[int, str], Fresh]:
    """Each row's redacted text, and the (id, text, spans) computed now (not yet stored)."""
    redact_many = _redactor()
    if redact_many is None:
        return {row.id: WITHHELD for row in rows}, []
    texts = {row.id: row.redacted for row in rows if row.redacted is not None}
    unknown = [row.id for row in rows if row.redacted is None]
    if unknown:
        texts.update(
            cached_redactions(session=session, answer_ids=unknown, version=REDACTION_VERSION)
        )
    missing: dict[str, list[AnswerRow]] = defaultdict(list)
    for row in rows:
        if row.id not in texts:
            missing["cy" if row.language == "cy" else "en"].append(row)
    fresh: Fresh = []
    for language, group in missing.items():
        for row, (redacted, spans) in zip(
            group, redact_many([r.text for r in group], language), strict=True
        ):
            texts[row.id] = redacted
            fresh.append((row.id, redacted, spans))
    return texts, fresh


def redact_one(text: str, language: str) -> tuple[str, list[dict[str, Any]]] | None:
    """Redacted text and spans for one text, or None when no redactor is installed."""
    redact_many = _redactor()
    if redact_many is None:
        return None
    return redact_many([text], "cy" if language == "cy" else "en")[0]


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
            _, fresh = _redacted(session, answers_by_id(session=session, answer_ids=answer_ids))
        if not fresh:
            return
        with write_scope(services.db) as session:
            store_redactions(
                session=session, redactions=fresh, version=REDACTION_VERSION, now=utcnow()
            )

    services.job_registry.register("redact_answers", redact_answers)
