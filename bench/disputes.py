"""Disputed themes: what the theme board pays for them, and how fast check replies are read.

    .venv/bin/python bench/disputes.py [--people 20000] [--postgres URL]
    (or WHATMATTERS_TEST_DATABASE_URL for --postgres)

1. The board computes the disputes on every view (outside its cache, so a resident's
   "not what I meant" shows at once). With --people residents each giving a verdict on
   1-3 of 9 themes: the time of `theme_disputes` (median of 3), against a baseline in the
   same run: one GROUP BY over the same rows (the least the database must do to count
   them). Target: under 0.5 s at 20,000 residents.
2. Reading replies: `parse_agreement` over a realistic mix of check replies (replies/s),
   against the vote-round parser (`parse_playback_reply`) on the same texts.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, insert
from sqlmodel import col, select

from bench.databases import postgres_database, sqlite_database
from bot.playback.agreement import parse_agreement
from bot.playback.parse import parse_playback_reply
from storage.db import make_engine, session_scope
from storage.models import Channel, Participant
from storage.models.playback import PlaybackRound, RoundKind, ThemeAgreement, Verdict
from storage.models.themes import Theme
from storage.repositories.consultations import create_consultation
from storage.repositories.disputes import theme_disputes

REPLIES = [
    "yes",
    "Yes",
    "YES",
    "y",
    "ok",
    "no",
    "No",
    "partly",
    "Partly",
    "ie",
    "Ie",
    "na",
    "naddo",
    "yn rhannol",
    "no, I meant the late buses",
    "partly - more about the fares",
    "Naddo, y llyfrgell",
    "no 2",
    "1 yes 2 no",
    "not what I meant",
    "maybe",
    "the library",
    "Yes but also the parks",
    "no buses on a Sunday at all",
    "👍",
]


def _median(run: Callable[[], object], times: int = 3) -> float:
    taken = []
    for _ in range(times):
        start = time.perf_counter()
        run()
        taken.append(time.perf_counter() - start)
    return statistics.median(taken)


def board_cost(url: str, people: int) -> tuple[float, float, int]:
    engine = make_engine(url)
    rng = random.Random(19)
    with session_scope(engine) as session:
        consultation = create_consultation(
            session=session,
            slug="bench",
            keyword="BENCH",
            title_en="Bench",
            title_cy="Mainc",
            questions=[{"kind": "open", "prompt_en": "What matters?", "prompt_cy": "Beth?"}],
        )
        cid = consultation.id or 0
        themes = [Theme(consultation_id=cid, label_en=f"Theme {n}") for n in range(9)]
        session.add_all(themes)
        session.flush()
        theme_ids = [t.id or 0 for t in themes]
        round_ = PlaybackRound(
            consultation_id=cid,
            theme_ids=theme_ids,
            labels=[{"theme_id": t, "en": f"Theme {t}", "cy": ""} for t in theme_ids],
            kind=RoundKind.CHECK,
        )
        session.add(round_)
        session.flush()
        round_id = round_.id or 0
    rows = []
    with session_scope(engine) as session:
        result = session.execute(
            insert(Participant).returning(col(Participant.id)),
            [
                {
                    "channel": Channel.SMS,
                    "address_hash": f"h{n}",
                    "address_encrypted": b"x",
                }
                for n in range(people)
            ],
        )
        ids = [row[0] for row in result]
    verdicts = [Verdict.AGREE] * 6 + [Verdict.PARTLY] * 2 + [Verdict.DISAGREE] * 2
    for person in ids:
        for theme in rng.sample(theme_ids, rng.randint(1, 3)):
            rows.append(
                {
                    "round_id": round_id,
                    "participant_id": person,
                    "theme_id": theme,
                    "verdict": rng.choice(verdicts),
                }
            )
    with session_scope(engine) as session:
        for start in range(0, len(rows), 5000):
            session.execute(insert(ThemeAgreement), rows[start : start + 5000])

    def disputes() -> object:
        with session_scope(engine) as session:
            return theme_disputes(session=session, consultation_id=cid)

    def baseline() -> object:
        with session_scope(engine) as session:
            return session.exec(
                select(ThemeAgreement.theme_id, ThemeAgreement.verdict, func.count())
                .where(ThemeAgreement.round_id == round_id)
                .group_by(col(ThemeAgreement.theme_id), col(ThemeAgreement.verdict))
            ).all()

    taken, base = _median(disputes), _median(baseline)
    engine.dispose()
    return taken, base, len(rows)


def parse_rate(repeat: int = 400) -> tuple[float, float]:
    texts = REPLIES * repeat
    start = time.perf_counter()
    for text in texts:
        parse_agreement(text, 2)
    ours = len(texts) / (time.perf_counter() - start)
    start = time.perf_counter()
    for text in texts:
        parse_playback_reply(text, 2, [("Buses", "Bysiau"), ("Parks", "Parciau")])
    return ours, len(texts) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=20000)
    parser.add_argument("--postgres", default=os.environ.get("WHATMATTERS_TEST_DATABASE_URL"))
    args = parser.parse_args()
    databases = [("SQLite", sqlite_database())]
    if args.postgres:
        databases.append(("PostgreSQL", postgres_database(args.postgres)))
    for name, database in databases:
        with database as url:
            taken, base, rows = board_cost(url, args.people)
        print(
            f"{name}: {args.people} residents, {rows} verdicts: theme_disputes {taken:.3f} s, "
            f"baseline GROUP BY {base:.3f} s, ratio {taken / base:.1f}"
        )
    ours, theirs = parse_rate()
    print(
        f"check replies read: {ours:,.0f}/s; vote-round parser on the same texts "
        f"(baseline) {theirs:,.0f}/s; ratio {theirs / ours:.2f}"
    )


if __name__ == "__main__":
    main()
