"""Theme labels copied beside the theme, so that a record outlives it.

A council's response keeps the label it answered (theme_response), a targeted "you said,
we did" keeps the labels it sent (feedback_theme), a playback round keeps the labels a
vote was for (playbackround.labels). When a label's words must go (an officer's words to
hide; words only erased answers carried) the copies go the same way: each word is masked
where it stands, so the record still reads ("Parking at [redacted]").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, select, update
from sqlmodel import Session, SQLModel

_T = SQLModel.metadata.tables
#: The copies' column width: a masked word is longer than most words.
LABEL_LIMIT = 200


def mask_label_copies(
    connection: Connection | Session, consultation_id: int, mask: Callable[[str], str]
) -> int:
    """Every copied label of the consultation's themes through ``mask``; returns rows changed.

    Args:
        connection: the connection or session of the change (the caller commits).
        consultation_id: whose copies.
        mask: the label as it may be shown (the label itself when nothing goes).
    """
    response, line, publication, round_ = (
        _T["theme_response"],
        _T["feedback_theme"],
        _T["feedbackpublication"],
        _T["playbackround"],
    )
    by_publication = select(publication.c.id).where(
        publication.c.consultation_id == consultation_id
    )
    copies = (
        (
            response,
            response.c.theme_label_en,
            response.c.theme_label_cy,
            response.c.consultation_id == consultation_id,
        ),
        (line, line.c.label_en, line.c.label_cy, line.c.publication_id.in_(by_publication)),
    )
    changed = 0
    for table, en, cy, where in copies:
        for row_id, label_en, label_cy in connection.execute(
            select(table.c.id, en, cy).where(where)
        ).all():
            before = (label_en or "", label_cy or "")
            after = (mask(before[0])[:LABEL_LIMIT], mask(before[1])[:LABEL_LIMIT])
            if after != before:
                values = {en.name: after[0], cy.name: after[1]}
                connection.execute(update(table).where(table.c.id == row_id).values(**values))
                changed += 1
    for row_id, labels in connection.execute(
        select(round_.c.id, round_.c.labels).where(round_.c.consultation_id == consultation_id)
    ).all():
        masked = [_masked_entry(entry, mask) for entry in labels or []]
        if masked != list(labels or []):
            connection.execute(update(round_).where(round_.c.id == row_id).values(labels=masked))
            changed += 1
    return changed


def _masked_entry(entry: dict[str, Any], mask: Callable[[str], str]) -> dict[str, Any]:
    return {
        key: mask(value)[:LABEL_LIMIT] if key in ("en", "cy") and isinstance(value, str) else value
        for key, value in entry.items()
    }
