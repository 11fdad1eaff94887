"""officer.console_language and theme.officer_label_cy: a Welsh console and Welsh theme names

Revision ID: 0011_console_language
Revises: 0010
Create Date: 2026-12-05 08:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0011_console_language"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Both nullable: existing officers follow their browser, existing renamed themes
    # keep showing the officer's (English) name until someone gives a Welsh one.
    with op.batch_alter_table("officer", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("console_language", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True)
        )
    with op.batch_alter_table("theme", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "officer_label_cy", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("theme", schema=None) as batch_op:
        batch_op.drop_column("officer_label_cy")
    with op.batch_alter_table("officer", schema=None) as batch_op:
        batch_op.drop_column("console_language")
