"""Inbound messages per second through the conversation engine and the store.

The residents and their messages are bench/conversation_workload.py (a busy
evening: new people, detours, Welsh, STOP/START, provider retries).

Reports messages/s, p50/p99 latency per message, CPU per message (the engine's
processes, and the PostgreSQL server's when it runs on this machine), round
trips per message and peak RSS, on SQLite (a file in a temporary directory) and
PostgreSQL (a throwaway database on the server given by --postgres or
WHATMATTERS_TEST_DATABASE_URL). A baseline is measured in the same run: the
cost of the smallest transaction that writes (one INSERT + COMMIT) on the same
database, i.e. the floor any engine pays. `--profile N` prints the N functions
that used the most CPU in the timed window (one process, one thread).

    .venv/bin/python bench/conversation.py [--messages 20000] [--postgres URL] [--threads 1]
        [--processes 1] [--profile 30]
"""

from __future__ import annotations

import argparse
import cProfile
import multiprocessing
import os
import pstats
import resource
import statistics
import sys
import threading
import time
import zlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Engine

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import pg_trips  # noqa: E402
from bench.conversation_workload import seed, workload  # noqa: E402
from bench.databases import postgres_database, sqlite_database  # noqa: E402
from bench.proc_cpu import cluster_cpu, parent_pid  # noqa: E402
from bench.versions import versions_line  # noqa: E402
from bot.conversation.engine import ConversationEngine  # noqa: E402
from bot.conversation.messages import InboundMessage  # noqa: E402
from storage.db import make_engine  # noqa: E402
from storage.identity import AddressProtector, derive_fernet_key  # noqa: E402
from storage.models import Channel  # noqa: E402


def baseline(engine: Engine, n: int = 2000) -> float:
    """Transactions/s for one INSERT + COMMIT: the floor of any per-message write."""
    with engine.begin() as conn:
        conn.execute(
            text("CREATE TABLE IF NOT EXISTS bench_floor (id INTEGER PRIMARY KEY, v TEXT)")
        )
    start = time.perf_counter()
    for i in range(n):
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO bench_floor (id, v) VALUES (:i, 'x')"), {"i": i})
    return n / (time.perf_counter() - start)


class RoundTrips:
    """Round trips the engine makes to the database.

    On PostgreSQL, exchanges with the server where psycopg had to read its
    answer (bench/pg_trips.py): a statement, a BEGIN or COMMIT sent alone, or
    a pipeline of them, each counts one. On SQLite, statements, BEGIN, COMMIT
    and ROLLBACK from SQLAlchemy's events: calls into the library (no network).
    """

    def __init__(self, engine: Engine) -> None:
        self._sqlalchemy = 0
        self._postgres = engine.dialect.name == "postgresql"
        if self._postgres:
            pg_trips.install()
            return
        for name in ("before_cursor_execute", "begin", "commit", "rollback"):
            event.listen(engine, name, self._one)

    @property
    def count(self) -> int:
        return pg_trips.installed_count() if self._postgres else self._sqlalchemy

    def _one(self, *_args: Any) -> None:
        self._sqlalchemy += 1


@dataclass
class Driven:
    """What one process measured while it handled its share of the messages."""

    latencies: list[float]
    cpu: float
    round_trips: int
    answers: int
    started: float
    ended: float
    # The PostgreSQL cluster's CPU counter at the start and end of the timed window.
    server_cpu: tuple[float, float] | None = None


