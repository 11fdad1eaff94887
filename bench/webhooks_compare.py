"""bench/webhooks.py --interleave: the embedded default against the same service without
its worker, both up at once and saturated in turn (see run_interleaved)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import time

from bench.databases import sqlite_database
from bench.versions import versions_line
from bench.webhooks import count_answers, drain, start_service, stop_service, warm_up
from bench.webhooks_load import healthz_floor, saturate


def run_interleaved(args: argparse.Namespace) -> None:
    """Both variants up at once, warmed up alike, saturated in turn (ABBA order), the
    default's backlog themed before the next phase so neither phase pays for the other."""
    with contextlib.ExitStack() as stack:
        services = []
        for variant in ("default", args.against):
            url = stack.enter_context(sqlite_database())
            service = start_service("sqlite", url, args, variant)
            stack.callback(stop_service, service)
            services.append(service)
        for service in services:
            warm_up(service, args)
        before = {s.variant: count_answers(s.url) for s in services}
        sent = dict.fromkeys(before, 0)
        rates: dict[str, list[float]] = {s.variant: [] for s in services}
        other = args.against
        drains: list[tuple[int, float]] = []
        for round in range(args.interleave):
            for service in services if round % 2 == 0 else services[::-1]:
                # Residents go from keyword to answer at once: a third are answers.
                phase = asyncio.run(
                    saturate(
                        service.port, args.seconds, args.connections, service.workload, fresh=0
                    )
                )
                summary = phase.summary()
                rates[service.variant].append(float(summary["req_per_s"]))
                sent[service.variant] += phase.answers_sent
                backlog = phase.answers_sent
                seconds = drain(service, limit=180)
                if service.variant == "default":
                    drains.append((backlog, seconds))
                print(
                    f"round {round + 1} {service.variant:13} {summary['req_per_s']:7.1f} req/s "
                    f"p50 {summary['p50_ms']:.0f} ms p99 {summary['p99_ms']:.0f} ms "
                    f"errors {summary['errors']}"
                    + (
                        f"; backlog themed in {seconds:.1f} s"
                        if service.variant == "default"
                        else ""
                    ),
                    flush=True,
                )
        floors = {
            s.variant: asyncio.run(
                healthz_floor(s.port, args.seconds / 2, args.connections)
            ).summary()["req_per_s"]
            for s in services
        }
        time.sleep(1.0)
        stored = {s.variant: count_answers(s.url) - before[s.variant] for s in services}
    print(versions_line())
    per_round = [d / f for d, f in zip(rates["default"], rates[other], strict=True)]
    print(f"default / {other} per round: " + ", ".join(f"{r:.2f}" for r in per_round))
    print(
        f"median {statistics.median(per_round):.2f}; sums "
        f"{sum(rates['default']) / sum(rates[other]):.2f}; /healthz floors "
        + ", ".join(f"{v} {float(f):.0f}" for v, f in floors.items())
    )
    for backlog, seconds in drains:
        print(f"default: {backlog} answers themed {seconds:.1f} s after the phase ended")
    for variant, count in stored.items():
        verdict = "OK" if count == sent[variant] else "MISMATCH"
        print(f"{variant}: answers stored {count} / sent {sent[variant]}: {verdict}")
