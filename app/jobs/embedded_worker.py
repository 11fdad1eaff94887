"""The embedded default's job worker: a child process `whatmatters serve` starts and stops.

Embedding is CPU-bound Python and numpy; on a thread of the web process it would hold
the GIL residents' webhooks wait for. So the web process only queues jobs (a row in
the database, app.jobs.db_queue) and child `whatmatters worker` processes (one on a
2-core machine, JOB_WORKER_PROCESSES) run them, at the lowest CPU priority and with
one BLAS thread each, so that webhooks come first on a small machine. One command
still serves everything. A child that dies is started again.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from typing import TYPE_CHECKING

from pydantic import SecretStr

if TYPE_CHECKING:
    from app.settings import Settings

log = logging.getLogger("whatmatters")

#: How much lower than the web process the worker's CPU priority is.
WORKER_NICENESS = 19


def settings_environment(settings: Settings) -> dict[str, str]:
    """The settings as environment variables, so the child runs with exactly these."""
    env: dict[str, str] = {}
    for name in type(settings).model_fields:
        value = getattr(settings, name)
        if value is None:
            continue
        if isinstance(value, SecretStr):
            value = value.get_secret_value()
        env[name.upper()] = str(value).lower() if isinstance(value, bool) else str(value)
    return env


class WorkerProcess:
    """The child `whatmatters worker` processes on the database queue, for the web
    process's life (JOB_WORKER_PROCESSES of them; each claims its own jobs)."""

    def __init__(
        self, settings: Settings, *, restart_after: float = 2.0, count: int | None = None
    ) -> None:
        self._env = {
            **os.environ,
            **settings_environment(settings),
            # One BLAS thread per worker: the web process keeps a core of its own.
            "OMP_NUM_THREADS": "1",
            "OPENBLAS_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1",
        }
        self._count = count if count is not None else settings.resolved_job_worker_processes
        self._restart_after = restart_after
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self.processes: list[subprocess.Popen[bytes]] = []
        self._watcher: threading.Thread | None = None

    def start(self) -> None:
        if not self._count:
            log.warning("JOB_WORKER_PROCESSES=0: jobs wait for a `whatmatters worker` run apart")
            return
        with self._lock:
            self.processes = [self._spawn() for _ in range(self._count)]
        self._watcher = threading.Thread(target=self._watch, name="job-worker-watch", daemon=True)
        self._watcher.start()

    def _spawn(self) -> subprocess.Popen[bytes]:
        command = [
            sys.executable,
            "-m",
            "app.cli",
            "worker",
            "--parent-pid",
            str(os.getpid()),
            "--nice",
            str(WORKER_NICENESS),
        ]
        process = subprocess.Popen(command, env=self._env)
        log.info("job worker process %d started", process.pid)
        return process

    def _watch(self) -> None:
        while not self._stopping.wait(self._restart_after):
            with self._lock:
                for slot, process in enumerate(self.processes):
                    if process.poll() is None or self._stopping.is_set():
                        continue
                    log.error(
                        "job worker process exited with %s; starting another", process.returncode
                    )
                    self.processes[slot] = self._spawn()

    def stop(self, timeout: float = 30.0) -> None:
        """Ask the workers to finish their running jobs and end; kill them after ``timeout``."""
        self._stopping.set()
        with self._lock:
            running = [p for p in self.processes if p.poll() is None]
        for process in running:
            process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for process in running:
            try:
                process.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                # Its claimed jobs run again after their lease lapses: nothing is lost.
                process.kill()
                process.wait()
        if self._watcher is not None:
            self._watcher.join(timeout=self._restart_after + 1)
