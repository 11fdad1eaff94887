"""Themes, assignments and officer edits (embeddings: storage.repositories.embeddings).

Bulk paths (replacing every automatic assignment after a refit) use Core statements:
a refit of 100,000 answers must not build 100,000 ORM objects.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, func, insert, update
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from storage.models import utcnow
from storage.models._base import table_of
from storage.models.themes import (
    AssignmentSource,
    Theme,
    ThemeAssignment,
    ThemeLevel,
    ThemeStatus,
    ThemeTree,
)

ASSIGNMENT = table_of(ThemeAssignment)
THEME = table_of(Theme)


class ThemeEditError(ValueError):
    """An officer edit that cannot be applied (unknown theme, wrong consultation ...)."""


# -- themes -------------------------------------------------------------------------------
def list_themes(
    *,
    session: Session,
    consultation_id: int,
    statuses: Iterable[str] = (ThemeStatus.ACTIVE,),
    level: str = ThemeLevel.SUB,
) -> list[Theme]:
    """Themes of a consultation in the given statuses at one level of the tree, by id."""
    return list(
        session.exec(
            select(Theme)
            .where(Theme.consultation_id == consultation_id)
            .where(col(Theme.status).in_([str(s) for s in statuses]))
            .where(col(Theme.level) == str(level))
            .order_by(col(Theme.id))
        )
    )


def get_tree(*, session: Session, consultation_id: int) -> ThemeTree | None:
    return session.get(ThemeTree, consultation_id)


def save_tree(*, session: Session, consultation_id: int, **fields: Any) -> ThemeTree:
    tree = session.get(ThemeTree, consultation_id) or ThemeTree(consultation_id=consultation_id)
    for name, value in fields.items():
        setattr(tree, name, value)
    tree.updated_at = utcnow()
    session.add(tree)
    session.flush()
    return tree


def get_theme(*, session: Session, theme_id: int, consultation_id: int | None = None) -> Theme:
    """A theme by id; raises :class:`ThemeEditError` when absent or from another consultation."""
    theme = session.get(Theme, theme_id)
    if theme is None or (consultation_id is not None and theme.consultation_id != consultation_id):
        raise ThemeEditError(f"no theme {theme_id} in this consultation")
    return theme


def other_theme(*, session: Session, consultation_id: int) -> Theme:
    """The consultation's "other / unclear" bucket, created on first use."""
    found = session.exec(
        select(Theme)
        .where(Theme.consultation_id == consultation_id)
        .where(col(Theme.is_other).is_(True))
    ).first()
    if found is not None:
        return found
    theme = Theme(
        consultation_id=consultation_id,
        label_en="Other / unclear",
        label_cy="Arall / aneglur",
        is_other=True,
    )
    session.add(theme)
    session.flush()
    return theme


def add_theme(*, session: Session, consultation_id: int, **fields: Any) -> Theme:
    theme = Theme(consultation_id=consultation_id, **fields)
    session.add(theme)
    session.flush()
    return theme


def save_theme(*, session: Session, theme: Theme, **fields: Any) -> Theme:
    for name, value in fields.items():
        setattr(theme, name, value)
    theme.updated_at = utcnow()
    session.add(theme)
    session.flush()
    return theme


def themes_version(*, session: Session, consultation_id: int) -> tuple[int, str]:
    """A cheap fingerprint that changes whenever the consultation's themes change."""
    row = session.execute(
        core_select(func.count(THEME.c.id), func.max(THEME.c.updated_at)).where(
            THEME.c.consultation_id == consultation_id
        )
    ).one()
    return int(row[0]), str(row[1])


# -- assignments ----------------------------------------------------------------------------
def assignments_of(*, session: Session, answer_id: int) -> list[ThemeAssignment]:
    """An answer's themes, primary first."""
    return list(
        session.exec(
            select(ThemeAssignment)
            .where(ThemeAssignment.answer_id == answer_id)
            .order_by(col(ThemeAssignment.rank), col(ThemeAssignment.id))
        )
    )


def officer_assignments(*, session: Session, consultation_id: int) -> list[ThemeAssignment]:
    """Assignments an officer made or pinned (constraints every refit keeps)."""
    return list(
        session.exec(
            select(ThemeAssignment)
            .join(Theme, col(Theme.id) == ThemeAssignment.theme_id)
            .where(Theme.consultation_id == consultation_id)
            .where(
                (col(ThemeAssignment.source) == AssignmentSource.OFFICER)
                | col(ThemeAssignment.pinned).is_(True)
            )
            .order_by(col(ThemeAssignment.id))
        )
    )


