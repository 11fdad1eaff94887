"""What follows an officer's edit of a consultation's places to keep and words to hide.

Cached redactions follow by themselves (their version carries a digest of the lists;
console/redact.py, nlp/themes/redacted.py). Text already derived from the old redactions
does not, so right after the edit:

- **quotes** (:func:`hide_words_now`, pattern matching only, in the edit's transaction):
  every quote gains a ``[redacted]`` over each word to hide it shows, an officer's own
  spans kept; an *approved* quote that changes goes back to the queue with the reason
  ("words-to-hide"): what the officer approved is no longer what would be shown, so it
  needs a fresh decision, and until then it is on no wall, export or API answer. Then
  (:func:`redo_waiting_quotes`, the redactor) a waiting quote that no officer has edited
  is redacted as a new one would be (a kept place shows; a place taken off the list is
  hidden again). An approved quote that a new place to keep would only show more of stays
  as approved: it hides more than needed, never less.
- **themes**: a label or keyword that holds a word to hide loses it (a generated label
  gives way to a safe keyword, an officer's own name and the labels' copies in responses,
  feedback lines and playback rounds have the word masked). Labels built
  without the kept places are relabelled by the next regroup, from the new redactions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from nlp.redaction.derived import hidden_words, phrase_is_safe, scrub_label, scrub_phrases
from nlp.redaction.normalise import normalise
from nlp.redaction.redactor import phrase_pattern, phrase_spans
from storage.models import Answer, AuditEvent, utcnow
from storage.models.quotes import Quote, QuoteEdit, QuoteStatus
from storage.models.themes import Theme
from storage.placeholders import normalise_spans, render_redacted
from storage.repositories.label_copies import mask_label_copies
from storage.repositories.redaction_words import RedactionWords, words_for_consultation

#: Why an approved quote came back to the queue (shown to the officer).
REQUEUED_WORDS_TO_HIDE = "words-to-hide"
#: Why an approved quote came back: it shows a place the officer no longer keeps.
REQUEUED_PLACES_REMOVED = "places-removed"


@dataclass(frozen=True, slots=True)
class WordsFollowed:
    """What an edit of the lists changed."""

    quotes_redone: int
    quotes_requeued: int
    themes_scrubbed: int


def follow_words_change(*, session: Session, consultation_id: int, actor: str) -> WordsFollowed:
    """Bring the consultation's quotes and theme names in line with its lists (audited).

    :func:`hide_words_now` then :func:`redo_waiting_quotes`; a caller on SQLite commits
    between the two, so that no write lock is held while the redactor runs.

    Args:
        session: an open session (the caller commits).
        consultation_id: the consultation whose lists changed.
        actor: "officer:<id>", for the audit log.
    """
    hidden = hide_words_now(session=session, consultation_id=consultation_id, actor=actor)
    redone = redo_waiting_quotes(session=session, consultation_id=consultation_id)
    return WordsFollowed(
        hidden.quotes_redone + redone, hidden.quotes_requeued, hidden.themes_scrubbed
    )


def hide_words_now(
    *,
    session: Session,
    consultation_id: int,
    actor: str,
    places_removed: Sequence[str] = (),
) -> WordsFollowed:
    """The words to hide out of every quote and theme name; approved quotes that showed
    one, or that show a place no longer kept (``places_removed``: it may be someone's
    name after all), go back to the queue. Pattern matching only (no model): done in the
    same transaction as the edit, so the lists are never saved without it."""
    words = words_for_consultation(session=session, consultation_id=consultation_id)
    hide = phrase_pattern(words.hide)
    unkept = phrase_pattern(places_removed)
    changed = requeued = 0
    if hide is not None or unkept is not None:
        now = utcnow()
        for quote in session.exec(select(Quote).where(Quote.consultation_id == consultation_id)):
            answer = session.get(Answer, quote.answer_id)
            if answer is None:
                continue
            spans = _with_hidden(answer.text, quote.spans, hide)
            text = render_redacted(answer.text, spans)
            reason = None
            if text != quote.redacted_text:
                quote.spans, quote.redacted_text, quote.updated_at = spans, text, now
                session.add(quote)
                changed += 1
                reason = REQUEUED_WORDS_TO_HIDE
            elif phrase_spans(normalise(quote.redacted_text), unkept):
                reason = REQUEUED_PLACES_REMOVED
            if reason is not None and quote.status == QuoteStatus.APPROVED:
                quote.status = QuoteStatus.PENDING
                quote.requeued_reason = reason
                quote.updated_at = now
                session.add(quote)
                requeued += 1
                detail: dict[str, Any] = {"reason": reason}
                session.add(
                    AuditEvent(
                        actor=actor,
                        action="quote_requeued",
                        subject=f"quote:{quote.id}",
                        detail=detail,
                    )
                )
        session.flush()
    return WordsFollowed(changed, requeued, _scrub_themes(session, consultation_id, words))


def _edited_quote_ids(session: Session, quote_ids: Sequence[int]) -> set[int]:
    if not quote_ids:
        return set()
    rows = session.exec(
        select(QuoteEdit.quote_id)
        .where(col(QuoteEdit.quote_id).in_(list(quote_ids)))
        .group_by(col(QuoteEdit.quote_id))
        .having(func.count() > 0)
    )
    return {int(quote_id) for quote_id in rows}


def redo_waiting_quotes(*, session: Session, consultation_id: int) -> int:
    """Waiting quotes no officer has edited, redacted as a new quote would be now.

    Runs the redactor (for answers whose cached redaction is stale) before its first
    write. Returns how many quotes changed.
    """
    from nlp.themes.redacted import redactions

    waiting = list(
        session.exec(
            select(Quote).where(
                Quote.consultation_id == consultation_id, Quote.status == QuoteStatus.PENDING
            )
        )
    )
    edited = _edited_quote_ids(session, [q.id for q in waiting if q.id is not None])
    redo = [q for q in waiting if (q.id or 0) not in edited]
    answers = {q.answer_id: session.get(Answer, q.answer_id) for q in redo}
    fresh = redactions(
        session=session,
        answers=[
            (answer_id, answer.text, answer.language)
            for answer_id, answer in answers.items()
            if answer is not None
        ],
    )
    changed = 0
    now = utcnow()
    for quote in redo:
        answer = answers[quote.answer_id]
        if answer is None or quote.answer_id not in fresh:
            continue
        spans = normalise_spans(fresh[quote.answer_id][1], text_length=len(answer.text))
        text = render_redacted(answer.text, spans)
        if text == quote.redacted_text:
            continue
        # Runs as a job, so an officer may have approved, rejected or edited the quote
        # while the redactor ran: only a quote still as it was read is rewritten.
        result = session.execute(
            update(Quote)
            .where(
                col(Quote.id) == quote.id,
                col(Quote.status) == QuoteStatus.PENDING,
                col(Quote.updated_at) == quote.updated_at,
            )
            .values(spans=spans, redacted_text=text, updated_at=now)
        )
        changed += int(getattr(result, "rowcount", 0) or 0)
    session.flush()
    return changed


def words_to_hide_in(text: str, hide: re.Pattern[str] | None) -> list[str]:
    """The officer's words to hide (``phrase_pattern``) that ``text`` shows, as written there;
    matched on its normalised copy, as answers are ("O’Brien" meets "O'Brien")."""
    return [text[start:end] for start, end in phrase_spans(normalise(text), hide)]


def mask_words_to_hide(text: str, hide: re.Pattern[str] | None) -> str:
    """``text`` with each word to hide it shows as ``[redacted]``."""
    for start, end in reversed(phrase_spans(normalise(text), hide)):
        text = f"{text[:start]}[redacted]{text[end:]}"
    return text


def _with_hidden(text: str, spans: Sequence[Any], hide: Any) -> list[dict[str, Any]]:
    """The quote's spans plus a ``[redacted]`` over each word to hide not yet covered."""
    kept = [dict(span) for span in spans]
    for start, end in phrase_spans(normalise(text), hide):
        if not any(int(s["start"]) <= start and end <= int(s["end"]) for s in kept):
            kept.append({"start": start, "end": end, "type": "redacted"})
    return normalise_spans(kept, text_length=len(text))


