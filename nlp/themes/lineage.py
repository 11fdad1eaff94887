"""Themes across rounds and years: which of this year's themes are last year's, and how each moved.

A later consultation's themes are matched to an earlier one's by meaning (centroid
cosine, one-to-one, Hungarian) when both were embedded by the same model, and by
their labels otherwise. A theme's trend compares its share of the answers in each
round: shares, not counts, because rounds differ in size.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from nlp.themes.matching import match_themes

# Below this centroid cosine two themes are not offered as "the same" (MiniLM
# centroids of unrelated council themes sit around 0.2-0.5).
MIN_MATCH_SCORE = 0.6
# A move counts only when it is both relative (a quarter up or down) and absolute
# (two points of share): 1 % -> 2 % is noise, 40 % -> 44 % is steady.
RELATIVE_MOVE = 1.25
ABSOLUTE_MOVE = 0.02


class Trend(StrEnum):
    NEW = "new"
    GROWING = "growing"
    STEADY = "steady"
    FADING = "fading"
    # An earlier theme nobody raised this time.
    GONE = "gone"


@dataclass(frozen=True)
class ThemeSummary:
    """One theme as matching needs it."""

    theme_id: int
    label: str
    # Unit centroid, or None when the theme has none (seeded, or not yet fitted).
    centroid: np.ndarray | None
    model: str


def trend(earlier_share: float | None, share: float | None) -> Trend:
    """How a theme moved between two rounds (None: not present in that round)."""
    if earlier_share is None:
        return Trend.NEW
    if share is None:
        return Trend.GONE
    change = share - earlier_share
    if share >= earlier_share * RELATIVE_MOVE and change >= ABSOLUTE_MOVE:
        return Trend.GROWING
    if share * RELATIVE_MOVE <= earlier_share and -change >= ABSOLUTE_MOVE:
        return Trend.FADING
    return Trend.STEADY


def _same_label(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def suggest_matches(
    earlier: Sequence[ThemeSummary],
    later: Sequence[ThemeSummary],
    *,
    min_score: float = MIN_MATCH_SCORE,
) -> list[tuple[int, int, float]]:
    """One-to-one ``(later theme id, earlier theme id, score)`` pairs.

    Themes with centroids in the same model are paired by meaning; the rest (another
    model, or no centroid) only when their labels are the same words.
    """
    pairs: list[tuple[int, int, float]] = []
    used_earlier: set[int] = set()
    used_later: set[int] = set()
    models = {t.model for t in later if t.centroid is not None}
    for model in sorted(models):
        old = [t for t in earlier if t.centroid is not None and t.model == model]
        new = [t for t in later if t.centroid is not None and t.model == model]
        if not old or not new:
            continue
        old_vectors = np.stack([t.centroid for t in old if t.centroid is not None])
        new_vectors = np.stack([t.centroid for t in new if t.centroid is not None])
        score = new_vectors @ old_vectors.T
        for n, o in match_themes(old_vectors, new_vectors, min_score=min_score).items():
            pairs.append((new[n].theme_id, old[o].theme_id, float(score[n, o])))
            used_later.add(new[n].theme_id)
            used_earlier.add(old[o].theme_id)
    for theme in later:
        if theme.theme_id in used_later:
            continue
        for candidate in earlier:
            if candidate.theme_id not in used_earlier and _same_label(theme.label, candidate.label):
                pairs.append((theme.theme_id, candidate.theme_id, 1.0))
                used_earlier.add(candidate.theme_id)
                break
    return pairs
