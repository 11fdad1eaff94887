"""playback rounds and feedback publications

Revision ID: 0008
Revises: 0001
Create Date: 2026-11-22 13:15:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AutoString = sqlmodel.sql.sqltypes.AutoString


def _indexes(table: str, columns: list[str]) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)


def _delivery_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("provider_sid", AutoString(length=64), nullable=True),
        sa.Column("error", AutoString(length=300), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "playbackround",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("theme_ids", sa.JSON(), nullable=False),
        sa.Column("labels", sa.JSON(), nullable=False),
        sa.Column("created_by", AutoString(length=64), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["consultation_id"], ["consultation.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    _indexes("playbackround", ["consultation_id", "status"])

    op.create_table(
        "playbackrecipient",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        *_delivery_columns(),
        sa.Column("replied_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("missed_answer_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["round_id"], ["playbackround.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["missed_answer_id"], ["answer.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["participant_id"], ["participant.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("round_id", "participant_id"),
    )
    _indexes("playbackrecipient", ["round_id", "participant_id", "state"])

    op.create_table(
        "playbackvote",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("provider_message_id", AutoString(length=128), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["playbackround.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["participant_id"], ["participant.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("round_id", "participant_id", "position"),
    )
    _indexes("playbackvote", ["round_id", "participant_id"])

    op.create_table(
        "feedbackpublication",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("text_hash", AutoString(length=64), nullable=False),
        sa.Column("found_out_en", sa.Text(), nullable=False),
        sa.Column("found_out_cy", sa.Text(), nullable=False),
        sa.Column("difference_en", sa.Text(), nullable=False),
        sa.Column("difference_cy", sa.Text(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("recipients_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["consultation_id"], ["consultation.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("consultation_id", "text_hash"),
    )
    _indexes("feedbackpublication", ["consultation_id"])

    op.create_table(
        "feedbackrecipient",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("publication_id", sa.Integer(), nullable=False),
        *_delivery_columns(),
        sa.ForeignKeyConstraint(["publication_id"], ["feedbackpublication.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["participant_id"], ["participant.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("publication_id", "participant_id"),
    )
    _indexes("feedbackrecipient", ["publication_id", "participant_id", "state"])


def downgrade() -> None:
    for table in (
        "feedbackrecipient",
        "feedbackpublication",
        "playbackvote",
        "playbackrecipient",
        "playbackround",
    ):
        op.drop_table(table)
