"""Disputed themes for the board, the API, the JSON export and the printable report.

The board (officers only) shows each theme's corrections redacted, as answers
are shown on a theme's page. Whatever leaves the console (the report, the
export, the API) carries only corrections an officer approved as quotes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from sqlmodel import Session, col, select

from console.redact import redact_rows
from storage.models import Answer
from storage.repositories.console_answers import AnswerRow
from storage.repositories.disputes import (
    DISPUTE_MIN_NOT_MEANT,
    DISPUTE_MIN_REPLIES,
    DISPUTE_SHARE,
    ThemeDispute,
    approved_corrections,
    theme_disputes,
)

# Beside a theme on the board: enough to see what residents meant.
CORRECTIONS_SHOWN = 5


@dataclass
class Correction:
    text: str
    language: str


@dataclass
class DisputeView:
    dispute: ThemeDispute
    corrections: list[Correction] = field(default_factory=list)


class DisputePublic(BaseModel):
    theme_id: int
    label_en: str
    label_cy: str
    on_board: bool
    replies: int
    agree: int
    partly: int
    not_what_i_meant: int
    not_what_i_meant_share: float
    interval_95: tuple[float, float]
    disputed: bool
    # Corrections approved as quotes, redacted.
    approved_corrections: list[str]


def board_disputes(*, session: Session, consultation_id: int) -> dict[int, DisputeView]:
    """Per theme id: its verdicts and up to CORRECTIONS_SHOWN corrections, redacted."""
    found = theme_disputes(session=session, consultation_id=consultation_id)
    wanted = {i for d in found for i in d.correction_ids[:CORRECTIONS_SHOWN]}
    rows = [
        AnswerRow.of(a)
        for a in session.exec(select(Answer).where(col(Answer.id).in_(sorted(wanted))))
        if a.id is not None
    ]
    texts = redact_rows(session, rows) if rows else {}
    languages = {row.id: row.language for row in rows}
    return {
        d.theme_id: DisputeView(
            d,
            [
                Correction(texts[i], languages[i])
                for i in d.correction_ids[:CORRECTIONS_SHOWN]
                if i in texts
            ],
        )
        for d in found
    }


def public_disputes(*, session: Session, consultation_id: int) -> list[DisputePublic]:
    """Every theme residents were asked about, with approved corrections only."""
    found = theme_disputes(session=session, consultation_id=consultation_id)
    approved = approved_corrections(
        session=session,
        consultation_id=consultation_id,
        answer_ids=[i for d in found for i in d.correction_ids],
    )
    return [
        DisputePublic(
            theme_id=d.theme_id,
            label_en=d.label_en,
            label_cy=d.label_cy,
            on_board=d.on_board,
            replies=d.replies,
            agree=d.agree,
            partly=d.partly,
            not_what_i_meant=d.not_meant,
            not_what_i_meant_share=round(d.not_meant_share, 4),
            interval_95=(round(d.interval[0], 4), round(d.interval[1], 4)),
            disputed=d.disputed,
            approved_corrections=[approved[i] for i in d.correction_ids if i in approved],
        )
        for d in found
    ]


def dispute_rule() -> dict[str, Any]:
    """The rule, stated with the figures (for the export and the report's methods note)."""
    return {
        "min_replies": DISPUTE_MIN_REPLIES,
        "min_not_what_i_meant": DISPUTE_MIN_NOT_MEANT,
        "min_share": round(DISPUTE_SHARE, 4),
    }