def drive(
    engine: Engine,
    items: list[tuple[int, tuple[str, str, str]]],
    threads: int,
    ready: Callable[[], object] = lambda: None,
    warm_tag: str = "9",
    profile: cProfile.Profile | None = None,
) -> Driven:
    """Handle ``items`` through one ConversationEngine, ``threads`` at a time.

    ``ready`` is called after the warm-up, just before the timed window (a barrier
    when several processes share the run).
    """
    trips = RoundTrips(engine)
    protector = AddressProtector(hash_key=b"bench", encryption_keys=[derive_fernet_key("bench")])
    stored = [0]
    lock = threading.Lock()

    def count(_answer_id: int) -> None:
        with lock:
            stored[0] += 1

    bot = ConversationEngine(engine=engine, protector=protector, on_answer_stored=count)
    base = datetime(2026, 11, 22, 18, 0, tzinfo=UTC)

    def handle(item: tuple[int, tuple[str, str, str]]) -> float:
        index, (address, body, message_id) = item
        message = InboundMessage(
            channel=Channel.SMS,
            address=address,
            text=body,
            provider_message_id=message_id,
            received_at=base + timedelta(milliseconds=index),
        )
        start = time.perf_counter()
        bot.handle_inbound(message)
        return time.perf_counter() - start

    # Warm up caches and connections outside the timed window.
    for warm in workload(200, seed=99):
        handle((0, (warm[0] + warm_tag, warm[1], warm[2] + "w" + warm_tag)))
    stored[0] = 0
    server_cpu = _server_cpu_reader(engine)
    ready()
    server_start = server_cpu()
    started, cpu_start = time.time(), time.process_time()
    trips_start = trips.count
    if threads == 1:
        if profile is not None:
            profile.enable()
        latencies = [handle(item) for item in items]
        if profile is not None:
            profile.disable()
    else:
        with ThreadPoolExecutor(max_workers=threads) as pool:
            parts = pool.map(
                lambda bucket: [handle(i) for i in bucket], by_resident(items, threads)
            )
            latencies = [lat for part in parts for lat in part]
    cpu = time.process_time() - cpu_start
    ended = time.time()
    server_end = server_cpu()
    return Driven(
        latencies,
        cpu,
        trips.count - trips_start,
        stored[0],
        started,
        ended,
        None if server_start is None or server_end is None else (server_start, server_end),
    )


def _server_cpu_reader(engine: Engine) -> Callable[[], float | None]:
    """Reads the PostgreSQL cluster's CPU counter (None on SQLite or a remote server)."""
    if engine.dialect.name != "postgresql":
        return lambda: None
    with engine.connect() as conn:
        backend = int(conn.execute(text("SELECT pg_backend_pid()")).scalar_one())
    postmaster = parent_pid(backend)
    if postmaster is None or not _is_postgres(postmaster):
        return lambda: None  # a remote server's pid names some other local process
    return lambda: cluster_cpu(postmaster)


