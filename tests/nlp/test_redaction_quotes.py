"""Answers become pending redacted quotes; only approved ones reach workshops."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from nlp.redaction import Redactor
from nlp.redaction.quotes import propose_redacted_quotes
from storage.db import session_scope
from storage.models.quotes import QuoteSource, QuoteStatus
from storage.repositories.quotes import QuoteError, approve_quote, approved_quotes
from tests.storage.quote_factories import ident, make_answer


def test_answers_are_proposed_redacted_and_pending(engine: Engine, redactor: Redactor) -> None:
    with session_scope(engine) as session:
        english = make_answer(session, text="Hi, I'm Dafydd, ring me on 07700 900123 please.")
        welsh = make_answer(session, text="Diolch, Siân. Mae'r bws yn hwyr.", slug="bysiau")
        welsh.language = "cy"
        quotes = propose_redacted_quotes(
            session=session,
            answer_ids=[ident(english), ident(welsh)],
            redactor=redactor,
            theme_id=4,
            source=QuoteSource.OFFICER_PICK,
        )
        assert [q.redacted_text for q in quotes] == [
            "Hi, I'm [name], ring me on [phone] please.",
            "Diolch, [name]. Mae'r bws yn hwyr.",
        ]
        assert all(q.status == QuoteStatus.PENDING for q in quotes)
        assert approved_quotes(session=session, consultation_id=english.consultation_id) == []
        approve_quote(session=session, quote_id=ident(quotes[0]), officer="officer:1")
        (shown,) = approved_quotes(session=session, consultation_id=english.consultation_id)
        assert shown.text == "Hi, I'm [name], ring me on [phone] please."
        again = propose_redacted_quotes(
            session=session, answer_ids=[ident(english)], redactor=redactor, theme_id=4
        )
        assert again[0].id == quotes[0].id and again[0].status == QuoteStatus.APPROVED


def test_deny_list_and_unknown_answers(engine: Engine, redactor: Redactor) -> None:
    with session_scope(engine) as session:
        answer = make_answer(session, text="Staff at Acme Motors ignored me.")
        (quote,) = propose_redacted_quotes(
            session=session,
            answer_ids=[ident(answer)],
            redactor=redactor,
            deny_list=["acme motors"],
        )
        assert quote.redacted_text == "Staff at [redacted] ignored me."
        with pytest.raises(QuoteError, match="no answer"):
            propose_redacted_quotes(session=session, answer_ids=[424242], redactor=redactor)
