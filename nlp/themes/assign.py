"""Assigners: from centroid similarities to primary theme, further themes and "other"."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

#: One answer's themes: (theme index, score) pairs, primary first; empty means "other".
Assignment = list[tuple[int, float]]
#: Per answer, its clauses' similarities to the centroids (``None``: a one-clause answer).
ClauseSims = Sequence[np.ndarray | None] | None


@dataclass(frozen=True)
class Assigned:
    """An assigner's output for a batch.

    Attributes:
        primary: theme index per row, ``-1`` for "other / unclear".
        themes: per row, every theme the answer carries with its score, primary first.
        other_threshold: the similarity below which an answer is "other" (after the cap).
    """

    primary: np.ndarray
    themes: list[Assignment]
    other_threshold: float


class Assigner(Protocol):
    """Decides which themes each answer carries."""

    def fit_assign(
        self,
        similarities: np.ndarray,
        partition_labels: np.ndarray,
        clause_similarities: ClauseSims = None,
    ) -> Assigned: ...

    def assign(
        self,
        similarities: np.ndarray,
        other_threshold: float,
        clause_similarities: ClauseSims = None,
    ) -> Assigned: ...


class CentroidAssigner:
    """Cosine similarity to theme centroids, with a capped "other" bucket.

    Args:
        other_threshold: answers less similar than this to every theme are "other".
        other_cap: at most this share of a fit goes to "other"; when more answers fall
            below ``other_threshold``, the threshold is lowered to the cap's quantile
            (officers see the share; a large bucket hides the answers from them).
        secondary_min: a further theme needs at least this similarity ...
        secondary_margin: ... and to be within this margin of the primary theme.
        clause_min: a clause brings its own theme when this similar to it.
        max_themes: most themes one answer carries.
    """

    def __init__(
        self,
        *,
        other_threshold: float = 0.35,
        other_cap: float = 0.10,
        secondary_min: float = 0.45,
        secondary_margin: float = 0.06,
        clause_min: float = 0.45,
        max_themes: int = 3,
    ) -> None:
        self.clause_min = clause_min
        self.other_threshold = other_threshold
        self.other_cap = other_cap
        self.secondary_min = secondary_min
        self.secondary_margin = secondary_margin
        self.max_themes = max_themes

    def fit_assign(
        self,
        similarities: np.ndarray,
        partition_labels: np.ndarray,
        clause_similarities: ClauseSims = None,
    ) -> Assigned:
        """Assign the answers a fit was made from, keeping the clusterer's partition.

        Args:
            similarities: ``(n, k)`` cosine similarities to the centroids (zero rows for
                answers with no content).
            partition_labels: the clusterer's label per row (``-1`` = no content).
            clause_similarities: per row, its clauses' similarities (multi-theme).

        Returns:
            The :class:`Assigned` batch, with the threshold actually used.
        """
        n = len(similarities)
        has_content = partition_labels >= 0
        if similarities.shape[1] == 0:
            # No theme at all (every answer is junk): everything is "other".
            has_content = np.zeros(n, dtype=bool)
        primary_sim = np.where(
            has_content,
            similarities[np.arange(n), np.maximum(partition_labels, 0)]
            if n and similarities.shape[1]
            else 0.0,
            -1.0,
        )
        threshold = self.other_threshold
        low = has_content & (primary_sim < threshold)
        budget = int(self.other_cap * n) - int((~has_content).sum())
        if low.sum() > max(0, budget):
            # Too many stragglers: keep the least similar ones only, up to the cap.
            candidates = np.sort(primary_sim[has_content])
            threshold = float(candidates[max(0, budget)]) if budget > 0 else -1.0
        return self._assign(similarities, partition_labels, threshold, clause_similarities)

    def assign(
        self,
        similarities: np.ndarray,
        other_threshold: float,
        clause_similarities: ClauseSims = None,
    ) -> Assigned:
        """Assign new answers to existing themes (incremental; no refit).

        Args:
            similarities: ``(n, k)`` similarities to the existing centroids.
            other_threshold: the threshold the last fit used.
            clause_similarities: per row, its clauses' similarities (multi-theme).

        Returns:
            The :class:`Assigned` batch.
        """
        if similarities.shape[1] == 0:
            labels = np.full(len(similarities), -1, dtype=np.int64)
        else:
            labels = similarities.argmax(axis=1)
            labels[np.abs(similarities).sum(axis=1) == 0] = -1
        return self._assign(similarities, labels, other_threshold, clause_similarities)

    def _assign(
        self, sims: np.ndarray, labels: np.ndarray, threshold: float, clauses: ClauseSims
    ) -> Assigned:
        n, k = sims.shape
        rows = np.arange(n)
        top = sims[rows, np.maximum(labels, 0)] if k else np.zeros(n)
        other = (labels < 0) | (top < threshold)
        primary = np.where(other, -1, labels)
        # Further themes by centroid: vectorised test first, the loop only visits the
        # few rows that have one (a refit assigns up to 100,000 answers).
        extra = np.zeros(n, dtype=bool)
        if self.max_themes > 1 and k > 1:
            floor = np.maximum(self.secondary_min, top - self.secondary_margin)
            near = sims >= floor[:, None]
            near[rows, np.maximum(labels, 0)] = False
            extra = near.any(axis=1) & ~other
        themes: list[Assignment] = []
        for row in range(n):
            if other[row]:
                themes.append([])
                continue
            label = int(labels[row])
            chosen: Assignment = [(label, round(max(0.0, float(top[row])), 4))]
            if extra[row]:
                order = np.argsort(-sims[row], kind="stable")[: self.max_themes + 1]
                floor_row = max(self.secondary_min, float(top[row]) - self.secondary_margin)
                for candidate in order:
                    score = float(sims[row, candidate])
                    if (
                        len(chosen) < self.max_themes
                        and int(candidate) != label
                        and (score >= floor_row)
                    ):
                        chosen.append((int(candidate), round(score, 4)))
            clause_rows = clauses[row] if clauses is not None else None
            if clause_rows is not None and len(clause_rows) and k > 1:
                # Each clause names its own theme when it is clearly about one.
                clause_floor = max(self.clause_min, threshold)
                for best, score in zip(
                    clause_rows.argmax(axis=1), clause_rows.max(axis=1), strict=True
                ):
                    taken = {t for t, _ in chosen}
                    if (
                        len(chosen) < self.max_themes
                        and score >= clause_floor
                        and (int(best) not in taken)
                    ):
                        chosen.append((int(best), round(float(score), 4)))
            themes.append(chosen)
        return Assigned(primary=primary, themes=themes, other_threshold=float(threshold))
