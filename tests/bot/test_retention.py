"""Retention on SQLite and PostgreSQL: old words and contact details go; counts stay."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import col, select
from typer.testing import CliRunner

from app.cli.main import app as cli
from bot.retention import run_retention
from storage.db import session_scope
from storage.identity import AddressProtector
from storage.models import (
    Answer,
    AuditEvent,
    Channel,
    Conversation,
    InboundReceipt,
    Participant,
)
from storage.models.outbound import (
    InvitationRecipient,
    InvitationWave,
    OutboundMessage,
    RecipientState,
)
from storage.models.quotes import Quote, QuoteStatus
from storage.models.redacted import RedactedAnswer
from storage.models.themes import Theme, ThemeAssignment
from tests.storage.test_participants import _consultation

NOW = datetime(2026, 6, 1, tzinfo=UTC)
OLD = NOW - timedelta(days=400)
RECENT = NOW - timedelta(days=10)
PROTECTOR = AddressProtector(
    hash_key=b"retention-test", encryption_keys=["H0xJ0yA8jAOdXbqZLRLDUiuCzMmQ4FIqxKAGlYp3GEo="]
)


@dataclass
class Seeded:
    old_answer: int
    recent_answer: int
    old_person: int
    recent_person: int
    theme: int


def _seed(engine: Engine) -> Seeded:
    consultation_id = _consultation(engine)
    with session_scope(engine) as session:
        people = []
        for number, seen in (("+447700900001", OLD), ("+447700900002", RECENT)):
            person = Participant(
                channel=Channel.SMS,
                address_hash=PROTECTOR.hash("sms", number),
                address_encrypted=PROTECTOR.encrypt(number),
                created_at=seen,
                last_seen_at=seen,
            )
            session.add(person)
            session.flush()
            assert person.id is not None
            people.append(person)
            session.add(
                Conversation(
                    participant_id=person.id,
                    consultation_id=consultation_id,
                    ward="Canton",
                    data={"held": [{"text": f"my name is Jo, {number}"}], "profile": 1},
                    updated_at=seen,
                )
            )
        theme = Theme(consultation_id=consultation_id, label_en="Bins", size=2)
        session.add(theme)
        session.flush()
        assert theme.id is not None
        answers = []
        for person, when, words in (
            (people[0], OLD, "The bins outside 12 Elm Road are never emptied"),
            (people[1], RECENT, "Bin collections keep being missed"),
        ):
            answer = Answer(
                consultation_id=consultation_id,
                participant_id=person.id,
                channel=Channel.SMS,
                text=words,
                received_at=when,
                created_at=when,
            )
            session.add(answer)
            session.flush()
            assert answer.id is not None
            answers.append(answer)
            session.add(ThemeAssignment(answer_id=answer.id, theme_id=theme.id, score=0.9))
            session.add(RedactedAnswer(answer_id=answer.id, text="[redacted]", version="1"))
            for status in (QuoteStatus.PENDING, QuoteStatus.APPROVED):
                session.add(
                    Quote(
                        answer_id=answer.id,
                        consultation_id=consultation_id,
                        redacted_text="The bins outside [ADDRESS]",
                        status=status,
                    )
                )
            session.add(
                InboundReceipt(
                    channel=Channel.SMS,
                    provider_message_id=f"SM{answer.id}",
                    replies=[{"text": f"You said: {words}"}],
                    received_at=when,
                )
            )
        wave = InvitationWave(
            consultation_id=consultation_id, lawful_basis="public task", body="Hi"
        )
        session.add(wave)
        session.flush()
        assert wave.id is not None
        for row, (number, when, state) in enumerate(
            (
                ("+447700900003", OLD, RecipientState.SENT),
                ("+447700900004", OLD, RecipientState.PENDING),
            ),
            start=1,
        ):
            session.add(
                InvitationRecipient(
                    wave_id=wave.id,
                    row_number=row,
                    address_hash=PROTECTOR.hash("sms", number),
                    address_encrypted=PROTECTOR.encrypt(number),
                    state=state,
                    updated_at=when,
                )
            )
        for when in (OLD, RECENT):
            session.add(
                OutboundMessage(
                    channel=Channel.SMS,
                    address_hash="x" * 64,
                    address_encrypted=PROTECTOR.encrypt("+447700900005"),
                    body="Hi",
                    created_at=when,
                )
            )
        assert people[0].id and people[1].id and theme.id and answers[0].id and answers[1].id
        return Seeded(answers[0].id, answers[1].id, people[0].id, people[1].id, theme.id)


def test_old_words_and_addresses_go_recent_ones_and_theme_counts_stay(engine: Engine) -> None:
    seeded = _seed(engine)
    report = run_retention(engine, days=365, now=NOW)

    assert report.answers_cleared == 1
    assert report.redacted_deleted == 1
    assert report.quotes_deleted == 1  # the pending one; the approved quote is published
    assert report.held_texts_cleared == 1
    assert report.receipts_deleted == 1
    assert report.participant_addresses_cleared == 1
    assert report.recipient_addresses_cleared == 1  # the pending recipient keeps its number
    assert report.outbound_addresses_cleared == 1
    with session_scope(engine) as session:
        old = session.get(Answer, seeded.old_answer)
        recent = session.get(Answer, seeded.recent_answer)
        assert old is not None and old.text == ""
        assert recent is not None and recent.text == "Bin collections keep being missed"
        # Aggregates: the theme keeps its size and both assignments; the ward stays.
        theme = session.get(Theme, seeded.theme)
        assert theme is not None and theme.size == 2
        assert (
            session.scalar(
                select(func.count()).where(col(ThemeAssignment.theme_id) == seeded.theme)
            )
            == 2
        )
        assert {c.ward for c in session.exec(select(Conversation))} == {"Canton"}
        datas = {c.participant_id: c.data for c in session.exec(select(Conversation))}
        assert datas[seeded.old_person] == {"profile": 1}
        recent_data = datas[seeded.recent_person]
        assert recent_data is not None and "held" in recent_data
        # Addresses: the old resident cannot be contacted; the hash still finds them.
        old_person = session.get(Participant, seeded.old_person)
        recent_person = session.get(Participant, seeded.recent_person)
        assert old_person is not None and old_person.address_encrypted == b""
        assert old_person.address_hash == PROTECTOR.hash("sms", "+447700900001")
        assert recent_person is not None
        assert PROTECTOR.decrypt(recent_person.address_encrypted) == "+447700900002"
        states = {
            str(r.state): r.address_encrypted for r in session.exec(select(InvitationRecipient))
        }
        assert states["sent"] == b""
        assert PROTECTOR.decrypt(states["pending"]) == "+447700900004"
        assert session.get(RedactedAnswer, seeded.old_answer) is None
        assert session.get(RedactedAnswer, seeded.recent_answer) is not None
        quotes = session.exec(select(Quote.answer_id, Quote.status)).all()
        assert sorted((a, str(s)) for a, s in quotes) == sorted(
            [
                (seeded.old_answer, "approved"),
                (seeded.recent_answer, "pending"),
                (seeded.recent_answer, "approved"),
            ]
        )
        receipts = session.exec(select(InboundReceipt.provider_message_id)).all()
        assert receipts == [f"SM{seeded.recent_answer}"]
        # The audit event says what was done, in counts only.
        event = session.exec(select(AuditEvent).where(col(AuditEvent.action) == "retention")).one()
        assert event.detail is not None and event.detail["answers_cleared"] == 1
        assert "Elm Road" not in str(event.detail) and "+44" not in str(event.detail)


def test_a_second_run_changes_nothing(engine: Engine) -> None:
    _seed(engine)
    assert run_retention(engine, days=365, now=NOW).total > 0
    assert run_retention(engine, days=365, now=NOW).total == 0


def test_dry_run_counts_exactly_and_changes_nothing(engine: Engine) -> None:
    seeded = _seed(engine)
    dry = run_retention(engine, days=365, now=NOW, dry_run=True)
    with session_scope(engine) as session:
        old = session.get(Answer, seeded.old_answer)
        assert old is not None and old.text.startswith("The bins")
        assert session.exec(select(func.count()).select_from(AuditEvent)).one() == 0
    assert run_retention(engine, days=365, now=NOW) == dry


def test_nothing_is_old_enough_within_the_period(engine: Engine) -> None:
    _seed(engine)
    assert run_retention(engine, days=500, now=NOW).total == 0


@pytest.mark.parametrize("days", [0, -3, 36_501, 10**9])
def test_a_period_out_of_range_is_refused(engine: Engine, days: int) -> None:
    with pytest.raises(ValueError, match="at least one day and at most 36500"):
        run_retention(engine, days=days, now=NOW)


def test_cli_dry_run_and_unset_period(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    monkeypatch.delenv("RETENTION_DAYS", raising=False)
    runner = CliRunner()
    unset = runner.invoke(cli, ["retention", "run"])
    assert unset.exit_code == 0 and "everything is kept" in unset.output
    monkeypatch.setenv("RETENTION_DAYS", "30")
    dry = runner.invoke(cli, ["retention", "run", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "would change 0 rows" in dry.output
    for days in ("0", "99999999999", "x"):
        bad = runner.invoke(cli, ["retention", "run", "--days", days])
        assert bad.exit_code == 2, bad.output


def test_the_retention_job_runs_from_the_app_queue(db_url: str, engine: Engine) -> None:
    from app.container import build_services
    from app.jobs.queue import InProcessQueue
    from app.settings import Settings
    from storage.models import utcnow

    seeded = _seed(engine)
    # A period that puts the cutoff just after the old answer, whatever today is.
    days = (utcnow() - OLD).days - 5
    services = build_services(
        Settings(environment="test", database_url=db_url, seed_demo=False, retention_days=days)
    )
    assert isinstance(services.jobs, InProcessQueue)
    services.jobs.enqueue("retention")
    services.jobs.drain()
    services.db.dispose()
    with session_scope(engine) as session:
        old = session.get(Answer, seeded.old_answer)
        recent = session.get(Answer, seeded.recent_answer)
        assert old is not None and old.text == ""
        assert recent is not None and recent.text != ""
