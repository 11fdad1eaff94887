"""Stored answers: embed once, refit, incremental assignment, officer edits surviving refits.

Real SQLite and PostgreSQL; the hashing embedder stands in for the model because these
tests are about what the store keeps, not about meaning.
"""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from nlp.embeddings.hashing import HashingEmbedder
from nlp.themes import edits, service
from storage.db import session_scope
from storage.models.themes import AnswerEmbedding, AssignmentSource, ThemeStatus
from storage.repositories import theme_edits as edits_repo
from storage.repositories import themes as repo
from tests.nlp.themes_factories import add_answers, make_consultation, topic_answers

EMBEDDER = HashingEmbedder()


def refit(session: Session, consultation_id: int) -> service.RefitReport:
    return service.refit_consultation(
        session=session, consultation_id=consultation_id, embedder=EMBEDDER
    )


@pytest.fixture
def themed(engine: Engine) -> tuple[int, dict[int, str]]:
    consultation_id = make_consultation(engine)
    pairs = topic_answers()
    ids = add_answers(engine, consultation_id, [text for _, text in pairs])
    with session_scope(engine) as session:
        refit(session, consultation_id)
    return consultation_id, {i: topic for i, (topic, _) in zip(ids, pairs, strict=True)}


def primary_of(engine: Engine, answer_ids: list[int]) -> dict[int, int]:
    with session_scope(engine) as session:
        return {
            a: repo.assignments_of(session=session, answer_id=a)[0].theme_id for a in answer_ids
        }


def active_labels(engine: Engine, consultation_id: int) -> dict[int, str]:
    with session_scope(engine) as session:
        return {
            int(t.id or 0): t.display_label()
            for t in repo.list_themes(session=session, consultation_id=consultation_id)
            if not t.is_other
        }


def test_refit_themes_every_answer_and_embeds_each_once(
    engine: Engine, themed: tuple[int, dict[int, str]]
) -> None:
    consultation_id, topics = themed
    primaries = primary_of(engine, list(topics))
    assert len(primaries) == len(topics)  # nothing lost
    # Each topic's answers mostly share one theme.
    for topic in ("buses", "bins", "parks"):
        counts = Counter(primaries[a] for a, t in topics.items() if t == topic)
        assert counts.most_common(1)[0][1] >= 6, (topic, counts)
    with session_scope(engine) as session:
        rows = session.exec(select(AnswerEmbedding)).all()
        assert len(rows) == len(topics)
        stamps = {r.answer_id: r.created_at for r in rows}
        assert (
            service.embed_answers(session=session, embedder=EMBEDDER, answer_ids=list(topics)) == 0
        )
        refit(session, consultation_id)
    with session_scope(engine) as session:
        assert {r.answer_id: r.created_at for r in session.exec(select(AnswerEmbedding))} == stamps


def test_refit_on_same_data_keeps_the_same_themes(
    engine: Engine, themed: tuple[int, dict[int, str]]
) -> None:
    consultation_id, topics = themed
    before = primary_of(engine, list(topics))
    labels = active_labels(engine, consultation_id)
    with session_scope(engine) as session:
        report = refit(session, consultation_id)
    assert report.created == 0 and report.retired == 0
    assert primary_of(engine, list(topics)) == before
    assert active_labels(engine, consultation_id) == labels


def test_officer_edits_survive_a_refit(engine: Engine, themed: tuple[int, dict[int, str]]) -> None:
    consultation_id, topics = themed
    primaries = primary_of(engine, list(topics))
    bus_theme = Counter(primaries[a] for a, t in topics.items() if t == "buses").most_common(1)[0][
        0
    ]
    bin_theme = Counter(primaries[a] for a, t in topics.items() if t == "bins").most_common(1)[0][0]
    park_answer = next(a for a, t in topics.items() if t == "parks")
    bus_answer = next(a for a, t in topics.items() if t == "buses")
    with session_scope(engine) as session:
        edits.rename_theme(
            session=session,
            consultation_id=consultation_id,
            theme_id=bus_theme,
            label="Public transport",
            label_cy="Trafnidiaeth gyhoeddus",
        )
        edits.move_answer(
            session=session,
            consultation_id=consultation_id,
            answer_id=park_answer,
            theme_id=bin_theme,
        )
        edits.pin_quote(
            session=session,
            consultation_id=consultation_id,
            answer_id=bus_answer,
            theme_id=bus_theme,
        )
    with session_scope(engine) as session:
        refit(session, consultation_id)
        refit(session, consultation_id)
    labels = active_labels(engine, consultation_id)
    assert labels[bus_theme] == "Public transport"
    assert primary_of(engine, [park_answer])[park_answer] == bin_theme
    with session_scope(engine) as session:
        theme = repo.get_theme(session=session, theme_id=bus_theme)
        assert (theme.quote_answer_ids or [])[0] == bus_answer
        # Welsh residents keep hearing the officer's Welsh name after refits.
        assert theme.display_label("cy") == "Trafnidiaeth gyhoeddus"
        moved = repo.assignments_of(session=session, answer_id=park_answer)
        assert [(a.theme_id, a.source) for a in moved] == [(bin_theme, AssignmentSource.OFFICER)]
        actions = [
            e.action
            for e in edits_repo.list_edits(session=session, consultation_id=consultation_id)
        ]
        assert actions == ["rename", "move", "pin"]


