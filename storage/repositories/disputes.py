"""How residents answered "did we hear you right?", theme by theme, and which themes are disputed.

A theme is marked disputed when at least DISPUTE_MIN_REPLIES residents
answered about it, at least DISPUTE_MIN_NOT_MEANT of them said "not what I
meant", and those are at least DISPUTE_SHARE of the replies. With the small
numbers a check round brings, a share alone misleads: one "no" in one reply
is 100 %. Two residents independently saying "not what I meant" is the
smallest signal that is not one person's view, and a third of replies is
enough to deserve a second look even when most agree. "Partly" is shown but
does not mark a theme: it says the theme is right but incomplete.

Each resident counts once per theme: their latest verdict across rounds.
Verdicts follow merges to the surviving theme; a theme deleted or split
since keeps its verdicts under the label residents were shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from storage.models.playback import PlaybackRound, ThemeAgreement, Verdict
from storage.models.quotes import Quote, QuoteStatus
from storage.models.themes import Theme, ThemeStatus
from storage.repositories.playback_results import wilson

DISPUTE_MIN_REPLIES = 3
DISPUTE_MIN_NOT_MEANT = 2
DISPUTE_SHARE = 1 / 3


@dataclass
class ThemeDispute:
    theme_id: int
    label_en: str
    label_cy: str
    # False when the theme was deleted, or split, since residents were asked.
    on_board: bool
    agree: int = 0
    partly: int = 0
    not_meant: int = 0
    # Answer ids of the residents' corrections ("partly ..." / "no, I meant ...").
    correction_ids: list[int] = field(default_factory=list)

    @property
    def replies(self) -> int:
        return self.agree + self.partly + self.not_meant

    @property
    def not_meant_share(self) -> float:
        return self.not_meant / self.replies if self.replies else 0.0

    @property
    def interval(self) -> tuple[float, float]:
        """95 % Wilson interval of the "not what I meant" share."""
        return wilson(self.not_meant, self.replies)

    @property
    def disputed(self) -> bool:
        return (
            self.replies >= DISPUTE_MIN_REPLIES
            and self.not_meant >= DISPUTE_MIN_NOT_MEANT
            and self.not_meant_share >= DISPUTE_SHARE
        )

    def label(self, language: str) -> str:
        return (self.label_cy if language == "cy" else self.label_en) or self.label_en


def _surviving(themes: dict[int, Theme], theme_id: int) -> int:
    """The theme a merged one lives on in (merges can chain; a cycle stops the walk)."""
    seen = {theme_id}
    current = themes.get(theme_id)
    while (
        current is not None
        and current.status == ThemeStatus.MERGED
        and current.merged_into_id is not None
        and current.merged_into_id not in seen
    ):
        seen.add(current.merged_into_id)
        theme_id = current.merged_into_id
        current = themes.get(theme_id)
    return theme_id


def theme_disputes(*, session: Session, consultation_id: int) -> list[ThemeDispute]:
    """Every theme residents answered about, most disputed first."""
    rounds = session.exec(
        select(PlaybackRound.id, PlaybackRound.labels).where(
            PlaybackRound.consultation_id == consultation_id
        )
    ).all()
    if not rounds:
        return []
    shown_labels: dict[int, tuple[str, str]] = {}
    for _, labels in rounds:
        for entry in labels:
            shown_labels.setdefault(
                int(entry.get("theme_id", 0)), (str(entry.get("en", "")), str(entry.get("cy", "")))
            )
    # Plain columns, not ORM objects: the board reads this on every view (bench/disputes.py).
    rows = session.exec(
        select(
            ThemeAgreement.theme_id,
            ThemeAgreement.participant_id,
            ThemeAgreement.verdict,
            ThemeAgreement.correction_answer_id,
        )
        .where(col(ThemeAgreement.round_id).in_([r for r, _ in rounds]))
        .order_by(col(ThemeAgreement.created_at), col(ThemeAgreement.id))
    ).all()
    if not rows:
        return []
    themes = {
        t.id: t
        for t in session.exec(select(Theme).where(Theme.consultation_id == consultation_id))
        if t.id is not None
    }
    survivor: dict[int, int] = {}
    latest: dict[tuple[int, int], tuple[str, int | None]] = {}
    for theme_id, participant_id, verdict, correction in rows:
        if theme_id not in survivor:
            survivor[theme_id] = _surviving(themes, theme_id)
        # Later rows win: the resident's most recent verdict on the theme.
        latest[(survivor[theme_id], participant_id)] = (str(verdict), correction)
    found: dict[int, ThemeDispute] = {}
    for (theme_id, _), (verdict, correction) in latest.items():
        dispute = found.get(theme_id)
        if dispute is None:
            theme = themes.get(theme_id)
            if theme is not None:
                labels = (theme.display_label("en"), theme.display_label("cy"))
            else:
                labels = shown_labels.get(theme_id, (f"#{theme_id}", ""))
            dispute = found[theme_id] = ThemeDispute(
                theme_id=theme_id,
                label_en=labels[0],
                label_cy=labels[1],
                on_board=theme is not None and theme.status == ThemeStatus.ACTIVE,
            )
        if verdict == Verdict.AGREE:
            dispute.agree += 1
        elif verdict == Verdict.PARTLY:
            dispute.partly += 1
        else:
            dispute.not_meant += 1
        if correction is not None:
            dispute.correction_ids.append(correction)
    return sorted(
        found.values(), key=lambda d: (not d.disputed, -d.not_meant_share, -d.replies, d.theme_id)
    )


def approved_corrections(
    *, session: Session, consultation_id: int, answer_ids: Iterable[int]
) -> dict[int, str]:
    """Redacted words of corrections an officer approved as quotes: the only ones that leave."""
    ids = list(answer_ids)
    if not ids:
        return {}
    return dict(
        session.exec(
            select(Quote.answer_id, Quote.redacted_text).where(
                Quote.consultation_id == consultation_id,
                Quote.status == QuoteStatus.APPROVED,
                col(Quote.answer_id).in_(ids),
            )
        ).all()
    )
