"""consolesession: server-side console sessions, revoked on sign-out and password change;
theme.model and answerembedding.model widened to 255 (the default embedder's name is
longer than 128 characters, so every seed theme failed on PostgreSQL)

Revision ID: 0011_security
Revises: 0010
Create Date: 2026-12-05 09:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_security"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "consolesession",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["officer_id"], ["officer.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_consolesession_officer_id", "consolesession", ["officer_id"])
    op.create_index(
        "ix_consolesession_token_hash", "consolesession", ["token_hash"], unique=True
    )
    for table in ("theme", "answerembedding"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(
                "model",
                existing_type=sa.String(length=128),
                type_=sa.String(length=255),
                existing_nullable=False,
            )


def downgrade() -> None:
    for table in ("theme", "answerembedding"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(
                "model",
                existing_type=sa.String(length=255),
                type_=sa.String(length=128),
                existing_nullable=False,
            )
    op.drop_table("consolesession")
