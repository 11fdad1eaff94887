"""A refit redacts only what an officer is shown, once, and reuses what is stored.

Labels come from redacted label samples; proposed quotes reuse the stored redaction
(written by the pre-redaction job or by the labels) instead of redacting again.
"""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import select

from nlp.embeddings.hashing import HashingEmbedder
from nlp.themes import service
from nlp.themes.model import ThemeModel
from nlp.themes.quotes import propose_theme_quotes
from nlp.themes.redacted import REDACTION_VERSION
from storage.db import session_scope
from storage.models.quotes import Quote, QuoteStatus
from storage.models.redacted import RedactedAnswer
from storage.models.themes import Theme
from storage.repositories.console_answers import store_redactions
from tests.nlp.themes_factories import add_answers, make_consultation, topic_answers

NAMED = "Mrs Eleanor Whitcombe"
EMBEDDER = HashingEmbedder()


def _themed_with_a_name(engine: Engine) -> tuple[int, list[int]]:
    consultation_id = make_consultation(engine)
    # Every answer names the same resident: unredacted, her name would be the most
    # typical phrase of every theme.
    texts = [f"{text}, {NAMED} agrees" for _, text in topic_answers()] * 3
    ids = add_answers(engine, consultation_id, texts)
    with session_scope(engine) as session:
        service.refit_consultation(
            session=session,
            consultation_id=consultation_id,
            embedder=EMBEDDER,
            # Label samples smaller than the themes, as in a real consultation.
            model=ThemeModel(embedder=EMBEDDER, label_sample=5),
        )
    return consultation_id, ids


def test_a_refit_redacts_only_the_answers_its_labels_and_quotes_show(engine: Engine) -> None:
    consultation_id, ids = _themed_with_a_name(engine)
    with session_scope(engine) as session:
        themes = session.exec(select(Theme).where(Theme.consultation_id == consultation_id)).all()
        labels = " ".join(f"{t.label_en} {t.label_cy}" for t in themes).lower()
        quotes = session.exec(select(Quote).where(Quote.consultation_id == consultation_id)).all()
        redacted = session.exec(
            select(RedactedAnswer).where(RedactedAnswer.answer_id.in_(ids))  # type: ignore[attr-defined]
        ).all()
    assert labels and "whitcombe" not in labels and "eleanor" not in labels
    assert quotes and all(q.status == QuoteStatus.PENDING for q in quotes)
    assert all("Whitcombe" not in q.redacted_text for q in quotes)
    # The samples are redacted (and stored for the console), not every answer.
    assert 0 < len(redacted) < len(ids)
    assert all("Whitcombe" not in r.text for r in redacted)


def test_proposed_quotes_reuse_the_stored_redaction(engine: Engine) -> None:
    consultation_id, _ = _themed_with_a_name(engine)
    with session_scope(engine) as session:
        proposed = session.exec(select(Quote).where(Quote.consultation_id == consultation_id)).all()
        answer_id = proposed[0].answer_id
        for quote in proposed:
            session.delete(quote)
    with session_scope(engine) as session:
        from storage.models import Answer

        text = session.get(Answer, answer_id).text  # type: ignore[union-attr]
        # A stored redaction that also hides the word "agrees" (which the redactor
        # would keep): the proposed quote must follow the stored spans.
        start = text.index("agrees")
        spans = [
            {"start": text.index("Eleanor"), "end": start - 1, "type": "name"},
            {"start": start, "end": start + len("agrees"), "type": "name"},
        ]
        store_redactions(
            session=session,
            redactions=[(answer_id, "stored", spans)],
            version=REDACTION_VERSION,
            now=proposed[0].created_at,
        )
    with session_scope(engine) as session:
        assert propose_theme_quotes(session=session, consultation_id=consultation_id) > 0
        again = session.exec(select(Quote).where(Quote.answer_id == answer_id)).all()
    assert again and all("agrees" not in q.redacted_text for q in again)
    assert all(q.status == QuoteStatus.PENDING for q in again)
