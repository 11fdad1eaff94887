"""`whatmatters themes discover` end to end, in fresh processes (bench/themes.py --discover).

Each run is a new ``python -m app.cli themes discover`` on a CSV written from real
answers (the first N rows of banking77_train), timed from process start to exit; CPU
time and peak memory come from the child's rusage. Every variant runs ``--runs`` times,
interleaved, so a noisy machine slows them alike, and the ratio to the baseline of the
same run is printed next to the absolute times.

Variants:
    shipped   the command as installed.
    numpy     the same command with onnxruntime hidden and ``--precision float32``, so
              MiniLM takes its numpy pass (the 10k baseline: the embedder before
              onnxruntime).
    eager     the same command after importing every command module first, as the CLI
              did before its groups were loaded lazily (the cold-start baseline).
    before    with ``--baseline REV``: the command as it was at git revision REV (its
              source exported to a temporary directory and run from there, same venv);
              then the baseline of the ratios.

The digest of the output CSV shows whether runs gave the same themes.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.themes import DATA, ROOT
from bench.versions import versions_line

PACKAGES = ("numpy", "scikit-learn", "scipy", "spacy", "SQLAlchemy", "onnxruntime", "tokenizers")

_PRELUDE = {
    "shipped": "",
    "numpy": "import sys; sys.modules['onnxruntime'] = None\n",
    "eager": (
        "import app.cli.invite, app.cli.users, app.cli.playback, app.cli.telegram, "
        "app.cli.ops, app.cli.redact, app.cli.worker, app.cli.themes\n"
    ),
}


def _write_answers(path: Path, n: int) -> int:
    with (DATA / "themes" / "banking77_train.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))[:n]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text"])
        writer.writerows([r["text"]] for r in rows)
    return len(rows)


def _export(revision: str, into: Path) -> Path:
    """The project's source at ``revision``, exported (no checkout) into ``into``."""
    into.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision], capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    # Compiled now, as an installed tree is, so the first timed run does not pay for it.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(into)], check=True)
    return into


def _run_once(
    variant: str, answers: Path, out: Path, source: Path = ROOT
) -> dict[str, float | str]:
    # The child runs from `source`, so `import app` finds that tree before the venv's.
    env = dict(os.environ)
    if source != ROOT:
        env["PYTHONPATH"] = str(source)
    # The numpy pass is float32 only (int8 runs on onnxruntime).
    extra = ", '--precision', 'float32'" if variant == "numpy" else ""
    code = (
        _PRELUDE.get(variant, "")
        + "import sys\nfrom app.cli.main import main\n"
        + f"sys.argv = ['whatmatters', 'themes', 'discover', {str(answers)!r}, "
        + f"'--out', {str(out)!r}{extra}]\nmain()\n"
    )
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=source, capture_output=True, text=True, env=env
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{variant} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    summary = next((line for line in done.stderr.splitlines() if "broad themes over" in line), "")
    return {
        "wall": wall,
        "cpu": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
        # ru_maxrss of children is the largest child so far: exact for the first run.
        "rss_mb": after.ru_maxrss / 1024,
        "digest": hashlib.sha256(out.read_bytes()).hexdigest()[:12],
        "summary": summary.split(";")[0],
    }


def discover(args: argparse.Namespace) -> None:
    """Time the variants, ``args.runs`` rounds each, on ``args.answers`` answers."""
    variants = ["shipped", "eager"] if args.answers <= 1000 else ["shipped", "numpy"]
    if args.baseline:
        variants = ["shipped", "before"]
    load = os.getloadavg()
    print(f"# {versions_line(PACKAGES)}")
    print(f"# load average at start {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}")
    results: dict[str, list[dict[str, float | str]]] = {v: [] for v in variants}
    with tempfile.TemporaryDirectory() as tmp:
        answers = Path(tmp) / "answers.csv"
        n = _write_answers(answers, args.answers)
        source = dict.fromkeys(variants, ROOT)
        if args.baseline:
            source["before"] = _export(args.baseline, Path(tmp) / "before")
            print(f"# before = {args.baseline}")
        for _ in range(args.runs):
            for variant in variants:
                out = Path(tmp) / f"{variant}.csv"
                results[variant].append(_run_once(variant, answers, out, source[variant]))
                r = results[variant][-1]
                print(
                    f"#   {variant}: {r['wall']:.1f} s wall, {r['cpu']:.1f} s CPU, "
                    f"{r['digest']}, {r['summary']}",
                    flush=True,
                )
    base = statistics.median(float(r["wall"]) for r in results[variants[1]])
    base_cpu = statistics.median(float(r["cpu"]) for r in results[variants[1]])
    print(f"\n`themes discover`, {n:,} answers, {args.runs} runs per variant (interleaved)\n")
    print("| variant | wall s (each run) | median | × baseline | CPU s median | × | output |")
    print("|---|---|---|---|---|---|---|")
    for variant in variants:
        walls = [float(r["wall"]) for r in results[variant]]
        cpus = [float(r["cpu"]) for r in results[variant]]
        digests = sorted({str(r["digest"]) for r in results[variant]})
        print(
            f"| {variant} | {', '.join(f'{w:.1f}' for w in walls)} | "
            f"{statistics.median(walls):.1f} | {statistics.median(walls) / base:.2f} | "
            f"{statistics.median(cpus):.1f} | {statistics.median(cpus) / base_cpu:.2f} | "
            f"{'same every run' if len(digests) == 1 else 'DIFFERS'} ({', '.join(digests)}) |"
        )
    print(f"\npeak RSS of the first run: {float(results[variants[0]][0]['rss_mb']):.0f} MB")
