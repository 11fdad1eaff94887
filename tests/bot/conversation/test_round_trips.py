"""Requests to PostgreSQL per message: each is a network round trip on the hot path.

A turn is BEGIN, the participant read, the writes that need an id back
before the turn can go on (a new participant or conversation), one statement
for the rest (participant + conversation updates, the answers and audit
events, the receipt: storage/repositories/turn_end.py) and COMMIT; no
pre-ping on checkout.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from bot.conversation.engine import ConversationEngine
from storage.db import make_engine
from storage.identity import AddressProtector
from tests.bot.conversation.conftest import Clock, Resident, add_consultation
from tests.bot.conversation.helpers import answer_texts, answers, conversations, events

pytestmark = pytest.mark.postgres


class Requests:
    """Every statement, BEGIN, COMMIT and ROLLBACK, and any pre-ping on checkout."""

    def __init__(self, engine: Engine) -> None:
        self.sent: list[str] = []
        event.listen(engine, "before_cursor_execute", self._statement)
        for name in ("begin", "commit", "rollback"):
            event.listen(engine, name, self._named(name.upper()))
        event.listen(engine.pool, "checkout", self._checkout)
        self._pre_ping = bool(getattr(engine.pool, "_pre_ping", False))

    def _statement(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        self.sent.append(statement.split(None, 1)[0].upper())

    def _named(self, name: str) -> Any:
        def record(*_args: Any) -> None:
            self.sent.append(name)

        return record

    def _checkout(self, *_args: Any) -> None:
        if self._pre_ping:
            self.sent.append("PING")


@pytest.fixture
def pg_engine(pg_url: str) -> Iterator[Engine]:
    engine = make_engine(pg_url)
    yield engine
    engine.dispose()


def test_an_answer_a_consent_and_a_reply_to_a_question_are_four_requests_each(
    pg_engine: Engine, protector: AddressProtector, clock: Clock
) -> None:
    add_consultation(pg_engine)
    stored: list[int] = []
    resident = Resident(
        engine=ConversationEngine(
            engine=pg_engine, protector=protector, clock=clock, on_answer_stored=stored.append
        ),
        clock=clock,
    )
    # Someone else first: the engine reads the consultations once, then from memory.
    Resident(engine=resident.engine, clock=clock, address="+447700900999").send("BUSES")
    requests = Requests(pg_engine)

    # A new resident: their row and conversation are one statement.
    assert resident.keys("BUSES") == ["greeting"]
    assert requests.sent == ["BEGIN", "SELECT", "WITH", "INSERT", "COMMIT"]
    assert len(conversations(pg_engine)) == 2

    requests.sent.clear()
    assert resident.keys("yes") == ["ask-open"]
    assert requests.sent == ["BEGIN", "SELECT", "WITH", "COMMIT"]
    assert [event.action for event in events(pg_engine)] == ["consent_given"]

    requests.sent.clear()
    clock.advance(seconds=5)
    assert resident.keys("More buses on Sundays") == ["ask-probe"]
    assert requests.sent == ["BEGIN", "SELECT", "WITH", "COMMIT"]
    assert stored == [answer.id for answer in answers(pg_engine)]

    clock.advance(seconds=5)
    resident.send("Because I work weekends")
    requests.sent.clear()
    clock.advance(seconds=5)
    assert resident.keys("skip") == ["ask-profile"]
    assert requests.sent == ["BEGIN", "SELECT", "WITH", "COMMIT"]
    assert [text for _, text in answer_texts(pg_engine)][:2] == [
        "More buses on Sundays",
        "Because I work weekends",
    ]
    assert stored == [answer.id for answer in answers(pg_engine)]
    assert len(stored) == 2
