"""Channels call the engine from many threads: races must not duplicate or lose anything."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from bot.conversation.engine import ConversationEngine
from bot.conversation.messages import InboundMessage
from storage.db import session_scope
from storage.models import Participant
from tests.bot.conversation.conftest import Clock, Resident
from tests.bot.conversation.helpers import answer_texts

T = TypeVar("T")


def _all_at_once(calls: list[Callable[[], T]]) -> list[T]:
    """Run the calls in threads released together, so they really overlap."""
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], T]) -> T:
        barrier.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def _participants(engine: Engine) -> int:
    with session_scope(engine) as session:
        return int(session.execute(select(func.count()).select_from(Participant)).scalar_one())


def test_identical_deliveries_at_once_store_one_answer_and_reply_alike(
    engine: Engine, buses: int, resident: Resident, stored: list[int]
) -> None:
    resident.send("BUSES")
    resident.send("yes")
    message = resident.message("More buses at night", message_id="SMrace")
    results = _all_at_once([lambda: resident.engine.handle_inbound(message)] * 6)
    assert all(result == results[0] for result in results)
    assert [r.key for r in results[0]] == ["ask-probe"]
    assert answer_texts(engine) == [("open", "More buses at night")]
    assert len(stored) == 1


def test_first_message_twice_at_once_creates_one_person(
    engine: Engine, buses: int, bot: ConversationEngine, clock: Clock
) -> None:
    resident = Resident(engine=bot, clock=clock, address="+447700900777")
    message = resident.message("BUSES", message_id="SMfirst")
    results = _all_at_once([lambda: bot.handle_inbound(message)] * 4)
    assert all(result == results[0] for result in results)
    assert _participants(engine) == 1


def test_different_first_messages_from_one_new_person_at_once(
    engine: Engine, buses: int, bot: ConversationEngine, clock: Clock
) -> None:
    resident = Resident(engine=bot, clock=clock, address="+447700900778")
    messages: list[InboundMessage] = [resident.message(text) for text in ("BUSES", "hello", "hi")]
    results = _all_at_once([partial(bot.handle_inbound, m) for m in messages])
    assert all(len(result) == 1 for result in results)
    assert _participants(engine) == 1


def test_many_residents_at_once_all_answers_kept(
    engine: Engine, buses: int, bot: ConversationEngine, clock: Clock
) -> None:
    residents = [Resident(engine=bot, clock=clock, address=f"+4477009{n:05d}") for n in range(8)]
    for step in ("BUSES", "yes"):
        _all_at_once([partial(r.send, step) for r in residents])
    _all_at_once([partial(r.send, f"Answer from {r.address[-5:]}") for r in residents])
    texts = sorted(text for _, text in answer_texts(engine))
    assert texts == sorted(f"Answer from {r.address[-5:]}" for r in residents)
