"""How long the operators' maintenance commands take on a large store.

Fills a fresh database (SQLite file, and PostgreSQL when --postgres or
WHATMATTERS_TEST_DATABASE_URL is given) with N participants, each with one
conversation, one answer and one theme assignment, half of them older than
the retention period, then times:

* ``whatmatters keys rotate`` (rotate_addresses: every address re-encrypted);
* ``whatmatters keys rehash`` (rehash_addresses: every lookup hash recomputed);
* ``whatmatters retention run`` (run_retention: half the answers cleared).

Rows are bulk-inserted with pre-made tokens so the fill is not what is measured.

    .venv/bin/python bench/maintenance.py [--rows 50000] [--postgres URL] [--skip-postgres]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography.fernet import Fernet
from sqlalchemy import insert
from sqlmodel import SQLModel

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.databases import postgres_database, sqlite_database  # noqa: E402
from bot.key_rotation import rehash_addresses, rotate_addresses  # noqa: E402
from bot.retention import run_retention  # noqa: E402
from storage.db import make_engine  # noqa: E402
from storage.identity import AddressProtector  # noqa: E402
from storage.migrate import upgrade  # noqa: E402

NOW = datetime.now(UTC)
T = SQLModel.metadata.tables


def fill(url: str, rows: int, protector: AddressProtector) -> None:
    engine = make_engine(url)
    old, recent = NOW - timedelta(days=400), NOW - timedelta(days=5)
    with engine.begin() as connection:
        consultation_id = connection.execute(
            insert(T["consultation"])
            .values(
                slug="bench",
                keyword="BENCH",
                title_en="Bench",
                title_cy="Mainc",
                status="open",
                created_at=NOW,
                updated_at=NOW,
            )
            .returning(T["consultation"].c.id)
        ).scalar_one()
        theme_id = connection.execute(
            insert(T["theme"])
            .values(consultation_id=consultation_id, size=rows, created_at=NOW, updated_at=NOW)
            .returning(T["theme"].c.id)
        ).scalar_one()
        for start in range(0, rows, 5000):
            batch = range(start, min(rows, start + 5000))
            numbers = [f"+4477009{i:05d}" for i in batch]
            when = [old if i % 2 == 0 else recent for i in batch]
            connection.execute(
                insert(T["participant"]),
                [
                    {
                        "id": i + 1,
                        "channel": "sms",
                        "address_hash": protector.hash("sms", n),
                        "address_encrypted": protector.encrypt(n),
                        "language": "en",
                        "consent": "given",
                        "opted_out": False,
                        "created_at": w,
                        "last_seen_at": w,
                    }
                    for i, n, w in zip(batch, numbers, when, strict=True)
                ],
            )
            connection.execute(
                insert(T["answer"]),
                [
                    {
                        "id": i + 1,
                        "consultation_id": consultation_id,
                        "participant_id": i + 1,
                        "channel": "sms",
                        "kind": "open",
                        "language": "en",
                        "text": f"answer number {i} about the bins and the buses",
                        "received_at": w,
                        "created_at": w,
                    }
                    for i, w in zip(batch, when, strict=True)
                ],
            )
            connection.execute(
                insert(T["themeassignment"]),
                [
                    {"answer_id": i + 1, "theme_id": theme_id, "score": 0.5, "rank": 0}
                    for i in batch
                ],
            )
    engine.dispose()


def run(label: str, url: str, rows: int) -> None:
    old_key, new_key = Fernet.generate_key(), Fernet.generate_key()
    protector = AddressProtector(hash_key=b"old-hash", encryption_keys=[old_key])
    upgrade(url)
    fill(url, rows, protector)
    engine = make_engine(url)
    started = time.perf_counter()
    rotated = rotate_addresses(engine, keys=[new_key, old_key])
    rotate_s = time.perf_counter() - started
    new = AddressProtector(hash_key=b"new-hash", encryption_keys=[new_key])
    started = time.perf_counter()
    rehashed = rehash_addresses(engine, protector=new, old_hash_key=b"old-hash")
    rehash_s = time.perf_counter() - started
    started = time.perf_counter()
    retained = run_retention(engine, days=365)
    retention_s = time.perf_counter() - started
    engine.dispose()
    assert rotated.rotated == rows and rehashed.rehashed == rows
    assert retained.answers_cleared == (rows + 1) // 2
    print(
        f"| {label} | {rows:,} | {rotate_s:.1f} s ({rows / rotate_s:,.0f}/s) "
        f"| {rehash_s:.1f} s ({rows / rehash_s:,.0f}/s) "
        f"| {retention_s:.1f} s ({retained.total:,} rows) |",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--postgres", default=os.environ.get("WHATMATTERS_TEST_DATABASE_URL"))
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    print("| store | participants | keys rotate | keys rehash | retention run |")
    print("|---|---|---|---|---|")
    with sqlite_database() as url:
        run("SQLite", url, args.rows)
    if args.postgres and not args.skip_postgres:
        with postgres_database(args.postgres) as url:
            run("PostgreSQL", url, args.rows)


if __name__ == "__main__":
    main()
