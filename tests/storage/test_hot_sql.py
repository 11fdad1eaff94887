"""Hot statements (storage/hot_sql.py) behave as SQLAlchemy's execute does, on both backends.

Same rows and types back, hostile text stored verbatim, a duplicate is an
IntegrityError that leaves nothing behind, a missing value is refused before
anything is sent, Python-side defaults still apply, and statement listeners
still see every statement.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    bindparam,
    event,
    insert,
    select,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, IntegrityError
from sqlmodel import Session

from storage.db import session_scope
from storage.hot_sql import HotStatement
from storage.models import Participant
from storage.models._base import table_of
from storage.models.participant import InboundReceipt
from storage.repositories import participants

NOW = datetime(2026, 12, 5, 15, 0, 0, 123456, tzinfo=UTC)
PARTICIPANT = table_of(Participant)
RECEIPT = table_of(InboundReceipt)
READ = HotStatement(
    select(
        PARTICIPANT.c.id,
        PARTICIPANT.c.language,
        PARTICIPANT.c.opted_out,
        PARTICIPANT.c.last_seen_at,
        PARTICIPANT.c.erasure_requested_at,
        PARTICIPANT.c.data,
    ).where(PARTICIPANT.c.address_hash == bindparam("address_hash"))
)
ADD_RECEIPT = HotStatement(insert(RECEIPT).returning(RECEIPT.c.id, RECEIPT.c.replies))


def _participant(engine: Engine, address_hash: str, data: dict[str, Any] | None) -> int:
    with session_scope(engine) as session:
        return participants.create_participant(
            session=session,
            channel="sms",
            address_hash=address_hash,
            address_encrypted=b"sealed",
            language="cy",
            now=NOW,
            opted_out=True,
            data=data,
        ).id


def test_rows_and_types_are_what_sqlalchemy_reads(engine: Engine) -> None:
    data = {"ward": "Acton", "nested": {"n": [1, 2.5, None]}, "text": 'Llŷr\'s "café" 🚌'}
    person = _participant(engine, "a" * 64, data)
    with session_scope(engine) as session:
        hot = READ.execute(session, {"address_hash": "a" * 64})
        core = [
            tuple(row)
            for row in session.connection().execute(READ.statement, {"address_hash": "a" * 64})
        ]
    assert hot == core
    assert hot == [(person, "cy", True, NOW, None, data)]
    assert hot[0][3].tzinfo is not None


def test_hostile_text_is_a_value_not_sql(engine: Engine) -> None:
    hostile = "x'); DROP TABLE participant; -- %(address_hash)s ? :name \\ " + "é" * 5000
    replies = [{"text": hostile, "key": "k"}]
    with session_scope(engine) as session:
        [(receipt_id, stored)] = ADD_RECEIPT.execute(
            session,
            {
                "channel": "sms",
                "provider_message_id": "SM" + "0" * 32,
                "participant_id": None,
                "replies": replies,
                "received_at": NOW,
            },
        )
    assert stored == replies
    with session_scope(engine) as session:
        assert READ.execute(session, {"address_hash": hostile}) == []
        row = session.connection().execute(
            select(RECEIPT.c.replies).where(RECEIPT.c.id == receipt_id)
        )
        assert row.scalar_one() == replies


def test_a_duplicate_is_an_integrity_error_and_nothing_is_kept(engine: Engine) -> None:
    values: dict[str, Any] = {
        "channel": "sms",
        "provider_message_id": "SMdup",
        "participant_id": None,
        "replies": [],
        "received_at": NOW,
    }
    with session_scope(engine) as session:
        ADD_RECEIPT.execute(session, values)
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        _participant_in(session, "b" * 64)
        ADD_RECEIPT.execute(session, values)
    with session_scope(engine) as session:
        # The participant written before the duplicate was rolled back with it.
        assert READ.execute(session, {"address_hash": "b" * 64}) == []
        count = session.connection().execute(select(RECEIPT.c.id)).all()
        assert len(count) == 1


def _participant_in(session: Session, address_hash: str) -> None:
    participants.create_participant(
        session=session,
        channel="sms",
        address_hash=address_hash,
        address_encrypted=b"sealed",
        language="en",
        now=NOW,
    )


def test_a_missing_value_is_refused_before_anything_is_sent(engine: Engine) -> None:
    sent: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *args: sent.append(args[2]))
    with pytest.raises(ArgumentError, match="address_hash"), session_scope(engine) as session:
        READ.execute(session, {})
    assert sent == []


def test_python_side_defaults_still_apply_and_listeners_see_statements(engine: Engine) -> None:
    metadata = MetaData()
    notes = Table(
        "hot_sql_note",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("body", String(50)),
        Column("kind", String(10), default="plain"),
        Column("at", DateTime(timezone=True), default=lambda: NOW),
    )
    metadata.create_all(engine)
    sent: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *args: sent.append(args[2].split()[0]))
    add = HotStatement(insert(notes).returning(notes.c.id))
    with session_scope(engine) as session:
        [(note_id,)] = add.execute(session, {"body": "hello"})
        assert READ.execute(session, {"address_hash": "nobody"}) == []
    assert sent == ["INSERT", "SELECT"]
    with session_scope(engine) as session:
        row = session.connection().execute(select(notes).where(notes.c.id == note_id)).one()
    assert (row.body, row.kind) == ("hello", "plain")
    metadata.drop_all(engine)


def test_a_list_of_values_is_expanded_as_sqlalchemy_does(engine: Engine) -> None:
    first, second = _participant(engine, "c" * 64, None), _participant(engine, "d" * 64, None)
    several = HotStatement(
        select(PARTICIPANT.c.id)
        .where(PARTICIPANT.c.address_hash.in_(bindparam("hashes", expanding=True)))
        .order_by(PARTICIPANT.c.id)
    )
    with session_scope(engine) as session:
        assert several.execute(session, {"hashes": ["c" * 64, "d" * 64, "e" * 64]}) == [
            (first,),
            (second,),
        ]
        assert several.execute(session, {"hashes": []}) == []
