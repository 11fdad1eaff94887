"""The council's own words for redaction: places to keep and words to hide, per consultation

consultation.places_to_keep and consultation.words_to_hide (JSON lists of phrases), and
quote.requeued_reason (why an approved quote came back to the approval queue).

Revision ID: 0015_places
Revises: 0014
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0015_places"
down_revision: str | Sequence[str] | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("consultation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("places_to_keep", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("words_to_hide", sa.JSON(), nullable=True))
    with op.batch_alter_table("quote", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("requeued_reason", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("quote", schema=None) as batch_op:
        batch_op.drop_column("requeued_reason")
    with op.batch_alter_table("consultation", schema=None) as batch_op:
        batch_op.drop_column("words_to_hide")
        batch_op.drop_column("places_to_keep")
