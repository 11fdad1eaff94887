"""The embedded default's job worker: a child process `whatmatters serve` starts and stops.

Embedding is CPU-bound Python and numpy; on a thread of the web process it would hold
the GIL residents' webhooks wait for. So the web process only queues jobs (a row in
the database, app.jobs.db_queue) and one child `whatmatters worker` runs them, at a
lower CPU priority and with one BLAS thread, so that webhooks come first on a small
machine. One command still serves everything. If the child dies it is started again.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
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
    """One child `whatmatters worker` on the database queue, for the web process's life."""

    def __init__(self, settings: Settings, *, restart_after: float = 2.0) -> None:
        self._env = {
            **os.environ,
            **settings_environment(settings),
            # One core at most for theming: the other is the web process's.
            "OMP_NUM_THREADS": "1",
            "OPENBLAS_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1",
        }
        self._restart_after = restart_after
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self.process: subprocess.Popen[bytes] | None = None
        self._watcher: threading.Thread | None = None

    def start(self) -> None:
        with self._lock:
            self.process = self._spawn()
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
                if self.process is None or self.process.poll() is None:
                    continue
                code = self.process.returncode
                if self._stopping.is_set():
                    return
                log.error("job worker process exited with %s; starting another", code)
                self.process = self._spawn()

    def stop(self, timeout: float = 30.0) -> None:
        """Ask the worker to finish its running jobs and end; kill it after ``timeout``."""
        self._stopping.set()
        with self._lock:
            process = self.process
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            # Its claimed jobs run again after their lease lapses: nothing is lost.
            process.kill()
            process.wait()
        if self._watcher is not None:
            self._watcher.join(timeout=self._restart_after + 1)
