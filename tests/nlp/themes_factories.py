"""Plain factories for theming tests: a consultation with answers on a few topics."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.engine import Engine

from storage.db import session_scope
from storage.repositories.answers import create_answer
from storage.repositories.consultations import create_consultation

TOPICS = {
    "buses": [
        "the buses are always late in the morning",
        "more buses to town please, the buses are late",
        "bus timetable is wrong and buses never come",
        "late buses make me late for work",
        "cheaper buses and buses on sunday",
        "the number 5 buses are late every day",
        "buses late again, buses are unreliable",
        "buses should run later in the evening",
    ],
    "bins": [
        "bins collected every week not fortnightly",
        "the bins were not collected again",
        "recycling bins left uncollected for weeks",
        "bins overflowing because bins collection missed",
        "bring back weekly bins collection",
        "missed bins collection on our street",
        "bins collection is a mess, bins everywhere",
        "bins and recycling collection every week",
    ],
    "parks": [
        "the park needs more benches and park lighting",
        "keep the park clean and safe for children",
        "park play area is broken, fix the park",
        "more trees in the park please",
        "our park is lovely, protect the park",
        "dog mess in the park is a problem",
        "the park gates are locked too early",
        "a cafe in the park would be nice",
    ],
}


def make_consultation(engine: Engine, *, slug: str = "town") -> int:
    with session_scope(engine) as session:
        consultation = create_consultation(
            session=session,
            slug=slug,
            keyword=slug.upper(),
            title_en="What matters in town",
            title_cy="Beth sy'n bwysig yn y dref",
            questions=[{"kind": "open", "prompt_en": "What matters?", "prompt_cy": "Beth?"}],
        )
        return int(consultation.id or 0)


def add_answers(engine: Engine, consultation_id: int, texts: list[str]) -> list[int]:
    with session_scope(engine) as session:
        return [
            create_answer(
                session=session,
                consultation_id=consultation_id,
                channel="web",
                text=text,
                received_at=datetime(2026, 1, 1, tzinfo=UTC),
            )
            for text in texts
        ]


def topic_answers() -> list[tuple[str, str]]:
    return [(topic, text) for topic, texts in TOPICS.items() for text in texts]
