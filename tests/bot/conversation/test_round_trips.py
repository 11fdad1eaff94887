"""Requests to PostgreSQL per message, and the network round trips they take.

A turn is BEGIN, the participant read, the writes that need an id back
before the turn can go on (a new participant or conversation), one statement
for the rest (participant + conversation updates, the answers and audit
events, the receipt: storage/repositories/turn_end.py) and COMMIT; no
pre-ping on checkout. BEGIN travels with the read and COMMIT with the last
statement (storage/hot_sql.py), so a turn is two round trips; a connection
never goes back to the pool in the autocommit mode that takes.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import Any

import psycopg
import pytest
from psycopg.waiting import Ready
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import QueuePool

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


class RoundTrips:
    """Times a client read the server's answer: one per round trip, however many
    statements a pipeline carried (a pipeline's sends wait for nothing)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        original = psycopg.Connection.wait

        def wait(connection: Any, gen: Any, *args: Any, **kwargs: Any) -> Any:
            return original(connection, self._counted(gen), *args, **kwargs)

        monkeypatch.setattr(psycopg.Connection, "wait", wait)

    def _counted(self, gen: Generator[Any, Any, Any]) -> Generator[Any, Any, Any]:
        try:
            state = gen.send(None)
        except StopIteration as done:
            return done.value
        while True:
            ready = yield state
            if ready is not None and int(ready) & int(Ready.R):
                self.count += 1
            try:
                state = gen.send(ready)
            except StopIteration as done:
                return done.value


def _pooled_autocommit(engine: Engine) -> list[bool]:
    """The autocommit flag of every connection the pool holds (checked out one by one)."""
    pool = engine.pool
    assert isinstance(pool, QueuePool)
    held = [engine.raw_connection() for _ in range(pool.checkedin())]
    try:
        return [bool(getattr(raw.dbapi_connection, "autocommit", False)) for raw in held]
    finally:
        for raw in held:
            raw.close()


@pytest.fixture
def pg_engine(pg_url: str) -> Iterator[Engine]:
    engine = make_engine(pg_url)
    yield engine
    engine.dispose()


def test_an_answer_a_consent_and_a_reply_to_a_question_are_two_round_trips_each(
    pg_engine: Engine, protector: AddressProtector, clock: Clock, monkeypatch: pytest.MonkeyPatch
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
    trips = RoundTrips(monkeypatch)

    # A new resident: their row and conversation are one statement.
    assert resident.keys("BUSES") == ["greeting"]
    assert requests.sent == ["BEGIN", "SELECT", "WITH", "WITH", "COMMIT"]
    assert trips.count == 3
    assert len(conversations(pg_engine)) == 2

    requests.sent.clear()
    trips.count = 0
    assert resident.keys("yes") == ["ask-open"]
    assert requests.sent == ["BEGIN", "SELECT", "WITH", "COMMIT"]
    assert trips.count == 2
    assert [event.action for event in events(pg_engine)] == ["consent_given"]

    requests.sent.clear()
    trips.count = 0
    clock.advance(seconds=5)
    assert resident.keys("More buses on Sundays") == ["ask-probe"]
    assert requests.sent == ["BEGIN", "SELECT", "WITH", "COMMIT"]
    assert trips.count == 2
    assert stored == [answer.id for answer in answers(pg_engine)]

    clock.advance(seconds=5)
    resident.send("Because I work weekends")
    requests.sent.clear()
    trips.count = 0
    clock.advance(seconds=5)
    assert resident.keys("skip") == ["ask-profile"]
    assert requests.sent == ["BEGIN", "SELECT", "WITH", "COMMIT"]
    assert trips.count == 2
    assert [text for _, text in answer_texts(pg_engine)][:2] == [
        "More buses on Sundays",
        "Because I work weekends",
    ]
    assert stored == [answer.id for answer in answers(pg_engine)]
    assert len(stored) == 2
    assert not any(_pooled_autocommit(pg_engine))


def test_a_retried_delivery_and_a_failed_turn_leave_no_connection_in_autocommit(
    pg_engine: Engine, protector: AddressProtector, clock: Clock
) -> None:
    add_consultation(pg_engine)
    failing = [False]

    def pre_route(_turn: object) -> bool:
        if failing[0]:
            raise RuntimeError("a handler failed half way through the turn")
        return False

    resident = Resident(
        engine=ConversationEngine(
            engine=pg_engine, protector=protector, clock=clock, pre_route=pre_route
        ),
        clock=clock,
    )
    resident.send("BUSES")
    resident.send("yes")
    first = resident.send("More buses on Sundays", message_id="SM-retried")
    # The provider retries: the answer's and the receipt's INSERT fail in the
    # statement that carries the COMMIT; the stored replies come back.
    assert resident.send("More buses on Sundays", message_id="SM-retried") == first
    failing[0] = True
    with pytest.raises(RuntimeError):
        resident.send("Because I work weekends")
    failing[0] = False

    assert [text for _, text in answer_texts(pg_engine)] == ["More buses on Sundays"]
    assert _pooled_autocommit(pg_engine)
    assert not any(_pooled_autocommit(pg_engine))
    # A connection back from the pool opens its own transactions again: what
    # a console request writes and then rolls back is gone.
    with pg_engine.connect() as connection:
        connection.exec_driver_sql("CREATE TEMPORARY TABLE scratch (n int)")
        connection.rollback()
        assert connection.exec_driver_sql("SELECT to_regclass('scratch')").scalar() is None
