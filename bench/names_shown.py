"""How many real answers show a [name], and which words a setting newly hides or shows.

Residents' answers carry no name labels, so a change to the name finder is also read on
them: the count of answers whose redacted text shows a [name] (the NHS Friends and Family
Test answers by default: 10,302 answers, MIT), and, for each setting after the first, the
words newly hidden and newly shown against the first. Settings are values of
statistical.PLACE_SURE and NAME_RANK (``--place-sure``, ``--name-rank``); MiniLM runs once per
answer and its states are reused for every setting.

Run: python bench/names_shown.py [--csv ../shared/data/themes/nhs_fft_phase1.csv]
         [--column text] [--place-sure 1.01,0.9] [--name-rank 3000]
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nlp.redaction import Redactor, statistical  # noqa: E402
from nlp.redaction.contextual import shared_finder  # noqa: E402
from nlp.redaction.redactor import NAME_MODELS  # noqa: E402

NHS = ROOT.parent / "shared" / "data" / "themes" / "nhs_fft_phase1.csv"


def hidden_names(text: str, spans: Sequence[tuple[int, int, str]]) -> list[str]:
    """The words under the text's name spans."""
    return [text[start:end] for start, end, kind in spans if kind == "name"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--csv", type=Path, default=NHS)
    parser.add_argument("--column", default="text")
    parser.add_argument("--place-sure", default=str(statistical.PLACE_SURE))
    parser.add_argument("--name-rank", default=str(statistical.NAME_RANK))
    args = parser.parse_args()
    with args.csv.open(encoding="utf-8", newline="") as handle:
        texts = [row[args.column] for row in csv.DictReader(handle) if row[args.column].strip()]
    embedder = shared_finder().embedder
    compute = embedder.token_states
    kept: dict[tuple[str, tuple[int, ...]], tuple[np.ndarray, np.ndarray]] = {}

    def reused(
        batch: Sequence[str], *, batch_size: int = 32, layers: Sequence[int] = (6,)
    ) -> list[tuple[np.ndarray, np.ndarray]]:
        missing = [t for t in batch if (t, tuple(layers)) not in kept]
        if missing:
            for text, found in zip(missing, compute(missing, layers=layers), strict=True):
                kept[(text, tuple(layers))] = found
        return [kept[(t, tuple(layers))] for t in batch]

    embedder.token_states = reused  # type: ignore[method-assign,assignment]
    redactor = Redactor(name_models=NAME_MODELS)
    first: list[list[str]] | None = None
    settings = [
        (float(p), int(r)) for p in args.place_sure.split(",") for r in args.name_rank.split(",")
    ]
    for sure, rank in settings:
        statistical.PLACE_SURE, statistical.NAME_RANK = sure, rank
        results = redactor.redact_many(texts)
        names = [
            hidden_names(t, [(s.start, s.end, s.type) for s in r.spans])
            for t, r in zip(texts, results, strict=True)
        ]
        shown = sum("[name]" in r.text for r in results)
        print(f"PLACE_SURE={sure}, NAME_RANK={rank}: {shown} of {len(texts)} show a [name]")
        if first is None:
            first = names
            continue
        newly_hidden: Counter[str] = Counter()
        newly_shown: Counter[str] = Counter()
        for before, after in zip(first, names, strict=True):
            newly_hidden.update((Counter(after) - Counter(before)).elements())
            newly_shown.update((Counter(before) - Counter(after)).elements())
        print("  newly hidden:", dict(newly_hidden.most_common()))
        print("  newly shown:", dict(newly_shown.most_common()))


if __name__ == "__main__":
    main()
