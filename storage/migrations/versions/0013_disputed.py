"""disputed themes: check rounds and per-theme agreement

Revision ID: 0013_disputed
Revises: 0012
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0013_disputed"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AutoString = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    with op.batch_alter_table("playbackround", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=16), server_default="vote", nullable=False)
        )
    with op.batch_alter_table("playbackrecipient", schema=None) as batch_op:
        batch_op.add_column(sa.Column("shown", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("reasked_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "themeagreement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("correction_answer_id", sa.Integer(), nullable=True),
        sa.Column("provider_message_id", AutoString(length=128), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["playbackround.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["participant_id"], ["participant.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["correction_answer_id"], ["answer.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("round_id", "participant_id", "theme_id"),
    )
    with op.batch_alter_table("themeagreement", schema=None) as batch_op:
        for column in ("round_id", "participant_id", "theme_id"):
            batch_op.create_index(batch_op.f(f"ix_themeagreement_{column}"), [column], unique=False)


def downgrade() -> None:
    op.drop_table("themeagreement")
    with op.batch_alter_table("playbackrecipient", schema=None) as batch_op:
        batch_op.drop_column("reasked_at")
        batch_op.drop_column("shown")
    with op.batch_alter_table("playbackround", schema=None) as batch_op:
        batch_op.drop_column("kind")
