"""Answers' redacted text for labels and proposed quotes: the original never feeds them.

A label or a quote shown to an officer must not carry a resident's name, so both are
built from the redacted text the console shows (computed once, cached per answer by
redactor version; see console/redact.py, whose version string this shares).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from sqlmodel import Session, col, select

from storage.models import utcnow
from storage.models.redacted import RedactedAnswer
from storage.repositories.console_answers import store_redactions

#: Must equal console.redact.REDACTION_VERSION (a test checks): one cache for both.
REDACTION_VERSION = "nlp.redaction-6"


@lru_cache(maxsize=1)
def _redactor() -> Any:
    from nlp.redaction import Redactor

    return Redactor()


def redacted_texts(*, session: Session, answers: Sequence[tuple[int, str, str]]) -> dict[int, str]:
    """Redacted text per answer id, from the cache or computed and cached now.

    Args:
        session: an open session (the caller commits).
        answers: (answer id, original text, language) triples.

    Returns:
        answer id -> redacted text, for every answer given.
    """
    return {a: text for a, (text, _) in redactions(session=session, answers=answers).items()}


def redactions(
    *, session: Session, answers: Sequence[tuple[int, str, str]]
) -> dict[int, tuple[str, list[dict[str, Any]]]]:
    """Redacted text and spans per answer id: stored ones reused, the rest computed once.

    Each distinct text of a language is redacted once (imports repeat short answers),
    in one batch per language through the pipeline's ``nlp.pipe``.

    Args:
        session: an open session (the caller commits).
        answers: (answer id, original text, language) triples.

    Returns:
        answer id -> (redacted text, spans as dicts), for every answer given.
    """
    ids = list(dict.fromkeys(a for a, _, _ in answers))
    found: dict[int, tuple[str, list[dict[str, Any]]]] = {}
    for start in range(0, len(ids), 5000):
        rows = session.exec(
            select(RedactedAnswer).where(
                col(RedactedAnswer.answer_id).in_(ids[start : start + 5000]),
                RedactedAnswer.version == REDACTION_VERSION,
            )
        )
        found.update({r.answer_id: (r.text, list(r.spans or [])) for r in rows})
    missing: dict[str, dict[str, list[int]]] = {}
    for answer_id, text, language in answers:
        if answer_id not in found:
            by_text = missing.setdefault("cy" if language == "cy" else "en", {})
            ids_of = by_text.setdefault(text, [])
            if answer_id not in ids_of:
                ids_of.append(answer_id)
    fresh = []
    for language, by_text in missing.items():
        results = _redactor().redact_many(list(by_text), language=language)
        for answer_ids, result in zip(by_text.values(), results, strict=True):
            spans = [span.as_dict() for span in result.spans]
            for answer_id in answer_ids:
                found[answer_id] = (result.text, spans)
                fresh.append((answer_id, result.text, spans))
    store_redactions(session=session, redactions=fresh, version=REDACTION_VERSION, now=utcnow())
    return found
