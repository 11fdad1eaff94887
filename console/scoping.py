"""Every row id a request names is resolved here, inside the consultation the URL names.

Ids are sequential, so an id that is not checked against the consultation lets an
officer read or change another consultation's rows by counting. Routes never call
``session.get`` with an id from a request: they call :func:`owned` (one row) or
:func:`owned_ids` (a list), which answer 404 for a row of another consultation,
a missing row, or an id no database column can hold, exactly as for a
consultation that is not shared (no hint that it exists).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any, Protocol, TypeVar

from fastapi import Form, Path
from sqlmodel import Session, select

from console.i18n import LocalisedHTTPException
from storage.input_policy import MAX_DB_ID


class _InConsultation(Protocol):
    id: int | None
    consultation_id: int


Row = TypeVar("Row", bound=_InConsultation)


def in_id_range(row_id: int) -> bool:
    """True when the id could be a stored key (1 .. MAX_DB_ID, the INTEGER key range)."""
    return 0 < row_id <= MAX_DB_ID


def _not_found(model: type[object]) -> LocalisedHTTPException:
    # Each page's 404 names what it looked for, in the officer's language.
    if model.__name__ == "Theme":
        return LocalisedHTTPException(404, "error-no-theme")
    if model.__name__ == "Quote":
        return LocalisedHTTPException(404, "error-no-quote")
    if model.__name__ == "Answer":
        return LocalisedHTTPException(404, "error-no-answer")
    if model.__name__ == "FeedbackPublication":
        return LocalisedHTTPException(404, "error-no-publication")
    return LocalisedHTTPException(404, "error-not-in-consultation")


def owned(session: Session, model: type[Row], row_id: int, consultation_id: int) -> Row:
    """The row with this id if it belongs to the consultation; 404 otherwise."""
    row = session.get(model, row_id) if in_id_range(row_id) else None
    if row is None or row.consultation_id != consultation_id:
        raise _not_found(model)
    return row


def owned_ids(
    session: Session, model: type[Row], row_ids: Iterable[int], consultation_id: int
) -> list[int]:
    """The ids, in order, when every one belongs to the consultation; 404 otherwise."""
    wanted = list(dict.fromkeys(row_ids))
    if not all(in_id_range(i) for i in wanted):
        raise _not_found(model)
    found: set[int] = set()
    column: Any = model.id
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        found.update(
            session.exec(
                select(column).where(
                    column.in_(chunk),
                    model.consultation_id == consultation_id,
                )
            ).all()
        )
    if len(found) != len(wanted):
        raise _not_found(model)
    return wanted


# An id in a route's path or form: outside 1..MAX_DB_ID it is refused (422) before any query.
PathId = Annotated[int, Path(ge=1, le=MAX_DB_ID)]
FormId = Annotated[int, Form(ge=1, le=MAX_DB_ID)]
