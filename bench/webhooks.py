"""Signed Twilio SMS webhooks against the service run as users run it.

Starts `whatmatters serve` (uvicorn, one worker) in a subprocess on loopback,
against SQLite (a file in a temporary directory) and PostgreSQL (a throwaway
database on --postgres / WHATMATTERS_TEST_DATABASE_URL), seeds the sample
consultation, then drives it with a load generator on the same machine:

* open-loop fixed rates (default 200/s and 400/s): requests are scheduled at
  exact instants and latency is measured from the scheduled instant, so a
  stalled server is not hidden by a stalled generator (no coordinated
  omission);
* saturation: a closed loop with N connections sending as fast as answers
  come back.

Each simulated resident texts the keyword, YES, then an answer, in order (a
resident's next message waits for the reply to the previous one; many
residents interleave). 5% of answer messages are delivered twice, as Twilio
retries do. Every request is signed with twilio's RequestValidator for the
public URL. The generator speaks HTTP/1.1 over keep-alive sockets (asyncio
streams) so that it costs as little CPU as possible on this 2-core machine;
signatures are computed before the clock starts, as Twilio computes them.

Reported per phase: requests/s achieved, p50/p99/max latency, errors (non-200
or wrong TwiML), the service's CPU ms per request (its own process; "child
cpu" is the processes it started, e.g. the embedded worker), and answers
stored in the database vs distinct answers sent (must be equal: nothing lost,
no duplicate stored).

    .venv/bin/python bench/webhooks.py [--seconds 20] [--rates 200,400] [--connections 32]
        [--postgres URL] [--skip-postgres]
    .venv/bin/python bench/webhooks.py --interleave 4 --seconds 8   # default vs deferred, fairly
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

# The request format and signing live in one place, shared with bench/scale.py.
from bench.databases import postgres_database, sqlite_database  # noqa: E402
from bench.proc_cpu import tree_cpu  # noqa: E402
from bench.scale_load import service_env  # noqa: E402
from bench.versions import versions_line  # noqa: E402
from bench.webhooks_load import (  # noqa: E402
    Phase,
    Workload,
    fixed_rate,
    free_port,
    healthz_floor,
    saturate,
)


def wait_ready(port: int, process: subprocess.Popen[bytes], timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the service exited during start-up")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                if sock.recv(64).startswith(b"HTTP/1.1 200"):
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the service did not become healthy")


def count_answers(url: str) -> int:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as conn:
        count = int(conn.execute(text("SELECT count(*) FROM answer")).scalar_one())
    engine.dispose()
    return count


def jobs_done(url: str) -> bool:
    """Some answers are stored and embedded, and the database job queue is empty."""
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.connect() as conn:
            embedded = conn.execute(text("SELECT count(*) FROM answerembedding")).scalar_one()
            queued = conn.execute(text("SELECT count(*) FROM pendingjob")).scalar_one()
    finally:
        engine.dispose()
    return bool(embedded) and not queued


@dataclass
class Service:
    """One running variant of the service under test."""

    name: str
    variant: str
    url: str
    port: int
    process: subprocess.Popen[bytes]
    log: IO[bytes]
    workload: Workload


def start_service(name: str, url: str, args: argparse.Namespace, variant: str) -> Service:
    port = free_port()
    env = {**os.environ, **service_env(url)}
    whatmatters = str(Path(sys.executable).with_name("whatmatters"))
    subprocess.run(
        [whatmatters, "db", "upgrade"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL
    )
    subprocess.run(
        [whatmatters, "seed-demo"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL
    )
    if variant in ("default", "no-worker"):
        command = [whatmatters, "serve", "--host", "127.0.0.1", "--port", str(port)]
        command += ["--workers", str(args.workers)]
        if variant == "no-worker":
            # The same command and queue; the jobs wait for a worker that never comes.
            env["JOB_WORKER_PROCESSES"] = "0"
    else:
        # Same app, same uvicorn; theming jobs are queued for a separate
        # worker process (the production layout) instead of a thread here.
        command = [
            sys.executable,
            "-m",
            "uvicorn",
            "bench.webhooks:app_with_deferred_jobs",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--workers",
            str(args.workers),
        ]
    log_path = Path(tempfile.gettempdir()) / f"whatmatters-bench-webhooks-{name}-{variant}.log"
    log = log_path.open("wb")
    print(f"{name}/{variant}: service log in {log_path}", file=sys.stderr)
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    service = Service(name, variant, url, port, process, log, Workload(secrets.token_hex(4), 0))
    try:
        wait_ready(port, process)
    except BaseException:
        stop_service(service)
        raise
    return service


def warm_up(service: Service, args: argparse.Namespace) -> None:
    """Imports, caches and first connections outside the figures; for the shipped
    default, also until the worker process has loaded its models and themed them."""
    started = time.monotonic()
    while True:
        asyncio.run(fixed_rate(service.port, 50, 3, args.connections, service.workload))
        if count_answers(service.url) or time.monotonic() - started > 60:
            break
    drain(service, limit=300)
    print(
        f"{service.name}/{service.variant}: warmed up in {time.monotonic() - started:.0f} s",
        file=sys.stderr,
    )


def drain(service: Service, *, limit: float) -> float:
    """Seconds until the default's worker has themed every answer (0 for deferred)."""
    started = time.monotonic()
    while service.variant == "default" and not jobs_done(service.url):
        if time.monotonic() - started > limit:
            break
        time.sleep(0.5)
    return time.monotonic() - started


