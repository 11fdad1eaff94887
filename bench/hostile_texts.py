"""The NLP steps' time on hostile long texts: does any shape of text cost more than its length?

An answer reaches redaction and the moderation flags from a chat (up to 1,600 characters, one
long SMS) or a CSV import (up to 5,000, console/importer.py). Two quadratic steps were found
in redaction by timing one such text by hand (a name repeated a hundred times, session 26).
This bench times every shape below at a quarter of the import limit and at the limit itself,
in the tree's own process, with ordinary text of the same lengths as the baseline measured in
the same run:

- ``growth``: time at the full length over time at a quarter of it. Linear work gives about
  4; a step that reads the whole text once per word gives about 16.
- ``x ordinary``: time at the full length over ordinary text's: NHS answers joined, and for
  the Welsh shapes ../shared's Welsh sentences joined (bench/welsh_names.py).

``--step redact`` times the Redactor, ``--step moderate`` the flags (nlp.moderation.flags.check).
With ``--baseline TREE`` (a ``git archive`` of another commit) the same texts are timed in
that tree too and the last column is this tree's time over the baseline's. Times are CPU
seconds (process time), the best of ``--repeat`` runs, so a shared machine's other work
weighs less. Nothing is read from the results but their time.

Run:
    .venv/bin/python bench/hostile_texts.py [--step redact|moderate] [--baseline /tmp/base]
        [--repeat 3]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections.abc import Callable
from pathlib import Path

from in_tree import run_in_tree  # type: ignore[import-not-found]

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from names_shown import NHS  # type: ignore[import-not-found]  # noqa: E402
from welsh_names import sentences  # type: ignore[import-not-found]  # noqa: E402

FULL = 5000  # console/importer.py's MAX_ANSWER_CHARS: the longest answer the store takes
QUARTER = FULL // 4

_CHILD = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
asked = json.load(sys.stdin)
if asked["step"] == "redact":
    from nlp.redaction import Redactor
    redactor = Redactor()
    def step(text, language):
        redactor.redact(text, language=language)
else:
    from nlp.moderation.flags import check
    def step(text, language):
        check(text, language)
step("Warm up: Sarah Jones of 14 Bryn Road rang 07700 900123, you idiot.", "en")
step("Diolch i Sioned am ei help.", "cy")
best = []
for text in asked["texts"]:
    times = []
    for _ in range(asked["repeat"]):
        started = time.process_time()
        step(text, asked["language"])
        times.append(time.process_time() - started)
    best.append(min(times))
print(json.dumps(best))
"""


def _ordinary(rng: random.Random) -> Callable[[int], str]:
    with NHS.open(encoding="utf-8", newline="") as handle:
        answers = [row["text"].strip() for row in csv.DictReader(handle) if row["text"].strip()]
    rng.shuffle(answers)
    joined = " ".join(answers[:2000])
    return lambda n: joined[:n]


def _ordinary_welsh(seed: int) -> Callable[[int], str]:
    joined = " ".join(sentences(seed, 500))
    return lambda n: joined[:n]


def _repeat(piece: str) -> Callable[[int], str]:
    return lambda n: (piece * (n // len(piece) + 1))[:n]


def _chain(rng: random.Random, words: str) -> Callable[[int], str]:
    """Words drawn at random from ``words``, as many as the longest text needs."""
    choices = words.split()
    text = " ".join(rng.choice(choices) for _ in range(FULL))
    return lambda n: text[:n]


_CAPITALISED = """Sarah Jones Bryn Road Gwersyllt Marford The Fairy Glen Plas Madoc Ysgol Morgan
    Llwyd Mr Dr Cllr Wrexham Maelor Victoria Ward St Giles Rhys ap Gwilym Mount Hood"""
_WELSH_CHAIN = """i Lyn Ceiriog yng Nghanolfan Pen y Bryn Tŷ Pawb ffoniwch Gareth hefo mrs
    roberts Diolch i Fethan"""


def shapes(seed: int) -> dict[str, tuple[str, Callable[[int], str]]]:
    """Each shape's language and a function giving its text at a length."""
    rng = random.Random(seed)
    return {
        "ordinary (NHS answers joined)": ("en", _ordinary(rng)),
        "one name, repeated": ("en", _repeat("Sarah Jones rang. ")),
        "one word, no space": ("en", _repeat("a")),
        "digits, no space": ("en", _repeat("7")),
        "phone-like digits": ("en", _repeat("07700 900 ")),
        "postcode-like": ("en", _repeat("LL11 ")),
        "capitalised words only": ("en", _chain(rng, _CAPITALISED)),
        "titles only": ("en", _repeat("Mr ")),
        '"the" and capitals': ("en", _repeat("the Great ")),
        "hyphened particles": ("en", _repeat("ap-")),
        "at signs and dots": ("en", _repeat("a@b.")),
        "a link that never ends": ("en", lambda n: ("http://" + "a." * n)[:n]),
        "punctuation only": ("en", _repeat("!?.,;:'\"()")),
        "emoji only": ("en", _repeat("\U0001f600")),
        "new lines only": ("en", _repeat("\n")),
        # The words the moderation patterns start from, over and over.
        "threat and group words": ("en", _repeat("whoever the immigrants should be the lot ")),
        "money, prizes and links": ("en", _repeat("£1000 prize call 09061234567 www.a.icu ")),
        "ordinary Welsh (sentences joined)": ("cy", _ordinary_welsh(seed)),
        "Welsh places and titles": ("cy", _chain(rng, _WELSH_CHAIN)),
        "Welsh threat words": ("cy", _repeat("dw i'n mynd i ladd dylai'r cynghorwyr gael eu ")),
    }


def timings(root: Path, texts: list[str], language: str, args: argparse.Namespace) -> list[float]:
    payload = {"texts": texts, "language": language, "repeat": args.repeat, "step": args.step}
    return [float(t) for t in run_in_tree(_CHILD, root, payload)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline", type=Path, help="a git archive of another commit")
    parser.add_argument("--step", choices=("redact", "moderate"), default="redact")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()

    rows = []
    ordinary: dict[str, float] = {}  # each language's ordinary text at the full length
    for name, (language, make) in shapes(args.seed).items():
        texts = [make(QUARTER), make(FULL)]
        quarter, full = timings(ROOT, texts, language, args)
        base = timings(args.baseline, texts, language, args)[1] if args.baseline else None
        ordinary.setdefault(language, full)  # each language's first shape is its ordinary text
        rows.append((name, quarter, full, full / ordinary[language], base))
        print(f"... {name}: {full * 1000:.0f} ms", file=sys.stderr)

    header = f"| shape | ms at {QUARTER} chars | ms at {FULL} | growth | x ordinary |"
    print(header + (" x baseline |" if args.baseline else ""))
    print("|---|---|---|---|---|" + ("---|" if args.baseline else ""))
    for name, quarter, full, to_ordinary, base in rows:
        line = (
            f"| {name} | {quarter * 1000:.0f} | {full * 1000:.0f} | {full / quarter:.1f}"
            f" | {to_ordinary:.2f} |"
        )
        print(line + (f" {full / base:.2f} |" if base else ""))


if __name__ == "__main__":
    main()
