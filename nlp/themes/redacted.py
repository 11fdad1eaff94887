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

from nlp.versions import redaction_version
from storage.models import utcnow
from storage.models.redacted import RedactedAnswer
from storage.repositories.console_answers import store_redactions
from storage.repositories.redaction_words import (
    NO_WORDS,
    RedactionWords,
    cache_versions,
    words_for_answers,
)

#: The redaction cache's version, shared with console/redact.py: one cache for both. A
#: digest of what decides the redacted text (nlp.versions), so it cannot be left unbumped.
REDACTION_VERSION = redaction_version()


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
    # Each answer is redacted with its consultation's own words (places to keep, words to
    # hide), and a cached redaction counts only when it was made with the same ones.
    words = words_for_answers(session=session, answer_ids=ids)
    versions = cache_versions({a: words.get(a, NO_WORDS) for a in ids}, REDACTION_VERSION)
    found: dict[int, tuple[str, list[dict[str, Any]]]] = {}
    for start in range(0, len(ids), 5000):
        rows = session.exec(
            select(RedactedAnswer).where(
                col(RedactedAnswer.answer_id).in_(ids[start : start + 5000])
            )
        )
        found.update(
            {
                r.answer_id: (r.text, list(r.spans or []))
                for r in rows
                if r.version == versions[r.answer_id]
            }
        )
    missing: dict[tuple[str, RedactionWords], dict[str, list[int]]] = {}
    for answer_id, text, language in answers:
        if answer_id not in found:
            key = ("cy" if language == "cy" else "en", words.get(answer_id, NO_WORDS))
            ids_of = missing.setdefault(key, {}).setdefault(text, [])
            if answer_id not in ids_of:
                ids_of.append(answer_id)
    fresh: list[tuple[int, str, list[dict[str, Any]]]] = []
    for (language, group_words), by_text in missing.items():
        results = _redactor().redact_many(
            list(by_text), language=language, deny_list=group_words.hide, keep_list=group_words.keep
        )
        for answer_ids, result in zip(by_text.values(), results, strict=True):
            spans = [span.as_dict() for span in result.spans]
            for answer_id in answer_ids:
                found[answer_id] = (result.text, spans)
                fresh.append((answer_id, result.text, spans))
    store_redactions(session=session, redactions=fresh, version=versions, now=utcnow())
    return found
