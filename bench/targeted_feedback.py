"""Targeted "you said, we did" at scale: publishing, the sender's start-up, per-theme counts.

    .venv/bin/python bench/targeted_feedback.py [--people 20000] [--themes 12]
        [--postgres URL | env WHATMATTERS_TEST_DATABASE_URL]

On SQLite, and on PostgreSQL when a server URL is given (a scratch database is created
and dropped). N residents (90 % asked to hear back, 2 % opted out), each with 1-3
answers in 1-3 of the themes; every theme has a response. Measured in the same run:

1. Publishing the summary ("what we found out", one INSERT ... SELECT): the baseline.
2. Publishing the responses theme by theme (the officer's request: the responses
   copied, and the count of who would be messaged for the flash), and the ratio to (1).
3. What the send job does first: preparing (who is in which theme, who was told,
   the recipient rows and the theme rows per recipient, in SQL), then loading every
   recipient's themes.
4. The responses page: who would be messaged, and the per-theme counts (sent /
   waiting / failed / opted out).
5. Composing messages: targeted SMS (fitted to three segments) per second, against
   the summary's SMS composer in the same run.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, text
from sqlmodel import select

from bench.databases import postgres_database, sqlite_database
from bot.conversation.catalog import default_catalog
from storage.db import make_engine, session_scope
from storage.identity import AddressProtector, derive_fernet_key
from storage.models import Answer, Channel, Consultation, Participant
from storage.models.feedback_themes import FeedbackTheme
from storage.models.playback import FeedbackPublication
from storage.models.responses import Decision
from storage.models.themes import Theme, ThemeAssignment
from storage.repositories.consultations import create_consultation
from storage.repositories.feedback import publish_feedback
from storage.repositories.feedback_plan import prepare_theme_feedback
from storage.repositories.feedback_themes import (
    audience_count,
    lines_by_person,
    publish_theme_feedback,
    targeted_status,
)
from storage.repositories.responses import ResponseDraft, save_response
from usecases.feedback.publication import feedback_reply
from usecases.feedback.themes_message import themes_reply

DETAIL = "We will add an evening bus to Gresford from April and publish the times at every stop."


def seed(url: str, people: int, themes: int) -> int:
    engine = make_engine(url)
    rng = random.Random(19)
    protector = AddressProtector(hash_key=b"bench", encryption_keys=[derive_fernet_key("b")])
    with session_scope(engine) as session:
        consultation = create_consultation(
            session=session,
            slug="buses",
            keyword="BUSES",
            title_en="The Wrexham We Want",
            title_cy="Y Wrecsam a Garem",
            questions=[{"kind": "open", "prompt_en": "What matters?", "prompt_cy": "Beth?"}],
            found_out_en="Buses matter most.",
        )
        cid = consultation.id or 0
        rows = [Theme(consultation_id=cid, label_en=f"Theme {n}") for n in range(themes)]
        session.add_all(rows)
        session.flush()
        theme_ids = [t.id or 0 for t in rows]
        for theme_id in theme_ids:
            save_response(
                session=session,
                consultation_id=cid,
                theme_id=theme_id,
                draft=ResponseDraft(decision=Decision.WILL_DO, detail_en=DETAIL),
                updated_by="bench",
            )
    encrypted = protector.encrypt("+447700900000")
    now = datetime.now(UTC)
    with session_scope(engine) as session:
        session.execute(
            insert(Participant),
            [
                {
                    "channel": "sms",
                    "address_hash": f"h{n:08d}",
                    "address_encrypted": encrypted,
                    "language": "cy" if n % 5 == 0 else "en",
                    "consent": "given",
                    "opted_out": n % 50 == 0,
                    "wants_feedback": n % 10 != 0,
                    "created_at": now,
                    "last_seen_at": now,
                }
                for n in range(people)
            ],
        )
        session.execute(
            text(
                "INSERT INTO conversation (participant_id, consultation_id, step, started_at,"
                " updated_at) SELECT id, :cid, 'done', created_at, created_at FROM participant"
            ),
            {"cid": cid},
        )
        person_ids = list(session.exec(select(Participant.id)).all())
        answers = [
            {
                "consultation_id": cid,
                "participant_id": person,
                "channel": "sms",
                "language": "en",
                "text": "buses",
                "kind": "open",
                "received_at": now,
                "created_at": now,
            }
            for person in person_ids
            for _ in range(rng.randint(1, 3))
        ]
        session.execute(insert(Answer), answers)
        answer_ids = list(session.exec(select(Answer.id)).all())
        session.execute(
            insert(ThemeAssignment),
            [
                {"answer_id": answer_id, "theme_id": theme_id, "rank": rank, "score": 0.5}
                for answer_id in answer_ids
                for rank, theme_id in enumerate(rng.sample(theme_ids, rng.randint(1, 3)))
            ],
        )
    engine.dispose()
    return cid


def timed(label: str, results: dict[str, float], work: object) -> object:
    started = time.perf_counter()
    value = work() if callable(work) else None
    results[label] = time.perf_counter() - started
    return value


def run(url: str, people: int, themes: int) -> dict[str, float]:
    cid = seed(url, people, themes)
    engine = make_engine(url)
    results: dict[str, float] = {}

    def summary() -> int:
        with session_scope(engine) as session:
            consultation = session.get(Consultation, cid)
            assert consultation is not None
            publication, _ = publish_feedback(session=session, consultation=consultation)
            return publication.id or 0

    def targeted() -> int:
        # What the console's publish route does in the request.
        with session_scope(engine) as session:
            publication, _ = publish_theme_feedback(session=session, consultation_id=cid)
            audience_count(session=session, consultation_id=cid)
            return publication.id or 0

    def audience() -> None:
        with session_scope(engine) as session:
            audience_count(session=session, consultation_id=cid)

    timed("who would be messaged (responses page)", results, audience)
    timed("publish summary (baseline)", results, summary)
    publication_id = timed("publish theme by theme", results, targeted)
    assert isinstance(publication_id, int)

    def prepare() -> None:
        with session_scope(engine) as session:
            prepare_theme_feedback(session=session, publication_id=publication_id)

    timed("send job start: prepare who hears which theme", results, prepare)

    def load() -> dict[int, list[FeedbackTheme]]:
        with session_scope(engine) as session:
            found = lines_by_person(session=session, publication_id=publication_id)
            session.expunge_all()
            return found

    lines = timed("send job start: every recipient's themes", results, load)
    assert isinstance(lines, dict)

    def counts() -> None:
        with session_scope(engine) as session:
            targeted_status(session=session, consultation_id=cid)

    timed("per-theme counts (responses page)", results, counts)
    catalog = default_catalog()
    sample = list(lines.values())[:3000]
    started = time.perf_counter()
    for n, mine in enumerate(sample):
        language = "cy" if n % 5 == 0 else "en"
        themes_reply(catalog, mine, "The Wrexham We Want", language, Channel.SMS, None)
    results["targeted SMS composed per s"] = len(sample) / (time.perf_counter() - started)
    publication = FeedbackPublication(
        consultation_id=cid, text_hash="x", found_out_en=DETAIL * 3, found_out_cy=DETAIL * 3
    )
    started = time.perf_counter()
    for n in range(len(sample)):
        language = "cy" if n % 5 == 0 else "en"
        feedback_reply(catalog, publication, "The Wrexham We Want", language, Channel.SMS)
    results["summary SMS composed per s (baseline)"] = len(sample) / (time.perf_counter() - started)
    results["residents queued"] = float(len(lines))
    engine.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--themes", type=int, default=12)
    parser.add_argument("--postgres", default=os.environ.get("WHATMATTERS_TEST_DATABASE_URL"))
    args = parser.parse_args()
    targets = [("SQLite", sqlite_database())]
    if args.postgres:
        targets.append(("PostgreSQL", postgres_database(args.postgres)))
    for name, database in targets:
        with database as url:
            results = run(url, args.people, args.themes)
        print(f"## {name}: {args.people} residents, {args.themes} themes")
        for label, value in results.items():
            print(f"  {label}: {value:.2f}")
        ratio = results["publish theme by theme"] / results["publish summary (baseline)"]
        print(f"  publish theme by theme / summary: {ratio:.1f}x")


if __name__ == "__main__":
    main()