def stop_service(service: Service) -> None:
    service.process.terminate()
    try:
        service.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        service.process.kill()
    service.log.close()


def run_backend(
    name: str, url: str, args: argparse.Namespace, variant: str
) -> list[dict[str, float | int | str]]:
    service = start_service(name, url, args, variant)
    results = []
    try:
        warm_up(service, args)
        port, workload = service.port, service.workload
        phases: list[Phase] = []
        before = count_answers(url)
        # The service's own CPU per request in each phase (its process, and the
        # processes it started, e.g. the embedded worker): steadier than rates
        # on a shared machine.
        cpu: list[tuple[float, float]] = []

        def timed(phase: Coroutine[None, None, Phase]) -> Phase:
            own, children = tree_cpu(service.process.pid)
            result = asyncio.run(phase)
            own_after, children_after = tree_cpu(service.process.pid)
            cpu.append((own_after - own, children_after - children))
            return result

        for rate in args.rates:
            phases.append(timed(fixed_rate(port, rate, args.seconds, args.connections, workload)))
        phases.append(timed(saturate(port, args.seconds, args.connections, workload)))
        phases.append(timed(healthz_floor(port, args.seconds / 2, args.connections)))
        time.sleep(1.0)
        stored = count_answers(url) - before
        sent = sum(p.answers_sent for p in phases)
        for phase, (own, children) in zip(phases, cpu, strict=True):
            summary = phase.summary()
            summary["server_cpu_ms"] = 1000 * own / max(phase.sent, 1)
            summary["children_cpu_ms"] = 1000 * children / max(phase.sent, 1)
            summary["backend"] = name
            summary["variant"] = variant
            results.append(summary)
        results.append(
            {
                "backend": name,
                "variant": variant,
                "phase": "answers",
                "stored": stored,
                "sent": sent,
            }
        )
    finally:
        stop_service(service)
    return results


class DeferredJobs:
    """Jobs handed to another process (as a Redis queue would); kept for the count."""

    def __init__(self) -> None:
        self.queued = 0

    def enqueue(self, job: str, /, **kwargs: object) -> None:
        self.queued += 1


