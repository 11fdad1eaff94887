"""quotes: candidate quotes awaiting an officer's approval, and the edit log

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-22 11:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision: str = '0003'
down_revision: str | Sequence[str] | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('quote',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('answer_id', sa.Integer(), nullable=False),
    sa.Column('consultation_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=True),
    sa.Column('redacted_text', sa.Text(), nullable=False),
    sa.Column('spans', sa.JSON(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('reviewed_by', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['answer_id'], ['answer.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('quote', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quote_answer_id'), ['answer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quote_consultation_id'), ['consultation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quote_theme_id'), ['theme_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_quote_status'), ['status'], unique=False)

    op.create_table('quoteedit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('quote_id', sa.Integer(), nullable=False),
    sa.Column('added', sa.JSON(), nullable=True),
    sa.Column('removed', sa.JSON(), nullable=True),
    sa.Column('editor', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['quote_id'], ['quote.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('quoteedit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quoteedit_quote_id'), ['quote_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('quoteedit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quoteedit_quote_id'))
    op.drop_table('quoteedit')
    with op.batch_alter_table('quote', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quote_status'))
        batch_op.drop_index(batch_op.f('ix_quote_theme_id'))
        batch_op.drop_index(batch_op.f('ix_quote_consultation_id'))
        batch_op.drop_index(batch_op.f('ix_quote_answer_id'))
    op.drop_table('quote')
