"""One lock per consultation shared by refits and officer edits (PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel import Session

#: Advisory-lock namespace for refits and edits; the consultation id is added.
REFIT_LOCK = 0x7E3E_0000


def lock_consultation(session: Session, consultation_id: int) -> None:
    """Serialise edits and refits of one consultation until the transaction ends.

    Two workers refitting at once would both create the new themes, and an edit
    landing mid-refit would be overwritten; each waits here for the other and then
    sees its result. SQLite serialises writers by itself.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_advisory_xact_lock(:key)"), {"key": REFIT_LOCK + consultation_id}
        )