def app_with_deferred_jobs() -> object:
    """`uvicorn --factory` entry: the shipped app with theming jobs deferred."""
    from app.web import create_app

    app = create_app()
    app.state.services.jobs = DeferredJobs()
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument(
        "--rates", type=lambda s: [float(x) for x in s.split(",")], default=[200.0, 400.0]
    )
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--postgres", default=os.environ.get("WHATMATTERS_TEST_DATABASE_URL"))
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument(
        "--variants",
        type=lambda s: s.split(","),
        default=["default", "deferred-jobs"],
        help="default: `whatmatters serve` as shipped (theming jobs queued in the database "
        "for the worker process serve starts); deferred-jobs: theming jobs dropped, as if "
        "queued for a worker elsewhere (the floor the default is measured against)",
    )
    parser.add_argument(
        "--interleave",
        type=int,
        default=0,
        metavar="ROUNDS",
        help="SQLite only: both variants up at once, saturated in turn for ROUNDS rounds",
    )
    parser.add_argument(
        "--against",
        choices=["no-worker", "deferred-jobs"],
        default="no-worker",
        help="what --interleave compares the default with: no-worker is `serve` with "
        "JOB_WORKER_PROCESSES=0 (jobs queued in the database as shipped, no worker: what "
        "the worker process costs); deferred-jobs drops the jobs (no queue write either)",
    )
    args = parser.parse_args()
    if args.interleave:
        from bench.webhooks_compare import run_interleaved

        run_interleaved(args)
        return

    results: list[dict[str, float | int | str]] = []
    for variant in args.variants:
        with sqlite_database() as url:
            results += run_backend("sqlite", url, args, variant)
    for variant in args.variants:
        if not args.postgres or args.skip_postgres:
            break
        with postgres_database(args.postgres) as url:
            results += run_backend("postgresql", url, args, variant)

    print_results(results, args)


def floor_of(results: list[dict[str, float | int | str]], backend: str, variant: str) -> float:
    """The same run's `GET /healthz` rate for this backend and variant (0 when absent)."""
    for row in results:
        if (row["backend"], row["variant"]) == (backend, variant) and str(row["phase"]).startswith(
            "GET /healthz"
        ):
            return float(row["req_per_s"])
    return 0.0


def print_results(results: list[dict[str, float | int | str]], args: argparse.Namespace) -> None:
    print(
        f"\nsigned Twilio webhooks, {args.seconds:g}s per phase, {args.connections} connections, "
        f"{args.workers} web worker(s)"
    )
    print(versions_line())
    print("load average at the end: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    print(
        f"{'backend':10} {'variant':13} {'phase':28} {'req/s':>7} {'x floor':>7} {'p50 ms':>8} "
        f"{'p99 ms':>8} {'max ms':>8} {'errors':>6} {'cpu ms/req':>10} {'child cpu':>9}"
    )
    for row in results:
        backend, variant = str(row["backend"]), str(row["variant"])
        if row["phase"] == "answers":
            verdict = "OK" if row["stored"] == row["sent"] else "MISMATCH"
            print(
                f"{backend:10} {variant:13} answers stored {row['stored']} / "
                f"sent {row['sent']}: {verdict}"
            )
            continue
        # The ratio to the /healthz floor of the same server in the same run: what
        # a webhook costs beyond the lightest route, comparable across noisy runs.
        floor = floor_of(results, backend, variant)
        ratio = float(row["req_per_s"]) / floor if floor else float("nan")
        print(
            f"{backend:10} {variant:13} {row['phase']:28} {row['req_per_s']:7.1f} {ratio:7.2f} "
            f"{row['p50_ms']:8.1f} {row['p99_ms']:8.1f} {row['max_ms']:8.1f} {row['errors']:6} "
            f"{row['server_cpu_ms']:10.3f} {row['children_cpu_ms']:9.3f}"
        )
    for line in ratios(results):
        print(line)


def ratios(results: list[dict[str, float | int | str]]) -> list[str]:
    """Saturation as a share of the same run's /healthz floor, and embedded vs deferred."""
    saturation: dict[tuple[str, str], float] = {}
    lines = []
    for row in results:
        if str(row["phase"]).startswith("saturation"):
            key = (str(row["backend"]), str(row["variant"]))
            floor = next(
                float(r["req_per_s"])
                for r in results
                if (r["backend"], r["variant"]) == key
                and str(r["phase"]).startswith("GET /healthz")
            )
            saturation[key] = float(row["req_per_s"])
            lines.append(
                f"{key[0]:10} {key[1]:13} saturation / /healthz floor: "
                f"{saturation[key] / floor:.2f}"
            )
    for backend in sorted({b for b, _ in saturation}):
        if (backend, "default") in saturation and (backend, "deferred-jobs") in saturation:
            ratio = saturation[(backend, "default")] / saturation[(backend, "deferred-jobs")]
            lines.append(
                f"{backend:10} embedded default / deferred theming at saturation: {ratio:.2f}"
            )
    return lines


if __name__ == "__main__":
    main()