def test_merge_and_split_survive_a_refit(
    engine: Engine, themed: tuple[int, dict[int, str]]
) -> None:
    consultation_id, topics = themed
    primaries = primary_of(engine, list(topics))
    bus_theme = Counter(primaries[a] for a, t in topics.items() if t == "buses").most_common(1)[0][
        0
    ]
    bin_theme = Counter(primaries[a] for a, t in topics.items() if t == "bins").most_common(1)[0][0]
    park_theme = Counter(primaries[a] for a, t in topics.items() if t == "parks").most_common(1)[0][
        0
    ]
    parks = [a for a, t in topics.items() if t == "parks"]
    with session_scope(engine) as session:
        edits.merge_themes(
            session=session,
            consultation_id=consultation_id,
            source_ids=[bin_theme],
            target_id=bus_theme,
        )
        edits.split_theme(
            session=session,
            consultation_id=consultation_id,
            theme_id=park_theme,
            parts=[("Play areas", parks[:3]), ("Park upkeep", parks[3:6])],
        )
    with session_scope(engine) as session:
        refit(session, consultation_id)
    labels = active_labels(engine, consultation_id)
    assert bin_theme not in labels and park_theme not in labels
    assert {"Play areas", "Park upkeep"} <= set(labels.values())
    after = primary_of(engine, list(topics))
    bins = [a for a, t in topics.items() if t == "bins"]
    assert Counter(after[a] for a in bins).most_common(1)[0][0] == bus_theme
    with session_scope(engine) as session:
        merged = repo.get_theme(session=session, theme_id=bin_theme)
        assert merged.status == ThemeStatus.MERGED and merged.merged_into_id == bus_theme
    play = next(t for t, label in labels.items() if label == "Play areas")
    assert all(after[a] == play for a in parks[:3])


def test_new_answers_are_assigned_incrementally_and_idempotently(
    engine: Engine, themed: tuple[int, dict[int, str]]
) -> None:
    consultation_id, topics = themed
    primaries = primary_of(engine, list(topics))
    bin_theme = Counter(primaries[a] for a, t in topics.items() if t == "bins").most_common(1)[0][0]
    new_ids = add_answers(
        engine, consultation_id, ["bins not collected, bins collection missed", "🙂"]
    )
    for _ in range(2):
        with session_scope(engine) as session:
            assert (
                service.embed_and_assign(session=session, answer_ids=new_ids, embedder=EMBEDDER)
                == 2
            )
    with session_scope(engine) as session:
        first = repo.assignments_of(session=session, answer_id=new_ids[0])
        emoji = repo.assignments_of(session=session, answer_id=new_ids[1])
        other = repo.other_theme(session=session, consultation_id=consultation_id)
    assert first[0].theme_id == bin_theme and len({a.theme_id for a in first}) == len(first)
    assert [a.theme_id for a in emoji] == [other.id]


def test_seeded_theme_coexists_with_emergent_ones(
    engine: Engine, themed: tuple[int, dict[int, str]]
) -> None:
    consultation_id, _ = themed
    new_ids = add_answers(
        engine,
        consultation_id,
        [
            "potholes on the road, fix the potholes",
            "road potholes damage my car",
            "so many potholes on every road",
            "the road surface has potholes",
        ],
    )
    with session_scope(engine) as session:
        seed = edits.seed_theme(
            session=session,
            consultation_id=consultation_id,
            label="Road potholes",
            examples=["potholes in the road", "fix road potholes"],
            embedder=EMBEDDER,
        )
        refit(session, consultation_id)
    labels = active_labels(engine, consultation_id)
    assert labels[int(seed.id or 0)] == "Road potholes"
    assert len(labels) >= 4  # the emergent themes are still there
    assert all(p == seed.id for p in primary_of(engine, new_ids).values())


def test_edits_refuse_bad_requests_clearly(
    engine: Engine, themed: tuple[int, dict[int, str]]
) -> None:
    consultation_id, topics = themed
    theme_id = next(iter(active_labels(engine, consultation_id)))
    with session_scope(engine) as session:
        with pytest.raises(repo.ThemeEditError, match="at least one word"):
            edits.rename_theme(
                session=session, consultation_id=consultation_id, theme_id=theme_id, label="  "
            )
        with pytest.raises(repo.ThemeEditError, match="no theme"):
            edits.move_answer(
                session=session,
                consultation_id=consultation_id,
                answer_id=next(iter(topics)),
                theme_id=999999,
            )
        with pytest.raises(repo.ThemeEditError, match="two parts"):
            edits.split_theme(
                session=session,
                consultation_id=consultation_id,
                theme_id=theme_id,
                parts=[("x", [1])],
            )
