"""Theme quality and speed, with baselines run in the same process on the same vectors.

Usage:
    .venv/bin/python bench/themes.py                 # quality table (all sets)
    .venv/bin/python bench/themes.py --speed         # refit / assignment / scaling
    .venv/bin/python bench/themes.py --discover      # `themes discover` on 10,000 answers
    .venv/bin/python bench/themes.py --discover --answers 100   # the cold CLI
    .venv/bin/python bench/themes.py --discover --answers 100 --baseline REV  # vs git REV

Sets (../shared/data, never copied): clinc150_val (+ its out-of-scope set as noise),
held-out splits of banking77_train and hwu64_train (3,000 rows each, seed 20261122, disjoint
from the 6,000-row development subsets the defaults were tuned on), hwu64 at scenario
level (18 coarse labels: a set with few big themes), the parallel English/Welsh answers in
bench/data (24 topics) and the Pol.is statements (no labels: count, "other", labels only).
Vectors are cached in --cache (outside the repository) so a rerun does not re-embed.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import resource
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"
SEED = 20261122


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def held_out(name: str, size: int = 3000) -> list[dict[str, str]]:
    rows = read_csv(DATA / "themes" / f"{name}.csv")
    rng = np.random.default_rng(SEED)
    dev = set(rng.choice(len(rows), min(6000, len(rows)), replace=False).tolist())
    rest = [i for i in range(len(rows)) if i not in dev]
    pick = np.sort(
        np.random.default_rng(SEED + 1).choice(rest, min(size, len(rest)), replace=False)
    )
    return [rows[i] for i in pick]


def labelled_sets() -> dict[str, tuple[list[str], list[str], list[str]]]:
    """name -> (texts, labels, languages)."""
    sets: dict[str, tuple[list[str], list[str], list[str]]] = {}
    clinc = read_csv(DATA / "themes" / "clinc150_val.csv")
    sets["clinc150_val"] = (
        [r["text"] for r in clinc],
        [r["label"] for r in clinc],
        ["en"] * len(clinc),
    )
    oos = read_csv(DATA / "themes" / "clinc150_oos_val.csv")
    both = clinc + oos
    sets["clinc150_val+oos"] = (
        [r["text"] for r in both],
        [r["label"] for r in both],
        ["en"] * len(both),
    )
    bank = held_out("banking77_train")
    sets["banking77_test"] = (
        [r["text"] for r in bank],
        [r["label"] for r in bank],
        ["en"] * len(bank),
    )
    hwu = held_out("hwu64_train")
    sets["hwu64_test"] = ([r["text"] for r in hwu], [r["label"] for r in hwu], ["en"] * len(hwu))
    sets["hwu64_scenarios"] = (
        [r["text"] for r in hwu],
        [r["label"].split("_")[0] for r in hwu],
        ["en"] * len(hwu),
    )
    parallel = read_csv(ROOT / "bench" / "data" / "parallel_en_cy.csv")
    sets["parallel_en+cy"] = (
        [r["en"] for r in parallel] + [r["cy"] for r in parallel],
        [r["topic"] for r in parallel] * 2,
        ["en"] * len(parallel) + ["cy"] * len(parallel),
    )
    return sets


def polis_sets() -> dict[str, list[str]]:
    out = {}
    for path in sorted((DATA / "civic").glob("polis_*.csv")):
        rows = read_csv(path)
        texts = [r["text"] for r in rows if r.get("lang", "en") in ("en", "")]
        if len(texts) >= 200:
            out[path.stem] = texts
    return out


def get_embedder() -> object:
    from nlp.embeddings import EmbeddingError, default_embedder

    try:
        return default_embedder()
    except EmbeddingError as error:
        from nlp.embeddings.minilm import MiniLMEmbedder

        print(f"# default embedder unavailable ({error}); using MiniLM alone", file=sys.stderr)
        return MiniLMEmbedder()


def embed(embedder: object, texts: list[str], langs: list[str], cache: Path) -> np.ndarray:
    name = str(embedder.name)  # type: ignore[attr-defined]
    if ";other=" in name and all(lang == "en" for lang in langs):
        # English answers only go through MiniLM: a new Welsh map changes nothing here.
        name = name.split(";other=")[0]
    key = hashlib.sha256((name + "\x00" + "\x00".join(texts)).encode()).hexdigest()[:20]
    path = cache / f"{key}.npy"
    if path.exists():
        return np.asarray(np.load(path), dtype=np.float32)
    vectors = np.asarray(embedder.encode(texts, languages=langs), dtype=np.float32)  # type: ignore[attr-defined]
    cache.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors


def accuracy(labels: np.ndarray, found: np.ndarray) -> float:
    from scipy.optimize import linear_sum_assignment

    _, y = np.unique(labels, return_inverse=True)
    _, f = np.unique(found, return_inverse=True)
    table = np.zeros((f.max() + 1, y.max() + 1))
    np.add.at(table, (f, y), 1)
    rows, cols = linear_sum_assignment(-table)
    return float(table[rows, cols].sum() / len(labels))


def scores(labels: list[str], found: np.ndarray) -> dict[str, float]:
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    y = np.asarray(labels)
    return {
        "nmi": normalized_mutual_info_score(y, found),
        "ari": adjusted_rand_score(y, found),
        "acc": accuracy(y, found),
    }


# -- methods: each returns primary labels (-1 = other) -------------------------------------
def ours(texts: list[str], vectors: np.ndarray, langs: list[str], k: int | None) -> np.ndarray:
    from nlp.themes import ThemeModel

    return ThemeModel().fit(texts, embeddings=vectors, languages=langs, about_n=k).labels_


def kmeans_true_k(vectors: np.ndarray, k: int) -> np.ndarray:
    from sklearn.cluster import KMeans

    return np.asarray(KMeans(k, n_init=3, random_state=0).fit(vectors).labels_)


def tfidf_kmeans(texts: list[str], k: int) -> np.ndarray:
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(sublinear_tf=True, min_df=1).fit_transform(texts)
    return np.asarray(KMeans(k, n_init=3, random_state=0).fit(matrix).labels_)


def bertopic_style(vectors: np.ndarray) -> np.ndarray | None:
    try:
        import umap  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return None
    from sklearn.cluster import HDBSCAN

    reduced = umap.UMAP(
        n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=42
    ).fit_transform(vectors)
    return np.asarray(
        HDBSCAN(min_cluster_size=10, metric="euclidean", cluster_selection_method="eom")
        .fit(reduced)
        .labels_
    )


def quality(args: argparse.Namespace) -> None:
    embedder = get_embedder()
    print(f"embedder: {embedder.name}")  # type: ignore[attr-defined]
    header = "| set | method | k found / true | NMI | ARI | acc | other | time s | peak RSS MB |"
    print(header)
    print("|" + "---|" * 9)
    for name, (texts, labels, langs) in labelled_sets().items():
        if args.sets and name not in args.sets:
            continue
        vectors = embed(embedder, texts, langs, args.cache)
        true_k = len(set(labels))
        runs: list[tuple[str, Callable[[], np.ndarray | None]]] = [
            ("ours (k not given)", partial(ours, texts, vectors, langs, None)),
            ("ours, about_n = true k", partial(ours, texts, vectors, langs, true_k)),
            ("MiniLM + k-means (true k)", partial(kmeans_true_k, vectors, true_k)),
            ("TF-IDF + k-means (true k)", partial(tfidf_kmeans, texts, true_k)),
            ("BERTopic-style UMAP+HDBSCAN", partial(bertopic_style, vectors)),
        ]
        first = None
        for method, run in runs:
            start = time.perf_counter()
            found = run()
            took = time.perf_counter() - start
            if found is None:
                print(f"| {name} | {method} | (umap-learn not installed: pip install '.[bench]') |")
                continue
            if first is None:
                first = found
                again = ours(texts, vectors, langs, None)
                assert np.array_equal(first, again), "a re-run gave different themes"
            s = scores(labels, found)
            k = len(set(found.tolist()) - {-1})
            print(
                f"| {name} | {method} | {k} / {true_k} | {s['nmi']:.3f} | {s['ari']:.3f} | "
                f"{s['acc']:.3f} | {float((found < 0).mean()):.1%} | {took:.1f} | {rss_mb():.0f} |",
                flush=True,
            )
        if name == "parallel_en+cy" and first is not None:
            n = len(texts) // 2
            print(
                f"| {name} | Welsh answer and English twin share primary theme | "
                f"{float(((first[:n] == first[n:]) & (first[:n] >= 0)).mean()):.1%} of {n} pairs |"
            )
    for name, texts in polis_sets().items():
        if args.sets and name not in args.sets:
            continue
        from nlp.themes import ThemeModel

        vectors = embed(embedder, texts, ["en"] * len(texts), args.cache)
        start = time.perf_counter()
        model = ThemeModel().fit(texts, embeddings=vectors, languages=["en"] * len(texts))
        took = time.perf_counter() - start
        biggest = sorted(model.themes_, key=lambda t: -t.size)[:4]
        print(
            f"| {name} | ours | {len(model.themes_)} / - | - | - | - | {model.other_share_:.1%} | "
            f"{took:.1f} | {rss_mb():.0f} | " + "; ".join(t.label for t in biggest),
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--cache", type=Path, default=Path("/tmp/whatmatters-bench-cache"))
    parser.add_argument("--sets", nargs="*", default=None)
    parser.add_argument("--speed", action="store_true")
    parser.add_argument("--discover", action="store_true")
    parser.add_argument("--refit-sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--answers", type=int, default=10_000, help="--discover: answers")
    parser.add_argument("--runs", type=int, default=3, help="--discover: runs per variant")
    parser.add_argument(
        "--baseline", default=None, help="--discover: compare with the command at this git revision"
    )
    args = parser.parse_args()
    if not args.discover:
        from bench.themes_discover import PACKAGES
        from bench.versions import versions_line

        # Results a council publishes must be reproducible: say what produced them.
        print(f"# {versions_line(PACKAGES)}")
    if args.speed:
        from bench.themes_speed import speed

        speed(args)
    elif args.discover:
        from bench.themes_discover import discover

        discover(args)
    else:
        quality(args)


if __name__ == "__main__":
    main()
