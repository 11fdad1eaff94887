"""Glue between the Redactor and the quote store: propose answers as redacted quotes.

Theming (representative quotes) and the console (an officer's pick) both call
`propose_redacted_quotes`; the quote is stored pending, with the redactor's
spans, and reaches workshops only once an officer approves it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlmodel import Session

from nlp.moderation.flags import HIDDEN_KINDS
from nlp.moderation.store import active_kinds
from nlp.redaction.redactor import Redactor
from storage.models import Answer
from storage.models.quotes import Quote, QuoteSource
from storage.repositories.quotes import QuoteError, propose_quote
from storage.repositories.redaction_words import NO_WORDS, words_for_answers


def propose_redacted_quotes(
    *,
    session: Session,
    answer_ids: Sequence[int],
    redactor: Redactor,
    theme_id: int | None = None,
    source: QuoteSource = QuoteSource.REPRESENTATIVE,
    deny_list: Sequence[str] = (),
    stored: Mapping[int, Sequence[Mapping[str, Any]]] | None = None,
) -> list[Quote]:
    """Redact each answer and propose it as a pending quote (idempotent per answer and theme).

    Args:
        session: the store session to work in.
        answer_ids: answers to quote, in the order wanted back.
        redactor: a (long-lived) Redactor.
        theme_id: the theme the quotes illustrate, if any.
        source: representative (theming) or officer_pick (console).
        deny_list: extra words to redact, beside the consultation's own words to hide
            (which, with its places to keep, are always used).
        stored: spans already found for an answer by this redactor (the stored
            redaction); those answers are not redacted again. Ignored with a
            ``deny_list``, whose words the stored redaction did not know.

    Returns:
        The quotes, new or already proposed, in `answer_ids` order; representative ones
        leave out answers flagged as abuse or spam (nlp.moderation).

    Raises:
        QuoteError: for an answer id that does not exist.
    """
    answers = []
    for answer_id in answer_ids:
        answer = session.get(Answer, answer_id)
        if answer is None:
            raise QuoteError(f"no answer with id {answer_id}")
        answers.append(answer)
    if source == QuoteSource.REPRESENTATIVE:
        # Abuse and spam are never put forward as typical of a theme (an officer may still
        # pick one, or clear a wrong flag).
        flags = active_kinds(session, [a.id for a in answers if a.id is not None])
        answers = [a for a in answers if not HIDDEN_KINDS & set(flags.get(a.id or 0, []))]
    known = {} if deny_list or stored is None else stored
    spans: dict[int | None, list[dict[str, Any]]] = {
        a.id: [dict(span) for span in known[a.id]]
        for a in answers
        if a.id is not None and a.id in known
    }
    # The consultation's own words (places to keep, words to hide) as every redaction of
    # its answers uses them; `stored` spans were made with them too (nlp.themes.redacted).
    words = words_for_answers(session=session, answer_ids=[a.id for a in answers if a.id])
    # One batch per language and word lists, so that Welsh answers get the Welsh pipeline.
    for language, group_words in {
        (a.language, words.get(a.id or 0, NO_WORDS)) for a in answers if a.id not in spans
    }:
        group = [
            a
            for a in answers
            if a.language == language
            and words.get(a.id or 0, NO_WORDS) == group_words
            and a.id not in spans
        ]
        redacted = redactor.redact_many(
            [a.text for a in group],
            language=language if language in ("en", "cy") else None,
            deny_list=[*group_words.hide, *deny_list],
            keep_list=group_words.keep,
        )
        spans.update(
            {
                a.id: [span.as_dict() for span in r.spans]
                for a, r in zip(group, redacted, strict=True)
            }
        )
    return [
        propose_quote(
            session=session,
            answer_id=answer.id,  # type: ignore[arg-type]
            spans=spans[answer.id],
            theme_id=theme_id,
            source=source,
        )
        for answer in answers
    ]
