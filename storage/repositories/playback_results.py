"""Results of a playback round: votes per theme with 95 % intervals, breakdowns, "you missed".

Shares are of the people who replied. Breakdowns by ward and age band go
through storage.suppression so that no small group can be picked out.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from storage.models import Conversation
from storage.models.playback import DeliveryState, PlaybackRecipient, PlaybackRound, PlaybackVote
from storage.models.themes import Theme, ThemeAssignment
from storage.suppression import DEFAULT_THRESHOLD, TwoWay, suppress_one_way, suppress_two_way

Z95 = 1.959963984540054


def wilson(successes: int, trials: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for a proportion (sound for small counts and 0 or 100 %)."""
    if trials <= 0:
        return (0.0, 1.0)
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return (max(0.0, centre - half), min(1.0, centre + half))


@dataclass
class ThemeResult:
    position: int
    label_en: str
    label_cy: str
    votes: int
    share: float
    low: float
    high: float


@dataclass
class RoundResults:
    round: PlaybackRound
    sent: int
    replied: int
    themes: list[ThemeResult]
    missed: int
    missed_share: float
    missed_interval: tuple[float, float]
    # Themes of the "you missed something" answers (suppressed counts).
    missed_themes: dict[str, int | None] = field(default_factory=dict)
    by_ward: TwoWay[str, str] | None = None
    by_age_band: TwoWay[str, str] | None = None


def round_results(
    *, session: Session, round_id: int, threshold: int = DEFAULT_THRESHOLD
) -> RoundResults:
    round_ = session.get(PlaybackRound, round_id)
    if round_ is None:
        raise LookupError(f"no playback round {round_id}")
    recipients = list(
        session.exec(select(PlaybackRecipient).where(PlaybackRecipient.round_id == round_id))
    )
    sent = sum(1 for r in recipients if r.state == DeliveryState.SENT)
    replied = [r for r in recipients if r.replied_at is not None]
    votes = list(session.exec(select(PlaybackVote).where(PlaybackVote.round_id == round_id)))
    per_position = Counter(v.position for v in votes)
    themes = []
    for position, entry in enumerate(round_.labels, 1):
        n = per_position.get(position, 0)
        low, high = wilson(n, len(replied))
        themes.append(
            ThemeResult(
                position=position,
                label_en=str(entry.get("en", "")),
                label_cy=str(entry.get("cy", "")),
                votes=n,
                share=n / len(replied) if replied else 0.0,
                low=low,
                high=high,
            )
        )
    missed_ids = [r.missed_answer_id for r in replied if r.missed_answer_id is not None]
    missed_themes: Counter[str] = Counter()
    if missed_ids:
        for label_en, officer in session.exec(
            select(Theme.label_en, Theme.officer_label)
            .join(ThemeAssignment, col(ThemeAssignment.theme_id) == col(Theme.id))
            .where(col(ThemeAssignment.answer_id).in_(missed_ids), ThemeAssignment.rank == 0)
        ):
            missed_themes[officer or label_en] += 1
    conversations = {
        c.participant_id: c
        for c in session.exec(
            select(Conversation).where(
                Conversation.consultation_id == round_.consultation_id,
                col(Conversation.participant_id).in_([v.participant_id for v in votes] or [-1]),
            )
        )
    }
    wards: dict[str, dict[str, int]] = defaultdict(dict)
    ages: dict[str, dict[str, int]] = defaultdict(dict)
    for vote in votes:
        conversation = conversations.get(vote.participant_id)
        column = f"{vote.position}"
        ward = (conversation.ward if conversation else None) or "not given"
        age = (conversation.age_band if conversation else None) or "not given"
        wards[ward][column] = wards[ward].get(column, 0) + 1
        ages[age][column] = ages[age].get(column, 0) + 1
    missed_low_high = wilson(len(missed_ids), len(replied))
    return RoundResults(
        round=round_,
        sent=sent,
        replied=len(replied),
        themes=themes,
        missed=len(missed_ids),
        missed_share=len(missed_ids) / len(replied) if replied else 0.0,
        missed_interval=missed_low_high,
        missed_themes=dict(suppress_one_way(missed_themes, threshold=threshold).cells)
        if missed_themes
        else {},
        by_ward=suppress_two_way(wards, threshold=threshold) if wards else None,
        by_age_band=suppress_two_way(ages, threshold=threshold) if ages else None,
    )


def rounds_for(*, session: Session, consultation_id: int) -> list[PlaybackRound]:
    return list(
        session.exec(
            select(PlaybackRound)
            .where(PlaybackRound.consultation_id == consultation_id)
            .order_by(col(PlaybackRound.id).desc())
        )
    )
