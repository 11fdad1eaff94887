"""Embedding benchmark: speed, memory and Welsh↔English agreement of each embedder.

Run: ``.venv/bin/python bench/embeddings.py`` (a few minutes on 2 cores).

Speed and memory are measured per model in a fresh child process (so one model's peak
RSS does not hide another's): load time, sentences per second on the English answers of
bench/data/parallel_en_cy.csv repeated to 960 texts, and peak RSS. Cross-lingual
agreement uses the 240 English/Welsh pairs of the same file (see bench/crosslingual.py
for each measure) for: MiniLM alone, e5 alone, and the bilingual default (MiniLM for
English, e5 → linear map for Welsh), with languages given and with languages detected
by nlp.langid as in production.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.crosslingual import crosslingual_scores, load_parallel  # noqa: E402

MODELS = ("minilm", "e5", "hashing", "bilingual")


def _build(name: str) -> object:
    if name == "minilm":
        from nlp.embeddings.minilm import MiniLMEmbedder

        return MiniLMEmbedder()
    if name == "e5":
        from nlp.embeddings.e5 import E5Embedder

        return E5Embedder()
    if name == "hashing":
        from nlp.embeddings.hashing import HashingEmbedder

        return HashingEmbedder()
    from nlp.embeddings import default_embedder

    return default_embedder()


def measure_one(name: str) -> dict[str, float | str]:
    """Load one embedder and time it (runs in a child process)."""
    parallel = load_parallel()
    english = parallel.en * 4
    welsh = parallel.cy * 2
    t0 = time.perf_counter()
    embedder = _build(name)
    load_s = time.perf_counter() - t0
    embedder.encode(english[:16])  # type: ignore[attr-defined]  # warm caches
    t1 = time.perf_counter()
    embedder.encode(english)  # type: ignore[attr-defined]
    en_rate = len(english) / (time.perf_counter() - t1)
    t2 = time.perf_counter()
    embedder.encode(welsh)  # type: ignore[attr-defined]
    cy_rate = len(welsh) / (time.perf_counter() - t2)
    t3 = time.perf_counter()
    embedder.encode([english[5]])  # type: ignore[attr-defined]
    single_ms = (time.perf_counter() - t3) * 1000
    return {
        "model": name,
        "name": embedder.name,  # type: ignore[attr-defined]
        "load_s": load_s,
        "en_per_s": en_rate,
        "cy_per_s": cy_rate,
        "single_ms": single_ms,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def crosslingual_table() -> list[tuple[str, dict[str, float]]]:
    """Agreement of Welsh answers with their English twins for each approach."""
    from nlp.embeddings import default_embedder
    from nlp.embeddings.e5 import E5Embedder
    from nlp.embeddings.minilm import MiniLMEmbedder
    from nlp.langid import identify

    p = load_parallel()
    minilm, e5, bilingual = MiniLMEmbedder(), E5Embedder(), default_embedder()
    en_m = minilm.encode(p.en)
    en_e = e5.encode(p.en)
    detected_en = [identify(t) for t in p.en]
    detected_cy = [identify(t) for t in p.cy]
    rows = [
        ("MiniLM alone (en and cy)", crosslingual_scores(en_m, minilm.encode(p.cy), p.topic)),
        ("e5 alone (en and cy)", crosslingual_scores(en_e, e5.encode(p.cy), p.topic)),
        (
            "bilingual, languages given",
            crosslingual_scores(
                en_m, bilingual.encode(p.cy, languages=["cy"] * len(p.cy)), p.topic
            ),
        ),
        (
            "bilingual, languages detected",
            crosslingual_scores(
                bilingual.encode(p.en, languages=detected_en),
                bilingual.encode(p.cy, languages=detected_cy),
                p.topic,
            ),
        ),
    ]
    en_ok = sum(lang == "en" for lang in detected_en) / len(p.en)
    cy_ok = sum(lang == "cy" for lang in detected_cy) / len(p.cy)
    print(f"langid on the parallel set: en→en {en_ok:.3f}, cy→cy {cy_ok:.3f}")
    return rows


def speed_table() -> None:
    """Print load time, throughput and peak RSS, one child process per model."""
    print("## speed and memory (one child process per model)")
    print("| embedder | load s | en sent/s | cy sent/s | one answer ms | peak RSS MB |")
    print("|---|---:|---:|---:|---:|---:|")
    for name in MODELS:
        out = subprocess.run(
            [sys.executable, __file__, "--only", name],
            capture_output=True,
            text=True,
            check=True,
        )
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"| {r['model']} | {r['load_s']:.2f} | {r['en_per_s']:.0f} | {r['cy_per_s']:.0f} "
            f"| {r['single_ms']:.1f} | {r['peak_rss_mb']:.0f} |",
            flush=True,
        )
    print(f"load average after the runs: {os.getloadavg()[0]:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=MODELS, help=argparse.SUPPRESS)
    parser.add_argument("--skip-speed", action="store_true", help="cross-lingual table only")
    args = parser.parse_args()
    if args.only:
        print(json.dumps(measure_one(args.only)))
        return
    if not args.skip_speed:
        speed_table()
    print("\n## Welsh answers vs their English twins (240 pairs, 24 topics)")
    print("| approach | r@1 cy→en | r@5 | NN same topic | assign agree | joint agree | twin cos |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, s in crosslingual_table():
        print(
            f"| {label} | {s['retrieval@1']:.3f} | {s['retrieval@5']:.3f} | {s['nn_topic']:.3f} "
            f"| {s['assign_agree']:.3f} | {s['joint_agree']:.3f} "
            f"| {s['twin_cos']:.2f} (others {s['random_cos']:.2f}) |"
        )


if __name__ == "__main__":
    main()