def _scrub_themes(session: Session, consultation_id: int, words: RedactionWords) -> int:
    hidden = hidden_words([words.hide])
    if not hidden:
        return 0
    hide = phrase_pattern(words.hide)
    changed = 0
    for theme in session.exec(select(Theme).where(Theme.consultation_id == consultation_id)):
        keywords = list(theme.keywords or [])
        safe = scrub_phrases(keywords, hidden)
        before = (theme.label_en, theme.label_cy, theme.officer_label, theme.officer_label_cy)
        if theme.label_en and not phrase_is_safe(theme.label_en, hidden):
            theme.label_en = scrub_label(theme.label_en, hidden, safe)[:200]
        if theme.label_cy and not phrase_is_safe(theme.label_cy, hidden):
            theme.label_cy = scrub_label(theme.label_cy, hidden)[:200]
        # An officer's own name keeps its wording, the word to hide masked.
        if theme.officer_label:
            theme.officer_label = mask_words_to_hide(theme.officer_label, hide)[:200]
        if theme.officer_label_cy:
            theme.officer_label_cy = mask_words_to_hide(theme.officer_label_cy, hide)[:200]
        after = (theme.label_en, theme.label_cy, theme.officer_label, theme.officer_label_cy)
        if before != after or safe != keywords:
            theme.keywords = safe
            theme.updated_at = utcnow()
            session.add(theme)
            changed += 1
    session.flush()
    # A council's response, a feedback line and a playback round keep copies of labels.
    mask_label_copies(session, consultation_id, lambda label: mask_words_to_hide(label, hide))
    return changed
