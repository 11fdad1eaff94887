"""Merge this session's feature branches into one head.

Each feature added its own 0011 revision on top of 0010; from here on the history
is linear again, so `alembic upgrade head` and /readyz see one head.

Revision ID: 0012
Revises: 0011_answer_flags, 0011_console_language, 0011_conversation, 0011_h_themes, 0011_security, 0011_theme_responses, 0011_webchat
Create Date: 2026-12-05
"""

from collections.abc import Sequence

revision: str = "0012"
down_revision: str | Sequence[str] | None = (
    "0011_answer_flags",
    "0011_console_language",
    "0011_conversation",
    "0011_h_themes",
    "0011_security",
    "0011_theme_responses",
    "0011_webchat",
)
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
