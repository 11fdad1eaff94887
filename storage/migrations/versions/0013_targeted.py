"""Targeted "you said, we did": feedbackpublication.kind, feedback_theme and
feedback_recipient_theme (which themes each resident was told about)

Revision ID: 0013_targeted
Revises: 0012
Create Date: 2026-12-05 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0013_targeted"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Every publication so far was a summary ("what we found out"); the server
    # default marks the existing rows so on both databases.
    with op.batch_alter_table("feedbackpublication", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=16), nullable=False, server_default="summary")
        )
    op.create_table(
        "feedback_theme",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("publication_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=True),
        sa.Column("theme_id", sa.Integer(), nullable=True),
        sa.Column("label_en", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("label_cy", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("detail_en", sa.Text(), nullable=False),
        sa.Column("detail_cy", sa.Text(), nullable=False),
        sa.Column("passed_to", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("line_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.ForeignKeyConstraint(["publication_id"], ["feedbackpublication.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["response_id"], ["theme_response.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["theme_id"], ["theme.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("publication_id", "position"),
    )
    op.create_index(op.f("ix_feedback_theme_publication_id"), "feedback_theme", ["publication_id"])
    op.create_index(op.f("ix_feedback_theme_line_hash"), "feedback_theme", ["line_hash"])
    op.create_table(
        "feedback_recipient_theme",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recipient_id", sa.Integer(), nullable=False),
        sa.Column("feedback_theme_id", sa.Integer(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["recipient_id"], ["feedbackrecipient.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["feedback_theme_id"], ["feedback_theme.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("recipient_id", "feedback_theme_id"),
    )
    op.create_index(
        op.f("ix_feedback_recipient_theme_recipient_id"),
        "feedback_recipient_theme",
        ["recipient_id"],
    )
    op.create_index(
        op.f("ix_feedback_recipient_theme_feedback_theme_id"),
        "feedback_recipient_theme",
        ["feedback_theme_id"],
    )


def downgrade() -> None:
    op.drop_table("feedback_recipient_theme")
    op.drop_table("feedback_theme")
    with op.batch_alter_table("feedbackpublication", schema=None) as batch_op:
        batch_op.drop_column("kind")
