"""Stored moderation flags per answer: computed once, cleared or restored by an officer.

The flags themselves come from nlp.moderation (passed in as ``check`` so that the store
does not import the NLP code); an answer without a row, or with a row from an older
checker version, is checked again when asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import select, update
from sqlmodel import Session, SQLModel

from storage.models import utcnow

FLAGS = SQLModel.metadata.tables["answerflags"]
ANSWER = SQLModel.metadata.tables["answer"]
# text -> [{"kind", "reason"}]
Check = Callable[[str], list[dict[str, str]]]


class FlagError(ValueError):
    """An officer's change to a flag that cannot be made."""


def flags_for(
    *, session: Session, answer_ids: Sequence[int], check: Check, version: str
) -> dict[int, dict[str, Any]]:
    """{answer_id: {"kinds", "reasons", "cleared", "active"}} for these answers, computing the
    missing ones now (and keeping an officer's cleared kinds across a new checker version)."""
    ids = sorted(set(answer_ids))
    found: dict[int, dict[str, Any]] = {}
    stale: dict[int, list[str]] = {}
    for start in range(0, len(ids), 1000):
        chunk = ids[start : start + 1000]
        for answer_id, kinds, reasons, cleared, row_version in session.execute(
            select(
                FLAGS.c.answer_id, FLAGS.c.kinds, FLAGS.c.reasons, FLAGS.c.cleared, FLAGS.c.version
            ).where(FLAGS.c.answer_id.in_(chunk))
        ):
            if row_version != version:
                stale[int(answer_id)] = list(cleared or [])
                continue
            found[int(answer_id)] = _view(kinds, reasons, cleared)
    missing = [i for i in ids if i not in found]
    if missing:
        texts: dict[int, str] = {}
        for start in range(0, len(missing), 1000):
            rows = session.execute(
                select(ANSWER.c.id, ANSWER.c.text).where(
                    ANSWER.c.id.in_(missing[start : start + 1000])
                )
            )
            texts.update({int(i): str(t or "") for i, t in rows})
        now = utcnow()
        fresh = []
        for answer_id, text in texts.items():
            reasons = check(text)
            kinds = sorted({r["kind"] for r in reasons})
            cleared = [k for k in stale.get(answer_id, []) if k in kinds]
            found[answer_id] = _view(kinds, reasons, cleared)
            fresh.append(
                {
                    "answer_id": answer_id,
                    "kinds": kinds,
                    "reasons": reasons,
                    "cleared": cleared,
                    "version": version,
                    "checked_at": now,
                }
            )
        if stale:
            session.execute(FLAGS.delete().where(FLAGS.c.answer_id.in_(list(stale))))
        if fresh:
            session.execute(_insert_unless_there(session), fresh)
    return found


def _insert_unless_there(session: Session) -> Any:
    """An insert that leaves a row another transaction wrote meanwhile (same text, same
    checker version: the same flags). A worker theming an answer and an officer opening
    it may check it at the same moment; neither must fail on the primary key."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(FLAGS).on_conflict_do_nothing(index_elements=[FLAGS.c.answer_id])
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(FLAGS).on_conflict_do_nothing(index_elements=[FLAGS.c.answer_id])


def _view(kinds: Any, reasons: Any, cleared: Any) -> dict[str, Any]:
    kinds, cleared = list(kinds or []), list(cleared or [])
    return {
        "kinds": kinds,
        "reasons": list(reasons or []),
        "cleared": cleared,
        "active": [k for k in kinds if k not in cleared],
    }


def set_cleared(*, session: Session, answer_id: int, kind: str, cleared: bool) -> list[str]:
    """Clear (``cleared=True``) or restore one kind on an answer; returns the cleared kinds."""
    row = session.execute(
        select(FLAGS.c.kinds, FLAGS.c.cleared).where(FLAGS.c.answer_id == answer_id)
    ).first()
    if row is None or kind not in (row[0] or []):
        raise FlagError(f"answer {answer_id} has no {kind!r} flag")
    now_cleared = [k for k in (row[1] or []) if k != kind] + ([kind] if cleared else [])
    session.execute(
        update(FLAGS).where(FLAGS.c.answer_id == answer_id).values(cleared=sorted(now_cleared))
    )
    return sorted(now_cleared)


def flagged_answer_ids(*, session: Session, consultation_id: int, kind: str) -> list[int]:
    """Answers of a consultation carrying ``kind`` (not cleared), newest first."""
    rows = session.execute(
        select(FLAGS.c.answer_id, FLAGS.c.kinds, FLAGS.c.cleared)
        .select_from(FLAGS.join(ANSWER, ANSWER.c.id == FLAGS.c.answer_id))
        .where(ANSWER.c.consultation_id == consultation_id)
        .order_by(FLAGS.c.answer_id.desc())
    )
    return [
        int(answer_id)
        for answer_id, kinds, cleared in rows
        if kind in (kinds or []) and kind not in (cleared or [])
    ]
