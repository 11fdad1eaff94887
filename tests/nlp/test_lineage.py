"""Matching this year's themes to last year's, by meaning with the real embedder."""

from __future__ import annotations

import numpy as np

from nlp.embeddings import default_embedder
from nlp.themes.lineage import ThemeSummary, Trend, suggest_matches, trend


def _themes(labels: list[str], start: int, *, model: str | None = None) -> list[ThemeSummary]:
    embedder = default_embedder()
    vectors = embedder.encode(labels)
    return [
        ThemeSummary(
            theme_id=start + i,
            label=label,
            centroid=np.asarray(vector, dtype=np.float32),
            model=model or embedder.name,
        )
        for i, (label, vector) in enumerate(zip(labels, vectors, strict=True))
    ]


def test_themes_are_matched_by_meaning_not_by_words() -> None:
    last_year = _themes(["Buses are late and too few", "Dog fouling in parks", "Potholes"], 1)
    this_year = _themes(
        ["Not enough bus services", "Road surfaces and potholes", "Library opening hours"], 10
    )
    pairs = {(later, earlier) for later, earlier, _ in suggest_matches(last_year, this_year)}
    assert (10, 1) in pairs  # buses
    assert (11, 3) in pairs  # roads
    assert not any(later == 12 for later, _ in pairs)  # libraries are new


def test_themes_of_another_model_match_only_by_label() -> None:
    last_year = _themes(["Buses", "Parks"], 1, model="an-older-model")
    this_year = _themes(["parks", "Buses are late"], 10)
    assert suggest_matches(last_year, this_year) == [(10, 2, 1.0)]


def test_trend_needs_a_real_move_in_share() -> None:
    assert trend(None, 0.1) == Trend.NEW
    assert trend(0.1, None) == Trend.GONE
    assert trend(0.10, 0.20) == Trend.GROWING
    assert trend(0.20, 0.10) == Trend.FADING
    assert trend(0.40, 0.44) == Trend.STEADY  # +10 %: steady
    assert trend(0.01, 0.02) == Trend.STEADY  # doubled, but one point: noise
