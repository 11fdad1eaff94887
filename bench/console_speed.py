"""Console benchmark: theme board and exports with 100,000 answers.

    .venv/bin/python bench/console_speed.py [--answers 100000] [--postgres URL]

Seeds a fresh SQLite database (and PostgreSQL when --postgres is given) with
answers, conversations (ward, age band), themes, assignments and approved
quotes; warms the redaction cache (as the redact_answers job does when
answers arrive); then measures, each in its own child process so peak RSS
is the export's own:

* the theme board page through the ASGI app (p50 / p99 over repeated requests),
* CSV and XLSX exports of every answer (wall time, peak RSS),
* baselines in the same run: a bare SELECT of the same rows written with
  csv.writer (the floor for CSV), and redaction of 2,000 cold answers (what a
  cold cache would cost per answer).
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.console_seed import seed  # noqa: E402
from bench.databases import postgres_database, sqlite_database  # noqa: E402


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(url: str, task: str, cid: int, repeats: int) -> dict[str, float]:
    """One measurement in a fresh process (peak RSS is this task's own)."""
    import httpx
    from fastapi import FastAPI

    from app.container import build_services
    from app.settings import Settings
    from console.app import include_console
    from console.redact import redaction_available

    # A running server has loaded the redactor long before anyone exports.
    assert redaction_available()
    services = build_services(Settings(environment="test", database_url=url, seed_demo=False))
    app = FastAPI()
    app.state.services = services
    include_console(app, services)
    result: dict[str, float] = {}

    async def run() -> None:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            page = await client.get("/console/login")
            token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
            await client.post(
                "/console/login",
                data={
                    "email": "bench@council.example",
                    "password": "bench password",
                    "csrf_token": token,
                },
            )
            if task == "board":
                await client.get(f"/console/consultations/{cid}/themes")  # warm-up
                times = []
                for _ in range(repeats):
                    t0 = time.perf_counter()
                    response = await client.get(f"/console/consultations/{cid}/themes")
                    times.append((time.perf_counter() - t0) * 1000)
                    assert response.status_code == 200
                times.sort()
                result["p50_ms"] = statistics.median(times)
                result["p99_ms"] = times[min(len(times) - 1, int(0.99 * len(times)))]
            else:
                # Best and median of three: the machine is shared and noisy.
                runs = []
                path = f"/console/consultations/{cid}/export.{task}"
                for _ in range(3):
                    t0 = time.perf_counter()
                    size = 0
                    async with client.stream("GET", path) as response:
                        assert response.status_code == 200
                        async for chunk in response.aiter_bytes():
                            size += len(chunk)
                    runs.append(time.perf_counter() - t0)
                result["seconds_best"] = min(runs)
                result["seconds_median"] = statistics.median(runs)
                result["mb"] = size / 2**20

    asyncio.run(run())
    result["peak_rss_mb"] = _rss_mb()
    services.db.dispose()
    return result


def baseline_csv(url: str, cid: int) -> dict[str, float]:
    from sqlalchemy import text

    from storage.db import make_engine

    engine = make_engine(url)
    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        out = io.StringIO()
        writer = csv.writer(out)
        with engine.connect() as conn:
            for row in conn.execute(
                text(
                    "SELECT id, received_at, channel, language, text FROM answer "
                    "WHERE consultation_id = :c ORDER BY id"
                ),
                {"c": cid},
            ):
                writer.writerow(row)
        runs.append(time.perf_counter() - t0)
    engine.dispose()
    return {
        "seconds_best": min(runs),
        "seconds_median": statistics.median(runs),
        "peak_rss_mb": _rss_mb(),
    }


def baseline_xlsx(answers: int) -> dict[str, float]:
    """openpyxl write-only with the same shape of rows, straight from memory (the XLSX floor)."""
    from openpyxl import Workbook

    rows = [
        (
            i,
            "2026-03-01T00:00:00+00:00",
            "sms",
            "en",
            "open",
            "Acton",
            "25-44",
            "Buses",
            f"Answer {i}: the buses near us really matter to my family",
        )
        for i in range(answers)
    ]
    t0 = time.perf_counter()
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Answers")
    for row in rows:
        sheet.append(row)
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as handle:
        book.save(handle)
    return {"seconds": time.perf_counter() - t0, "peak_rss_mb": _rss_mb()}


def baseline_redaction(n: int = 2000) -> dict[str, float]:
    from nlp.redaction import Redactor

    redactor = Redactor()
    texts = [
        f"Answer {i}: ring Dafydd on 07700 900{i % 1000:03d} about the buses" for i in range(n)
    ]
    redactor.redact_many(texts[:20], language="en")
    t0 = time.perf_counter()
    redactor.redact_many(texts, language="en")
    per = (time.perf_counter() - t0) / n
    return {"ms_per_answer": per * 1000, "cold_100k_estimate_s": per * 100_000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=50)
    parser.add_argument("--postgres", default=os.environ.get("WHATMATTERS_TEST_DATABASE_URL"))
    parser.add_argument("--child", nargs=3, metavar=("URL", "TASK", "CID"))
    args = parser.parse_args()
    if args.child:
        url, task, cid = args.child
        if task == "baseline_csv":
            print(json.dumps(baseline_csv(url, int(cid))))
        elif task == "baseline_xlsx":
            print(json.dumps(baseline_xlsx(int(cid))))
        elif task == "baseline_redaction":
            print(json.dumps(baseline_redaction()))
        else:
            print(json.dumps(child(url, task, int(cid), args.repeats)))
        return

    targets = [("sqlite", sqlite_database())]
    if args.postgres:
        targets.append(("postgresql", postgres_database(args.postgres)))
    report: dict[str, dict[str, dict[str, float]]] = {}
    for name, database in targets:
        # Each scratch database is removed when its measurements are done.
        with database as url:
            t0 = time.perf_counter()
            cid = seed(url, args.answers)
            print(
                f"{name}: seeded {args.answers} answers in {time.perf_counter() - t0:.0f} s",
                flush=True,
            )
            report[name] = {}
            for task in ("board", "csv", "xlsx", "baseline_csv"):
                output = (
                    subprocess.run(
                        [
                            sys.executable,
                            __file__,
                            "--repeats",
                            str(args.repeats),
                            "--child",
                            url,
                            task,
                            str(cid),
                        ],
                        capture_output=True,
                        text=True,
                        check=True,
                        cwd=ROOT,
                    )
                    .stdout.strip()
                    .splitlines()[-1]
                )
                report[name][task] = json.loads(output)
                print(f"  {task}: {report[name][task]}", flush=True)
    output = (
        subprocess.run(
            [sys.executable, __file__, "--child", "-", "baseline_xlsx", str(args.answers)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    print(f"baseline_xlsx: {json.loads(output)}", flush=True)
    output = (
        subprocess.run(
            [sys.executable, __file__, "--child", "-", "baseline_redaction", "0"],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    print(f"cold redaction: {json.loads(output)}")


if __name__ == "__main__":
    main()
