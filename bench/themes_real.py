"""Themes on real coded answers: the NHS Friends and Family Test file, Pol.is, intent sets.

Usage:
    python bench/themes_real.py                 # everything (a few minutes on 2 shared cores)
    python bench/themes_real.py --quick         # skip the BERTopic-style baseline

Every method gets the same vectors in the same run (cached outside the repository in
--cache). "Ours" is ``nlp.themes.ThemeModel`` with its defaults: the broad level is the
tree's default cut, the sub level its fine themes. Baselines: MiniLM + k-means told the
true k, and a BERTopic-style pipeline (UMAP 5-d + HDBSCAN, min cluster 10).

Scores (NMI, ARI) are of the primary theme, "other" counted as one more cluster. "codes in
use" counts the codes holding >= 2 % of the answers (the issue's yardstick for counts).
Nested samples: one shuffle of the NHS file, its first 1k / 2k / 4k / 8k answers.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.themes import DATA, embed, get_embedder, held_out, read_csv  # noqa: E402

NHS = DATA / "themes" / "nhs_fft_phase1.csv"
POLIS = DATA / "civic" / "polis_bg2050-volunteers.csv"
SEED = 20261205


def codes_in_use(labels: list[str], share: float = 0.02) -> int:
    counts = Counter(labels)
    return sum(1 for c in counts.values() if c >= share * len(labels))


def score(labels: list[str], found: np.ndarray) -> tuple[float, float]:
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    y = np.asarray(labels)
    return float(normalized_mutual_info_score(y, found)), float(adjusted_rand_score(y, found))


def kmeans(vectors: np.ndarray, k: int) -> np.ndarray:
    from sklearn.cluster import KMeans

    return np.asarray(KMeans(k, n_init=3, random_state=0).fit(vectors).labels_)


def bertopic_style(vectors: np.ndarray) -> np.ndarray | None:
    try:
        import umap  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError:
        return None
    from sklearn.cluster import HDBSCAN

    reduced = umap.UMAP(
        n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=42
    ).fit_transform(vectors)
    return np.asarray(
        HDBSCAN(min_cluster_size=10, cluster_selection_method="eom").fit(reduced).labels_
    )


def fit_ours(
    texts: list[str], vectors: np.ndarray, langs: list[str] | None = None, *, before: bool = False
) -> object:
    from nlp.themes import AdaptiveClusterer, ThemeModel

    # before=True: the engine as it was (HDBSCAN's count only, no floor, no tree).
    clusterer = AdaptiveClusterer(themes_per_root=0.0) if before else None
    return ThemeModel(clusterer=clusterer).fit(
        texts, embeddings=vectors, languages=langs or ["en"] * len(texts)
    )


def levels(model: object) -> dict[str, np.ndarray]:
    """Per answer: sub-theme (fine) and broad theme (tree default cut), -1 = other."""
    sub = np.asarray(model.labels_)  # type: ignore[attr-defined]
    tree = getattr(model, "tree_", None)
    if tree is None:
        return {"sub": sub, "broad": sub}
    broad = np.where(sub >= 0, tree.parent_of[np.maximum(sub, 0)], -1)
    return {"sub": sub, "broad": broad}


def row(*cells: object) -> None:
    print("| " + " | ".join(str(c) for c in cells) + " |", flush=True)


def labelled(
    name: str,
    texts: list[str],
    by_level: dict[str, list[str]],
    vectors: np.ndarray,
    args: argparse.Namespace,
) -> object:
    start = time.perf_counter()
    model = fit_ours(texts, vectors)
    took = time.perf_counter() - start
    ours = levels(model)
    old = np.asarray(fit_ours(texts, vectors, before=True).labels_)  # type: ignore[attr-defined]
    other = float((ours["sub"] < 0).mean())
    bertopic = None if args.quick else bertopic_style(vectors)
    for level, labels in by_level.items():
        true_k = len(set(labels))
        in_use = codes_in_use(labels)
        km = kmeans(vectors, true_k)
        km_nmi, km_ari = score(labels, km)
        for ours_level in ("broad", "sub"):
            found = ours[ours_level]
            nmi, ari = score(labels, found)
            k = len(set(found.tolist()) - {-1})
            row(
                name,
                level,
                f"ours, {ours_level} (default)",
                f"{k} / {true_k} ({in_use} in use)",
                f"{nmi:.3f}",
                f"{ari:.3f}",
                f"{nmi - km_nmi:+.3f}",
                f"{ari - km_ari:+.3f}",
                f"{other:.1%}",
                f"{took:.1f}",
            )
        nmi, ari = score(labels, old)
        row(
            name,
            level,
            "engine before this change (HDBSCAN count)",
            f"{len(set(old.tolist()) - {-1})} / {true_k}",
            f"{nmi:.3f}",
            f"{ari:.3f}",
            f"{nmi - km_nmi:+.3f}",
            f"{ari - km_ari:+.3f}",
            f"{float((old < 0).mean()):.1%}",
            "-",
        )
        row(
            name,
            level,
            "MiniLM + k-means (true k)",
            f"{true_k} / {true_k}",
            f"{km_nmi:.3f}",
            f"{km_ari:.3f}",
            "0",
            "0",
            "0",
            "-",
        )
        if bertopic is not None:
            nmi, ari = score(labels, bertopic)
            k = len(set(bertopic.tolist()) - {-1})
            row(
                name,
                level,
                "BERTopic-style",
                f"{k} / {true_k}",
                f"{nmi:.3f}",
                f"{ari:.3f}",
                f"{nmi - km_nmi:+.3f}",
                f"{ari - km_ari:+.3f}",
                f"{float((bertopic < 0).mean()):.1%}",
                "-",
            )
    return model


def label_examples(name: str, model: object, n: int = 10) -> None:
    themes = sorted(model.themes_, key=lambda t: -t.size)  # type: ignore[attr-defined]
    print(f"{name} sub-theme labels (largest first): " + "; ".join(t.label for t in themes[:n]))
    tree = getattr(model, "tree_", None)
    if tree is not None:
        print(f"{name} broad labels: " + "; ".join(tree.labels))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/whatmatters-bench-cache"))
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--skip-intents", action="store_true")
    args = parser.parse_args()
    embedder = get_embedder()
    print(f"embedder: {embedder.name}")  # type: ignore[attr-defined]
    rows = [r for r in read_csv(NHS) if r["text"].strip()]
    order = np.random.default_rng(SEED).permutation(len(rows))
    rows = [rows[i] for i in order]
    texts = [r["text"] for r in rows]
    vectors = embed(embedder, texts, ["en"] * len(texts), args.cache)
    print(
        "| set | codes | method | themes / codes | NMI | ARI | ΔNMI vs k-means | ΔARI "
        "| other | fit s |"
    )
    print("|" + "---|" * 10)
    model = labelled(
        "NHS FFT (10,302)",
        texts,
        {"major": [r["label"] for r in rows], "sub": [r["subcategory"] for r in rows]},
        vectors,
        args,
    )
    if not args.skip_intents:
        for set_name, set_rows in (
            ("clinc150_val", read_csv(DATA / "themes" / "clinc150_val.csv")),
            ("banking77 held-out 3k", held_out("banking77_train")),
        ):
            set_texts = [r["text"] for r in set_rows]
            set_vectors = embed(embedder, set_texts, ["en"] * len(set_texts), args.cache)
            labelled(
                set_name, set_texts, {"intent": [r["label"] for r in set_rows]}, set_vectors, args
            )
    print()
    print("Nested NHS samples (same shuffle, first n answers):")
    print(
        "| n | broad themes | sub-themes | ratio broad vs previous | themes before this change "
        "| other "
        "| broad NMI major | sub NMI sub |"
    )
    print("|---|---|---|---|---|---|---|---|")
    previous = None
    for n in (1000, 2000, 4000, 8000):
        nested = fit_ours(texts[:n], vectors[:n])
        found = levels(nested)
        broad = len(set(found["broad"].tolist()) - {-1})
        sub = len(set(found["sub"].tolist()) - {-1})
        ratio = "-" if previous is None else f"x{broad / max(1, previous):.2f}"
        previous = broad
        before = fit_ours(texts[:n], vectors[:n], before=True)
        old_k = len(set(np.asarray(before.labels_).tolist()) - {-1})  # type: ignore[attr-defined]
        row(
            n,
            broad,
            sub,
            ratio,
            old_k,
            f"{float((found['sub'] < 0).mean()):.1%}",
            f"{score([r['label'] for r in rows[:n]], found['broad'])[0]:.3f}",
            f"{score([r['subcategory'] for r in rows[:n]], found['sub'])[0]:.3f}",
        )
    print()
    label_examples("NHS", model)
    polis = [r["text"] for r in read_csv(POLIS) if r.get("lang", "en") in ("en", "")]
    polis_vectors = embed(embedder, polis, ["en"] * len(polis), args.cache)
    polis_model = fit_ours(polis, polis_vectors)
    found = levels(polis_model)
    print(
        f"Pol.is bg2050-volunteers ({len(polis)}): "
        f"{len(set(found['broad'].tolist()) - {-1})} broad, "
        f"{len(set(found['sub'].tolist()) - {-1})} sub-themes, "
        f"other {float((found['sub'] < 0).mean()):.1%}"
    )
    label_examples("Pol.is", polis_model)
    print()
    sentiment(rows)


def sentiment(rows: list[dict[str, str]]) -> None:
    """Ours vs plain VADER thresholds vs the majority class, against ``criticality``."""
    from sklearn.metrics import accuracy_score, f1_score
    from vaderSentiment.vaderSentiment import (  # type: ignore[import-untyped]
        SentimentIntensityAnalyzer,
    )

    from nlp.themes.sentiment import answer_sentiment

    def gold(value: str) -> str | None:
        try:
            number = int(value)
        except ValueError:
            return None
        return "critical" if number < 0 else "positive" if number > 0 else "mixed"

    vader = SentimentIntensityAnalyzer()

    def plain(text: str) -> str:
        c = vader.polarity_scores(text)["compound"]
        return "critical" if c <= -0.05 else "positive" if c >= 0.05 else "mixed"

    print("Sentiment vs NHS `criticality` (<0 critical, 0 mixed/neutral, >0 positive):")
    print("| rows | method | accuracy | macro-F1 |")
    print("|---|---|---|---|")
    subsets = {
        "all coded": rows,
        # Trust B codes almost every answer 0 (even praise): its rows say little.
        "trusts A + C": [r for r in rows if r["organization"] != "Trust B"],
    }
    for name, subset in subsets.items():
        pairs = [(r["text"], g) for r in subset if (g := gold(r["criticality"]))]
        truth = [g for _, g in pairs]
        majority = Counter(truth).most_common(1)[0][0]
        for method, predict in (
            ("ours", lambda t: answer_sentiment(t).value),
            ("VADER compound ±0.05", plain),
            ("majority class", lambda t, m=majority: m),
        ):
            found = [predict(t) for t, _ in pairs]
            row(
                f"{name} ({len(pairs)})",
                method,
                f"{accuracy_score(truth, found):.3f}",
                f"{f1_score(truth, found, average='macro'):.3f}",
            )


if __name__ == "__main__":
    main()
