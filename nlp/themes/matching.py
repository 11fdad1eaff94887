"""Carry theme identities across refits: match old themes to new ones."""

from __future__ import annotations

import numpy as np

from nlp.themes.assignment import linear_sum_assignment


def match_themes(
    old_centroids: np.ndarray,
    new_centroids: np.ndarray,
    *,
    overlap: np.ndarray | None = None,
    min_score: float = 0.5,
) -> dict[int, int]:
    """Pair each new theme with at most one old theme (Hungarian, best total score).

    The score of a pair is the cosine similarity of the centroids, averaged with the
    answer overlap (Jaccard of the two member sets) when given: overlap says "the same
    answers", the centroid says "the same meaning" when answers were added.

    Args:
        old_centroids: ``(k_old, d)`` unit rows.
        new_centroids: ``(k_new, d)`` unit rows.
        overlap: optional ``(k_new, k_old)`` Jaccard overlap of members.
        min_score: pairs scoring below this are left unmatched (a new theme).

    Returns:
        ``{new index: old index}`` for the matched pairs.
    """
    if len(old_centroids) == 0 or len(new_centroids) == 0:
        return {}
    score = new_centroids @ old_centroids.T
    if overlap is not None:
        score = (score + overlap) / 2.0
    rows, cols = linear_sum_assignment(-score)
    return {int(r): int(c) for r, c in zip(rows, cols, strict=True) if score[r, c] >= min_score}
