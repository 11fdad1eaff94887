"""The quote approval queue on real SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import col, delete, select

from storage.db import session_scope
from storage.models import Answer, AuditEvent, Participant
from storage.models.quotes import Quote, QuoteSource, QuoteStatus
from storage.repositories.quotes import (
    QuoteError,
    approve_quote,
    approved_quotes,
    edit_quote_spans,
    pending_quotes,
    propose_quote,
    quote_edits,
    reject_quote,
)
from tests.storage.quote_factories import TEXT, ident, make_answer

NAME = {"start": 4, "end": 10, "type": "name"}
PHONE = {"start": 23, "end": 35, "type": "phone"}
OFFICER = "officer:1"


def test_proposed_quote_is_redacted_and_pending_and_not_shown(engine: Engine) -> None:
    with session_scope(engine) as session:
        answer = make_answer(session)
        quote = propose_quote(
            session=session, answer_id=ident(answer), spans=[PHONE, NAME], theme_id=7
        )
        assert quote.redacted_text == "I'm [name], ring me on [phone] about the buses in Gresford."
        assert quote.status == QuoteStatus.PENDING
        assert approved_quotes(session=session, consultation_id=answer.consultation_id) == []
        assert [
            q.id for q in pending_quotes(session=session, consultation_id=answer.consultation_id)
        ] == [quote.id]


def test_propose_is_idempotent_and_keeps_the_decision(engine: Engine) -> None:
    with session_scope(engine) as session:
        answer = make_answer(session)
        first = propose_quote(session=session, answer_id=ident(answer), spans=[NAME], theme_id=None)
        approve_quote(session=session, quote_id=ident(first), officer=OFFICER)
        again = propose_quote(session=session, answer_id=ident(answer), spans=[], theme_id=None)
        assert again.id == first.id
        assert again.status == QuoteStatus.APPROVED
        assert "[name]" in again.redacted_text
        other_theme = propose_quote(
            session=session, answer_id=ident(answer), spans=[NAME], theme_id=3
        )
        assert other_theme.id != first.id
        assert len(session.exec(select(Quote)).all()) == 2


def test_only_approved_quotes_come_out(engine: Engine) -> None:
    with session_scope(engine) as session:
        answer = make_answer(session)
        cid = answer.consultation_id
        approved = propose_quote(
            session=session, answer_id=ident(answer), spans=[NAME, PHONE], theme_id=1
        )
        rejected = propose_quote(session=session, answer_id=ident(answer), spans=[NAME], theme_id=2)
        pending = propose_quote(
            session=session,
            answer_id=ident(answer),
            spans=[],
            theme_id=3,
            source=QuoteSource.OFFICER_PICK,
        )
        approve_quote(session=session, quote_id=ident(approved), officer=OFFICER)
        reject_quote(session=session, quote_id=ident(rejected), officer=OFFICER)

        shown = approved_quotes(session=session, consultation_id=cid)
        assert [q.id for q in shown] == [approved.id]
        assert shown[0].text == "I'm [name], ring me on [phone] about the buses in Gresford."
        assert "07700" not in shown[0].model_dump_json()
        assert (
            approved_quotes(session=session, consultation_id=cid, theme_id=1)[0].id == approved.id
        )
        assert approved_quotes(session=session, consultation_id=cid, theme_id=2) == []
        assert approved_quotes(session=session, consultation_id=cid, theme_id=3) == []
        assert pending.status == QuoteStatus.PENDING
        # An approved quote that is later rejected disappears.
        reject_quote(session=session, quote_id=ident(approved), officer="officer:2")
        assert approved_quotes(session=session, consultation_id=cid) == []
        actions = [e.action for e in session.exec(select(AuditEvent)).all()]
        assert actions.count("quote_approved") == 1 and actions.count("quote_rejected") == 2


def test_quotes_of_another_consultation_never_leak(engine: Engine) -> None:
    with session_scope(engine) as session:
        mine = make_answer(session, slug="buses")
        theirs = make_answer(session, slug="parks", text="Parks need bins.")
        quote = propose_quote(session=session, answer_id=ident(theirs), spans=[])
        approve_quote(session=session, quote_id=ident(quote), officer=OFFICER)
        assert approved_quotes(session=session, consultation_id=mine.consultation_id) == []


def test_edit_adds_and_removes_spans_rerenders_and_is_audited(engine: Engine) -> None:
    with session_scope(engine) as session:
        answer = make_answer(session)
        quote = propose_quote(session=session, answer_id=ident(answer), spans=[NAME], theme_id=1)
        approve_quote(session=session, quote_id=ident(quote), officer=OFFICER)
        gresford = {
            "start": TEXT.index("Gresford"),
            "end": TEXT.index("Gresford") + 8,
            "type": "redacted",
        }
        edited = edit_quote_spans(
            session=session,
            quote_id=ident(quote),
            officer="officer:2",
            add=[PHONE, gresford],
            remove=[NAME],
        )
        assert (
            edited.redacted_text == "I'm Dafydd, ring me on [phone] about the buses in [redacted]."
        )
        # A changed redaction needs a fresh decision before it is shown again.
        assert edited.status == QuoteStatus.PENDING
        assert approved_quotes(session=session, consultation_id=answer.consultation_id) == []
        (log,) = quote_edits(session=session, quote_id=ident(quote))
        assert log.editor == "officer:2"
        assert log.removed == [NAME]
        assert log.added == [PHONE, gresford]


@pytest.mark.parametrize(
    "bad",
    [
        {"start": 5, "end": 500, "type": "name"},
        {"start": 5, "end": 5, "type": "name"},
        {"start": -1, "end": 3, "type": "name"},
        {"start": 1, "end": 3, "type": "shoe_size"},
        {"start": "x", "end": 3, "type": "name"},
        {"end": 3, "type": "name"},
    ],
)
def test_bad_spans_are_refused(engine: Engine, bad: dict[str, object]) -> None:
    with session_scope(engine) as session:
        answer = make_answer(session)
        with pytest.raises(QuoteError):
            propose_quote(session=session, answer_id=ident(answer), spans=[bad])
        quote = propose_quote(session=session, answer_id=ident(answer), spans=[NAME])
        with pytest.raises(QuoteError):
            edit_quote_spans(session=session, quote_id=ident(quote), officer=OFFICER, add=[bad])
        assert quote.redacted_text.startswith("I'm [name]")


def test_removing_an_absent_span_or_unknown_quote_is_an_error(engine: Engine) -> None:
    with session_scope(engine) as session:
        answer = make_answer(session)
        quote = propose_quote(session=session, answer_id=ident(answer), spans=[NAME])
        with pytest.raises(QuoteError, match="not in quote"):
            edit_quote_spans(
                session=session, quote_id=ident(quote), officer=OFFICER, remove=[PHONE]
            )
        with pytest.raises(QuoteError, match="no quote"):
            approve_quote(session=session, quote_id=9999, officer=OFFICER)
        with pytest.raises(QuoteError, match="no answer"):
            propose_quote(session=session, answer_id=9999, spans=[])


def test_overlapping_spans_become_one_placeholder(engine: Engine) -> None:
    with session_scope(engine) as session:
        answer = make_answer(session)
        quote = propose_quote(
            session=session,
            answer_id=ident(answer),
            spans=[
                {"start": 23, "end": 30, "type": "phone"},
                {"start": 26, "end": 35, "type": "card"},
            ],
        )
        assert quote.redacted_text == "I'm Dafydd, ring me on [card] about the buses in Gresford."


def test_erasing_a_participant_removes_their_quotes(engine: Engine) -> None:
    with session_scope(engine) as session:
        answer = make_answer(session)
        quote = propose_quote(session=session, answer_id=ident(answer), spans=[NAME])
        approve_quote(session=session, quote_id=ident(quote), officer=OFFICER)
        edit_quote_spans(session=session, quote_id=ident(quote), officer=OFFICER, add=[PHONE])
        approve_quote(session=session, quote_id=ident(quote), officer=OFFICER)
        cid, pid = answer.consultation_id, answer.participant_id
    with session_scope(engine) as session:
        assert len(approved_quotes(session=session, consultation_id=cid)) == 1
        session.exec(delete(Participant).where(col(Participant.id) == pid))
    with session_scope(engine) as session:
        assert session.exec(select(Answer)).all() == []
        assert session.exec(select(Quote)).all() == []
        assert approved_quotes(session=session, consultation_id=cid) == []
        assert quote_edits(session=session, quote_id=ident(quote)) == []


def test_deleting_answers_directly_removes_quotes(engine: Engine) -> None:
    with session_scope(engine) as session:
        answer = make_answer(session)
        propose_quote(session=session, answer_id=ident(answer), spans=[])
        session.exec(delete(Answer).where(col(Answer.id) == answer.id))
    with session_scope(engine) as session:
        assert session.exec(select(Quote)).all() == []
