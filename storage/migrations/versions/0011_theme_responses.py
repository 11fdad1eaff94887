"""theme_response: the council's decision, owner, status and date for each theme

Revision ID: 0011_theme_responses
Revises: 0010
Create Date: 2026-12-05 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0011_theme_responses"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "theme_response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=True),
        sa.Column("theme_label_en", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("theme_label_cy", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("detail_en", sa.Text(), nullable=False),
        sa.Column("detail_cy", sa.Text(), nullable=False),
        sa.Column("owner_service", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("passed_to", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("status_date", sa.Date(), nullable=True),
        sa.Column("updated_by", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["consultation_id"], ["consultation.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["theme_id"], ["theme.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("consultation_id", "theme_id"),
    )
    op.create_index(
        op.f("ix_theme_response_consultation_id"),
        "theme_response",
        ["consultation_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_theme_response_consultation_id"), table_name="theme_response")
    op.drop_table("theme_response")
