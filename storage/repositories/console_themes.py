"""Read-only theme queries for the console: the board, breakdowns, time series.

Officer edits (rename, merge, split, move, pin, seed) belong to the theming
service; this module only counts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from sqlalchemy import func, select
from sqlmodel import Session

from storage.models._base import table_of
from storage.models.participant import Answer, Conversation
from storage.models.quotes import Quote
from storage.models.themes import Theme, ThemeAssignment, ThemeStatus

ANSWER = table_of(Answer)
CONVERSATION = table_of(Conversation)
THEME = table_of(Theme)
ASSIGNMENT = table_of(ThemeAssignment)

Dimension = Literal["ward", "age_band", "channel", "language"]
DIMENSIONS: tuple[Dimension, ...] = ("ward", "age_band", "channel", "language")
NOT_GIVEN = "not given"


@dataclass(frozen=True)
class ThemeCount:
    theme: Theme
    count: int
    share: float

    @property
    def label(self) -> str:
        return self.theme.display_label("en")


def active_themes(*, session: Session, consultation_id: int) -> list[Theme]:
    rows = session.execute(
        select(Theme).where(
            THEME.c.consultation_id == consultation_id, THEME.c.status == ThemeStatus.ACTIVE.value
        )
    )
    return [row[0] for row in rows]


def theme_counts(*, session: Session, consultation_id: int, total: int) -> list[ThemeCount]:
    """Active themes with the number of answers assigned, largest first, "other" last."""
    counts = dict(
        session.execute(
            # (answer, theme) is unique, so a plain count is a count of answers.
            select(ASSIGNMENT.c.theme_id, func.count())
            .join(THEME, THEME.c.id == ASSIGNMENT.c.theme_id)
            .where(THEME.c.consultation_id == consultation_id)
            .group_by(ASSIGNMENT.c.theme_id)
        ).all()
    )
    result = [
        ThemeCount(
            theme, int(counts.get(theme.id, 0)), counts.get(theme.id, 0) / total if total else 0.0
        )
        for theme in active_themes(session=session, consultation_id=consultation_id)
    ]
    result.sort(key=lambda t: (t.theme.is_other, -t.count, t.label.lower()))
    return result


def theme_labels_for_answers(
    *, session: Session, answer_ids: Sequence[int]
) -> dict[int, list[str]]:
    if not answer_ids:
        return {}
    rows = session.execute(
        select(ASSIGNMENT.c.answer_id, Theme)
        .join(THEME, THEME.c.id == ASSIGNMENT.c.theme_id)
        .where(ASSIGNMENT.c.answer_id.in_(list(answer_ids)))
        .order_by(ASSIGNMENT.c.answer_id, ASSIGNMENT.c.rank)
    )
    labels: dict[int, list[str]] = defaultdict(list)
    for answer_id, theme in rows:
        labels[int(answer_id)].append(theme.display_label("en"))
    return dict(labels)


def primary_themes(*, session: Session, answer_ids: Sequence[int]) -> dict[int, int]:
    """Each answer's rank-0 theme id (answers without one are absent)."""
    if not answer_ids:
        return {}
    rows = session.execute(
        select(ASSIGNMENT.c.answer_id, ASSIGNMENT.c.theme_id).where(
            ASSIGNMENT.c.answer_id.in_(list(answer_ids)), ASSIGNMENT.c.rank == 0
        )
    )
    return {int(a): int(t) for a, t in rows}


def breakdown(
    *, session: Session, consultation_id: int, dimension: Dimension
) -> dict[int, dict[str, int]]:
    """theme id -> category (ward, age band, channel or language) -> answers."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown breakdown {dimension!r}")
    source = CONVERSATION if dimension in ("ward", "age_band") else ANSWER
    category = source.c[dimension]
    rows = session.execute(
        select(ASSIGNMENT.c.theme_id, category, func.count())
        .select_from(
            ASSIGNMENT.join(ANSWER, ANSWER.c.id == ASSIGNMENT.c.answer_id)
            .join(THEME, THEME.c.id == ASSIGNMENT.c.theme_id)
            .outerjoin(CONVERSATION, CONVERSATION.c.id == ANSWER.c.conversation_id)
        )
        .where(
            ANSWER.c.consultation_id == consultation_id,
            THEME.c.status == ThemeStatus.ACTIVE.value,
        )
        .group_by(ASSIGNMENT.c.theme_id, category)
    )
    table: dict[int, dict[str, int]] = defaultdict(dict)
    for theme_id, value, count in rows:
        key = str(value) if value not in (None, "") else NOT_GIVEN
        table[int(theme_id)][key] = table[int(theme_id)].get(key, 0) + int(count)
    return dict(table)


def answers_by_day(*, session: Session, consultation_id: int) -> list[tuple[date, int]]:
    day = func.date(ANSWER.c.received_at)
    rows = session.execute(
        select(day, func.count())
        .where(ANSWER.c.consultation_id == consultation_id)
        .group_by(day)
        .order_by(day)
    )
    result = []
    for value, count in rows:
        parsed = value if isinstance(value, date) else date.fromisoformat(str(value))
        result.append((parsed, int(count)))
    return result


def theme_ids_for_answers(*, session: Session, answer_ids: Sequence[int]) -> dict[int, list[int]]:
    """answer id -> its theme ids, primary first (cheap enough for every export page).

    Pages are id-ordered, so an id range (two bound parameters, one index range
    scan) replaces an IN list of thousands; ids outside the page are dropped.
    """
    if not answer_ids:
        return {}
    wanted = set(answer_ids)
    rows = session.execute(
        select(ASSIGNMENT.c.answer_id, ASSIGNMENT.c.theme_id)
        .where(ASSIGNMENT.c.answer_id.between(min(wanted), max(wanted)))
        .order_by(ASSIGNMENT.c.answer_id, ASSIGNMENT.c.rank)
    ).all()
    result: dict[int, list[int]] = defaultdict(list)
    for answer_id, theme_id in rows:
        if answer_id in wanted:
            result[answer_id].append(theme_id)
    return dict(result)


def all_theme_labels(*, session: Session, consultation_id: int) -> dict[int, str]:
    rows = session.execute(select(Theme).where(THEME.c.consultation_id == consultation_id))
    return {row[0].id: row[0].display_label("en") for row in rows}


def board_signature(*, session: Session, consultation_id: int) -> tuple[object, ...]:
    """Cheap facts that change whenever anything on the theme board would.

    New answers change the answer count and top id; theming and officer edits
    touch assignment ids or update times, theme rows, and quotes.
    """
    quote = table_of(Quote)
    answers = session.execute(
        select(func.count(), func.max(ANSWER.c.id)).where(
            ANSWER.c.consultation_id == consultation_id
        )
    ).one()
    themes = session.execute(
        select(func.count(), func.max(THEME.c.updated_at), func.max(THEME.c.id)).where(
            THEME.c.consultation_id == consultation_id
        )
    ).one()
    assignments = session.execute(
        select(func.count(), func.max(ASSIGNMENT.c.id), func.max(ASSIGNMENT.c.updated_at))
    ).one()
    quotes = session.execute(
        select(func.count(), func.max(quote.c.updated_at), func.max(quote.c.reviewed_at)).where(
            quote.c.consultation_id == consultation_id
        )
    ).one()
    return (*answers, *themes, *assignments, *quotes)
