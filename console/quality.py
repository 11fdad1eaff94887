"""Agreement between an officer's hand-coding and the automatic themes, with uncertainty."""

from __future__ import annotations

import random
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

BOOTSTRAP_ROUNDS = 1000


@dataclass(frozen=True)
class Agreement:
    n: int
    accuracy: float
    accuracy_ci: tuple[float, float]
    macro_f1: float
    macro_f1_ci: tuple[float, float]


def accuracy(pairs: Sequence[tuple[Hashable, Hashable]]) -> float:
    return sum(1 for gold, auto in pairs if gold == auto) / len(pairs) if pairs else 0.0


def macro_f1(pairs: Sequence[tuple[Hashable, Hashable]]) -> float:
    """Mean F1 over every label the officer or the machine used."""
    labels = {gold for gold, _ in pairs} | {auto for _, auto in pairs}
    if not labels:
        return 0.0
    scores = []
    for label in labels:
        tp = sum(1 for gold, auto in pairs if gold == label and auto == label)
        fp = sum(1 for gold, auto in pairs if gold != label and auto == label)
        fn = sum(1 for gold, auto in pairs if gold == label and auto != label)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


def agreement(
    pairs: Sequence[tuple[Hashable, Hashable]], *, seed: int = 0, rounds: int = BOOTSTRAP_ROUNDS
) -> Agreement:
    """Accuracy and macro-F1 with percentile bootstrap 95% intervals (answers resampled)."""
    if not pairs:
        return Agreement(0, 0.0, (0.0, 0.0), 0.0, (0.0, 0.0))
    rng = random.Random(seed)
    accs, f1s = [], []
    for _ in range(rounds):
        sample = [pairs[rng.randrange(len(pairs))] for _ in pairs]
        accs.append(accuracy(sample))
        f1s.append(macro_f1(sample))
    return Agreement(
        n=len(pairs),
        accuracy=accuracy(pairs),
        accuracy_ci=_interval(accs),
        macro_f1=macro_f1(pairs),
        macro_f1_ci=_interval(f1s),
    )


def _interval(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    low = ordered[int(0.025 * (len(ordered) - 1))]
    high = ordered[int(round(0.975 * (len(ordered) - 1)))]
    return low, high
