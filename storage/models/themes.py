"""Themes found in a consultation's answers, their assignments, the officer's
edit log, and the stored answer embeddings (each answer is embedded once)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, LargeBinary, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models._base import UTCDateTime, utcnow


class ThemeStatus(StrEnum):
    ACTIVE = "active"
    # Folded into another theme by an officer (merge) or replaced by its parts (split).
    MERGED = "merged"
    # Found by an earlier fit but not by the latest one, and never touched by an officer.
    RETIRED = "retired"


class ThemeLevel(StrEnum):
    # What the clusterer finds; answers are assigned to these.
    SUB = "sub"
    # A group of sub-themes (a cut of the theme tree); answers count through children.
    BROAD = "broad"


class AssignmentSource(StrEnum):
    AUTO = "auto"
    OFFICER = "officer"


class Theme(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    consultation_id: int = Field(foreign_key="consultation.id", index=True, ondelete="CASCADE")
    label_en: str = Field(default="", max_length=200)
    label_cy: str = Field(default="", max_length=200)
    # An officer's own name wins over the generated labels and survives refits.
    officer_label: str | None = Field(default=None, max_length=200)
    # The officer's Welsh name for Welsh residents (playback, feedback, the Welsh draft).
    officer_label_cy: str | None = Field(default=None, max_length=200)
    is_other: bool = False
    is_seed: bool = False
    status: ThemeStatus = Field(default=ThemeStatus.ACTIVE, sa_type=String(16))
    merged_into_id: int | None = Field(default=None, foreign_key="theme.id", ondelete="SET NULL")
    # float32 little-endian, L2-normalised, in the space of `model`.
    centroid: bytes | None = Field(default=None, sa_type=LargeBinary)
    model: str = Field(default="", max_length=255)
    size: int = 0
    # For the "other" theme: the similarity below which a new answer lands here.
    threshold: float | None = None
    # The theme tree: a sub-theme's broad theme (level "broad" rows have no parent).
    level: ThemeLevel = Field(default=ThemeLevel.SUB, sa_type=String(8))
    parent_id: int | None = Field(default=None, foreign_key="theme.id", ondelete="SET NULL")
    keywords: list[str] | None = Field(default=None, sa_column=Column(JSON))
    # Share of the theme's answers read as critical / mixed / positive (nlp.themes.sentiment).
    sentiment: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    quote_answer_ids: list[int] | None = Field(default=None, sa_column=Column(JSON))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())

    def display_label(self, language: str = "en") -> str:
        if language == "cy" and self.officer_label_cy:
            return self.officer_label_cy
        if self.officer_label:
            # Renamed before Welsh names were asked for: the officer's word beats a
            # generated Welsh label that may describe the theme as it was before.
            return self.officer_label
        if language == "cy" and self.label_cy:
            return self.label_cy
        return self.label_en or self.label_cy


class ThemeAssignment(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("answer_id", "theme_id"),)

    id: int | None = Field(default=None, primary_key=True)
    answer_id: int = Field(foreign_key="answer.id", index=True, ondelete="CASCADE")
    theme_id: int = Field(foreign_key="theme.id", index=True, ondelete="CASCADE")
    score: float = 0.0
    # 0 is the primary theme; 1, 2 ... further themes the same answer names.
    rank: int = 0
    source: AssignmentSource = Field(default=AssignmentSource.AUTO, sa_type=String(16))
    # A quote the officer chose to show for this theme.
    pinned: bool = False
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())


class ThemeEdit(SQLModel, table=True):
    """Append-only log of officer edits; the current constraints live on the rows above."""

    id: int | None = Field(default=None, primary_key=True)
    consultation_id: int = Field(foreign_key="consultation.id", index=True, ondelete="CASCADE")
    theme_id: int | None = Field(default=None, foreign_key="theme.id", ondelete="SET NULL")
    action: str = Field(max_length=32)
    payload: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    actor: str = Field(default="officer", max_length=64)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())


class AnswerEmbedding(SQLModel, table=True):
    answer_id: int = Field(primary_key=True, foreign_key="answer.id", ondelete="CASCADE")
    model: str = Field(max_length=255)
    dim: int
    # float32 little-endian, L2-normalised.
    vector: bytes = Field(sa_type=LargeBinary)
    # An answer naming several things: its clauses' vectors, stacked (float32 rows), so
    # that refits can give it several themes without embedding anything again.
    clauses: bytes | None = Field(default=None, sa_type=LargeBinary)
    # Language detected when embedding ("en", "cy", "other"); used for bilingual labels.
    language: str = Field(default="en", max_length=8)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())


class ThemeTree(SQLModel, table=True):
    """The Ward tree over a consultation's sub-themes, so a re-cut needs no refit.

    ``linkage`` is scipy's linkage matrix over ``leaf_ids`` (sub-theme ids, in order).
    ``about_broad`` / ``about_sub`` are the officer's "about N" choices, kept until
    changed; ``None`` means the default rule.
    """

    consultation_id: int = Field(
        primary_key=True, foreign_key="consultation.id", ondelete="CASCADE"
    )
    leaf_ids: list[int] = Field(default_factory=list, sa_column=Column(JSON))
    linkage: list[list[float]] = Field(default_factory=list, sa_column=Column(JSON))
    default_broad: int = 0
    about_broad: int | None = None
    about_sub: int | None = None
    # Theming of a large batch (an import) as it goes: {"step", "done", "total"}; None
    # when nothing is running. Read by the board to show a progress bar.
    progress: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime())
