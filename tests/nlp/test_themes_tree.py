"""The theme tree, re-cuts, junk, proposed quotes and the edits' bad input, on the store.

Real SQLite and PostgreSQL; the hashing embedder stands in for the model (these tests
are about what the store keeps and what an officer is told, not about meaning).
"""

from __future__ import annotations

import threading
import time
from collections import Counter

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from nlp.embeddings.hashing import HashingEmbedder
from nlp.moderation.flags import SPAM
from nlp.moderation.store import active_kinds
from nlp.themes import broad, edits, service
from nlp.themes.junk import is_junk
from storage.db import session_scope
from storage.models.quotes import Quote, QuoteStatus
from storage.models.themes import ThemeLevel, ThemeStatus
from storage.repositories import themes as repo
from tests.nlp.themes_factories import add_answers, make_consultation, topic_answers

EMBEDDER = HashingEmbedder()


def refit(session: Session, consultation_id: int, **options: object) -> service.RefitReport:
    return service.refit_consultation(
        session=session,
        consultation_id=consultation_id,
        embedder=EMBEDDER,
        **options,  # type: ignore[arg-type]
    )


@pytest.fixture
def themed(engine: Engine) -> tuple[int, dict[int, str]]:
    consultation_id = make_consultation(engine)
    pairs = topic_answers()
    ids = add_answers(engine, consultation_id, [text for _, text in pairs])
    with session_scope(engine) as session:
        refit(session, consultation_id)
    return consultation_id, {i: topic for i, (topic, _) in zip(ids, pairs, strict=True)}


def subs(session: Session, consultation_id: int) -> list[int]:
    return [
        int(t.id or 0)
        for t in repo.list_themes(session=session, consultation_id=consultation_id)
        if not t.is_other
    ]


def broads(session: Session, consultation_id: int) -> dict[int, str]:
    return {
        int(t.id or 0): t.display_label()
        for t in repo.list_themes(
            session=session, consultation_id=consultation_id, level=ThemeLevel.BROAD
        )
    }


def assignments(session: Session, answer_ids: list[int]) -> dict[int, set[int]]:
    return {
        a: {r.theme_id for r in repo.assignments_of(session=session, answer_id=a)}
        for a in answer_ids
    }


def test_every_sub_theme_sits_under_one_broad_theme(
    engine: Engine, themed: tuple[int, dict[int, str]]
) -> None:
    consultation_id, _ = themed
    with session_scope(engine) as session:
        top = broads(session, consultation_id)
        assert top and all(label for label in top.values())
        for theme_id in subs(session, consultation_id):
            assert repo.get_theme(session=session, theme_id=theme_id).parent_id in top


def test_about_n_broad_is_a_recut_kept_through_refits(
    engine: Engine, themed: tuple[int, dict[int, str]]
) -> None:
    consultation_id, topics = themed
    with session_scope(engine) as session:
        before = assignments(session, list(topics))
        level = broad.rebuild_broad(session=session, consultation_id=consultation_id, about_broad=2)
    assert level.broad == 2 and level.asked == 2
    with session_scope(engine) as session:
        # A re-cut touches no answer: the sub-themes and assignments are as they were.
        assert assignments(session, list(topics)) == before
        assert len(broads(session, consultation_id)) == 2
        refit(session, consultation_id)
    with session_scope(engine) as session:
        assert len(broads(session, consultation_id)) == 2  # the officer's choice is kept
        level = broad.rebuild_broad(session=session, consultation_id=consultation_id, reset=True)
    assert level.asked is None and level.broad == level.default
    with session_scope(engine) as session:
        with pytest.raises(broad.TreeError, match="between 1 and"):
            broad.rebuild_broad(session=session, consultation_id=consultation_id, about_broad=0)


def test_a_renamed_broad_theme_keeps_its_name_through_a_recut(
    engine: Engine, themed: tuple[int, dict[int, str]]
) -> None:
    consultation_id, _ = themed
    with session_scope(engine) as session:
        first = next(iter(broads(session, consultation_id)))
        edits.rename_theme(
            session=session, consultation_id=consultation_id, theme_id=first, label="Transport"
        )
        broad.rebuild_broad(session=session, consultation_id=consultation_id)
        refit(session, consultation_id)
    with session_scope(engine) as session:
        assert "Transport" in broads(session, consultation_id).values()


