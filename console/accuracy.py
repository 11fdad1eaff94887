"""An accuracy statement per consultation: how far the automatic themes agree with
officers' blind hand-coding, and how far the officers agree with each other.

Two measures, each with a percentile-bootstrap 95 % interval (answers resampled):

- Cohen's kappa on each answer's main theme: agreement beyond what two coders
  using the same themes at the same rates would reach by chance.
- Multi-theme F1: an answer may carry several themes, so each coder gives a set
  (an empty set is "none of these"); F1 counts, over every answer, the themes both
  gave against those only one gave (micro-averaged), so a second theme the machine
  found and the officer also saw counts as agreement.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from sqlmodel import Session

from storage.repositories import console_quality as quality_repo
from storage.repositories import console_themes as themes_repo

BOOTSTRAP_ROUNDS = 1000
# "None of these" is a code of its own for kappa and F1 alike.
NONE = "none"
# Coder names in a statement: the machine, and officers by letter (never by name).
AUTOMATIC = "Automatic themes"
OFFICER_PREFIX = "Officer "

Codes = tuple[Hashable, frozenset[Hashable]]  # (main theme, every theme)


def cohen_kappa(pairs: Sequence[tuple[Hashable, Hashable]]) -> float:
    """Kappa of two coders' single codes; 1.0 when both always agree on one code."""
    if not pairs:
        return 0.0
    n = len(pairs)
    observed = sum(1 for a, b in pairs if a == b) / n
    first = Counter(a for a, _ in pairs)
    second = Counter(b for _, b in pairs)
    expected = sum(first[k] * second[k] for k in first) / (n * n)
    if expected >= 1.0:
        return 1.0 if observed >= 1.0 else 0.0
    return (observed - expected) / (1.0 - expected)


def multi_theme_f1(pairs: Sequence[tuple[frozenset[Hashable], frozenset[Hashable]]]) -> float:
    """Micro-averaged F1 of two coders' theme sets (an empty set counts as "none")."""
    both = only_first = only_second = 0
    for a, b in pairs:
        a = a or frozenset({NONE})
        b = b or frozenset({NONE})
        both += len(a & b)
        only_first += len(a - b)
        only_second += len(b - a)
    total = 2 * both + only_first + only_second
    return 2 * both / total if total else 0.0


@dataclass(frozen=True)
class Comparison:
    """Agreement of two coders ("automatic themes" or an officer) on the answers both coded."""

    first: str
    second: str
    n: int
    kappa: float
    kappa_ci: tuple[float, float]
    f1: float
    f1_ci: tuple[float, float]


def _interval(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return (
        ordered[int(0.025 * (len(ordered) - 1))],
        ordered[int(round(0.975 * (len(ordered) - 1)))],
    )


def compare(
    first: str,
    second: str,
    codes: Sequence[tuple[Codes, Codes]],
    *,
    seed: int = 0,
    rounds: int = BOOTSTRAP_ROUNDS,
) -> Comparison:
    """Kappa (main themes) and multi-theme F1, each with a bootstrap 95 % interval."""
    mains = [(a[0], b[0]) for a, b in codes]
    sets = [(a[1], b[1]) for a, b in codes]
    if not codes:
        return Comparison(first, second, 0, 0.0, (0.0, 0.0), 0.0, (0.0, 0.0))
    rng = random.Random(seed)
    kappas, f1s = [], []
    for _ in range(rounds):
        picks = [rng.randrange(len(codes)) for _ in codes]
        kappas.append(cohen_kappa([mains[i] for i in picks]))
        f1s.append(multi_theme_f1([sets[i] for i in picks]))
    return Comparison(
        first=first,
        second=second,
        n=len(codes),
        kappa=cohen_kappa(mains),
        kappa_ci=_interval(kappas),
        f1=multi_theme_f1(sets),
        f1_ci=_interval(f1s),
    )


@dataclass(frozen=True)
class Statement:
    sample_size: int
    themes: int
    comparisons: list[Comparison]

    def methods(self, language: str = "en") -> str:
        """The methods note printed with the figures."""
        if language == "cy":
            return (
                f"Dewiswyd sampl ar hap o {self.sample_size} o atebion, wedi'i haenu yn ôl thema "
                f"({self.themes} thema). Rhoddodd swyddogion thema i bob ateb heb weld y themâu "
                "awtomatig na chodau ei gilydd; gallai ateb gael mwy nag un thema. Mae kappa Cohen "
                "yn mesur cytundeb ar brif thema pob ateb y tu hwnt i siawns; mae F1 aml-thema yn "
                "cyfrif y themâu a roddodd y ddau yn erbyn y rhai a roddodd un yn unig. Mae'r "
                "cyfyngau hyder 95 % yn dod o 1,000 o ailsamplau bootstrap o'r atebion."
            )
        return (
            f"A random sample of {self.sample_size} answers, stratified by theme "
            f"({self.themes} themes), was drawn. Officers gave each answer its themes without "
            "seeing the automatic themes or each other's codes; an answer could carry more than "
            "one theme. Cohen's kappa measures agreement on each answer's main theme beyond "
            "chance; multi-theme F1 counts the themes both coders gave against those only one "
            "gave. The 95 % confidence intervals come from 1,000 bootstrap resamples of the "
            "answers."
        )


def accuracy_statement(session: Session, consultation_id: int) -> Statement:
    """Every pair of coders (the automatic themes and each officer) on the answers both coded."""
    sample = quality_repo.current_sample(session=session, consultation_id=consultation_id)
    answer_ids = list(sample.answer_ids) if sample else []
    others = {
        t.id
        for t in themes_repo.active_themes(session=session, consultation_id=consultation_id)
        if t.is_other
    }

    def plain(codes: tuple[int | None, frozenset[int]]) -> Codes:
        # The machine's "Other / unclear" is the officer's "none of these".
        main, themes = codes
        return (None if main in others else main), frozenset(themes - others)

    automatic = quality_repo.automatic_codes(session=session, answer_ids=answer_ids)
    officers = quality_repo.every_officers_codes(session=session, consultation_id=consultation_id)
    names = {oid: f"{OFFICER_PREFIX}{chr(ord('A') + i)}" for i, oid in enumerate(sorted(officers))}
    coders: list[tuple[str, dict[int, tuple[int | None, frozenset[int]]]]] = [
        (AUTOMATIC, automatic),
        *((names[oid], officers[oid]) for oid in sorted(officers)),
    ]
    comparisons = []
    for i, (first, first_codes) in enumerate(coders):
        for second, second_codes in coders[i + 1 :]:
            shared = [a for a in answer_ids if a in first_codes and a in second_codes]
            pairs = [(plain(first_codes[a]), plain(second_codes[a])) for a in shared]
            if shared:  # two officers who coded no answer in common say nothing
                comparisons.append(compare(first, second, pairs, seed=consultation_id))
    return Statement(
        sample_size=len(answer_ids),
        themes=sample.strata if sample else 0,
        comparisons=comparisons,
    )
