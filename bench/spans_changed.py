"""Every redaction span that changed between two trees, on genuine texts of every kind.

A change to one finder (dates, addresses, names) can move spans of another kind, and no
labelled set holds residents' answers. This bench redacts the same genuine texts with this
tree's code and with a baseline tree's (a ``git archive`` of another commit), each in its own
process, and prints every text whose spans differ: the spans only the baseline found (``-``)
and the spans only this tree finds (``+``), each with its type and words, then a count per
type. The texts (see ../shared/data/README.md for their licences):

- ``nhs``: the NHS Friends and Family Test answers (10,302, English);
- ``civic``: the English statements of ../shared's Polis conversations (3,888);
- ``welsh``: ../shared's Welsh sentences, each file shuffled with --seed and cut to
  --per-file (language "cy"), as bench/welsh_names.py reads them;
- ``crossner``: CrossNER's development split (its five domains, English), from a git mirror
  given with --crossner (bench/wiki_ner.py): not residents' text, but the dev set whose
  changed names a change to the name finder is read on. Never the test split.

Run:
    git archive BASE | tar -x -C /tmp/base
    .venv/bin/python bench/spans_changed.py --baseline /tmp/base [--sets nhs,civic,welsh]
        [--seed 11] [--per-file 100000] [--sets crossner --crossner MIRROR]
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

from in_tree import run_in_tree  # type: ignore[import-not-found]

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from names_shown import NHS, civic_statements  # type: ignore[import-not-found]  # noqa: E402
from welsh_names import sentences  # type: ignore[import-not-found]  # noqa: E402
from wiki_ner import crossner  # type: ignore[import-not-found]  # noqa: E402

_CHILD = """
import json, sys
sys.path.insert(0, sys.argv[1])
from nlp.redaction import Redactor
asked = json.load(sys.stdin)
results = Redactor().redact_many(asked["texts"], language=asked["language"])
print(json.dumps([[[s.start, s.end, s.type] for s in r.spans] for r in results]))
"""

Span = tuple[int, int, str]


def nhs_answers() -> list[str]:
    with NHS.open(encoding="utf-8", newline="") as handle:
        return [row["text"] for row in csv.DictReader(handle) if row["text"].strip()]


def spans_of(root: Path, texts: list[str], language: str) -> list[set[Span]]:
    found = run_in_tree(_CHILD, root, {"texts": texts, "language": language})
    return [{(a, b, kind) for a, b, kind in spans} for spans in found]


def report(label: str, texts: list[str], before: list[set[Span]], now: list[set[Span]]) -> None:
    removed: Counter[str] = Counter()
    added: Counter[str] = Counter()
    changed = 0
    print(f"## {label}: {len(texts)} texts")
    for text, old, new in zip(texts, before, now, strict=True):
        if old == new:
            continue
        changed += 1
        print(f"  {text!r}")
        for start, end, kind in sorted(old - new):
            removed[kind] += 1
            print(f"    - {kind}: {text[start:end]!r}")
        for start, end, kind in sorted(new - old):
            added[kind] += 1
            print(f"    + {kind}: {text[start:end]!r}")
    print(f"  {changed} texts differ; spans only in the baseline: {dict(removed)};")
    print(f"  spans only in this tree: {dict(added)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline", type=Path, required=True, help="a git archive of BASE")
    parser.add_argument("--sets", default="nhs,civic,welsh")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--per-file", type=int, default=100_000)
    parser.add_argument("--crossner", type=Path, help="a git mirror of zliucr/CrossNER")
    args = parser.parse_args()
    readers = {
        "nhs": (nhs_answers, "en"),
        "civic": (civic_statements, "en"),
        "welsh": (lambda: sentences(args.seed, args.per_file), "cy"),
        "crossner": (lambda: [row["text"] for row in crossner(args.crossner, "dev")], "en"),
    }
    for name in args.sets.split(","):
        read, language = readers[name]
        texts = read()
        report(
            name,
            texts,
            spans_of(args.baseline, texts, language),
            spans_of(ROOT, texts, language),
        )


if __name__ == "__main__":
    main()
