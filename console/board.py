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
    # The theme tree: which level is shown, each broad theme's sub-themes, the cut.
    level: str = "sub"
    children: dict[int, list[ThemeCount]] = field(default_factory=dict)
    default_broad: int = 0
    about_broad: int | None = None
    about_sub: int | None = None
    # Answers carrying at least one theme other than "other" (multi-theme answers once).
    answers_themed: int = 0
    # Theming of an import as it goes ({"step", "done", "total"}), None when idle.
    progress: dict[str, object] | None = None

    @property
    def shares_overlap(self) -> bool:
        """An answer can carry several themes: the shares then add up past 100 %."""
        return sum(t.count for t in self.themes if not t.theme.is_other) > self.answers_themed

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
    *,
    session: Session,
    consultation: Consultation,
    dimension: Dimension,
    threshold: int,
    level: str = "sub",
) -> tuple[Board, Breakdown]:
    """The board and one breakdown, recomputed only when the data behind them changed.

    Counting 100,000 assignments several ways takes longer than a page should;
    the signature (a handful of indexed aggregates) tells whether anything moved.
    """
    key = (consultation.id or 0, f"{dimension}:{level}")
    signature = (
        *themes_repo.board_signature(session=session, consultation_id=key[0]),
        threshold,
        consultation.updated_at,
    )
    with _CACHE_LOCK:
        hit = _CACHE.get(key)
    if hit is not None and hit[0] == signature:
        return hit[1], hit[2]
    board = build_board(session=session, consultation=consultation, level=level)
    labels = {t.theme.id or 0: t.label for t in board.themes if t.theme.level == "sub"}
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


def build_board(*, session: Session, consultation: Consultation, level: str = "sub") -> Board:
    """The board at one level of the theme tree ("broad" falls back to "sub" before the
    first tree is built)."""
    from storage.repositories.themes import get_tree

    cid = consultation.id or 0
    total = answer_count(session=session, consultation_id=cid)
    subs = themes_repo.theme_counts(session=session, consultation_id=cid, total=total)
    tree = get_tree(session=session, consultation_id=cid)
    broad = (
        themes_repo.theme_counts(session=session, consultation_id=cid, total=total, level="broad")
        if level == "broad"
        else []
    )
    shown_level = "broad" if any(not t.theme.is_other for t in broad) else "sub"
    board = Board(
        consultation=consultation,
        total=total,
        themes=broad if shown_level == "broad" else subs,
        by_day=list(themes_repo.answers_by_day(session=session, consultation_id=cid)),
        level=shown_level,
        default_broad=tree.default_broad if tree else 0,
        about_broad=tree.about_broad if tree else None,
        about_sub=tree.about_sub if tree else None,
        answers_themed=themes_repo.answers_with_a_theme(session=session, consultation_id=cid),
        progress=tree.progress if tree else None,
    )
    children: dict[int, list[ThemeCount]] = defaultdict(list)
    for sub in subs:
        if sub.theme.parent_id is not None:
            children[sub.theme.parent_id].append(sub)
    board.children = dict(children)
    grouped: dict[int, list[ApprovedQuote]] = defaultdict(list)
    for quote in approved_quotes(session=session, consultation_id=cid):
        if quote.theme_id is not None and len(grouped[quote.theme_id]) < QUOTES_PER_THEME:
            grouped[quote.theme_id].append(quote)
    if board.level == "broad":
        # A broad theme shows its sub-themes' approved quotes.
        for parent, kids in board.children.items():
            pooled = [q for kid in kids for q in grouped.get(kid.theme.id or 0, [])]
            grouped[parent] = pooled[:QUOTES_PER_THEME]
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
