"""Fresh PostgreSQL databases for the tests, made one ahead on a background thread.

Every PostgreSQL test gets its own copy of the migrated template (`CREATE DATABASE
... TEMPLATE`), dropped afterwards. Copying and dropping cost a few tenths of a
second each; done inline they added minutes to the suite. Here one thread copies
the next test's database while the current test runs, and drops finished ones
behind it, so the server works on the second core while pytest uses the first.
What a test gets is unchanged: a database nobody else has touched, in exactly
the template's state.
"""

from __future__ import annotations

import queue
import threading
import uuid
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Engine

#: Seconds a test waits for its copy before failing (a copy takes well under one).
WAIT = 120.0


@dataclass(frozen=True)
class _Failed:
    """A copy that could not be made; raised in the test that asked for it."""

    error: BaseException


class PgClones:
    """Copies of one template database, handed out once each and dropped after use."""

    def __init__(self, admin: Engine, template: str) -> None:
        self._admin = admin
        self._template = template
        self._ready: queue.Queue[str | _Failed] = queue.Queue()
        # One ordered stream of work, so copies and drops never race each other.
        self._work: queue.Queue[tuple[str, str] | None] = queue.Queue()
        self._drop_errors: list[Exception] = []
        self._thread = threading.Thread(target=self._run, name="pg-clones", daemon=True)
        self._thread.start()
        self._work.put(("make", ""))

    def take(self) -> str:
        """The name of a fresh copy, and the next one starts being made."""
        try:
            made = self._ready.get(timeout=WAIT)
        except queue.Empty:
            raise TimeoutError(f"no PostgreSQL copy of {self._template} after {WAIT}s") from None
        self._work.put(("make", ""))
        if isinstance(made, _Failed):
            raise made.error
        return made

    def give_back(self, name: str) -> None:
        """The test is over: drop its database (in the background)."""
        self._work.put(("drop", name))

    def close(self) -> None:
        """Drop what is left, including the copy made ahead for a test that never came."""
        self._work.put(None)
        self._thread.join()
        while not self._ready.empty():
            made = self._ready.get_nowait()
            if isinstance(made, str):
                self._drop(made)
        if self._drop_errors:
            raise ExceptionGroup("some test databases could not be dropped", self._drop_errors)

    def _run(self) -> None:
        while (item := self._work.get()) is not None:
            action, name = item
            if action == "drop":
                try:
                    self._drop(name)
                except Exception as error:  # reported at the end; the next tests go on
                    self._drop_errors.append(error)
                continue
            name = f"wm_test_{uuid.uuid4().hex[:12]}"
            try:
                with self._admin.connect() as conn:
                    conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{self._template}"'))
            except Exception as error:  # handed to the test that asks next
                self._ready.put(_Failed(error))
            else:
                self._ready.put(name)

    def _drop(self, name: str) -> None:
        with self._admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
