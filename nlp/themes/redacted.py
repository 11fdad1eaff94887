"""Answers' redacted text for labels and proposed quotes: the original never feeds them.

A label or a quote shown to an officer must not carry a resident's name, so both are
built from the redacted text the console shows (computed once, cached per answer by
redactor version; see console/redact.py, whose version string this shares).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from sqlmodel import Session

from storage.models import utcnow
from storage.repositories.console_answers import cached_redactions, store_redactions

#: Must equal console.redact.REDACTION_VERSION (a test checks): one cache for both.
REDACTION_VERSION = "nlp.redaction-2"


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
    ids = [a for a, _, _ in answers]
    found: dict[int, str] = {}
    for start in range(0, len(ids), 5000):
        found.update(
            cached_redactions(
                session=session, answer_ids=ids[start : start + 5000], version=REDACTION_VERSION
            )
        )
    missing: dict[str, list[tuple[int, str]]] = {}
    for answer_id, text, language in answers:
        if answer_id not in found:
            missing.setdefault("cy" if language == "cy" else "en", []).append((answer_id, text))
    fresh = []
    for language, group in missing.items():
        results = _redactor().redact_many([t for _, t in group], language=language)
        for (answer_id, _), result in zip(group, results, strict=True):
            found[answer_id] = result.text
            fresh.append((answer_id, result.text, [span.as_dict() for span in result.spans]))
    store_redactions(session=session, redactions=fresh, version=REDACTION_VERSION, now=utcnow())
    return found
