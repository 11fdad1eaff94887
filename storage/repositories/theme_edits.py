"""Officers' theme edits: the append-only edit log, and the constraints an edit puts on
assignments (answers frozen in a theme, moved, retargeted) that every refit keeps."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, update
from sqlalchemy import select as core_select
from sqlmodel import Session, col, select

from storage.models import Answer, utcnow
from storage.models._base import table_of
from storage.models.themes import (
    AnswerEmbedding,
    AssignmentSource,
    Theme,
    ThemeAssignment,
    ThemeEdit,
)
from storage.repositories.themes import ThemeEditError, members_of

ASSIGNMENT = table_of(ThemeAssignment)
EMBEDDING = table_of(AnswerEmbedding)
ANSWER = table_of(Answer)
THEME = table_of(Theme)


# -- edit log -------------------------------------------------------------------------------
def log_edit(
    *,
    session: Session,
    consultation_id: int,
    action: str,
    theme_id: int | None = None,
    payload: dict[str, Any] | None = None,
    actor: str = "officer",
) -> ThemeEdit:
    edit = ThemeEdit(
        consultation_id=consultation_id,
        theme_id=theme_id,
        action=action,
        payload=payload,
        actor=actor,
    )
    session.add(edit)
    session.flush()
    return edit


def list_edits(*, session: Session, consultation_id: int) -> list[ThemeEdit]:
    return list(
        session.exec(
            select(ThemeEdit)
            .where(ThemeEdit.consultation_id == consultation_id)
            .order_by(col(ThemeEdit.id))
        )
    )


# -- officer constraints on assignments -----------------------------------------------------
def freeze_members(*, session: Session, theme_id: int) -> int:
    """Make a theme's current answers officer decisions (all their themes, ranks kept).

    Used when an officer names or merges a theme: its answers stay in it through every
    refit, and keep the other themes they carry now.

    Returns:
        How many answers were frozen.
    """
    members = members_of(session=session, theme_id=theme_id)
    for start in range(0, len(members), 5000):
        chunk = members[start : start + 5000]
        session.execute(
            update(ASSIGNMENT)
            .where(ASSIGNMENT.c.answer_id.in_(chunk))
            .values(source=AssignmentSource.OFFICER.value, updated_at=utcnow())
        )
    return len(members)


def move_assignment(
    *, session: Session, answer_id: int, from_theme_id: int, to_theme_id: int | None
) -> None:
    """Re-point one answer's row for ``from_theme_id`` to ``to_theme_id`` as an officer
    decision, keeping its rank and the answer's other themes (also made officer rows)."""
    if to_theme_id is None:
        raise ThemeEditError("the new theme has no id yet")
    retarget_answer(
        session=session, answer_id=answer_id, from_theme_id=from_theme_id, to_theme_id=to_theme_id
    )
    session.execute(
        update(ASSIGNMENT)
        .where(ASSIGNMENT.c.answer_id == answer_id)
        .values(source=AssignmentSource.OFFICER.value, updated_at=utcnow())
    )


def retarget_answer(
    *, session: Session, answer_id: int, from_theme_id: int, to_theme_id: int | None
) -> None:
    """One answer's row for one theme now points at another (no duplicate rows)."""
    if to_theme_id is None:
        raise ThemeEditError("the new theme has no id yet")
    has_target = session.execute(
        core_select(ASSIGNMENT.c.id)
        .where(ASSIGNMENT.c.answer_id == answer_id)
        .where(ASSIGNMENT.c.theme_id == to_theme_id)
    ).first()
    if has_target is not None:
        session.execute(
            delete(ASSIGNMENT)
            .where(ASSIGNMENT.c.answer_id == answer_id)
            .where(ASSIGNMENT.c.theme_id == from_theme_id)
        )
        return
    session.execute(
        update(ASSIGNMENT)
        .where(ASSIGNMENT.c.answer_id == answer_id)
        .where(ASSIGNMENT.c.theme_id == from_theme_id)
        .values(theme_id=to_theme_id, updated_at=utcnow())
    )


def typical_members(
    *, session: Session, theme_ids: Sequence[int], per_theme: int
) -> dict[int, list[tuple[int, str, str]]]:
    """Per theme, its closest primary answers (id, text, language), best score first."""
    if not theme_ids:
        return {}
    query = (
        core_select(
            ASSIGNMENT.c.theme_id, ASSIGNMENT.c.answer_id, ANSWER.c.text, EMBEDDING.c.language
        )
        .select_from(
            ASSIGNMENT.join(ANSWER, ANSWER.c.id == ASSIGNMENT.c.answer_id).outerjoin(
                EMBEDDING, EMBEDDING.c.answer_id == ASSIGNMENT.c.answer_id
            )
        )
        .where(ASSIGNMENT.c.theme_id.in_(list(theme_ids)))
        .where(ASSIGNMENT.c.rank == 0)
        .order_by(ASSIGNMENT.c.theme_id, ASSIGNMENT.c.score.desc(), ASSIGNMENT.c.answer_id)
    )
    out: dict[int, list[tuple[int, str, str]]] = {int(t): [] for t in theme_ids}
    for theme_id, answer_id, text, language in session.execute(query):
        bucket = out[int(theme_id)]
        if len(bucket) < per_theme:
            bucket.append((int(answer_id), str(text), str(language or "en")))
    return out