def test_split_leaves_no_answer_themeless_and_keeps_other_themes(
    engine: Engine, themed: tuple[int, dict[int, str]]
) -> None:
    consultation_id, topics = themed
    parks = [a for a, t in topics.items() if t == "parks"]
    with session_scope(engine) as session:
        theme_id = Counter(
            repo.assignments_of(session=session, answer_id=a)[0].theme_id for a in parks
        ).most_common(1)[0][0]
        members = repo.members_of(session=session, theme_id=theme_id)
        other = next(t for t in subs(session, consultation_id) if t != theme_id)
        # The first chosen answer also names another theme: the split must keep that.
        repo.set_officer_assignment(session=session, answer_id=members[0], theme_id=other)
        edits.split_theme(
            session=session,
            consultation_id=consultation_id,
            theme_id=theme_id,
            parts=[("Play areas", members[:1]), ("Park upkeep", members[1:2])],
        )
    with session_scope(engine) as session:
        found = assignments(session, members)
        assert all(found[a] for a in members), "an unchosen answer was left without a theme"
        assert other in found[members[0]]
        labels = {
            t.id: t.display_label()
            for t in repo.list_themes(session=session, consultation_id=consultation_id)
        }
        assert {labels.get(t) for a in members[2:] for t in found[a]} <= {
            "Play areas",
            "Park upkeep",
        }


def test_a_theme_is_not_renamed_after_one_moved_answer(
    engine: Engine, themed: tuple[int, dict[int, str]]
) -> None:
    consultation_id, topics = themed
    with session_scope(engine) as session:
        theme_id = subs(session, consultation_id)[0]
        label = repo.get_theme(session=session, theme_id=theme_id).label_en
        stray = next(
            a
            for a in topics
            if theme_id
            not in {r.theme_id for r in repo.assignments_of(session=session, answer_id=a)}
        )
        edits.move_answer(
            session=session, consultation_id=consultation_id, answer_id=stray, theme_id=theme_id
        )
        refit(session, consultation_id)
    with session_scope(engine) as session:
        assert repo.get_theme(session=session, theme_id=theme_id).display_label() == label


def test_edits_refuse_bad_requests_with_clear_messages(
    engine: Engine, themed: tuple[int, dict[int, str]]
) -> None:
    consultation_id, topics = themed
    with session_scope(engine) as session:
        first, second = subs(session, consultation_id)[:2]
        with pytest.raises(repo.ThemeEditError, match="into itself"):
            edits.merge_themes(
                session=session,
                consultation_id=consultation_id,
                source_ids=[first],
                target_id=first,
            )
        with pytest.raises(repo.ThemeEditError, match="at least one answer"):
            edits.split_theme(
                session=session,
                consultation_id=consultation_id,
                theme_id=first,
                parts=[("A", []), ("B", [])],
            )
        with pytest.raises(repo.ThemeEditError, match="not in this theme"):
            outsider = next(
                a for a in topics if a not in repo.members_of(session=session, theme_id=first)
            )
            edits.split_theme(
                session=session,
                consultation_id=consultation_id,
                theme_id=first,
                parts=[("A", [outsider]), ("B", [outsider + 100000])],
            )
    # A theme retired by a concurrent refit: the move is refused, nothing changes.
    with session_scope(engine) as session:
        theme = repo.get_theme(session=session, theme_id=second)
        repo.save_theme(session=session, theme=theme, status=ThemeStatus.RETIRED)
        answer = next(iter(topics))
        before = assignments(session, [answer])
    with session_scope(engine) as session:
        with pytest.raises(repo.ThemeEditError, match="regrouped"):
            edits.move_answer(
                session=session, consultation_id=consultation_id, answer_id=answer, theme_id=second
            )
    with session_scope(engine) as session:
        assert assignments(session, [answer]) == before


def test_move_into_a_merged_theme_lands_in_what_it_became(
    engine: Engine, themed: tuple[int, dict[int, str]]
) -> None:
    consultation_id, topics = themed
    with session_scope(engine) as session:
        first, second = subs(session, consultation_id)[:2]
        edits.merge_themes(
            session=session, consultation_id=consultation_id, source_ids=[first], target_id=second
        )
        answer = next(iter(topics))
        edits.move_answer(
            session=session, consultation_id=consultation_id, answer_id=answer, theme_id=first
        )
    with session_scope(engine) as session:
        assert assignments(session, [answer]) == {answer: {second}}


@pytest.mark.parametrize("count", [1, 3, 10])
def test_tiny_consultations_get_themes_and_lose_nothing(engine: Engine, count: int) -> None:
    consultation_id = make_consultation(engine)
    texts = [t for _, t in topic_answers()][::2][:count]
    ids = add_answers(engine, consultation_id, texts)
    with session_scope(engine) as session:
        report = refit(session, consultation_id)
    assert report.answers == count
    with session_scope(engine) as session:
        spam = {a for a, kinds in active_kinds(session, ids).items() if SPAM in kinds}
        assert all(themes for a, themes in assignments(session, ids).items() if a not in spam)


