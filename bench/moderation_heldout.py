"""Held-out moderation figures, the current tree against a baseline tree in the same run.

Sets: the SMS Spam Collection (measurement only: counts are printed, never messages; left
out without --sms), the development halves of the Welsh sets for comparison, the held-out
halves of the Siarad conversations and of the translated Welsh set, and the genuine-text
sets for false alarms (NHS FFT, Pol.is accepted, Welsh CC0). Each tree's
``nlp.moderation.check`` runs in its own process over the same texts; CPU time is that
process's user+sys for the checks alone.

Run:
    git archive BASE | tar -x -C /tmp/base
    .venv/bin/python bench/moderation_heldout.py --sms SMSSpamCollection --baseline /tmp/base
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from in_tree import run_in_tree  # type: ignore[import-not-found]  # noqa: E402
from moderation import (  # type: ignore[import-not-found]  # noqa: E402
    DATA,
    PATAGONIA,
    _csv,
    siarad,
    translated,
)

# One process per tree, so each imports its own nlp.moderation. It prints the texts each
# set had flagged with the set's kind (bench/welsh_abuse_words.py shows them; this bench
# prints only counts, never a message of a measurement-only set).
_CHILD = """
import json, resource, sys
sys.path.insert(0, sys.argv[1])
from nlp.moderation import check
sets = json.load(sys.stdin)
check("warm up")
start = resource.getrusage(resource.RUSAGE_SELF)
out = {name: [t for t in texts if any(f.kind == kind for f in check(t))]
       for name, (kind, texts) in sets.items()}
end = resource.getrusage(resource.RUSAGE_SELF)
cpu = (end.ru_utime - start.ru_utime) + (end.ru_stime - start.ru_stime)
print(json.dumps({"flagged": out, "cpu": cpu}))
"""


def wilson(hits: int, total: int) -> tuple[float, float]:
    if not total:
        return 0.0, 0.0
    z, p = 1.96, hits / total
    centre = (p + z * z / (2 * total)) / (1 + z * z / total)
    spread = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return centre - spread, centre + spread


def run(root: Path, sets: dict[str, tuple[str, list[str]]]) -> dict[str, object]:
    """Check every set's texts with `root`'s tree: ``{"flagged": {set: texts}, "cpu": s}``."""
    result: dict[str, object] = run_in_tree(_CHILD, root, sets)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sms", type=Path, help="the SMS Spam Collection (counts only)")
    parser.add_argument("--baseline", type=Path, help="a tree exported with git archive")
    args = parser.parse_args()
    labelled = (
        [line.split("\t", 1) for line in args.sms.read_text("utf-8").splitlines()]
        if args.sms
        else []
    )
    real = siarad("held-out")
    dev, patagonia, translated_dev = siarad("dev"), siarad("dev", PATAGONIA), translated("dev")
    translated_held = translated("held-out")
    polis = [r for p in sorted((DATA / "civic").glob("polis_*.csv")) for r in _csv(p)]
    welsh = [r["text"] for r in _csv(DATA / "welsh" / "cy_speech_prompts_cc0.csv")]
    welsh += [r["text"] for r in _csv(DATA / "welsh" / "cy_lexicelt_short_phrases.csv")]
    sms: dict[str, tuple[str, list[str]]] = {
        "SMS Spam Collection, spam (recall)": ("spam", [t for k, t in labelled if k == "spam"]),
        "SMS Spam Collection, ham (false alarm)": ("spam", [t for k, t in labelled if k == "ham"]),
    }
    sets: dict[str, tuple[str, list[str]]] = (sms if labelled else {}) | {
        # Development halves (read while writing the rules), for the comparison only.
        "cy obscenities, Siarad, dev (recall)": ("abuse", dev["obscene"]),
        "cy clean, Siarad, dev (false alarm)": ("abuse", dev["clean"]),
        "cy obscenities, Patagonia, dev (recall)": ("abuse", patagonia["obscene"]),
        "cy clean, Patagonia, dev (false alarm)": ("abuse", patagonia["clean"]),
        "cy toxic, translated, dev (recall)": ("abuse", translated_dev["cy toxic statements"]),
        "cy obscenities, Siarad, held-out (recall)": ("abuse", real["obscene"]),
        "cy clean, Siarad, held-out (false alarm)": ("abuse", real["clean"]),
        "cy obscenities, translated, held-out (recall)": (
            "abuse",
            translated_held["cy obscenities"],
        ),
        "cy toxic, translated, held-out (recall)": (
            "abuse",
            translated_held["cy toxic statements"],
        ),
        "cy clean, translated, held-out (false alarm)": ("abuse", translated_held["cy clean"]),
        "NHS FFT, spam (false alarm)": (
            "spam",
            [r["text"] for r in _csv(DATA / "themes" / "nhs_fft_phase1.csv")],
        ),
        "Pol.is accepted, spam (false alarm)": (
            "spam",
            [r["text"] for r in polis if r.get("moderated") == "1"],
        ),
        "Welsh CC0, abuse (false alarm)": ("abuse", welsh),
        "Welsh CC0, spam (false alarm)": ("spam", welsh),
    }
    trees = {"now": ROOT} | ({"baseline": args.baseline} if args.baseline else {})
    results = {name: run(root, sets) for name, root in trees.items()}
    checks = sum(len(texts) for _, texts in sets.values())
    header = " | ".join(f"{name} [95 % Wilson]" for name in trees)
    print(f"| set | texts | {header} |\n|---|---|" + "---|" * len(trees))
    for name, (_, texts) in sets.items():
        cells = []
        for tree in trees:
            flagged = results[tree]["flagged"]
            assert isinstance(flagged, dict)
            hits = len(flagged[name])
            low, high = wilson(hits, len(texts))
            cells.append(f"{hits} ({hits / max(1, len(texts)):.2%}) [{low:.1%}, {high:.1%}]")
        print(f"| {name} | {len(texts)} | " + " | ".join(cells) + " |")
    for tree in trees:
        cpu = float(str(results[tree]["cpu"]))
        print(f"{tree}: {checks} checks, {1000 * cpu / checks:.3f} ms CPU a check")


if __name__ == "__main__":
    main()
