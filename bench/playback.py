"""Playback rounds at scale: queueing, paced sending, reply parsing.

    .venv/bin/python bench/playback.py [--people 100000] [--send 3000] [--rate 20]
        [--wall-sends 150 --wall-rate 30] [--postgres URL | env WHATMATTERS_TEST_DATABASE_URL]

On SQLite, and on PostgreSQL when a server URL is given (a scratch database is created
and dropped):

1. Opening a round for N opted-in participants (INSERT ... SELECT): time to queue,
   target <= 30 s; peak RSS.
2. Sending on the real clock: the first --wall-sends recipients at --wall-rate with the
   real TokenBucket and real sleeps; achieved rate against the configured one (target
   within 5 %).
3. Sending with the real TokenBucket on a fake clock and a recording deliverer
   (the database work is real): achieved rate against the configured one
   (target within 5 %) and duplicates (target 0), including a crash midway
   and a resume.
4. Reply parsing throughput (replies/s) over a realistic mix, with a
   baseline measured in the same run: int(text) on the bare-number replies.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import delete, func, insert
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from bench.databases import postgres_database, sqlite_database
from bot.conversation.catalog import default_catalog
from bot.conversation.messages import Reply
from bot.playback.parse import parse_playback_reply
from storage.db import make_engine, session_scope
from storage.identity import AddressProtector, derive_fernet_key
from storage.models import Channel, Participant
from storage.models.playback import DeliveryState, PlaybackRecipient, PlaybackRound
from storage.models.themes import Theme
from storage.repositories.consultations import create_consultation
from usecases.delivery.run import run_deliveries
from usecases.delivery.sender import Outcome, SendResult, TokenBucket
from usecases.invitations.waves import QuietHours
from usecases.playback.rounds import open_round, round_reply

Composer = Callable[[Participant], Reply]

LABELS = [("Buses", "Bysiau"), ("Housing repairs", "Atgyweirio tai"), ("Parks", "Parciau")]


class FakeClock:
    def __init__(self) -> None:
        self.t = 0.0

    def monotonic(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.t += seconds


class Recording:
    def __init__(
        self,
        bucket: TokenBucket,
        crash_at: int | None = None,
        crash: type[Exception] = RuntimeError,
    ) -> None:
        self.bucket = bucket
        self.addresses: list[str] = []
        self.crash_at = crash_at
        self.crash = crash

    def wait_turn(self) -> None:
        self.bucket.acquire()

    def deliver(self, channel: Channel, address: str, reply: Reply) -> SendResult:
        if self.crash_at is not None and len(self.addresses) == self.crash_at:
            self.crash_at = None
            raise self.crash("crash")
        self.addresses.append(address)
        return SendResult(outcome=Outcome.SENT, attempts=1, sid=f"SM{len(self.addresses)}")


def seed(engine_url: str, people: int, protector: AddressProtector) -> tuple[int, list[int]]:
    engine = make_engine(engine_url)
    with session_scope(engine) as session:
        consultation = create_consultation(
            session=session,
            slug="buses",
            keyword="BUSES",
            title_en="Buses",
            title_cy="Bysiau",
            questions=[{"kind": "open", "prompt_en": "What matters?", "prompt_cy": "Beth?"}],
        )
        assert consultation.id is not None
        cid = consultation.id
        themes = [Theme(consultation_id=cid, label_en=en, label_cy=cy) for en, cy in LABELS]
        session.add_all(themes)
        session.flush()
        theme_ids = [t.id for t in themes if t.id is not None]
    encrypted = protector.encrypt("+447700900000")  # one ciphertext: seeding speed only
    batch = 10_000
    for start in range(0, people, batch):
        rows = [
            {
                "channel": "sms",
                "address_hash": f"h{n:08d}",
                "address_encrypted": encrypted,
                "language": "cy" if n % 5 == 0 else "en",
                "consent": "given",
                "opted_out": n % 50 == 0,
                "wants_feedback": n % 10 != 0,
                "created_at": datetime.now(UTC),
                "last_seen_at": datetime.now(UTC),
            }
            for n in range(start, min(people, start + batch))
        ]
        with session_scope(engine) as session:
            session.execute(insert(Participant), rows)
    with session_scope(engine) as session:
        from sqlalchemy import text

        session.execute(
            text(
                "INSERT INTO conversation (participant_id, consultation_id, step, started_at,"
                " updated_at) SELECT id, :cid, 'done', created_at, created_at FROM participant"
            ),
            {"cid": cid},
        )
    engine.dispose()
    return cid, theme_ids


def deliver(
    engine: Engine,
    protector: AddressProtector,
    round_id: int,
    compose: Composer,
    deliverer: Recording,
) -> None:
    """Run the round's deliveries at a fixed daytime hour, with no quiet hours."""
    run_deliveries(
        engine=engine,
        protector=protector,
        table=PlaybackRecipient,
        parent_id=round_id,
        compose=compose,
        deliverer=deliverer,
        quiet_hours=QuietHours.parse("00:00", "00:00"),
        now=lambda: datetime(2026, 11, 23, 10, tzinfo=UTC),
    )


class StopAfter(Exception):
    """Ends the real-clock run after its share of sends (the row in flight is interrupted)."""


