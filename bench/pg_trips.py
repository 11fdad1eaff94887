"""Network round trips to PostgreSQL, counted where psycopg waits for the server.

Counting statements (SQLAlchemy's events) misses what psycopg sends on its
own: the PREPARE of a statement on its fifth run on a connection (and would
stop being a count of round trips if BEGIN and COMMIT ever travelled in a
pipeline with a statement, as tried and backed out in session 6). Every exchange
with the server goes through `psycopg.Connection.wait`, which polls the socket
for the generators psycopg runs; each time the server's answer is read (the
socket became readable) counts one. A BEGIN psycopg sends before a statement
is one, the statement another; a pipeline's sends (the socket only had to be
writable) and client-side work run through `wait` (switching autocommit) count
nothing. Read the count while no statement runs.
"""

from __future__ import annotations

import itertools
from collections.abc import Generator
from typing import Any

import psycopg
from psycopg.waiting import Ready

_counter = itertools.count()
_installed = False


def installed_count() -> int:
    """Round trips so far in this process (install the counter first)."""
    global _counter
    # itertools.count has no read: take the next value and put it back.
    value = next(_counter)
    _counter = itertools.count(value)
    return value


def install() -> None:
    """Count every connection's round trips in this process (idempotent)."""
    global _installed
    if _installed:
        return
    original = psycopg.Connection.wait

    def counting_wait(self: Any, gen: Any, *args: Any, **kwargs: Any) -> Any:
        return original(self, _counted(gen), *args, **kwargs)

    psycopg.Connection.wait = counting_wait  # type: ignore[method-assign]
    _installed = True


def _counted(gen: Generator[Any, Any, Any]) -> Generator[Any, Any, Any]:
    try:
        state = gen.send(None)
    except StopIteration as done:
        return done.value
    while True:
        ready = yield state
        if ready is not None and int(ready) & int(Ready.R):
            next(_counter)
        try:
            state = gen.send(ready)
        except StopIteration as done:
            return done.value