def test_ten_thousand_copies_of_one_answer_make_one_theme(engine: Engine) -> None:
    consultation_id = make_consultation(engine)
    ids = add_answers(engine, consultation_id, ["the buses are always late"] * 10_000)
    with session_scope(engine) as session:
        report = refit(session, consultation_id, propose_quotes=True)
    assert report.answers == 10_000 and report.themes == 1
    with session_scope(engine) as session:
        assert len(broads(session, consultation_id)) == 1
        quotes = session.exec(select(Quote).where(Quote.consultation_id == consultation_id)).all()
        assert len(quotes) == 1  # one distinct text, proposed once
        assert all(assignments(session, ids[:50]).values())


def test_answers_with_no_content_are_other(engine: Engine) -> None:
    consultation_id = make_consultation(engine)
    junk = ["😀😀😀", "12345", "https://example.com/x", "yes", "idk", "someone@example.com"]
    ids = add_answers(engine, consultation_id, junk * 4)
    real = add_answers(engine, consultation_id, [t for _, t in topic_answers()])
    with session_scope(engine) as session:
        refit(session, consultation_id)
    with session_scope(engine) as session:
        other = repo.other_theme(session=session, consultation_id=consultation_id).id
        # A bare link is also flagged as spam, and spam stays out of themes (listed apart).
        spam = {a for a, kinds in active_kinds(session, ids).items() if SPAM in kinds}
        assert all(
            themes == ({other} if answer not in spam else set())
            for answer, themes in assignments(session, ids).items()
        )
        assert sum(themes == {other} for themes in assignments(session, real).values()) <= 3


def test_only_junk_answers_give_no_theme_and_no_error(engine: Engine) -> None:
    consultation_id = make_consultation(engine)
    ids = add_answers(engine, consultation_id, ["😀", "42", "www.example.org", "🙂🙂"] * 5)
    with session_scope(engine) as session:
        report = refit(session, consultation_id)
    assert report.themes == 0 and report.other_share == 1.0
    with session_scope(engine) as session:
        spam = {a for a, kinds in active_kinds(session, ids).items() if SPAM in kinds}
        assert all(themes for a, themes in assignments(session, ids).items() if a not in spam)


@pytest.mark.parametrize(
    ("text", "junk"),
    [
        ("Yes!", True),
        ("idk", True),
        ("don't know", True),
        ("Dim syniad", True),
        ("[email]", True),
        ("sdfghj", True),
        ("No", False),
        ("Nothing", False),
        ("more buses please", False),
        ("Mwy o fysiau", False),
    ],
)
def test_junk_rule(text: str, junk: bool) -> None:
    assert is_junk(text) is junk


def test_quotes_are_proposed_pending_varied_and_skip_excluded_answers(engine: Engine) -> None:
    consultation_id = make_consultation(engine)
    texts = [t for _, t in topic_answers()]
    ids = add_answers(engine, consultation_id, texts + texts[:4])  # four exact repeats
    excluded = set(ids[::5])
    with session_scope(engine) as session:
        refit(session, consultation_id, exclude_from_quotes=excluded.__contains__)
    with session_scope(engine) as session:
        quotes = session.exec(select(Quote).where(Quote.consultation_id == consultation_id)).all()
        assert quotes and all(q.status == QuoteStatus.PENDING for q in quotes)
        assert not {q.answer_id for q in quotes} & excluded
        per_theme = Counter(q.theme_id for q in quotes)
        assert max(per_theme.values()) <= 5
        for theme_id in per_theme:
            shown = [q.redacted_text.lower() for q in quotes if q.theme_id == theme_id]
            assert len(shown) == len(set(shown)), "a quote was proposed twice"


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_an_edit_waits_for_a_running_refit_and_then_applies(
    engine: Engine, themed: tuple[int, dict[int, str]]
) -> None:
    consultation_id, topics = themed
    with session_scope(engine) as session:
        target = subs(session, consultation_id)[0]
    answer = next(iter(topics))
    done: list[float] = []

    def move() -> None:
        with session_scope(engine) as session:
            edits.move_answer(
                session=session, consultation_id=consultation_id, answer_id=answer, theme_id=target
            )
        done.append(time.monotonic())

    with session_scope(engine) as session:
        from nlp.themes.locking import lock_consultation

        lock_consultation(session, consultation_id)  # what a running refit holds
        worker = threading.Thread(target=move)
        worker.start()
        time.sleep(0.5)
        assert not done, "the edit did not wait for the refit"
        released = time.monotonic()
    worker.join(10)
    assert done and done[0] >= released
    with session_scope(engine) as session:
        assert assignments(session, [answer]) == {answer: {target}}
