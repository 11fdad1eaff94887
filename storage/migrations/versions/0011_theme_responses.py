"""theme_response (the council's decision, owner, status and date for each theme);
consultation_link and theme_match (themes across rounds and years);
quality_sample and handcode.also_theme_ids (the accuracy statement)

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
    op.create_table(
        "consultation_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("earlier_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["consultation_id"], ["consultation.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["earlier_id"], ["consultation.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("consultation_id", "earlier_id"),
    )
    op.create_index(
        op.f("ix_consultation_link_consultation_id"),
        "consultation_link",
        ["consultation_id"],
        unique=False,
    )
    op.create_table(
        "theme_match",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("link_id", sa.Integer(), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.Column("earlier_theme_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["link_id"], ["consultation_link.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["theme_id"], ["theme.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["earlier_theme_id"], ["theme.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("theme_id", "earlier_theme_id"),
    )
    op.create_index(op.f("ix_theme_match_link_id"), "theme_match", ["link_id"], unique=False)
    op.create_index(op.f("ix_theme_match_theme_id"), "theme_match", ["theme_id"], unique=False)
    with op.batch_alter_table("handcode", schema=None) as batch_op:
        batch_op.add_column(sa.Column("also_theme_ids", sa.JSON(), nullable=True))
    op.create_table(
        "quality_sample",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("answer_ids", sa.JSON(), nullable=False),
        sa.Column("strata", sa.Integer(), nullable=False),
        sa.Column("drawn_by", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["consultation_id"], ["consultation.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("consultation_id"),
    )


def downgrade() -> None:
    op.drop_table("quality_sample")
    with op.batch_alter_table("handcode", schema=None) as batch_op:
        batch_op.drop_column("also_theme_ids")
    op.drop_index(op.f("ix_theme_match_theme_id"), table_name="theme_match")
    op.drop_index(op.f("ix_theme_match_link_id"), table_name="theme_match")
    op.drop_table("theme_match")
    op.drop_index(op.f("ix_consultation_link_consultation_id"), table_name="consultation_link")
    op.drop_table("consultation_link")
    op.drop_index(op.f("ix_theme_response_consultation_id"), table_name="theme_response")
    op.drop_table("theme_response")
