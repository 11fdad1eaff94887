"""The officer approval queue for quotes.

Workshop pages and exports read quotes through `approved_quotes` and nothing
else: it returns redacted text of approved quotes only, never a table row, so
a pending or rejected quote (or an answer's original words) cannot reach them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlmodel import Session, col, select

from storage.models import Answer, AuditEvent
from storage.models._base import utcnow
from storage.models.quotes import Quote, QuoteEdit, QuoteSource, QuoteStatus
from storage.placeholders import normalise_spans, render_redacted


class QuoteError(ValueError):
    """A quote change that cannot be accepted (unknown quote, bad spans, ...)."""


class ApprovedQuote(BaseModel):
    """What leaves the store: the redacted words and where they belong."""

    model_config = ConfigDict(frozen=True)

    id: int
    consultation_id: int
    theme_id: int | None
    text: str
    approved_at: datetime | None
    # The answer's language ("en", "cy", ...), so pages can mark Welsh quotes lang="cy".
    language: str = "en"


def _span_key(span: Mapping[str, Any]) -> tuple[int, int, str]:
    return (int(span["start"]), int(span["end"]), str(span["type"]))


def _answer(session: Session, answer_id: int) -> Answer:
    answer = session.get(Answer, answer_id)
    if answer is None:
        raise QuoteError(f"no answer with id {answer_id}")
    return answer


def _quote(session: Session, quote_id: int) -> Quote:
    quote = session.get(Quote, quote_id)
    if quote is None:
        raise QuoteError(f"no quote with id {quote_id}")
    return quote


def _audit(session: Session, *, actor: str, action: str, quote: Quote, **detail: Any) -> None:
    session.add(
        AuditEvent(actor=actor, action=action, subject=f"quote:{quote.id}", detail=detail or None)
    )


def propose_quote(
    *,
    session: Session,
    answer_id: int,
    spans: Iterable[Mapping[str, Any]],
    theme_id: int | None = None,
    source: QuoteSource = QuoteSource.REPRESENTATIVE,
) -> Quote:
    """Add a pending quote for an answer, redacted by `spans`; idempotent.

    Proposing the same answer for the same theme again returns the existing
    quote untouched, so re-running theming never resets an officer's decision.
    The redacted text is rendered here from the answer itself, not taken from
    the caller, so it always matches the spans.
    """
    answer = _answer(session, answer_id)
    theme_filter = (
        col(Quote.theme_id).is_(None) if theme_id is None else col(Quote.theme_id) == theme_id
    )
    existing = session.exec(
        select(Quote).where(Quote.answer_id == answer_id).where(theme_filter)
    ).first()
    if existing is not None:
        return existing
    try:
        checked = normalise_spans(spans, text_length=len(answer.text))
    except ValueError as exc:
        raise QuoteError(str(exc)) from exc
    quote = Quote(
        answer_id=answer_id,
        consultation_id=answer.consultation_id,
        theme_id=theme_id,
        redacted_text=render_redacted(answer.text, checked),
        spans=checked,
        source=QuoteSource(source),
    )
    session.add(quote)
    session.flush()
    return quote


def _review(session: Session, quote_id: int, officer: str, status: QuoteStatus) -> Quote:
    quote = _quote(session, quote_id)
    now = utcnow()
    quote.status = status
    # A fresh decision answers the reason it came back to the queue.
    quote.requeued_reason = None
    quote.reviewed_by = officer
    quote.reviewed_at = now
    quote.updated_at = now
    session.add(quote)
    _audit(session, actor=officer, action=f"quote_{status.value}", quote=quote)
    session.flush()
    return quote


def approve_quote(*, session: Session, quote_id: int, officer: str) -> Quote:
    """Approve a quote for workshops and exports (audited)."""
    return _review(session, quote_id, officer, QuoteStatus.APPROVED)


def reject_quote(*, session: Session, quote_id: int, officer: str) -> Quote:
    """Reject a quote: it will never be shown (audited)."""
    return _review(session, quote_id, officer, QuoteStatus.REJECTED)


def edit_quote_spans(
    *,
    session: Session,
    quote_id: int,
    officer: str,
    add: Sequence[Mapping[str, Any]] = (),
    remove: Sequence[Mapping[str, Any]] = (),
) -> Quote:
    """Add and/or remove redaction spans, re-render the text, log the change.

    An approved quote whose redaction changes goes back to pending: what is
    shown changed, so it needs a fresh decision. Removing a span that is not
    there is an error rather than a silent no-op, because the officer would
    believe something had been un-redacted.
    """
    quote = _quote(session, quote_id)
    answer = _answer(session, quote.answer_id)
    current = {_span_key(s) for s in quote.spans}
    try:
        removed = [dict(s) for s in normalise_spans(remove, text_length=len(answer.text))]
        added = [dict(s) for s in normalise_spans(add, text_length=len(answer.text))]
    except ValueError as exc:
        raise QuoteError(str(exc)) from exc
    missing = [s for s in removed if _span_key(s) not in current]
    if missing:
        raise QuoteError(f"these spans are not in quote {quote_id}: {missing}")
    kept = current - {_span_key(s) for s in removed}
    spans = [{"start": s, "end": e, "type": t} for s, e, t in kept] + added
    checked = normalise_spans(spans, text_length=len(answer.text))
    quote.spans = checked
    quote.redacted_text = render_redacted(answer.text, checked)
    quote.updated_at = utcnow()
    if quote.status == QuoteStatus.APPROVED:
        quote.status = QuoteStatus.PENDING
    session.add(quote)
    session.add(QuoteEdit(quote_id=quote_id, added=added, removed=removed, editor=officer))
    _audit(session, actor=officer, action="quote_edited", quote=quote)
    session.flush()
    return quote


def quote_edits(*, session: Session, quote_id: int) -> list[QuoteEdit]:
    return list(
        session.exec(
            select(QuoteEdit)
            .where(QuoteEdit.quote_id == quote_id)
            .order_by(col(QuoteEdit.at), col(QuoteEdit.id))
        )
    )


def pending_quotes(*, session: Session, consultation_id: int) -> list[Quote]:
    """The officer's queue: quotes awaiting a decision, oldest first."""
    return list(
        session.exec(
            select(Quote)
            .where(Quote.consultation_id == consultation_id)
            .where(Quote.status == QuoteStatus.PENDING)
            .order_by(col(Quote.created_at), col(Quote.id))
        )
    )


def approved_quotes(
    *, session: Session, consultation_id: int, theme_id: int | None = None
) -> list[ApprovedQuote]:
    """Approved, redacted quotes for a consultation (optionally one theme).

    The single way quotes leave the store for workshop pages and exports.
    """
    query = (
        select(Quote, Answer.language)
        .join(Answer, col(Answer.id) == col(Quote.answer_id))
        .where(Quote.consultation_id == consultation_id)
        .where(Quote.status == QuoteStatus.APPROVED)
    )
    if theme_id is not None:
        query = query.where(Quote.theme_id == theme_id)
    rows = session.exec(query.order_by(col(Quote.theme_id), col(Quote.id)))
    return [
        ApprovedQuote(
            id=row.id,
            consultation_id=row.consultation_id,
            theme_id=row.theme_id,
            text=row.redacted_text,
            approved_at=row.reviewed_at,
            language=language or "en",
        )
        for row, language in rows
    ]
