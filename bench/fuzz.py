"""Long fuzz run: hostile requests to every route of the real app; 5xx counted per route.

The same generator as the bounded test in the suite (tests/fuzz_support.py,
tests/test_fuzz.py), run for longer: every console, API, simulator, docs and
webhook route (Twilio requests correctly signed, Telegram updates with the right
secret), with hostile path ids, query strings, form fields and JSON bodies.
Prints a Markdown table of requests and 5xx per route to paste into RESULTS.md.

    .venv/bin/python bench/fuzz.py [--examples 3000] [--postgres URL]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from storage.migrate import upgrade  # noqa: E402
from tests.fuzz_support import Tally, request_for, routes, send  # noqa: E402
from tests.test_fuzz import SKIPPED, fuzz_settings, signed_in_client  # noqa: E402


def run(database_url: str, examples: int) -> tuple[Tally, float]:
    upgrade(database_url)
    with tempfile.TemporaryDirectory() as spool:
        fuzzed = next(signed_in_client(fuzz_settings(database_url, spool)))
        app = fuzzed.client.app
        targets = [(m, r) for m, r in routes(app) if r.name not in SKIPPED]  # type: ignore[arg-type]

        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(data=st.data())
        def one_request(data: st.DataObject) -> None:
            method, route = data.draw(st.sampled_from(targets))
            request = data.draw(request_for(method, route, fuzzed.known, fuzzed.csrf))
            status = send(fuzzed.client, request)
            fuzzed.tally.record(f"{method} {route.path}", status, repr(request))

        started = time.perf_counter()
        one_request()
        elapsed = time.perf_counter() - started
        fuzzed.client.__exit__(None, None, None)
    return fuzzed.tally, elapsed


def report(name: str, tally: Tally, elapsed: float) -> None:
    total, errors = sum(tally.requests.values()), sum(tally.errors.values())
    print(f"\n### {name}: {total} requests in {elapsed:.0f} s, {errors} answered 5xx\n")
    print("| route | requests | 5xx |")
    print("|---|---:|---:|")
    for route, count in sorted(tally.requests.items()):
        print(f"| `{route}` | {count} | {tally.errors[route]} |")
    for route, example in tally.examples.items():
        print(f"\n5xx example on {route}: {example}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=3000)
    parser.add_argument("--postgres", help="a PostgreSQL server URL (a scratch database is made)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tally, elapsed = run(f"sqlite:///{folder}/fuzz.db", args.examples)
        report("SQLite", tally, elapsed)
    if args.postgres:
        name = f"fuzz_{uuid.uuid4().hex[:8]}"
        admin = create_engine(args.postgres, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            url = args.postgres.rsplit("/", 1)[0] + f"/{name}"
            tally, elapsed = run(url, args.examples)
            report("PostgreSQL", tally, elapsed)
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


if __name__ == "__main__":
    main()
