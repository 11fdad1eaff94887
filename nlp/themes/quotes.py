"""Quotes proposed automatically: 3-5 per theme into the officer's approval queue.

After a refit each theme's typical, varied answers (chosen by the model: closest to the
centre, near-repeats skipped) are redacted and proposed as *pending* quotes; nothing
reaches a board or an export until an officer approves it. Proposing is idempotent per
answer and theme, so a refit never resets an officer's decision.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import Session

from nlp.themes.junk import is_junk
from storage.models import Answer
from storage.models.quotes import QuoteSource
from storage.repositories import themes as repo

#: Quotes proposed per theme (officers approve a few for the wall).
PER_THEME = 4
#: Longer answers make poor wall quotes; they stay readable on the theme page.
MAX_CHARS = 240
MIN_WORDS = 3


def propose_theme_quotes(
    *,
    session: Session,
    consultation_id: int,
    exclude: Callable[[int], bool] | None = None,
    per_theme: int = PER_THEME,
    redactor: object | None = None,
) -> int:
    """Propose each active theme's quotes as pending, redacted quotes.

    Args:
        session: an open session (the caller commits).
        consultation_id: the consultation.
        exclude: answers for which this returns True are never proposed (e.g. flagged
            as abuse or spam).
        per_theme: how many per theme.
        redactor: a long-lived :class:`nlp.redaction.Redactor` (one is made if None).

    Returns:
        How many quotes were proposed (new or already there).
    """
    from nlp.redaction.quotes import propose_redacted_quotes
    from nlp.themes.redacted import _redactor, redactions

    themes = [
        t
        for t in repo.list_themes(session=session, consultation_id=consultation_id)
        if not t.is_other
    ]
    chosen_by_theme: list[tuple[int | None, list[Answer]]] = []
    for theme in themes:
        chosen: list[Answer] = []
        seen: set[str] = set()
        for answer_id in theme.quote_answer_ids or []:
            answer = session.get(Answer, answer_id)
            if answer is None or (exclude is not None and exclude(answer_id)):
                continue
            key = " ".join(answer.text.lower().split())
            words = len(key.split())
            if key in seen or len(key) > MAX_CHARS or words < MIN_WORDS or is_junk(key):
                continue
            seen.add(key)
            chosen.append(answer)
            if len(chosen) == per_theme:
                break
        if chosen:
            chosen_by_theme.append((theme.id, chosen))
    # Every theme's candidates redacted together, once: the stored redaction (the
    # pre-redaction job's, or the labels') is reused; only the rest runs the pipeline.
    # Answers in neither English nor Welsh are left to the quote redactor's own guess.
    stored = (
        {
            answer_id: spans
            for answer_id, (_, spans) in redactions(
                session=session,
                answers=[
                    (int(a.id or 0), a.text, a.language)
                    for _, chosen in chosen_by_theme
                    for a in chosen
                    if a.language in ("en", "cy")
                ],
            ).items()
        }
        if redactor is None
        else {}
    )
    proposed = 0
    for theme_id, chosen in chosen_by_theme:
        proposed += len(
            propose_redacted_quotes(
                session=session,
                answer_ids=[int(a.id or 0) for a in chosen],
                redactor=redactor or _redactor(),  # type: ignore[arg-type]
                theme_id=theme_id,
                source=QuoteSource.REPRESENTATIVE,
                stored=stored,
            )
        )
    return proposed
