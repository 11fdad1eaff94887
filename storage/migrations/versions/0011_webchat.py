"""web chat transcripts; send attempts on playback and feedback recipients

Revision ID: 0011_webchat
Revises: 0010
Create Date: 2026-12-05 08:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0011_webchat"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AutoString = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "webchatline",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("who", AutoString(length=8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("options", sa.JSON(), nullable=True),
        sa.Column("ref", sa.String(length=80), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["participant_id"], ["participant.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["consultation_id"], ["consultation.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("participant_id", "ref"),
    )
    with op.batch_alter_table("webchatline", schema=None) as batch_op:
        for column in ("participant_id", "consultation_id", "created_at"):
            batch_op.create_index(batch_op.f(f"ix_webchatline_{column}"), [column], unique=False)
    for table in ("playbackrecipient", "feedbackrecipient"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("attempts", sa.Integer(), nullable=False, server_default="0")
            )


def downgrade() -> None:
    for table in ("playbackrecipient", "feedbackrecipient"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("attempts")
    op.drop_table("webchatline")
