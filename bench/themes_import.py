"""Upload to themed board: 2,000 real answers through the console's import path.

Usage:
    python bench/themes_import.py [--n 2000]

Real NHS answers (../shared/data/themes/nhs_fft_phase1.csv, first n after a fixed
shuffle) are written to a CSV, saved as an upload (``save_upload``) and imported by the
``import_answers`` job on a services container wired from settings (SQLite file in a
temporary folder, in-process queue). The queued jobs then run as the worker would: the
import, then per slice ``theme_batch`` (embed, regroup, labels from redacted samples,
tree, sentiment, proposed quotes) and ``redact_answers`` (every answer, for exports).

Printed: time per stage (the stage functions are wrapped with timers for this run only)
and, in the same run, the baselines: embedding the same answers alone, and the answers
plus their clauses alone (what theming must embed), each measured before and after the
import (the machine is shared; their mean is the baseline).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
NHS = ROOT.parent / "shared" / "data" / "themes" / "nhs_fft_phase1.csv"

#: (module, attribute, stage name): the parts of an import timed separately.
STAGES = [
    ("nlp.themes.service", "embed_answers", "embed answers + clauses"),
    ("nlp.themes.refit", "redacted_texts", "redact label samples"),
    ("nlp.themes.model.ThemeModel", "fit", "group + label (fit, incl. label redaction)"),
    ("nlp.themes.refit", "_save_sentiment", "sentiment"),
    ("nlp.themes.refit", "rebuild_broad", "broad tree"),
    ("nlp.themes.refit", "propose_theme_quotes", "propose redacted quotes"),
    ("console.redact", "redact_rows", "redact every answer (exports; after the board)"),
]


def _timed(spent: dict[str, float], name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - start

    return wrapper


def _instrument(spent: dict[str, float]) -> None:
    import importlib

    for module_name, attribute, stage in STAGES:
        if module_name.endswith("ThemeModel"):
            owner: Any = importlib.import_module(module_name.rsplit(".", 1)[0]).ThemeModel
        else:
            owner = importlib.import_module(module_name)
        setattr(owner, attribute, _timed(spent, stage, getattr(owner, attribute)))


def _baselines(embedder: Any, texts: list[str]) -> tuple[float, float]:
    from nlp.themes.clauses import split_clauses

    start = time.perf_counter()
    embedder.encode(texts, languages=["en"] * len(texts))
    alone = time.perf_counter() - start
    clauses = [c for t in texts for c in split_clauses(t)]
    start = time.perf_counter()
    embedder.encode(texts + clauses, languages=["en"] * (len(texts) + len(clauses)))
    return alone, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=2000)
    args = parser.parse_args()
    from app.container import build_services
    from app.jobs.queue import InProcessQueue
    from app.settings import Settings
    from console.import_job import run_import
    from console.importer import Mapping, save_upload
    from nlp.embeddings import default_embedder
    from nlp.themes.redacted import _redactor
    from storage.db import session_scope
    from storage.migrate import upgrade
    from storage.models.jobs import ConsoleJob, JobState
    from storage.repositories import themes as repo
    from tests.nlp.themes_factories import make_consultation

    with NHS.open(encoding="utf-8", newline="") as handle:
        rows = [r["text"] for r in csv.DictReader(handle) if r["text"].strip()]
    texts = [rows[i] for i in np.random.default_rng(20261205).permutation(len(rows))[: args.n]]
    upload = io.StringIO()
    writer = csv.writer(upload)
    writer.writerow(["answer"])
    writer.writerows([t] for t in texts)
    # A long-running worker has its models loaded: warm them outside the timings.
    embedder = default_embedder()
    embedder.encode(["warm up"])
    embedder.encode(["cynnes"], languages=["cy"])
    _redactor().redact_many(["warm up"], language="en")
    before = _baselines(embedder, texts)
    spent: dict[str, float] = defaultdict(float)
    _instrument(spent)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.db"
        upgrade(url)
        services = build_services(Settings(environment="test", database_url=url, seed_demo=False))
        consultation_id = make_consultation(services.db)
        board_at = 0.0
        theme_batch = services.job_registry.get("theme_batch")

        def themed(**kwargs: Any) -> None:
            nonlocal board_at
            theme_batch(**kwargs)
            board_at = time.perf_counter()

        services.job_registry.register("theme_batch", themed)
        start = time.perf_counter()
        saved = save_upload(
            services.db,
            io.BytesIO(upload.getvalue().encode()),
            consultation_id=consultation_id,
            officer_id=None,
            filename="answers.csv",
            limit=10**9,
        )
        with session_scope(services.db) as session:
            job = session.get(ConsoleJob, saved.job_id)
            assert job is not None
            job.params = {
                **job.params,
                "mapping": Mapping(text="answer").model_dump(),
                "started_at": datetime.now(UTC).isoformat(),
            }
            job.state = JobState.QUEUED.value
            session.add(job)
        run_import(
            services.db,
            saved.job_id,
            enqueue=services.jobs.enqueue,
            job_names=services.job_registry.names,
        )
        imported = time.perf_counter() - start
        with session_scope(services.db) as session:
            report = session.get(ConsoleJob, saved.job_id)
            assert report is not None
        assert isinstance(services.jobs, InProcessQueue)  # no Redis set: jobs run here
        services.jobs.drain()
        everything = time.perf_counter() - start
        board = board_at - start
        with session_scope(services.db) as session:
            subs = repo.list_themes(session=session, consultation_id=consultation_id)
            broad = repo.list_themes(
                session=session, consultation_id=consultation_id, level="broad"
            )
        services.db.dispose()
    after = _baselines(embedder, texts)
    alone, with_clauses = (before[0] + after[0]) / 2, (before[1] + after[1]) / 2
    print(f"{report.rows_stored} answers imported ({report.rows_duplicate} duplicates skipped)")
    print(f"{len(broad)} broad themes, {len(subs) - 1} sub-themes\n")
    print("| stage | s |")
    print("|---|---|")
    print(f"| upload + import job | {imported:.1f} |")
    for _, _, stage in STAGES:
        print(f"| {stage} | {spent[stage]:.1f} |")
    print(f"| **upload to themed board** | **{board:.1f}** |")
    print(f"| upload to every answer redacted too | {everything:.1f} |")
    print(
        f"| baseline: embedding the answers alone (before {before[0]:.1f}, "
        f"after {after[0]:.1f}) | {alone:.1f} |"
    )
    print(
        f"| baseline: embedding answers + clauses alone (before {before[1]:.1f}, "
        f"after {after[1]:.1f}) | {with_clauses:.1f} |"
    )
    print(f"\nboard / embedding alone = {board / alone:.2f}")
    print(f"board / embedding answers + clauses = {board / with_clauses:.2f}")


if __name__ == "__main__":
    main()