def officer_placed(*, session: Session, answer_ids: Sequence[int]) -> set[int]:
    """Which of ``answer_ids`` an officer placed (an officer-made assignment)."""
    ids = list(answer_ids)
    placed: set[int] = set()
    for start in range(0, len(ids), 5000):
        placed.update(
            int(a)
            for (a,) in session.execute(
                core_select(ASSIGNMENT.c.answer_id)
                .where(ASSIGNMENT.c.answer_id.in_(ids[start : start + 5000]))
                .where(ASSIGNMENT.c.source == AssignmentSource.OFFICER.value)
            )
        )
    return placed


def members_of(*, session: Session, theme_id: int) -> list[int]:
    """Answer ids carrying a theme (any rank)."""
    return [
        int(r[0])
        for r in session.execute(
            core_select(ASSIGNMENT.c.answer_id)
            .where(ASSIGNMENT.c.theme_id == theme_id)
            .order_by(ASSIGNMENT.c.answer_id)
        )
    ]


def replace_auto_assignments(
    *,
    session: Session,
    answer_ids: Sequence[int],
    rows: Sequence[tuple[int, int, float, int]],
) -> None:
    """Replace the automatic assignments of ``answer_ids`` by (answer, theme, score, rank) rows.

    An answer an officer placed (moved, split off or pinned) keeps exactly the officer's
    rows: its automatic rows are dropped, so it never has two primary themes.
    """
    if not answer_ids:
        return
    ids = list(answer_ids)
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        session.execute(
            delete(ASSIGNMENT)
            .where(ASSIGNMENT.c.answer_id.in_(chunk))
            .where(ASSIGNMENT.c.source == AssignmentSource.AUTO.value)
            .where(ASSIGNMENT.c.pinned.is_(False))
        )
    placed: set[int] = set()
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        placed.update(
            int(a)
            for (a,) in session.execute(
                core_select(ASSIGNMENT.c.answer_id).where(ASSIGNMENT.c.answer_id.in_(chunk))
            )
        )
    now = utcnow()
    values = [
        {
            "answer_id": a,
            "theme_id": t,
            "score": float(s),
            "rank": r,
            "source": AssignmentSource.AUTO.value,
            "pinned": False,
            "updated_at": now,
        }
        for a, t, s, r in rows
        if a not in placed
    ]
    if values:
        session.execute(insert(ASSIGNMENT), values)


def set_officer_assignment(
    *, session: Session, answer_id: int, theme_id: int, pinned: bool | None = None
) -> ThemeAssignment:
    """Make ``theme_id`` the officer-chosen primary theme of an answer."""
    existing = session.exec(
        select(ThemeAssignment)
        .where(ThemeAssignment.answer_id == answer_id)
        .where(ThemeAssignment.theme_id == theme_id)
    ).first()
    row = existing or ThemeAssignment(answer_id=answer_id, theme_id=theme_id, score=1.0)
    row.source = AssignmentSource.OFFICER
    row.rank = 0
    if pinned is not None:
        row.pinned = pinned
    row.updated_at = utcnow()
    session.add(row)
    session.flush()
    return row


def delete_assignments(
    *, session: Session, answer_id: int, except_theme_id: int | None = None
) -> None:
    query = delete(ASSIGNMENT).where(ASSIGNMENT.c.answer_id == answer_id)
    if except_theme_id is not None:
        query = query.where(ASSIGNMENT.c.theme_id != except_theme_id)
    session.execute(query)


def retarget_assignments(*, session: Session, from_theme_id: int, to_theme_id: int) -> None:
    """Move every assignment of one theme to another (merge), without duplicates."""
    already = set(members_of(session=session, theme_id=to_theme_id))
    session.execute(
        delete(ASSIGNMENT)
        .where(ASSIGNMENT.c.theme_id == from_theme_id)
        .where(ASSIGNMENT.c.answer_id.in_(already))
    )
    session.execute(
        update(ASSIGNMENT)
        .where(ASSIGNMENT.c.theme_id == from_theme_id)
        .values(theme_id=to_theme_id, updated_at=utcnow())
    )


def theme_sizes(*, session: Session, consultation_id: int) -> dict[int, int]:
    """Primary-theme answer count per theme id."""
    query = (
        core_select(ASSIGNMENT.c.theme_id, func.count())
        .select_from(ASSIGNMENT.join(THEME, THEME.c.id == ASSIGNMENT.c.theme_id))
        .where(THEME.c.consultation_id == consultation_id)
        .where(ASSIGNMENT.c.rank == 0)
        .group_by(ASSIGNMENT.c.theme_id)
    )
    return {int(t): int(n) for t, n in session.execute(query)}
