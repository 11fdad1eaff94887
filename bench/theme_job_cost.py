"""What one themed answer costs a worker: CPU and wall time per answer, by batch size.

Runs the worker's own jobs (``theme_answer``, or ``answer_stored`` = theming plus
redaction) on a fresh SQLite file with the shipped embedder, N jobs submitted together
from N threads as a worker's job threads do, after a first refit so that answers are
assigned to themes. CPU is this process's user+sys time (``resource``), the figure a
shared machine distorts least; batch size 1 is the baseline of the same run.

    .venv/bin/python bench/theme_job_cost.py [--job answer_stored] [--answers 128]
    .venv/bin/python bench/theme_job_cost.py --profile   # where a batch of 64 goes
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import resource
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.scale_load import answer_text  # noqa: E402
from bench.versions import versions_line  # noqa: E402


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--job", choices=["theme_answer", "answer_stored"], default="theme_answer")
    parser.add_argument("--answers", type=int, default=128, help="answers per batch size")
    parser.add_argument("--sizes", default="1,8,32,64")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    from app.jobs.batching import Batcher
    from app.jobs.catalogue import _RedactionWiring, register_answer_stored_job
    from app.jobs.queue import JobRegistry
    from app.jobs.theming import REFIT, register_theming_jobs
    from console.redact import redact_one, register_redaction_job
    from nlp.embeddings import default_embedder
    from storage.db import make_engine, session_scope
    from storage.migrate import upgrade
    from storage.repositories.answers import create_answer
    from storage.repositories.consultations import create_consultation
    from storage.repositories.redaction_words import NO_WORDS

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/cost.db"
        upgrade(url)
        engine = make_engine(url)
        with session_scope(engine) as session:
            consultation = create_consultation(
                session=session,
                slug="cost",
                keyword="COST",
                title_en="Cost",
                title_cy="Cost",
                questions=[{"kind": "open", "prompt_en": "What?", "prompt_cy": "Beth?"}],
            )
            consultation_id = int(consultation.id or 0)
        next_index = 0

        def add(count: int) -> list[int]:
            nonlocal next_index
            with session_scope(engine) as session:
                ids = [
                    create_answer(
                        session=session,
                        consultation_id=consultation_id,
                        channel="sms",
                        text=answer_text(next_index + i),
                        received_at=datetime.now(UTC),
                    )
                    for i in range(count)
                ]
            next_index += count
            return ids

        embedder = default_embedder()
        embedder.encode(["warm up"], languages=["en"])
        redact_one("warm up", "en", NO_WORDS)
        registry = JobRegistry()
        register_theming_jobs(registry, engine, embedder=embedder)
        register_redaction_job(_RedactionWiring(db=engine, job_registry=registry))
        register_answer_stored_job(registry)
        add(200)
        registry.run(REFIT, {"consultation_id": consultation_id})

        def together(ids: Sequence[int]) -> tuple[float, float]:
            threads = [
                threading.Thread(target=registry.run, args=(args.job, {"answer_id": a}))
                for a in ids
            ]
            wall, cpu = time.perf_counter(), cpu_seconds()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            return time.perf_counter() - wall, cpu_seconds() - cpu

        print(versions_line())
        print(f"job {args.job}; load average {os.getloadavg()[0]:.1f} at start")
        baseline = 0.0
        for size in (int(s) for s in args.sizes.split(",")):
            together(add(size))  # this size's first batch: caches, threads
            wall = cpu = 0.0
            rounds = max(1, args.answers // size)
            for _ in range(rounds):
                w, c = together(add(size))
                wall, cpu = wall + w, cpu + c
            per_cpu, per_wall = 1000 * cpu / (rounds * size), 1000 * wall / (rounds * size)
            baseline = baseline or per_cpu
            print(
                f"batches of {size:3}: CPU {per_cpu:5.1f} ms/answer "
                f"({per_cpu / baseline:.2f} x batches of 1), wall {per_wall:5.1f} ms/answer, "
                f"load {os.getloadavg()[0]:.1f}"
            )
        if args.profile:
            # A batch runs on whichever job thread got there first: profile that call.
            profile = cProfile.Profile()
            real = Batcher._work_or_split

            def profiled(self: Batcher[int], batch: list[object]) -> None:
                profile.enable()
                try:
                    real(self, batch)  # type: ignore[arg-type]
                finally:
                    profile.disable()

            Batcher._work_or_split = profiled  # type: ignore[method-assign, assignment]
            for _ in range(4):
                together(add(64))
            pstats.Stats(profile).sort_stats("cumulative").print_stats(30)
        engine.dispose()


if __name__ == "__main__":
    main()
