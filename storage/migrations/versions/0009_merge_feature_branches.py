"""Merge the feature branches (themes, quotes, outbound, console, playback) into one head.

Each feature was developed as its own branch off the foundation; from here on
the history is linear again, so `alembic upgrade head` and /readyz see one head.

Revision ID: 0009
Revises: 0002, 0003, 0004, 0006, 0008
Create Date: 2026-11-22
"""

from collections.abc import Sequence

revision: str = "0009"
down_revision: str | Sequence[str] | None = ("0002", "0003", "0004", "0006", "0008")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
