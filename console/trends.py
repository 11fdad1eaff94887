"""Themes across rounds and years: suggestions stored, and the table the console and API show."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from sqlmodel import Session, col, select

from nlp.themes.lineage import ThemeSummary, Trend, suggest_matches, trend
from storage.models import Consultation
from storage.models.lineage import ConsultationLink, MatchState, ThemeMatch
from storage.models.themes import Theme, ThemeStatus
from storage.repositories import lineage as lineage_store
from storage.repositories import themes as themes_store

TREND_LABELS = {
    "en": {
        Trend.NEW: "New",
        Trend.GROWING: "Growing",
        Trend.STEADY: "Steady",
        Trend.FADING: "Fading",
        Trend.GONE: "Not raised this time",
    },
    "cy": {
        Trend.NEW: "Newydd",
        Trend.GROWING: "Yn tyfu",
        Trend.STEADY: "Cyson",
        Trend.FADING: "Yn pylu",
        Trend.GONE: "Heb ei godi y tro hwn",
    },
}


def _themes(session: Session, consultation_id: int) -> list[Theme]:
    return [
        t
        for t in themes_store.list_themes(session=session, consultation_id=consultation_id)
        if not t.is_other
    ]


def _summary(theme: Theme) -> ThemeSummary:
    centroid = None
    if theme.centroid:
        vector = np.frombuffer(theme.centroid, dtype="<f4").astype(np.float32)
        norm = float(np.linalg.norm(vector))
        centroid = vector / norm if norm else None
    return ThemeSummary(
        theme_id=theme.id or 0,
        label=theme.display_label("en"),
        centroid=centroid,
        model=theme.model,
    )


def refresh_suggestions(*, session: Session, consultation_id: int) -> int:
    """Suggest matches for every link of this consultation; returns how many were suggested."""
    later = [_summary(t) for t in _themes(session, consultation_id)]
    stored = 0
    for link in lineage_store.earlier_links(session=session, consultation_id=consultation_id):
        earlier = [_summary(t) for t in _themes(session, link.earlier_id)]
        stored += lineage_store.replace_suggestions(
            session=session, link=link, pairs=suggest_matches(earlier, later)
        )
    return stored


@dataclass(frozen=True)
class RoundCell:
    """A theme's counterpart in one earlier round."""

    theme_id: int
    label: str
    label_cy: str
    answers: int
    share: float
    match_id: int
    state: MatchState
    score: float


@dataclass(frozen=True)
class TrendRow:
    theme_id: int
    label: str
    label_cy: str
    answers: int
    share: float
    # Against the most recent earlier round.
    trend: Trend
    # One cell per round (oldest first); None where no theme matched.
    earlier: list[RoundCell | None]
    # The oldest matched theme's id: the same for a theme in every round (stable across years).
    lineage_id: int


@dataclass(frozen=True)
class RoundInfo:
    link_id: int
    consultation_id: int
    title: str
    answers: int


@dataclass
class TrendTable:
    rounds: list[RoundInfo] = field(default_factory=list)
    rows: list[TrendRow] = field(default_factory=list)
    # Earlier themes of the most recent round nobody raised this time: (label, label_cy, answers).
    gone: list[tuple[str, str, int]] = field(default_factory=list)


def _sizes(session: Session, consultation_id: int) -> tuple[dict[int, int], int]:
    sizes = themes_store.theme_sizes(session=session, consultation_id=consultation_id)
    return sizes, sum(sizes.values())


def trend_table(*, session: Session, consultation_id: int) -> TrendTable:
    """This consultation's themes with their counterparts and trend in each linked round."""
    links = lineage_store.earlier_links(session=session, consultation_id=consultation_id)
    consultations = {
        c.id: c
        for c in session.exec(
            select(Consultation).where(
                col(Consultation.id).in_([link.earlier_id for link in links])
            )
        )
    }
    links.sort(key=lambda link: (consultations[link.earlier_id].created_at, link.earlier_id))
    table = TrendTable()
    earlier_sizes: list[tuple[dict[int, int], int]] = []
    for link in links:
        sizes, total = _sizes(session, link.earlier_id)
        earlier_sizes.append((sizes, total))
        table.rounds.append(
            RoundInfo(link.id or 0, link.earlier_id, consultations[link.earlier_id].title_en, total)
        )
    sizes, total = _sizes(session, consultation_id)
    matches: dict[tuple[int, int], ThemeMatch] = {}
    for index, link in enumerate(links):
        for stored in lineage_store.matches_of(session=session, link_id=link.id or 0):
            if stored.state != MatchState.REFUSED:
                matches[(index, stored.theme_id)] = stored
    matched_last: set[int] = set()
    for theme in _themes(session, consultation_id):
        theme_id = theme.id or 0
        share = sizes.get(theme_id, 0) / total if total else 0.0
        cells: list[RoundCell | None] = []
        for index in range(len(links)):
            match = matches.get((index, theme_id))
            earlier = session.get(Theme, match.earlier_theme_id) if match else None
            if match is None or earlier is None or earlier.status != ThemeStatus.ACTIVE:
                cells.append(None)
                continue
            counts, round_total = earlier_sizes[index]
            answers = counts.get(match.earlier_theme_id, 0)
            cells.append(
                RoundCell(
                    theme_id=match.earlier_theme_id,
                    label=earlier.display_label("en"),
                    label_cy=earlier.display_label("cy"),
                    answers=answers,
                    share=answers / round_total if round_total else 0.0,
                    match_id=match.id or 0,
                    state=MatchState(match.state),
                    score=match.score,
                )
            )
        last = cells[-1] if cells else None
        if last is not None:
            matched_last.add(last.theme_id)
        lineage = next((c.theme_id for c in cells if c is not None), theme_id)
        table.rows.append(
            TrendRow(
                theme_id=theme_id,
                label=theme.display_label("en"),
                label_cy=theme.display_label("cy"),
                answers=sizes.get(theme_id, 0),
                share=share,
                trend=trend(last.share if last else None, share),
                earlier=cells,
                lineage_id=lineage,
            )
        )
    table.rows.sort(key=lambda r: (-r.answers, r.theme_id))
    if links:
        counts, _ = earlier_sizes[-1]
        for theme in _themes(session, links[-1].earlier_id):
            if theme.id not in matched_last:
                table.gone.append(
                    (
                        theme.display_label("en"),
                        theme.display_label("cy"),
                        counts.get(theme.id or 0, 0),
                    )
                )
    return table


def link_and_suggest(
    *, session: Session, consultation_id: int, earlier_id: int
) -> ConsultationLink:
    """Link two consultations and suggest their theme matches at once."""
    link = lineage_store.link_consultations(
        session=session, consultation_id=consultation_id, earlier_id=earlier_id
    )
    refresh_suggestions(session=session, consultation_id=consultation_id)
    return link