def _is_postgres(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip().startswith("postgres")
    except OSError:
        return False


def by_resident(
    items: list[tuple[int, tuple[str, str, str]]], parts: int
) -> list[list[tuple[int, tuple[str, str, str]]]]:
    """Residents are independent; one resident's messages stay in one part, in order."""
    buckets: list[list[tuple[int, tuple[str, str, str]]]] = [[] for _ in range(parts)]
    for item in items:
        buckets[zlib.crc32(item[1][0].encode()) % parts].append(item)
    return buckets


def _child(
    url: str,
    items: list[tuple[int, tuple[str, str, str]]],
    threads: int,
    barrier: Any,
    tag: str,
    async_commit: bool,
) -> Driven:
    engine = _engine(url, async_commit)
    try:
        return drive(engine, items, threads, ready=barrier.wait, warm_tag=tag)
    finally:
        engine.dispose()


def run(
    engine: Engine,
    n_messages: int,
    threads: int,
    processes: int = 1,
    async_commit: bool = False,
    profile: cProfile.Profile | None = None,
) -> dict[str, float]:
    seed(engine)
    messages = list(enumerate(workload(n_messages)))
    if processes == 1:
        parts = [drive(engine, messages, threads, profile=profile)]
    else:
        # As the service runs with several web processes: each its own engine and pool,
        # a disjoint set of residents, all starting together after their warm-up.
        url = engine.url.render_as_string(hide_password=False)
        engine.dispose()
        context = multiprocessing.get_context("fork")
        barrier = context.Manager().Barrier(processes)
        with context.Pool(processes) as pool:
            parts = pool.starmap(
                _child,
                [
                    (url, share, threads, barrier, str(9 - k), async_commit)
                    for k, share in enumerate(by_resident(messages, processes))
                ],
            )
    latencies = sorted(lat for part in parts for lat in part.latencies)
    elapsed = max(p.ended for p in parts) - min(p.started for p in parts)
    return {
        "messages": len(messages),
        "per_second": len(messages) / elapsed,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000,
        "answers": sum(p.answers for p in parts),
        # CPU time (all threads and processes) per message: what the engine costs when
        # the machine is not shared; wall-clock figures include waiting for CPU.
        "cpu_ms": sum(p.cpu for p in parts) / len(messages) * 1000,
        "round_trips": sum(p.round_trips for p in parts) / len(messages),
        # The server's CPU over the window of every process (its counter only grows);
        # NaN on SQLite or when the server is not a local process.
        "server_cpu_ms": _server_ms(parts, len(messages)),
    }


def _server_ms(parts: list[Driven], messages: int) -> float:
    readings = [p.server_cpu for p in parts]
    if not all(readings):
        return float("nan")
    starts = [r[0] for r in readings if r is not None]
    ends = [r[1] for r in readings if r is not None]
    return (max(ends) - min(starts)) / messages * 1000


def _engine(url: str, async_commit: bool) -> Engine:
    engine = make_engine(url)
    if async_commit:
        event.listen(engine, "connect", _no_sync_commit)
    return engine


def _no_sync_commit(dbapi_connection: Any, _record: Any) -> None:
    with dbapi_connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    dbapi_connection.commit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument(
        "--processes",
        type=int,
        default=1,
        help="engine processes sharing the database, as several web processes do",
    )
    parser.add_argument(
        "--postgres",
        default=os.environ.get("WHATMATTERS_BENCH_DATABASE_URL")
        or os.environ.get("WHATMATTERS_TEST_DATABASE_URL"),
        help="admin URL of a PostgreSQL server (a throwaway database is created)",
    )
    parser.add_argument(
        "--pg-async-commit",
        action="store_true",
        help="also run PostgreSQL with synchronous_commit=off (diagnostic: the engine's own "
        "cost without waiting for the disk flush; never how the service runs)",
    )
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="print the N functions with the most CPU time of each backend's timed window "
        "(needs --threads 1 --processes 1)",
    )
    args = parser.parse_args()
    if args.profile and (args.threads, args.processes) != (1, 1):
        parser.error("--profile needs --threads 1 --processes 1")
    backends: list[tuple[str, object, bool]] = [("SQLite", sqlite_database(), False)]
    if args.postgres:
        backends.append(("PostgreSQL", postgres_database(args.postgres), False))
        if args.pg_async_commit:
            backends.append(("PG nosync", postgres_database(args.postgres), True))
    else:
        print("PostgreSQL skipped: pass --postgres URL or set WHATMATTERS_TEST_DATABASE_URL")
    print(versions_line())
    print(
        f"{'backend':<11} {'msgs':>6} {'msgs/s':>8} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'cpu ms/msg':>10} {'server ms':>9} {'trips/msg':>9} {'answers':>7} "
        f"{'floor tx/s':>10}"
    )
    for name, database, async_commit in backends:
        with database as url:  # type: ignore[attr-defined]
            engine = _engine(url, async_commit)
            if engine.dialect.name == "postgresql":
                with engine.connect() as conn:
                    fsync = conn.execute(text("SHOW fsync")).scalar()
                # A server run with fsync=off (the test server of scripts/lib.sh) never
                # waits for the disk: its figures are not those of a durable commit.
                print(f"{name}: server fsync={fsync}")
            # CPU time, not wall time: what each function costs the engine's process.
            profile = cProfile.Profile(time.process_time) if args.profile else None
            result = run(engine, args.messages, args.threads, args.processes, async_commit, profile)
            engine.dispose()
            engine = _engine(url, async_commit)  # run() may have handed it to processes
            floor = baseline(engine)
            engine.dispose()
        print(
            f"{name:<11} {result['messages']:>6.0f} {result['per_second']:>8.0f} "
            f"{result['p50_ms']:>7.2f} {result['p99_ms']:>7.2f} {result['cpu_ms']:>10.3f} "
            f"{result['server_cpu_ms']:>9.3f} {result['round_trips']:>9.2f} "
            f"{result['answers']:>7.0f} {floor:>10.0f}"
        )
        if profile is not None:
            print(f"{name}: CPU profile of the timed window (profiler overhead included)")
            pstats.Stats(profile, stream=sys.stdout).sort_stats("tottime").print_stats(args.profile)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"peak RSS {peak_mib:.0f} MiB (threads={args.threads}, processes={args.processes}; "
        f"load average {os.getloadavg()[0]:.2f})"
    )


if __name__ == "__main__":
    main()
