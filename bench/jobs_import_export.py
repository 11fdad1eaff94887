"""A 100k-row CSV import and a 100k-answer XLSX export: background job vs the old direct request.

Run from the repository root:

    python bench/jobs_import_export.py [--rows 100000] [--old-commit 4cfa842]

Both paths go through the console over ASGI (httpx), with the code of this
checkout ("job") and of an older commit extracted with `git archive` ("direct",
the one-request import and the build-then-stream XLSX). Each measurement runs
in a fresh subprocess on a fresh SQLite store, so their peak memory (resident
memory sampled every 20 ms, growth over the moment the operation starts) does
not mix. Theming and redaction jobs are
queued but not run in either path (they are the same work in both, measured by
bench/themes_import.py); the export's answers are pre-redacted, as the job
queue leaves them.

Reported per path: time until the officer sees something (the import's report
or a progress page with rows counted; the export's first byte or a progress
page), total time, and the process's peak memory growth.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import resource
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


class _PeakRss:
    """Samples the process's resident memory every 20 ms; the peak over the baseline."""

    def __init__(self) -> None:
        self.base = _rss_mb()
        self.peak = self.base
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, _rss_mb())

    def growth(self) -> float:
        self._stop.set()
        self._thread.join()
        return round(max(self.peak, _rss_mb()) - self.base, 1)


def _csv(rows: int) -> bytes:
    lines = ["id,answer"] + [
        f'{i},"Answer number {i}: more buses after six, safer crossings and a cleaner park"'
        for i in range(rows)
    ]
    return ("\n".join(lines) + "\n").encode()


