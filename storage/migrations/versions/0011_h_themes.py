"""theme tree: theme.level, theme.parent_id, theme.sentiment and the themetree table

Revision ID: 0011_h_themes
Revises: 0010
Create Date: 2026-12-05 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_h_themes"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Existing themes are sub-themes (what the clusterer found); the first refit after
    # the upgrade builds their broad level.
    with op.batch_alter_table("theme", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("level", sa.String(length=8), nullable=False, server_default="sub")
        )
        batch_op.add_column(sa.Column("parent_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("sentiment", sa.JSON(), nullable=True))
        batch_op.create_foreign_key(
            "fk_theme_parent_id_theme", "theme", ["parent_id"], ["id"], ondelete="SET NULL"
        )
    op.create_table(
        "themetree",
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("leaf_ids", sa.JSON(), nullable=True),
        sa.Column("linkage", sa.JSON(), nullable=True),
        sa.Column("default_broad", sa.Integer(), nullable=False),
        sa.Column("about_broad", sa.Integer(), nullable=True),
        sa.Column("about_sub", sa.Integer(), nullable=True),
        sa.Column("progress", sa.JSON(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["consultation_id"], ["consultation.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("consultation_id"),
    )


def downgrade() -> None:
    op.drop_table("themetree")
    with op.batch_alter_table("theme", schema=None) as batch_op:
        batch_op.drop_constraint("fk_theme_parent_id_theme", type_="foreignkey")
        batch_op.drop_column("sentiment")
        batch_op.drop_column("parent_id")
        batch_op.drop_column("level")
