"""CPU per signed SMS webhook in a real uvicorn server, split by thread, code A vs code B.

bench/webhook_profile.py measures the app in-process, without a server or the
hop to the turn thread. This starts the service as bench/webhooks.py's
deferred-jobs variant does (uvicorn, SQLite, theming jobs not run), drives it
at saturation, and reads each thread's CPU from /proc: the event loop thread
(HTTP parsing, middleware, form, signature, TwiML, the hop) and the turn
threads (the engine). `/healthz` in the same server is the floor. With
`--baseline DIR` (a tree exported with `git archive`) the two codes alternate
in one run, so the figures compare on a noisy machine.

    .venv/bin/python bench/webhook_server.py [--baseline /tmp/base] [--rounds 3]
        [--seconds 6] [--http httptools|h11|timed]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.scale_load import service_env  # noqa: E402
from bench.versions import versions_line  # noqa: E402
from bench.webhooks import wait_ready  # noqa: E402
from bench.webhooks_load import Phase, Workload, fixed_rate, free_port, healthz_floor, saturate  # noqa: E402

_TICKS = os.sysconf("SC_CLK_TCK")
# uvicorn's own protocols: the parser's cost, without the deadlines' few timer calls.
# "timed" is the protocol `serve` runs (httptools plus the deadlines and head limit of
# app/http_limits.py); both trees compared must have it.
HTTP = {"timed": "app.http_limits:TimedHttpToolsProtocol"}


def thread_cpu(pid: int) -> dict[int, float]:
    """CPU seconds (user + system) of each live thread of `pid`."""
    found: dict[int, float] = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            stat = (task / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        found[int(task.name)] = (int(fields[11]) + int(fields[12])) / _TICKS
    return found


def measured(pid: int, phase: Phase, before: dict[int, float]) -> tuple[float, float, float]:
    """(requests/s, event loop ms per request, other threads ms per request)."""
    after = thread_cpu(pid)
    loop = after.get(pid, 0.0) - before.get(pid, 0.0)
    others = sum(cpu - before.get(tid, 0.0) for tid, cpu in after.items() if tid != pid)
    n = max(phase.sent, 1)
    return phase.sent / (phase.ended - phase.started), 1000 * loop / n, 1000 * others / n


def run(code: Path, args: argparse.Namespace) -> dict[str, tuple[float, float, float]]:
    tmp = tempfile.mkdtemp()
    env = {
        **os.environ,
        # The code under test first on the path (the venv's editable install
        # points at this tree otherwise).
        **service_env(f"sqlite:///{tmp}/bench.db", PYTHONPATH=str(code)),
    }
    whatmatters = [sys.executable, "-m", "app.cli"]
    for command in (["db", "upgrade"], ["seed-demo"]):
        subprocess.run(
            whatmatters + command, env=env, check=True, cwd=code, stdout=subprocess.DEVNULL
        )
    port = free_port()
    # bench.webhooks of *this* tree: the app factory is the same in both codes.
    env["PYTHONPATH"] = f"{code}{os.pathsep}{ROOT}"
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "bench.webhooks:app_with_deferred_jobs", "--factory"]
        + ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
        + ["--http", HTTP.get(args.http, args.http)],
        env=env,
        cwd=code,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_ready(port, server)
        workload = Workload(secrets.token_hex(4), 0)
        asyncio.run(fixed_rate(port, 50, 3, args.connections, workload))  # warm up
        before = thread_cpu(server.pid)
        webhooks = asyncio.run(saturate(port, args.seconds, args.connections, workload))
        result = {"webhook": measured(server.pid, webhooks, before)}
        before = thread_cpu(server.pid)
        floor = asyncio.run(healthz_floor(port, args.seconds / 2, args.connections))
        result["healthz"] = measured(server.pid, floor, before)
        if webhooks.errors or floor.errors:
            raise RuntimeError(f"errors: {webhooks.errors} webhooks, {floor.errors} /healthz")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline", type=Path, help="a tree of the code to compare against")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=6)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--http", choices=["httptools", "h11", "timed"], default="httptools")
    args = parser.parse_args()
    codes = [("this", ROOT)] + ([("baseline", args.baseline)] if args.baseline else [])
    print(versions_line())
    print(
        "round | code | load | webhooks/s | loop ms | turn threads ms | total ms "
        "| /healthz/s | /healthz ms | ratio"
    )
    for round_ in range(1, args.rounds + 1):
        # ABBA: alternate which code goes first, so drift in the load hits both.
        order = codes if round_ % 2 else list(reversed(codes))
        for name, code in order:
            load = os.getloadavg()[0]
            r = run(code, args)
            rate, loop, turns = r["webhook"]
            floor, floor_loop, floor_other = r["healthz"]
            print(
                f"{round_} | {name} | {load:.2f} | {rate:.0f} | {loop:.3f} | {turns:.3f} "
                f"| {loop + turns:.3f} | {floor:.0f} | {floor_loop + floor_other:.3f} "
                f"| {rate / floor:.3f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
