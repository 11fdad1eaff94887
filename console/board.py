"""The numbers behind the theme board, the printable report and the API, gathered once."""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup
from sqlmodel import Session

from console.charts import bar_chart, heatmap, time_chart
from console.i18n import LANGUAGE_NAMES, translate
from storage.models import Consultation
from storage.repositories import console_themes as themes_repo
from storage.repositories.console_consultations import answer_count
from storage.repositories.console_themes import DIMENSIONS, Dimension, ThemeCount
from storage.repositories.quotes import ApprovedQuote, approved_quotes
from storage.suppression import TwoWay, suppress_two_way

QUOTES_PER_THEME = 3
# Message ids of the breakdowns' names (console/locales/*/themes.ftl).
DIMENSION_LABELS: dict[str, str] = {
    "ward": "dimension-ward",
    "age_band": "dimension-age-band",
    "channel": "dimension-channel",
    "language": "dimension-language",
}


@dataclass
class Breakdown:
    dimension: Dimension
    rows: list[tuple[int, str]]
    columns: list[str]
    table: TwoWay[int, str]

    def column_label(self, column: str, language: str = "en") -> str:
        """A column as people read it: "not given" and language codes in words."""
        if column == themes_repo.NOT_GIVEN:
            return translate(language, "breakdown-not-given")
        if self.dimension == "language" and column in LANGUAGE_NAMES:
            return LANGUAGE_NAMES[column]
        return column

    def chart(self, language: str = "en") -> Markup:
        by_label = {
            label: {
                self.column_label(c, language): v for c, v in self.table.cells.get(tid, {}).items()
            }
            for tid, label in self.rows
        }
        return heatmap(
            [label for _, label in self.rows],
            [self.column_label(c, language) for c in self.columns],
            by_label,
            title=translate(
                language,
                "chart-themes-by",
                dimension=translate(language, DIMENSION_LABELS[self.dimension]),
            ),
            language=language,
        )


@dataclass
class Board:
    consultation: Consultation
    total: int
    themes: list[ThemeCount]
    quotes: dict[int, list[ApprovedQuote]] = field(default_factory=dict)
    by_day: list[tuple[date, int]] = field(default_factory=list)

    @property
    def themed(self) -> int:
        return sum(t.count for t in self.themes if not t.theme.is_other)

    @property
    def other_share(self) -> float:
        other = sum(t.count for t in self.themes if t.theme.is_other)
        return other / self.total if self.total else 0.0

    def themes_chart(self, language: str = "en") -> Markup:
        return bar_chart(
            [(t.label, t.count) for t in self.themes],
            title=translate(language, "chart-answers-per-theme"),
            language=language,
        )

    def time_chart(self, language: str = "en") -> Markup:
        return time_chart(
            self.by_day, title=translate(language, "chart-answers-per-day"), language=language
        )


# (consultation id, dimension) -> (signature, board, breakdown); see cached_board.
_CACHE: dict[tuple[int, str], tuple[tuple[object, ...], Board, Breakdown]] = {}
_CACHE_LOCK = threading.Lock()


def cached_board(
    *, session: Session, consultation: Consultation, dimension: Dimension, threshold: int
) -> tuple[Board, Breakdown]:
    """The board and one breakdown, recomputed only when the data behind them changed.

    Counting 100,000 assignments several ways takes longer than a page should;
    the signature (a handful of indexed aggregates) tells whether anything moved.
    """
    key = (consultation.id or 0, dimension)
    signature = (
        *themes_repo.board_signature(session=session, consultation_id=key[0]),
        threshold,
        consultation.updated_at,
    )
    with _CACHE_LOCK:
        hit = _CACHE.get(key)
    if hit is not None and hit[0] == signature:
        return hit[1], hit[2]
    board = build_board(session=session, consultation=consultation)
    labels = {t.theme.id or 0: t.label for t in board.themes}
    breakdown = build_breakdown(
        session=session,
        consultation_id=key[0],
        dimension=dimension,
        labels=labels,
        threshold=threshold,
    )
    with _CACHE_LOCK:
        if len(_CACHE) > 256:
            _CACHE.clear()
        _CACHE[key] = (signature, board, breakdown)
    return board, breakdown


def build_board(*, session: Session, consultation: Consultation) -> Board:
    cid = consultation.id or 0
    total = answer_count(session=session, consultation_id=cid)
    board = Board(
        consultation=consultation,
        total=total,
        themes=themes_repo.theme_counts(session=session, consultation_id=cid, total=total),
        by_day=list(themes_repo.answers_by_day(session=session, consultation_id=cid)),
    )
    grouped: dict[int, list[ApprovedQuote]] = defaultdict(list)
    for quote in approved_quotes(session=session, consultation_id=cid):
        if quote.theme_id is not None and len(grouped[quote.theme_id]) < QUOTES_PER_THEME:
            grouped[quote.theme_id].append(quote)
    board.quotes = dict(grouped)
    return board


def build_breakdown(
    *,
    session: Session,
    consultation_id: int,
    dimension: Dimension,
    labels: dict[int, str],
    threshold: int,
) -> Breakdown:
    """A theme x category table with small cells (and what would reveal them) hidden."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown breakdown {dimension!r}")
    raw = themes_repo.breakdown(
        session=session, consultation_id=consultation_id, dimension=dimension
    )
    raw = {tid: cells for tid, cells in raw.items() if tid in labels}
    columns = sorted(
        {c for cells in raw.values() for c in cells}, key=lambda c: (c == "not given", c)
    )
    rows = [(tid, labels[tid]) for tid in labels if tid in raw]
    table = suppress_two_way({tid: raw[tid] for tid, _ in rows}, threshold=threshold)
    return Breakdown(dimension=dimension, rows=rows, columns=columns, table=table)
