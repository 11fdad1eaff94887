"""Background work off the request path.

The embedded default runs jobs in-process on a worker thread; production
swaps in a Redis-backed queue with the same `enqueue` call. Jobs are named
functions registered in a JobRegistry and must be idempotent: a job may run
twice (a retry after a crash) and must leave the same result.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from typing import Any, Protocol

from prometheus_client import Histogram

log = logging.getLogger(__name__)

JobFunction = Callable[..., None]

JOB_SECONDS = Histogram(
    "whatmatters_job_seconds",
    "Background job durations by job and outcome.",
    ["job", "outcome"],
    buckets=(0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 300),
)


class JobQueue(Protocol):
    def enqueue(self, job: str, /, **kwargs: Any) -> None: ...


class JobRegistry:
    def __init__(self) -> None:
        self._jobs: dict[str, JobFunction] = {}

    def register(self, name: str, function: JobFunction) -> None:
        self._jobs[name] = function

    def get(self, name: str) -> JobFunction:
        try:
            return self._jobs[name]
        except KeyError:
            raise LookupError(f"no job named {name!r} is registered") from None

    def names(self) -> list[str]:
        return sorted(self._jobs)

    def run(self, name: str, kwargs: dict[str, Any]) -> None:
        """Run one job and record how long it took, whichever queue delivered it."""
        function = self.get(name)
        started = time.perf_counter()
        outcome = "error"
        try:
            function(**kwargs)
            outcome = "ok"
        finally:
            JOB_SECONDS.labels(name, outcome).observe(time.perf_counter() - started)


class InProcessQueue:
    """A single worker thread draining a FIFO; enough for one-machine pilots."""

    def __init__(self, registry: JobRegistry) -> None:
        self._registry = registry
        self._queue: queue.Queue[tuple[str, dict[str, Any]] | None] = queue.Queue()
        self._thread: threading.Thread | None = None

    def enqueue(self, job: str, /, **kwargs: Any) -> None:
        self._registry.get(job)  # fail at the call site for an unknown job
        self._queue.put((job, kwargs))

    def depth(self) -> int:
        """Jobs waiting to run."""
        return self._queue.qsize()

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="whatmatters-jobs", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout)
            self._thread = None

    def drain(self) -> None:
        """Run every queued job now, in this thread (tests and one-off commands)."""
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return
            if item is not None:
                self._run_one(*item)

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            self._run_one(*item)

    def _run_one(self, job: str, kwargs: dict[str, Any]) -> None:
        try:
            self._registry.run(job, kwargs)
        except Exception:
            # A failed job must not kill the worker; it is logged with its
            # arguments and can be re-run (jobs are idempotent).
            log.exception("job %s failed with %r", job, kwargs)
