"""Hateful statements: recall on ToxiGen's demonstrations, false alarms on genuine text.

The ToxiGen demonstrations (Hartvigsen et al. 2022, github.com/microsoft/TOXIGEN, MIT):
human-written implicitly hateful and neutral sentences about 13 groups, read from a git
mirror given with --toxigen (development only; the barred techiaith/llm-evals-cy set is a
Welsh translation of ToxiGen's annotated generations, not these). False alarms: every NHS
FFT answer, the ../shared civic CSVs, the Welsh CC0 sentences and the clean utterances of
the Siarad (development half) and Patagonia conversations; recall also on the development
half of the translated Welsh toxic set. Each tree's ``check`` runs in its own process
(bench/moderation_heldout.run); a text counts when it gets an "abuse" flag, or with
--kind identifying a re-identification hint (the same genuine sets then count false hints).

Run:
    git archive BASE | tar -x -C /tmp/base
    .venv/bin/python bench/hate_shapes.py --toxigen PATH/TO/TOXIGEN --baseline /tmp/base
    .venv/bin/python bench/hate_shapes.py --kind identifying --baseline /tmp/base
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from moderation import DATA, PATAGONIA, _csv, siarad, translated  # type: ignore[import-not-found]  # noqa: E402
from moderation_heldout import run  # type: ignore[import-not-found]  # noqa: E402


def toxigen(mirror: Path) -> dict[str, list[str]]:
    """{"hateful": [...], "neutral": [...]}: the demonstration sentences, one per line."""
    git = ["git", "--git-dir", str(mirror if (mirror / "objects").is_dir() else mirror / ".git")]
    listing = subprocess.run(
        [*git, "ls-tree", "-r", "--name-only", "HEAD", "demonstrations"],
        capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    found: dict[str, list[str]] = {"hateful": [], "neutral": []}
    for name in listing:
        shown = subprocess.run(
            [*git, "show", f"HEAD:{name}"], capture_output=True, text=True, check=True
        ).stdout
        kind = "hateful" if "/hate_" in name else "neutral"
        found[kind] += [
            line.strip().lstrip("- ").strip() for line in shown.splitlines() if line.strip()
        ]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--toxigen", type=Path, help="a git mirror of microsoft/TOXIGEN")
    parser.add_argument("--baseline", type=Path, help="a tree exported with git archive")
    parser.add_argument(
        "--kind", default="abuse", choices=("abuse", "identifying"), help="the flag counted"
    )
    args = parser.parse_args()
    texts: dict[str, list[str]] = {}
    if args.toxigen:
        demos = toxigen(args.toxigen)
        texts["ToxiGen demonstrations, hateful (recall)"] = demos["hateful"]
        texts["ToxiGen demonstrations, neutral (false alarm)"] = demos["neutral"]
    texts["NHS FFT, every answer (false alarm)"] = [
        r["text"] for r in _csv(DATA / "themes" / "nhs_fft_phase1.csv")
    ]
    texts["../shared civic CSVs (false alarm)"] = [
        r["text"] for path in sorted((DATA / "civic").glob("*.csv")) for r in _csv(path)
    ]
    texts["Welsh CC0 sentences (false alarm)"] = [
        r["text"]
        for name in ("cy_speech_prompts_cc0.csv", "cy_lexicelt_short_phrases.csv")
        for r in _csv(DATA / "welsh" / name)
    ]
    texts["Siarad dev, clean (false alarm)"] = siarad("dev")["clean"]
    texts["Patagonia, clean (false alarm)"] = siarad("dev", PATAGONIA)["clean"]
    texts["Welsh toxic, translated, dev (recall)"] = translated("dev")["cy toxic statements"]
    if args.kind == "identifying":
        # Every set is genuine text for the hints: the hateful sets' "recall" means nothing.
        texts = {name: rows for name, rows in texts.items() if "recall" not in name}
    sets = {name: (args.kind, rows) for name, rows in texts.items()}
    trees = {"now": ROOT} | ({"baseline": args.baseline} if args.baseline else {})
    results = {tree: run(root, sets) for tree, root in trees.items()}
    print("| set | texts | " + " | ".join(trees) + " |\n|---|---|" + "---|" * len(trees))
    for name, rows in texts.items():
        counts = [len(results[tree]["flagged"][name]) for tree in trees]
        print(f"| {name} | {len(rows)} | " + " | ".join(str(c) for c in counts) + " |")
    if args.baseline:
        for name in texts:
            if "false alarm" in name:
                now = set(results["now"]["flagged"][name])
                before = set(results["baseline"]["flagged"][name])
                for text in sorted(now - before):
                    print(f"new false alarm? ({name}): {text[:160]}")
                for text in sorted(before - now):
                    print(f"false alarm gone ({name}): {text[:160]}")


if __name__ == "__main__":
    main()
