"""Cross-lingual measures on bench/data/parallel_en_cy.csv (shared by the bench scripts)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

PARALLEL = Path(__file__).resolve().parent / "data" / "parallel_en_cy.csv"


@dataclass(frozen=True)
class Parallel:
    """The parallel set: English texts, their Welsh twins and a coarse topic per pair."""

    en: list[str]
    cy: list[str]
    topic: list[str]


def load_parallel(path: Path = PARALLEL) -> Parallel:
    """Read the parallel set."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return Parallel(
        en=[r["en"] for r in rows], cy=[r["cy"] for r in rows], topic=[r["topic"] for r in rows]
    )


def _kmeans(x: np.ndarray, k: int, seed: int, iters: int = 50, restarts: int = 5) -> np.ndarray:
    """Spherical k-means (cosine), k-means++ seeding, best of a few restarts."""
    rng = np.random.default_rng(seed)
    best_labels, best_score = np.zeros(len(x), dtype=int), -np.inf
    for _ in range(restarts):
        centres = [x[rng.integers(len(x))]]
        for _ in range(k - 1):
            dist = 1.0 - np.max(x @ np.array(centres).T, axis=1)
            prob = np.clip(dist, 0, None) ** 2
            centres.append(x[rng.choice(len(x), p=prob / prob.sum())])
        c = np.array(centres)
        for _ in range(iters):
            labels = np.argmax(x @ c.T, axis=1)
            new = np.array(
                [x[labels == j].sum(axis=0) if np.any(labels == j) else c[j] for j in range(k)]
            )
            new /= np.maximum(np.linalg.norm(new, axis=1, keepdims=True), 1e-12)
            if np.allclose(new, c):
                break
            c = new
        score = float(np.sum(np.max(x @ c.T, axis=1)))
        if score > best_score:
            best_score, best_labels = score, labels
    return best_labels


def crosslingual_scores(en: np.ndarray, cy: np.ndarray, topic: list[str]) -> dict[str, float]:
    """How well Welsh vectors sit beside their English twins.

    Args:
        en: English vectors, one row per pair (L2-normalised).
        cy: Welsh vectors in the same order.
        topic: coarse topic per pair.

    Returns:
        ``retrieval@1`` (the twin is the nearest English answer), ``retrieval@5``,
        ``nn_topic`` (the nearest English answer has the same topic), ``assign_agree``
        (English answers clustered into as many clusters as topics; the Welsh answer's
        nearest cluster centre is its twin's cluster), ``joint_agree`` (both languages
        clustered together; twin pairs share a cluster), ``twin_cos`` (mean cosine of
        twins) and ``random_cos`` (mean cosine of non-twins, for scale).
    """
    topics = np.array(topic)
    sims = cy @ en.T
    n = len(en)
    order = np.argsort(-sims, axis=1)
    rank_of_twin = np.array([int(np.flatnonzero(order[i] == i)[0]) for i in range(n)])
    k = len(set(topic))
    en_labels = _kmeans(en, k, seed=7)
    centres = np.array([en[en_labels == j].mean(axis=0) for j in range(k)])
    cy_assigned = np.argmax(cy @ centres.T, axis=1)
    joint = _kmeans(np.vstack([en, cy]), k, seed=7)
    off = ~np.eye(n, dtype=bool)
    return {
        "retrieval@1": float(np.mean(rank_of_twin == 0)),
        "retrieval@5": float(np.mean(rank_of_twin < 5)),
        "nn_topic": float(np.mean(topics[order[:, 0]] == topics)),
        "assign_agree": float(np.mean(cy_assigned == en_labels)),
        "joint_agree": float(np.mean(joint[:n] == joint[n:])),
        "twin_cos": float(np.mean(np.diag(sims))),
        "random_cos": float(np.mean(sims[off])),
    }
