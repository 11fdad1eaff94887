"""`whatmatters serve` without Redis starts a worker process for theming, and stops it.

Runs the installed command in a subprocess, as `scripts/run` does, on a SQLite file.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from nlp.embeddings.hashing import HashingEmbedder
from storage.db import make_engine, session_scope
from storage.repositories.console_answers import unredacted_answer_ids
from storage.repositories.embeddings import answers_to_embed


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)


@contextmanager
def _serve(
    tmp_path: Path, *, workers: int = 1
) -> Iterator[tuple[subprocess.Popen[bytes], str, str]]:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    url = f"sqlite:///{tmp_path / 'whatmatters.db'}"
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("REDIS_URL", "DATABASE_URL", "JOB_WORKER", "ENVIRONMENT")
    }
    env.update(DATABASE_URL=url, EMBEDDER="hashing", SEED_DEMO="true", LOG_LEVEL="INFO")
    env["JOB_WORKER_PROCESSES"] = str(workers)
    whatmatters = str(Path(sys.executable).with_name("whatmatters"))
    log = (tmp_path / "serve.log").open("wb")
    process = subprocess.Popen(
        [whatmatters, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        cwd=tmp_path,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:

        def ready() -> bool:
            assert process.poll() is None, (tmp_path / "serve.log").read_text()
            try:
                return httpx.get(f"{base}/healthz", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        _wait(ready, 120, "the service to start")
        yield process, base, url
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(30)
        log.close()


def _workers_of(process: subprocess.Popen[bytes], count: int = 1) -> list[int]:
    def workers() -> list[int]:
        return [
            pid
            for pid in _children(process.pid)
            if b"worker" in Path(f"/proc/{pid}/cmdline").read_bytes()
        ]

    _wait(lambda: len(workers()) >= count, 30, f"{count} worker process(es)")
    found = workers()
    assert len(found) == count, "exactly JOB_WORKER_PROCESSES workers"
    return found


def test_serve_themes_answers_in_its_worker_process_and_stops_it(tmp_path: Path) -> None:
    with _serve(tmp_path) as (process, base, url):
        (worker,) = _workers_of(process)
        with httpx.Client(base_url=base, timeout=30) as client:
            for text in ("MATTERS", "yes", "Fix the potholes on the main road, please"):
                response = client.post(
                    "/simulator/api/messages", json={"text": text, "message_id": uuid.uuid4().hex}
                )
                assert response.status_code == 200
        engine = make_engine(url)
        try:

            def themed_and_redacted() -> bool:
                with session_scope(engine) as session:
                    return not answers_to_embed(
                        session=session, model=HashingEmbedder().name
                    ) and not unredacted_answer_ids(session=session, limit=10)

            _wait(themed_and_redacted, 90, "the answer to be themed and redacted")
            with session_scope(engine) as session:
                assert answers_to_embed(session=session, model="nothing") != []  # stored
        finally:
            engine.dispose()
        process.send_signal(signal.SIGTERM)
        # uvicorn shuts down cleanly, then re-raises the signal it caught.
        assert process.wait(60) in (0, -signal.SIGTERM)
        assert "Application shutdown complete" in (tmp_path / "serve.log").read_text()
        _wait(lambda: not _alive(worker), 30, "the worker to stop with the service")


def test_workers_whose_service_was_killed_stop_by_themselves(tmp_path: Path) -> None:
    # Two worker processes (JOB_WORKER_PROCESSES=2), as on a 4-core machine.
    with _serve(tmp_path, workers=2) as (process, _base, _url):
        workers = _workers_of(process, 2)
        process.kill()  # no chance to stop its children
        process.wait(30)
        # A worker notices once it has loaded its models: slow on a busy machine.
        _wait(lambda: not any(map(_alive, workers)), 90, "the orphaned workers to stop")
