"""A durable local spool for inbound webhooks while the database is unreachable.

RapidPro's courier keeps receiving through a database outage by writing messages
to local disk and replaying them later; this does the same. When storing an
inbound message fails because the store is unreachable, the webhook appends the
message to this spool (one JSON line, flushed and fsync'd before the provider is
answered), acknowledges it, and a replayer feeds the spool back, in arrival
order, once the store answers again. Replaying is idempotent because every
channel stores a receipt per provider message id (Twilio MessageSid, Telegram
update id), so a message replayed twice (a crash between storing and marking
it done) is stored once.

Order: while anything is spooled, new messages are spooled too, so a resident's
later message never overtakes an earlier one.

Each process writes its own file (``<pid>-<start>.jsonl``) under an exclusive
``flock``; a file left by a process that died is replayed by whichever process
takes its lock. Progress is the count of replayed lines in ``<file>.done``,
written after each record, so a restart resumes where replay stopped.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import json
import logging
import os
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

log = logging.getLogger(__name__)

#: Errors that mean "the store is unreachable" (not a bug in the message).
STORE_DOWN = (OperationalError, InterfaceError, PoolTimeoutError)

Handler = Callable[[str, dict[str, Any]], Awaitable[None]]


class WebhookSpool:
    """Append-only, fsync'd local spool of inbound messages, replayed in order."""

    def __init__(
        self, directory: Path, *, seal: Callable[[str], bytes], unseal: Callable[[bytes], str]
    ) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Messages carry phone numbers and chat ids: on disk they are encrypted
        # with the same keys as the store's addresses.
        self._seal, self._unseal = seal, unseal
        self._lock = threading.Lock()
        self._backlog = any(directory.glob("*.jsonl"))
        self._name = f"{os.getpid()}-{time.time_ns()}.jsonl"
        self._file: TextIO | None = None
        self._handlers: dict[str, Handler] = {}
        #: Messages fed back since start (for tests and the log).
        self.replayed = 0

    # --- writing --------------------------------------------------------------

    def append(self, kind: str, payload: dict[str, Any]) -> None:
        """Store one message durably; returns only once it is on disk."""
        sealed = self._seal(json.dumps(payload)).decode("ascii")
        line = json.dumps({"kind": kind, "at": time.time(), "sealed": sealed}) + "\n"
        with self._lock:
            if self._file is None:
                self._file = (self.directory / self._name).open("a", encoding="utf-8")
                # Ours while this process lives; a replayer elsewhere skips it.
                fcntl.flock(self._file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            self._file.write(line)
            self._file.flush()
            os.fsync(self._file.fileno())
            self._backlog = True
        log.warning("store unreachable: %s message spooled to %s", kind, self._name)

    def close(self) -> None:
        """Close this process's file (its lock goes with it); what is spooled stays."""
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None

    def pending(self) -> bool:
        """Whether anything spooled is still waiting to be replayed (cheap when not)."""
        if not self._backlog:
            return False
        self._backlog = any(self._unreplayed(path) for path in self._files())
        return self._backlog

    # --- replaying ------------------------------------------------------------

    def register(self, kind: str, handler: Handler) -> None:
        """How to feed a spooled message of this kind back (it must be idempotent)."""
        self._handlers[kind] = handler

    async def replay(self) -> int:
        """Feed every spooled message back in order; stops at the first store failure.

        Returns how many messages were replayed.
        """
        replayed = 0
        for path in self._files():
            with self._locked(path) as ours:
                if not ours:
                    continue
                replayed += await self._replay_file(path)
        return replayed

    async def run(self, *, every: float = 1.0, stop: asyncio.Event | None = None) -> None:
        """Replay whenever something is spooled, until cancelled or `stop` is set."""
        stop = stop or asyncio.Event()
        while not stop.is_set():
            try:
                if self.pending():
                    count = await self.replay()
                    if count:
                        log.warning("replayed %d spooled messages", count)
            except STORE_DOWN:
                pass  # still down; try again shortly
            except Exception:
                log.exception("spool replay failed; retrying")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=every)

    async def _replay_file(self, path: Path) -> int:
        done_path = path.with_suffix(".done")
        done = int(done_path.read_text() or 0) if done_path.exists() else 0
        lines = path.read_text(encoding="utf-8").splitlines()
        replayed = 0
        for number, line in enumerate(lines):
            if number < done:
                continue
            record = json.loads(line)
            handler = self._handlers.get(record["kind"])
            if handler is None:
                log.error("no handler for spooled %s message; kept", record["kind"])
                return replayed
            payload = json.loads(self._unseal(record["sealed"].encode("ascii")))
            await handler(record["kind"], payload)  # STORE_DOWN propagates: retry later
            done = number + 1
            _write_durably(done_path, str(done))
            replayed += 1
            self.replayed += 1
        if path.name != self._name or self._file is None:
            # Finished with a file nobody writes to any more.
            path.unlink(missing_ok=True)
            done_path.unlink(missing_ok=True)
        return replayed

    def _files(self) -> list[Path]:
        files = list(self.directory.glob("*.jsonl"))
        # Oldest process first; within a file, arrival order.
        return sorted(files, key=lambda p: (int(p.stem.split("-")[1]), p.name))

    def _unreplayed(self, path: Path) -> bool:
        done_path = path.with_suffix(".done")
        done = int(done_path.read_text() or 0) if done_path.exists() else 0
        try:
            with path.open("rb") as handle:
                lines = sum(1 for _ in handle)
        except FileNotFoundError:
            return False
        return lines > done

    @contextlib.contextmanager
    def _locked(self, path: Path) -> Iterator[bool]:
        if path.name == self._name:
            # Our own file: writers and the replayer of this process share the lock.
            with self._lock:
                yield True
            return
        try:
            handle = path.open("a")
        except FileNotFoundError:
            yield False
            return
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            yield False  # a live process still writes it
            return
        try:
            yield True
        finally:
            handle.close()


def _write_durably(path: Path, text: str) -> None:
    temporary = path.with_suffix(".tmp")
    with temporary.open("w") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    temporary.replace(path)