async def _measure(kind: str, rows: int, folder: str) -> dict[str, Any]:
    import httpx
    from fastapi import FastAPI
    from sqlalchemy import insert

    from app.container import build_services
    from app.settings import Settings
    from console.app import include_console
    from storage.db import session_scope
    from storage.migrate import upgrade
    from tests.console.factories import make_consultation, make_officer, sign_in

    # Which code is under test (the venv's editable install makes both trees importable).
    has_jobs = os.environ["WM_BENCH_PATH"] == "job"
    url = f"sqlite:///{folder}/bench.db"
    upgrade(url)
    services = build_services(
        Settings(environment="test", database_url=url, seed_demo=False, embedder="hashing")
    )
    for name in ("theme_batch", "theme_answer", "refit", "redact_answers"):
        services.job_registry.register(name, lambda **_: None)
    app = FastAPI()
    app.state.services = services
    include_console(app, services)
    officer = make_officer(services.db)
    cid = make_consultation(services.db, shared_with=[officer])
    transport = httpx.ASGITransport(app=app, client=("203.0.113.7", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://t", timeout=3600) as client:
        token = await sign_in(client, officer)
        if kind == "export":
            from storage.models import Answer, table_of, utcnow
            from storage.models.redacted import RedactedAnswer

            now = utcnow()
            text = "Answer about more buses after six, safer crossings and a cleaner park"
            with session_scope(services.db) as session:
                for first in range(0, rows, 5000):
                    ids = [
                        int(r[0])
                        for r in session.execute(
                            insert(table_of(Answer)).returning(table_of(Answer).c.id),
                            [
                                {
                                    "consultation_id": cid,
                                    "kind": "import",
                                    "channel": "import",
                                    "created_at": now,
                                    "received_at": now,
                                    "language": "en",
                                    "text": f"{text} {i}",
                                    "provider_message_id": f"bench{i}",
                                }
                                for i in range(first, min(rows, first + 5000))
                            ],
                        )
                    ]
                    session.execute(
                        insert(table_of(RedactedAnswer)),
                        [
                            {
                                "answer_id": a,
                                "text": text,
                                "spans": [],
                                "version": _redaction_version(),
                                "created_at": now,
                            }
                            for a in ids
                        ],
                    )
        content = _csv(rows) if kind == "import" else b""
        memory = _PeakRss()
        start = time.perf_counter()
        if kind == "import":
            result = await _import(client, services, cid, token, content, has_jobs)
        else:
            result = await _export(client, services, cid, token, has_jobs)
        result["total_s"] = round(time.perf_counter() - start, 2)
        result["peak_rss_growth_mb"] = memory.growth()
    services.db.dispose()
    result["path"] = "job" if has_jobs else "direct"
    return result


def _redaction_version() -> str:
    from console.redact import REDACTION_VERSION

    return str(REDACTION_VERSION)


def _drain_in_thread(services: Any) -> threading.Thread:
    thread = threading.Thread(target=services.jobs.drain, daemon=True)
    thread.start()
    return thread


async def _first_progress(
    client: Any, location: str, start: float, thread: threading.Thread
) -> float | None:
    """Seconds until the progress page shows work done (None if it finished first)."""
    while thread.is_alive():
        progress = (await client.get(f"{location}/progress")).json()
        if progress["done"] > 0:
            return time.perf_counter() - start
        await asyncio.sleep(0.05)
    return None


async def _import(
    client: Any, services: Any, cid: int, token: str, content: bytes, has_jobs: bool
) -> dict[str, Any]:
    import re

    start = time.perf_counter()
    mapped = await client.post(
        f"/console/consultations/{cid}/import",
        data={"csrf_token": token},
        files={"file": ("answers.csv", content, "text/csv")},
    )
    upload_id = re.search(r"/import/([A-Za-z0-9_-]+)\"", mapped.text)
    assert upload_id, mapped.text[:500]
    answered = await client.post(
        f"/console/consultations/{cid}/import/{upload_id.group(1)}",
        data={"csrf_token": token, "text": "answer", "row_id": "id"},
    )
    request_s = time.perf_counter() - start
    if not has_jobs:
        assert f"<strong>{len(content.splitlines()) - 1}</strong> answers imported" in answered.text
        return {"request_s": round(request_s, 2), "first_feedback_s": round(request_s, 2)}
    location = answered.headers["location"]
    thread = _drain_in_thread(services)
    first = await _first_progress(client, location, start, thread)
    thread.join()
    done = (await client.get(f"{location}/progress")).json()
    assert done["state"] == "done" and done["stored"] > 0, done
    return {
        "request_s": round(request_s, 2),
        "first_feedback_s": round(first if first is not None else request_s, 2),
    }


async def _export(
    client: Any, services: Any, cid: int, token: str, has_jobs: bool
) -> dict[str, Any]:
    start = time.perf_counter()
    if not has_jobs:
        first_byte: float | None = None
        size = 0
        async with client.stream("GET", f"/console/consultations/{cid}/export.xlsx") as response:
            async for chunk in response.aiter_bytes():
                first_byte = first_byte or time.perf_counter() - start
                size += len(chunk)
        assert first_byte is not None
        return {"first_feedback_s": round(first_byte, 2), "bytes": size}
    started = await client.post(
        f"/console/consultations/{cid}/exports/xlsx", data={"csrf_token": token}
    )
    location = started.headers["location"]
    request_s = time.perf_counter() - start
    thread = _drain_in_thread(services)
    first = await _first_progress(client, location, start, thread)
    thread.join()
    size = 0
    async with client.stream("GET", f"{location}/download") as response:
        assert response.status_code == 200
        async for chunk in response.aiter_bytes():
            size += len(chunk)
    return {
        "request_s": round(request_s, 2),
        "first_feedback_s": round(first if first is not None else request_s, 2),
        "bytes": size,
    }


def _child(kind: str, rows: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        print(json.dumps({"kind": kind, **asyncio.run(_measure(kind, rows, folder))}))


def _run(label: str, code_root: Path, kind: str, rows: int) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(code_root), "WM_BENCH_PATH": label}
    output = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--rows", str(rows)],
        cwd=code_root,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return dict(json.loads(output.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--old-commit", default="4cfa842")
    parser.add_argument("--child", choices=["import", "export"])
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.rows)
        return
    with tempfile.TemporaryDirectory() as old:
        archive = subprocess.run(
            ["git", "archive", args.old_commit], cwd=ROOT, check=True, capture_output=True
        ).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(old, filter="data")
        for kind in ("import", "export"):
            for label, root in (("direct", Path(old)), ("job", ROOT)):
                result = _run(label, root, kind, args.rows)
                print(json.dumps({"label": label, **result}), flush=True)


if __name__ == "__main__":
    main()
