"""answerflags: abuse, spam and identifying-detail flags on answers (issue 15)

Revision ID: 0011_answer_flags
Revises: 0010
Create Date: 2026-12-05 09:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_answer_flags"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Filled as answers are redacted (and by a refit for older answers): no backfill here.
    op.create_table(
        "answerflags",
        sa.Column("answer_id", sa.Integer(), nullable=False),
        sa.Column("kinds", sa.JSON(), nullable=True),
        sa.Column("reasons", sa.JSON(), nullable=True),
        sa.Column("cleared", sa.JSON(), nullable=True),
        sa.Column("version", sa.String(length=32), nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["answer_id"], ["answer.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("answer_id"),
    )


def downgrade() -> None:
    op.drop_table("answerflags")
