"""How many real answers show a [name], and which words a setting or a change newly hides.

Residents' answers carry no name labels, so a change to the name finder is also read on
them: the count of answers whose redacted text shows a [name] (the NHS Friends and Family
Test answers by default: 10,302 answers, MIT), and, for each setting after the first, the
words newly hidden and newly shown against the first. Settings are values of
statistical.PLACE_SURE and NAME_RANK (``--place-sure``, ``--name-rank``); MiniLM runs once per
answer and its states are reused for every setting. ``--baseline TREE`` (a ``git archive``
of another commit) redacts the same texts with that tree's code, in its own process, and
compares it with the first setting here.

``--places`` reads, instead of a CSV, sentences written for this: 80 British and Welsh
places, about half around Wrexham, in 7 sentences each (560), some reading like a person's
("Holt is lovely"). It counts what hiding names that are also places costs.

``--civic`` reads the English statements of ../shared's Polis conversations (3,888; their
licences are in ../shared/data/README.md): public statements on policy, not answers.

Run: python bench/names_shown.py [--csv ../shared/data/themes/nhs_fft_phase1.csv | --places
         | --civic] [--column text] [--language en] [--place-sure 1.01,0.9] [--name-rank 3000]
         [--baseline TREE]
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

from in_tree import run_in_tree  # type: ignore[import-not-found]  # noqa: E402

from nlp.redaction import Redactor, statistical  # noqa: E402
from nlp.redaction.contextual import shared_finder  # noqa: E402
from nlp.redaction.redactor import NAME_MODELS  # noqa: E402

NHS = ROOT.parent / "shared" / "data" / "themes" / "nhs_fft_phase1.csv"
CIVIC = ROOT.parent / "shared" / "data" / "civic"

PLACES = """Chester Mold Buckley Flint Holt Rhos Gresford Ruthin Bangor Preston Lincoln Norton
Kingsley Hope Penley Overton Marford Johnstown Brymbo Coedpoeth Chirk Cefn Acton Hightown Borras
Rossett Bradley Ruabon Llay Summerhill Gwersyllt Pentre Caergwrle Ellesmere Oswestry Whitchurch
Shotton Connah Hawarden Denbigh Corwen Llangollen Bala Rhyl Prestatyn Deeside Saltney Ewloe
Sealand Queensferry Broughton Penyffordd Leeswood Treuddyn Minera Bersham Esclusham Erddig Wrexham
Cardiff Swansea Newport Liverpool Manchester Crewe Nantwich Shrewsbury Telford Stafford Derby
Kendal Hastings Lewis Harris Ash Lee Lynn Clare Kerry Shannon""".split()
TEMPLATES = [
    "{} needs more buses.",
    "The roads around {} are awful.",
    "I love living near {}, it is quiet.",
    "Parking in town is bad but {} is fine.",
    "{} has nothing for young people",
    "buses from here to {} stop at 6",
    "{} is lovely",
]

_CHILD = """
import json, sys
sys.path.insert(0, sys.argv[1])
from nlp.redaction import Redactor
asked = json.load(sys.stdin)
results = Redactor().redact_many(asked["texts"], language=asked["language"])
print(json.dumps([[[s.start, s.end, s.type] for s in r.spans] for r in results]))
"""


def civic_statements() -> list[str]:
    """The English statements of every Polis conversation in ../shared/data/civic (3,888)."""
    texts = []
    for path in sorted(CIVIC.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            texts += [
                row["text"]
                for row in csv.DictReader(handle)
                if row.get("lang", "en") == "en" and row["text"].strip()
            ]
    return texts


def hidden_names(text: str, spans: Sequence[tuple[int, int, str]]) -> list[str]:
    """The words under the text's name spans."""
    return [text[start:end] for start, end, kind in spans if kind == "name"]


def compare(label: str, first: list[list[str]], names: list[list[str]]) -> None:
    """The words ``names`` hides that ``first`` did not, and the other way round."""
    newly_hidden: Counter[str] = Counter()
    newly_shown: Counter[str] = Counter()
    for before, after in zip(first, names, strict=True):
        newly_hidden.update((Counter(after) - Counter(before)).elements())
        newly_shown.update((Counter(before) - Counter(after)).elements())
    print(f"  {label} newly hides:", dict(newly_hidden.most_common()))
    print(f"  {label} newly shows:", dict(newly_shown.most_common()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--csv", type=Path, default=NHS)
    parser.add_argument("--places", action="store_true", help="the place sentences, not a CSV")
    parser.add_argument(
        "--civic", action="store_true", help="../shared's English civic statements, not a CSV"
    )
    parser.add_argument("--column", default="text")
    parser.add_argument(
        "--language", default="en", help="as the service passes it ('en', 'cy'); 'guess': none"
    )
    parser.add_argument("--place-sure", default=str(statistical.PLACE_SURE))
    parser.add_argument("--name-rank", default=str(statistical.NAME_RANK))
    parser.add_argument("--baseline", type=Path, help="a tree exported with git archive")
    args = parser.parse_args()
    language = None if args.language == "guess" else args.language
    if args.places:
        texts = [template.format(place) for place in PLACES for template in TEMPLATES]
    elif args.civic:
        texts = civic_statements()
    else:
        with args.csv.open(encoding="utf-8", newline="") as handle:
            rows = csv.DictReader(handle)
            texts = [row[args.column] for row in rows if row[args.column].strip()]
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
        results = redactor.redact_many(texts, language=language)
        names = [
            hidden_names(t, [(s.start, s.end, s.type) for s in r.spans])
            for t, r in zip(texts, results, strict=True)
        ]
        shown = sum(bool(found) for found in names)
        print(f"PLACE_SURE={sure}, NAME_RANK={rank}: {shown} of {len(texts)} show a [name]")
        if first is None:
            first = names
        else:
            compare("this setting", first, names)
    if args.baseline and first is not None:
        spans = run_in_tree(_CHILD, args.baseline, {"texts": texts, "language": language})
        before = [
            hidden_names(t, [(a, b, kind) for a, b, kind in found])
            for t, found in zip(texts, spans, strict=True)
        ]
        shown = sum(bool(found) for found in before)
        print(f"baseline {args.baseline}: {shown} of {len(texts)} show a [name]")
        compare("the first setting here, against the baseline,", before, first)


if __name__ == "__main__":
    main()
