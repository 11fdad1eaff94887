"""Many single-answer jobs, one forward pass: a batcher shared by a worker's job threads.

A worker runs several jobs at once (dramatiq threads, or the database worker's pool).
Each ``theme_answer`` job hands its answer id to the batcher and waits; one of the
waiting threads runs the whole batch (one embedder call, one transaction) and the
others return when it is done. A job therefore still returns only once its answer is
themed, so the queue acknowledges it only then, and a crash loses nothing.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

Item = TypeVar("Item", bound=Hashable)


@dataclass
class _Ticket(Generic[Item]):
    item: Item
    done: bool = False
    error: BaseException | None = field(default=None)


class Batcher(Generic[Item]):
    """Run ``work`` over the items that several threads submit at about the same time."""

    def __init__(
        self,
        work: Callable[[Sequence[Item]], None],
        *,
        max_size: int = 64,
        linger: float = 0.005,
    ) -> None:
        """
        Args:
            work: does the job for a batch of distinct items (idempotent).
            max_size: most items in one call of ``work``.
            linger: seconds the thread that runs a batch waits for more items first.
        """
        self._work = work
        self._max_size = max_size
        self._linger = linger
        self._changed = threading.Condition()
        self._waiting: list[_Ticket[Item]] = []
        self._running = False

    def submit(self, item: Item) -> None:
        """Return once ``item`` has been worked on; raise its error if it failed."""
        ticket = _Ticket(item)
        with self._changed:
            self._waiting.append(ticket)
            self._changed.notify_all()
        while True:
            with self._changed:
                while not ticket.done and self._running:
                    self._changed.wait()
                if ticket.done:
                    break
                self._running = True
            self._run_one_batch()
        if ticket.error is not None:
            raise ticket.error

    def _run_one_batch(self) -> None:
        if self._linger:
            time.sleep(self._linger)  # let the other threads of this burst join
        with self._changed:
            batch = self._waiting[: self._max_size]
            del self._waiting[: self._max_size]
        try:
            self._work_or_split(batch)
        finally:
            with self._changed:
                for ticket in batch:
                    ticket.done = True
                self._running = False
                self._changed.notify_all()

    def _work_or_split(self, batch: list[_Ticket[Item]]) -> None:
        items = list(dict.fromkeys(t.item for t in batch))
        try:
            self._work(items)
            return
        except Exception as failure:
            if len(items) == 1:
                for ticket in batch:
                    ticket.error = failure
                return
            log.warning(
                "a batch of %d failed; running its items one by one", len(items), exc_info=True
            )
        # One bad item must not fail the others: each gets its own result.
        for item in items:
            error: BaseException | None = None
            try:
                self._work([item])
            except Exception as failure:
                error = failure
            for ticket in batch:
                if ticket.item == item:
                    ticket.error = error
