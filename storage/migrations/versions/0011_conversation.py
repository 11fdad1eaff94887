"""consultation.wards (the ward list residents choose from) and participant.data

Revision ID: 0011_conversation
Revises: 0010
Create Date: 2026-12-05 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_conversation"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Both nullable: existing consultations have no ward list (postcode
    # districts only) and existing participants no routing data.
    with op.batch_alter_table("consultation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("wards", sa.JSON(), nullable=True))
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.add_column(sa.Column("data", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.drop_column("data")
    with op.batch_alter_table("consultation", schema=None) as batch_op:
        batch_op.drop_column("wards")
