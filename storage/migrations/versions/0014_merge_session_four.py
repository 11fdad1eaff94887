"""Merge this session's feature branches into one head.

Each feature added its own 0013 revision on top of 0012; from here on the history
is linear again, so `alembic upgrade head` and /readyz see one head.

Revision ID: 0014
Revises: 0013_disputed, 0013_h_jobs, 0013_targeted, 0013_worker
Create Date: 2026-12-05
"""

from collections.abc import Sequence

revision: str = "0014"
down_revision: str | Sequence[str] | None = (
    "0013_disputed",
    "0013_h_jobs",
    "0013_targeted",
    "0013_worker",
)
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
