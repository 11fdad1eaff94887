"""Targeted "you said, we did": what each theme's residents were told, theme by theme.

A targeted publication is a FeedbackPublication of kind "themes"; its recipients
are FeedbackRecipient rows like any other, so sending, pacing, quiet hours and
crash-safety are the feedback machinery's. These tables add the theme part:

- FeedbackTheme: the council's response to one theme as it was published
  (label, decision and words copied), so the record outlives the response and
  the theme (merged away or deleted later) and the counts can still be shown;
- FeedbackRecipientTheme: which of those themes one recipient's message covers.
  A resident in five themes has one recipient row and five of these.
"""

from __future__ import annotations

from sqlalchemy import String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

# A message gives the council's words for at most this many themes (the ones the
# resident's answers were mostly about); the rest of their themes are in the same
# message with the decision only, or counted when an SMS has no room, so nobody
# waits for a later publication to hear about a theme they raised.
MAX_THEMES_PER_MESSAGE = 3


class FeedbackTheme(SQLModel, table=True):
    __tablename__ = "feedback_theme"
    __table_args__ = (UniqueConstraint("publication_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    publication_id: int = Field(
        foreign_key="feedbackpublication.id", index=True, ondelete="CASCADE"
    )
    # Order on the responses page at publishing (largest theme first), from 1.
    position: int
    # Null once the response or the theme is gone; the copies below still say what was sent.
    response_id: int | None = Field(
        default=None, foreign_key="theme_response.id", ondelete="SET NULL"
    )
    theme_id: int | None = Field(default=None, foreign_key="theme.id", ondelete="SET NULL")
    label_en: str = Field(default="", max_length=200)
    label_cy: str = Field(default="", max_length=200)
    decision: str = Field(sa_type=String(16))
    detail_en: str = Field(default="", sa_type=Text)
    detail_cy: str = Field(default="", sa_type=Text)
    passed_to: str = Field(default="", max_length=200)
    # SHA-256 of the theme and the words; the publication's hash is made of these,
    # so publishing the same responses twice is one publication.
    line_hash: str = Field(max_length=64, index=True)


class FeedbackRecipientTheme(SQLModel, table=True):
    __tablename__ = "feedback_recipient_theme"
    __table_args__ = (UniqueConstraint("recipient_id", "feedback_theme_id"),)

    id: int | None = Field(default=None, primary_key=True)
    recipient_id: int = Field(foreign_key="feedbackrecipient.id", index=True, ondelete="CASCADE")
    feedback_theme_id: int = Field(foreign_key="feedback_theme.id", index=True, ondelete="CASCADE")
    # Place in this resident's message: 0 is the theme their answers were most about.
    rank: int = 0
