"""Seeding for the console benchmark (bench/console_speed.py): 100,000 answers with wards,
age bands, themes, assignments, approved quotes and a warm redaction cache."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

WARDS = ["Acton", "Gresford", "Rhosnesni", "Offa", "Brynyffynnon", "Cartrefle", "Holt", "Marford"]
AGES = ["under-25", "25-44", "45-64", "65-plus", None]
TOPICS = [
    "buses",
    "potholes",
    "dog fouling",
    "parks",
    "bins",
    "libraries",
    "street lights",
    "schools",
    "parking",
    "litter",
    "housing",
    "crime",
]


def seed(url: str, answers: int) -> int:
    from sqlalchemy import insert
    from sqlmodel import SQLModel

    import storage.models  # noqa: F401
    from console.redact import REDACTION_VERSION
    from console.security import hash_password
    from storage.db import make_engine, session_scope
    from storage.migrate import upgrade
    from storage.models.accounts import Role
    from storage.repositories import console_accounts as accounts
    from storage.repositories.consultations import create_consultation

    upgrade(url)
    engine = make_engine(url)
    tables = SQLModel.metadata.tables
    rng = random.Random(7)
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
        accounts.create_officer(
            session=session,
            email="bench@council.example",
            password_hash=hash_password("bench password"),
            role=Role.ADMIN,
        )
    start = datetime(2026, 3, 1, tzinfo=UTC)
    with engine.begin() as conn:
        theme_ids = []
        for topic in [*TOPICS, "Other / unclear"]:
            theme_ids.append(
                conn.execute(
                    insert(tables["theme"]).returning(tables["theme"].c.id),
                    {
                        "consultation_id": cid,
                        "label_en": topic.capitalize(),
                        "label_cy": topic,
                        "is_other": topic.startswith("Other"),
                        "is_seed": False,
                        "status": "active",
                        "model": "bench",
                        "size": 0,
                        "created_at": start,
                        "updated_at": start,
                    },
                ).scalar_one()
            )
        batch = 5000
        for first in range(0, answers, batch):
            n = min(batch, answers - first)
            participants = (
                conn.execute(
                    insert(tables["participant"]).returning(tables["participant"].c.id),
                    [
                        {
                            "channel": "sms",
                            "address_hash": f"h{first + i}",
                            "address_encrypted": b"x",
                            "language": "en",
                            "consent": "given",
                            "opted_out": False,
                            "created_at": start,
                            "last_seen_at": start,
                        }
                        for i in range(n)
                    ],
                )
                .scalars()
                .all()
            )
            conversations = (
                conn.execute(
                    insert(tables["conversation"]).returning(tables["conversation"].c.id),
                    [
                        {
                            "participant_id": p,
                            "consultation_id": cid,
                            "step": "done",
                            "ward": rng.choice(WARDS),
                            "age_band": rng.choice(AGES),
                            "started_at": start,
                            "updated_at": start,
                        }
                        for p in participants
                    ],
                )
                .scalars()
                .all()
            )
            rows = []
            topics = []
            for i, (p, c) in enumerate(zip(participants, conversations, strict=True)):
                topic = rng.randrange(len(TOPICS) + 1)
                topics.append(topic)
                word = TOPICS[topic] if topic < len(TOPICS) else "something else"
                rows.append(
                    {
                        "consultation_id": cid,
                        "participant_id": p,
                        "conversation_id": c,
                        "kind": "open",
                        "channel": rng.choice(["sms", "whatsapp", "telegram", "web"]),
                        "language": "cy" if rng.random() < 0.15 else "en",
                        "text": f"Answer {first + i}: the {word} near us matter to my family",
                        "received_at": start + timedelta(minutes=(first + i) // 3),
                        "created_at": start,
                        "provider_message_id": f"bench:{first + i}",
                    }
                )
            ids = (
                conn.execute(insert(tables["answer"]).returning(tables["answer"].c.id), rows)
                .scalars()
                .all()
            )
            conn.execute(
                insert(tables["themeassignment"]),
                [
                    {
                        "answer_id": a,
                        "theme_id": theme_ids[t],
                        "score": 0.8,
                        "rank": 0,
                        "source": "auto",
                        "pinned": False,
                        "updated_at": start,
                    }
                    for a, t in zip(ids, topics, strict=True)
                ],
            )
            # The redact_answers job would have filled this as the answers arrived.
            conn.execute(
                insert(tables["redactedanswer"]),
                [
                    {
                        "answer_id": a,
                        "text": r["text"],
                        "spans": [],
                        "version": REDACTION_VERSION,
                        "created_at": start,
                    }
                    for a, r in zip(ids, rows, strict=True)
                ],
            )
            if first == 0:
                conn.execute(
                    insert(tables["quote"]),
                    [
                        {
                            "answer_id": ids[k],
                            "consultation_id": cid,
                            "theme_id": theme_ids[topics[k]],
                            "redacted_text": rows[k]["text"],
                            "spans": [],
                            "status": "approved",
                            "source": "representative",
                            "created_at": start,
                            "updated_at": start,
                        }
                        for k in range(40)
                    ],
                )
    engine.dispose()
    return cid
