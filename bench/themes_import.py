"""Upload to themed board: 2,000 real answers through the import's theming job.

Usage:
    python bench/themes_import.py [--n 2000]

Real NHS answers (../shared/data/themes/nhs_fft_phase1.csv, first n after a fixed
shuffle) are inserted as an import does, then the ``theme_batch`` job runs as the worker
would (default embedder, redaction for labels, refit, tree, quotes). Baseline in the same
run: embedding the same answers alone (the floor any theming path pays). SQLite file in a
temporary folder.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
NHS = ROOT.parent / "shared" / "data" / "themes" / "nhs_fft_phase1.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=2000)
    args = parser.parse_args()
    from app.jobs.queue import InProcessQueue, JobRegistry
    from app.jobs.theming import register_theming_jobs
    from nlp.embeddings import default_embedder
    from storage.db import make_engine, session_scope
    from storage.migrate import upgrade
    from storage.repositories import themes as repo
    from tests.nlp.themes_factories import add_answers, make_consultation

    with NHS.open(encoding="utf-8", newline="") as handle:
        rows = [r["text"] for r in csv.DictReader(handle) if r["text"].strip()]
    texts = [rows[i] for i in np.random.default_rng(20261205).permutation(len(rows))[: args.n]]
    embedder = default_embedder()
    embedder.encode(["warm up"])
    start = time.perf_counter()
    embedder.encode(texts, languages=["en"] * len(texts))
    embed_only = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.db"
        upgrade(url)
        engine = make_engine(url)
        registry = JobRegistry()
        queue = InProcessQueue(registry)
        register_theming_jobs(registry, engine, jobs=queue, embedder=embedder)
        consultation_id = make_consultation(engine)
        start = time.perf_counter()
        ids = add_answers(engine, consultation_id, texts)
        inserted = time.perf_counter() - start
        queue.enqueue("theme_batch", answer_ids=ids)
        queue.drain()
        total = time.perf_counter() - start
        with session_scope(engine) as session:
            subs = repo.list_themes(session=session, consultation_id=consultation_id)
            broad = repo.list_themes(
                session=session, consultation_id=consultation_id, level="broad"
            )
        engine.dispose()
    print("| answers | insert s | upload to themed board s | embedding alone s (baseline) |")
    print("|---|---|---|---|")
    print(f"| {len(texts)} | {inserted:.1f} | {total:.1f} | {embed_only:.1f} |")
    print(f"{len(broad)} broad themes, {len(subs) - 1} sub-themes")


if __name__ == "__main__":
    main()
