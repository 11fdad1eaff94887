"""Speed of theming (imported by bench/themes.py --speed / --discover).

Refit and scaling use stored vectors only (no embedding), as the service does. The
1k/10k/100k curve draws from the real vectors of the benchmark sets (cached by
bench/themes.py); beyond the 9,000 distinct real answers, rows are resampled real
vectors with small Gaussian noise (sigma 0.01 per dimension, then re-normalised), so
the 100k point measures cost, not quality.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import UTC, datetime

import numpy as np

from bench.themes import embed, get_embedder, labelled_sets, rss_mb


def _pool(args: argparse.Namespace) -> tuple[list[str], np.ndarray]:
    embedder = get_embedder()
    texts: list[str] = []
    vectors = []
    for name in ("clinc150_val", "banking77_test", "hwu64_test"):
        t, _, langs = labelled_sets()[name]
        texts += t
        vectors.append(embed(embedder, t, langs, args.cache))
    return texts, np.concatenate(vectors)


def _sample(texts: list[str], pool: np.ndarray, n: int) -> tuple[list[str], np.ndarray]:
    rng = np.random.default_rng(7)
    if n <= len(pool):
        rows = rng.choice(len(pool), n, replace=False)
        return [texts[i] for i in rows], pool[rows]
    rows = rng.integers(0, len(pool), n)
    noisy = pool[rows] + rng.normal(scale=0.01, size=(n, pool.shape[1])).astype(np.float32)
    noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
    return [texts[i] for i in rows], noisy.astype(np.float32)


def _p(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values) * 1000, q))


def speed(args: argparse.Namespace) -> None:
    from nlp.themes import ThemeModel

    texts, pool = _pool(args)
    # Warm up: imports and the spaCy pipelines load once per process, not per fit.
    ThemeModel().fit(texts[:300], embeddings=pool[:300])
    print("| answers | themes | fit s (vectors cached) | peak RSS MB |")
    print("|---|---|---|---|")
    for n in (1_000, 10_000, 100_000):
        t, v = _sample(texts, pool, n)
        start = time.perf_counter()
        model = ThemeModel().fit(t, embeddings=v)
        print(
            f"| {n:,} | {len(model.themes_)} | {time.perf_counter() - start:.1f} | "
            f"{rss_mb():.0f} |",
            flush=True,
        )
    # Incremental assignment of one answer against the 10k model's themes.
    t, v = _sample(texts, pool, 10_000)
    model = ThemeModel().fit(t, embeddings=v)
    probe = _sample(texts, pool, 2_000)[1]
    times = []
    for row in probe:
        start = time.perf_counter()
        model.assign(row[None, :])
        times.append(time.perf_counter() - start)
    print(
        f"\nincremental assignment (vector in hand, {len(model.themes_)} themes): "
        f"p50 {_p(times, 50):.2f} ms, p99 {_p(times, 99):.2f} ms"
    )
    _service(args, texts, pool)


def _service(args: argparse.Namespace, texts: list[str], pool: np.ndarray) -> None:
    from nlp.themes import service
    from nlp.themes.vectors import to_bytes
    from storage.db import make_engine, session_scope
    from storage.migrate import upgrade
    from storage.repositories import embeddings as embedding_repo
    from storage.repositories.answers import create_answer
    from storage.repositories.consultations import create_consultation

    embedder = get_embedder()
    print("\n| stored answers | refit s (SQLite, vectors stored) | themes | peak RSS MB |")
    print("|---|---|---|---|")
    for n in args.refit_sizes:
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{tmp}/bench.db"
            upgrade(url)
            engine = make_engine(url)
            t, v = _sample(texts, pool, n)
            with session_scope(engine) as session:
                c = create_consultation(
                    session=session,
                    slug="bench",
                    keyword="BENCH",
                    title_en="b",
                    title_cy="b",
                    questions=[{"kind": "open", "prompt_en": "q", "prompt_cy": "q"}],
                )
                when = datetime(2026, 1, 1, tzinfo=UTC)
                ids = [
                    create_answer(
                        session=session,
                        consultation_id=int(c.id or 0),
                        channel="import",
                        text=x,
                        received_at=when,
                    )
                    for x in t
                ]
                embedding_repo.save_embeddings(
                    session=session,
                    rows=[
                        (a, embedder.name, v.shape[1], to_bytes(row), "en", None)  # type: ignore[attr-defined]
                        for a, row in zip(ids, v, strict=True)
                    ],
                )
            start = time.perf_counter()
            with session_scope(engine) as session:
                report = service.refit_consultation(
                    session=session, consultation_id=int(c.id or 0), embedder=embedder
                )
            took = time.perf_counter() - start
            print(f"| {n:,} | {took:.1f} | {report.themes} | {rss_mb():.0f} |", flush=True)
            if n == args.refit_sizes[0]:
                new = [create_answer_now(engine, int(c.id or 0), x) for x in t[:200]]
                times = []
                for answer_id, row in zip(new, v[:200], strict=True):
                    with session_scope(engine) as session:
                        embedding_repo.save_embeddings(
                            session=session,
                            rows=[
                                (answer_id, embedder.name, v.shape[1], to_bytes(row), "en", None)  # type: ignore[attr-defined]
                            ],
                        )
                    start = time.perf_counter()
                    with session_scope(engine) as session:
                        service.embed_and_assign(
                            session=session, answer_ids=[answer_id], embedder=embedder
                        )
                    times.append(time.perf_counter() - start)
                print(
                    f"\nincremental job with the database (vector stored, SQLite): "
                    f"p50 {_p(times, 50):.1f} ms, p99 {_p(times, 99):.1f} ms\n"
                )
            engine.dispose()


def create_answer_now(engine: object, consultation_id: int, text: str) -> int:
    from storage.db import session_scope
    from storage.repositories.answers import create_answer

    with session_scope(engine) as session:  # type: ignore[arg-type]
        return create_answer(
            session=session,
            consultation_id=consultation_id,
            channel="import",
            text=text,
            received_at=datetime(2026, 1, 1, tzinfo=UTC),
        )
