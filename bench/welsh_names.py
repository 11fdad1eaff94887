"""Welsh sentences shown with a [name]: the current tree against a baseline tree.

The sentences are ../shared/data/welsh's short spoken phrases, Lexicelt phrases and CC0
speech prompts (none labelled for names, and few hold one), each file shuffled with
--seed and cut to its first --per-file. Each tree's Redactor runs in its own process over
the same sentences (language "cy"); the bench prints how many show a [name], and every
sentence whose redacted text differs between the trees, so each change can be read.

Run:
    git archive BASE | tar -x -C /tmp/base
    .venv/bin/python bench/welsh_names.py --baseline /tmp/base --seed 11 --per-file 1500
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

from in_tree import run_in_tree  # type: ignore[import-not-found]

ROOT = Path(__file__).resolve().parents[1]
WELSH = ROOT.parent / "shared" / "data" / "welsh"
FILES = ("cy_common_spoken_short.csv", "cy_lexicelt_short_phrases.csv", "cy_speech_prompts_cc0.csv")

_CHILD = """
import json, sys
sys.path.insert(0, sys.argv[1])
from nlp.redaction import Redactor
redactor = Redactor()
texts = json.load(sys.stdin)
print(json.dumps([redactor.redact(text, language="cy").text for text in texts]))
"""


def sentences(seed: int, per_file: int) -> list[str]:
    chosen: list[str] = []
    for name in FILES:
        with (WELSH / name).open(encoding="utf-8") as handle:
            rows = [row["text"] for row in csv.DictReader(handle)]
        random.Random(seed).shuffle(rows)
        chosen += rows[:per_file]
    return chosen


def redact(root: Path, texts: list[str]) -> list[str]:
    result: list[str] = run_in_tree(_CHILD, root, texts)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline", type=Path, help="a tree exported with git archive")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--per-file", type=int, default=1500)
    args = parser.parse_args()
    texts = sentences(args.seed, args.per_file)
    now = redact(ROOT, texts)
    print(f"sentences: {len(texts)}; with a [name] now: {sum('[name]' in t for t in now)}")
    if args.baseline:
        before = redact(args.baseline, texts)
        print(f"with a [name] in the baseline: {sum('[name]' in t for t in before)}")
        changed = [(b, n) for b, n in zip(before, now, strict=True) if b != n]
        print(f"redacted text differs in {len(changed)} sentences:")
        for old, new in changed:
            print(f"  before: {old}\n  now:    {new}")


if __name__ == "__main__":
    main()