def send_on_real_clock(
    engine: Engine, protector: AddressProtector, round_id: int, compose: Composer, args: Any
) -> None:
    bucket = TokenBucket(args.wall_rate)
    deliverer = Recording(bucket, crash_at=args.wall_sends, crash=StopAfter)
    started = time.perf_counter()
    try:
        deliver(engine, protector, round_id, compose, deliverer)
    except StopAfter:
        pass
    took = time.perf_counter() - started
    # n sends at rate r take (n - 1) / r: the first goes at once (burst 1).
    achieved = (len(deliverer.addresses) - 1) / took if took else float("inf")
    print(
        f"2. real clock: {len(deliverer.addresses)} sent in {took:.2f} s: achieved "
        f"{achieved:.2f}/s vs configured {args.wall_rate:g}/s "
        f"({(achieved / args.wall_rate - 1) * 100:+.2f} %)"
    )


def run(store: str, url: str, args: Any) -> None:
    print(f"## {store}")
    protector = AddressProtector(hash_key=b"bench", encryption_keys=[derive_fernet_key("b")])
    started = time.perf_counter()
    cid, theme_ids = seed(url, args.people, protector)
    print(f"seeded {args.people:,} participants in {time.perf_counter() - started:.1f} s")
    engine = make_engine(url)
    started = time.perf_counter()
    round_id = open_round(engine=engine, consultation_id=cid, theme_ids=theme_ids)
    queue_s = time.perf_counter() - started
    with session_scope(engine) as session:
        queued = session.exec(select(func.count()).select_from(PlaybackRecipient)).one()
    expected = sum(1 for n in range(args.people) if n % 10 != 0 and n % 50 != 0)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"1. queue: {queued:,} recipients (expected {expected:,}) in {queue_s:.2f} s "
        f"(target <= 30 s); peak RSS {rss_mb:.0f} MB"
    )

    # Keep the first (--wall-sends + --send) recipients: the rest would only take time.
    with session_scope(engine) as session:
        keep = list(
            session.exec(
                select(PlaybackRecipient.id)
                .order_by(col(PlaybackRecipient.id))
                .limit(args.wall_sends + 1 + args.send)
            )
        )
        session.execute(delete(PlaybackRecipient).where(col(PlaybackRecipient.id).not_in(keep)))
        labels = session.get(PlaybackRound, round_id).labels  # type: ignore[union-attr]
    catalog = default_catalog()
    composed: list[int | None] = []

    def compose(person: Participant) -> Reply:
        composed.append(person.id)  # one per claimed row: a resend would repeat an id
        return round_reply(catalog, labels, person.language, Channel(person.channel))

    send_on_real_clock(engine, protector, round_id, compose, args)

    # 3. The rest at --rate on a fake clock, crashing midway.
    clock = FakeClock()
    bucket = TokenBucket(args.rate, clock=clock.monotonic, sleep=clock.sleep)
    deliverer = Recording(bucket, crash_at=args.send // 2)
    wall = time.perf_counter()
    for _ in range(2):
        try:
            deliver(engine, protector, round_id, compose, deliverer)
            break
        except RuntimeError:
            continue
    wall = time.perf_counter() - wall
    sent = len(deliverer.addresses)
    achieved = sent / clock.t if clock.t else float("inf")
    duplicates = len(composed) - len(set(composed))
    with session_scope(engine) as session:
        # Rows claimed when a run died: left failed, never sent twice.
        interrupted = session.exec(
            select(func.count())
            .select_from(PlaybackRecipient)
            .where(PlaybackRecipient.state == DeliveryState.FAILED)
        ).one()
    print(
        f"3. fake clock: {sent:,} sent, {interrupted} interrupted over both runs (not resent), "
        f"duplicates over both runs {duplicates}; achieved {achieved:.2f}/s vs configured "
        f"{args.rate:g}/s ({(achieved / args.rate - 1) * 100:+.2f} %); wall {wall:.1f} s "
        f"({sent / wall:,.0f} sends/s of our own overhead)"
    )
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--send", type=int, default=3_000)
    parser.add_argument("--rate", type=float, default=20.0)
    parser.add_argument("--wall-sends", type=int, default=150)
    parser.add_argument("--wall-rate", type=float, default=30.0)
    parser.add_argument("--postgres", default=os.environ.get("WHATMATTERS_TEST_DATABASE_URL"))
    args = parser.parse_args()
    with sqlite_database() as url:
        run("SQLite", url, args)
    if args.postgres:
        with postgres_database(args.postgres) as url:
            run("PostgreSQL", url, args)

    # 4. Reply parsing.
    rng = random.Random(7)
    mix = [
        "2",
        "1 and 3",
        "2,3",
        "1 a 2",
        "Buses",
        "parciau",
        "12",
        "2 but also parking",
        "You missed the state of the pavements",
        "ok",
        "buses every 15 minutes",
        "Mae sbwriel yn broblem ar y stryd fawr",
    ]
    replies = [rng.choice(mix) for _ in range(100_000)]
    started = time.perf_counter()
    for reply in replies:
        parse_playback_reply(reply, 3, LABELS)
    parse_rate = len(replies) / (time.perf_counter() - started)
    bare = [r for r in replies if r.isdigit()]
    started = time.perf_counter()
    for reply in bare:
        int(reply)
    base_rate = len(bare) / (time.perf_counter() - started)
    print(
        f"4. parse: {parse_rate:,.0f} replies/s over the mix "
        f"(baseline int(text) on bare numbers: {base_rate:,.0f}/s)"
    )


if __name__ == "__main__":
    main()
