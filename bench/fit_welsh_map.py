"""Fit the linear map that carries multilingual-e5 vectors into all-MiniLM-L6-v2's space.

Why: MiniLM clusters English answers best but knows no Welsh; e5 knows Welsh. A linear
map from e5 to MiniLM lets Welsh answers join English ones in MiniLM's space.

What it learns from (all written for this project, none of it from a data set):
* English answers (bench/map_corpus.py): e5(text) → MiniLM(text). Fitted on these
  alone, the map keeps e5's language component and Welsh answers land off their twins
  (measured: retrieval@1 0.54 on the evaluation set).
* Composed English/Welsh pairs (bench/map_corpus_cy.py): e5(welsh) → MiniLM(english)
  and e5(english) → MiniLM(english), which teach the map to drop that component.

How: hold out 10 % of each part, fit ridge regression on centred vectors for a few
strengths (then undo ridge's shrinkage toward the mean, see :func:`deshrink`) and
orthogonal Procrustes for comparison, keep the variant with the best mean
held-out cosine, refit it on everything and write ``nlp/embeddings/e5_to_minilm.npz``.
bench/data/parallel_en_cy.csv is excluded from training and only reported, never used
to choose.

Run: ``.venv/bin/python bench/fit_welsh_map.py`` (the defaults rebuild the shipped map)
(~15 minutes on 2 busy cores, mostly e5; ``--cache PATH`` keeps the
embeddings for re-runs).

Since 2026-12-05 the shipped weight is chosen on real parallel text instead
(``bench/welsh.py --weights``): a map refitted on real parallel pairs did not generalise
across domains (bench/RESULTS.md, "Welsh"), so the map shipped is still the one this
script writes with its defaults. ``--mix`` scores the glossary's weight (``GLOSS_WEIGHT`` in
nlp/embeddings/bilingual.py): a Welsh answer's vector mixes its mapped e5 vector with
MiniLM's reading of its word-by-word English gloss (:mod:`nlp.lang.cy.gloss`). Each weight
is scored on the held-out composed pairs, through the map fitted without them: the
share whose nearest held-out English answer is their twin, then the mean cosine to it.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.crosslingual import crosslingual_scores, load_parallel  # noqa: E402
from bench.map_corpus import build_corpus  # noqa: E402
from bench.map_corpus_cy import parallel_pairs  # noqa: E402
from nlp.embeddings.bilingual import LinearMap  # noqa: E402
from nlp.embeddings.e5 import E5Embedder  # noqa: E402
from nlp.embeddings.minilm import MiniLMEmbedder, find_model_dir  # noqa: E402

OUT = ROOT / "nlp" / "embeddings" / "e5_to_minilm.npz"
SEED = 20261122
RIDGE = (0.01, 0.1, 1.0, 10.0)
MIX_WEIGHTS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def fit_ridge(x: np.ndarray, y: np.ndarray, lam: float) -> LinearMap:
    """Least squares with an L2 penalty on centred vectors."""
    mx, my = x.mean(axis=0), y.mean(axis=0)
    xc, yc = (x - mx).astype(np.float64), (y - my).astype(np.float64)
    gram = xc.T @ xc + lam * np.eye(x.shape[1])
    weight = np.linalg.solve(gram, xc.T @ yc)
    return LinearMap(weight, mx, my)


def deshrink(mapping: LinearMap, x: np.ndarray, y: np.ndarray) -> LinearMap:
    """Undo ridge's shrinkage toward the mean.

    Ridge predictions sit closer to the mean than real MiniLM vectors, so after
    normalisation every mapped answer leans toward the "average answer" and Welsh
    answers crowd together. Scaling the map so mapped vectors spread as far from the
    mean as the true vectors do (measured on the training rows) removes that lean.
    """
    spread = np.mean(np.linalg.norm(y - mapping.target_mean, axis=1))
    mapped = np.mean(np.linalg.norm((x - mapping.source_mean) @ mapping.weight, axis=1))
    return LinearMap(mapping.weight * (spread / mapped), mapping.source_mean, mapping.target_mean)


def fit_procrustes(x: np.ndarray, y: np.ndarray) -> LinearMap:
    """The best rotation (orthogonal map) between centred spaces."""
    mx, my = x.mean(axis=0), y.mean(axis=0)
    u, _, vt = np.linalg.svd((x - mx).T.astype(np.float64) @ (y - my), full_matrices=False)
    return LinearMap(u @ vt, mx, my)


def held_out_cosine(mapping: LinearMap, x: np.ndarray, y: np.ndarray) -> float:
    """Mean cosine between mapped e5 vectors and the true MiniLM vectors."""
    return float(np.mean(np.sum(mapping(x) * y, axis=1)))


def _embed(
    embedder: MiniLMEmbedder | E5Embedder, texts: list[str], cache: Path | None
) -> np.ndarray:
    """Embed texts, reusing ``cache`` (one file per model and text list) when present."""
    digest = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:12]
    path = cache.with_suffix(f".{digest}.{embedder.name.split('/')[0]}.npy") if cache else None
    if path is not None and path.exists():
        return np.load(path)
    t0 = time.perf_counter()
    vectors = embedder.encode(texts)
    print(f"embedded {len(texts)} with {embedder.name} in {time.perf_counter() - t0:.0f} s")
    if path is not None:
        np.save(path, vectors)
    return vectors


def _split(n: int) -> tuple[np.ndarray, np.ndarray]:
    order = np.random.default_rng(SEED).permutation(n)
    return order[n // 10 :], order[: n // 10]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=1500)
    parser.add_argument("--words", type=int, default=800)
    parser.add_argument("--pairs", type=int, default=2500, help="composed en/cy pairs (0: none)")
    parser.add_argument("--cache", type=Path, help="keep corpus embeddings beside this path")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--mix", action="store_true", help="also choose the gloss weight")
    args = parser.parse_args()

    parallel = load_parallel()
    excluded = {_key(t) for t in parallel.en}
    corpus = build_corpus(
        find_model_dir() / "vocab.txt", sentences=args.sentences, words=args.words, seed=SEED
    )
    pairs = parallel_pairs(args.pairs, SEED) if args.pairs else []
    before = len(corpus) + len(pairs)
    corpus = [t for t in corpus if _key(t) not in excluded]
    pairs = [(en, cy) for en, cy in pairs if _key(en) not in excluded]
    print(
        f"corpus: {len(corpus)} English texts + {len(pairs)} en/cy pairs "
        f"({before - len(corpus) - len(pairs)} dropped: in the evaluation set)",
        flush=True,
    )

    minilm, e5 = MiniLMEmbedder(), E5Embedder()
    x_en, y_en = _embed(e5, corpus, args.cache), _embed(minilm, corpus, args.cache)
    pair_en, pair_cy = [en for en, _ in pairs], [cy for _, cy in pairs]
    x_cy = _embed(e5, pair_cy, args.cache) if pairs else np.zeros((0, 384), np.float32)
    x_pe = _embed(e5, pair_en, args.cache) if pairs else np.zeros((0, 384), np.float32)
    y_pe = _embed(minilm, pair_en, args.cache) if pairs else np.zeros((0, 384), np.float32)
    # Rows: English corpus (e5 → MiniLM), then the pairs both ways into the English
    # twin's MiniLM vector, so the map learns to drop e5's language component.
    x = np.vstack([x_en, x_cy, x_pe])
    y = np.vstack([y_en, y_pe, y_pe])
    train_en, test_en = _split(len(corpus))
    train_p, test_p = _split(len(pairs))
    n_en, n_p = len(corpus), len(pairs)
    train = np.concatenate([train_en, n_en + train_p, n_en + n_p + train_p])

    en_par, cy_par = minilm.encode(parallel.en), e5.encode(parallel.cy)
    candidates: dict[str, LinearMap] = {
        f"ridge λ={lam:g}": deshrink(fit_ridge(x[train], y[train], lam), x[train], y[train])
        for lam in RIDGE
    }
    candidates["procrustes"] = fit_procrustes(x[train], y[train])
    print(f"{'variant':<16}{'cos en':>8}{'cos cy':>8}{'| eval: cy→en r@1':>19}{'assign':>8}")
    scores = {}
    for name, mapping in candidates.items():
        cos_en = held_out_cosine(mapping, x_en[test_en], y_en[test_en])
        cos_cy = held_out_cosine(mapping, x_cy[test_p], y_pe[test_p]) if n_p else float("nan")
        scores[name] = cos_en if not n_p else (cos_en + cos_cy) / 2
        par = crosslingual_scores(en_par, mapping(cy_par), parallel.topic)
        print(
            f"{name:<16}{cos_en:>8.3f}{cos_cy:>8.3f}"
            f"{par['retrieval@1']:>19.3f}{par['assign_agree']:>8.3f}"
        )
    best = max(scores, key=lambda name: scores[name])
    if args.mix and n_p:
        choose_gloss_weight(
            candidates[best],
            held_out=([pair_en[i] for i in test_p], [pair_cy[i] for i in test_p]),
            x_cy=x_cy[test_p],
            y_en=y_pe[test_p],
            parallel=(parallel, en_par, cy_par),
            minilm=minilm,
        )
    final = (
        fit_procrustes(x, y)
        if best == "procrustes"
        else deshrink(fit_ridge(x, y, float(best.split("=")[1])), x, y)
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    final.save(
        args.out,
        method=best,
        english_texts=n_en,
        pairs=n_p,
        seed=SEED,
        e5=e5.name,
        minilm=minilm.name,
        held_out_cosine=scores[best],
    )
    print(f"chose {best} (held-out cos {scores[best]:.3f}); wrote {args.out} (map {final.digest})")


def _mix(mapped: np.ndarray, read: np.ndarray, coverage: np.ndarray, w: float) -> np.ndarray:
    weights = (w * coverage)[:, None].astype(np.float32)
    mixed = (1.0 - weights) * mapped + weights * read
    out: np.ndarray = mixed / np.maximum(np.linalg.norm(mixed, axis=1, keepdims=True), 1e-12)
    return out


def choose_gloss_weight(
    mapping: LinearMap,
    *,
    held_out: tuple[list[str], list[str]],
    x_cy: np.ndarray,
    y_en: np.ndarray,
    parallel: tuple[object, np.ndarray, np.ndarray],
    minilm: MiniLMEmbedder,
) -> float:
    """Score each gloss weight on held-out composed pairs; report the parallel set too."""
    from nlp.lang.cy.gloss import Glossary

    glossary = Glossary.load()
    _, cy_texts = held_out
    par, en_par, cy_par = parallel
    par_cy_texts: list[str] = par.cy  # type: ignore[attr-defined]
    read = minilm.encode([glossary.gloss(t) for t in cy_texts])
    coverage = np.array([glossary.coverage(t) for t in cy_texts])
    par_read = minilm.encode([glossary.gloss(t) for t in par_cy_texts])
    par_coverage = np.array([glossary.coverage(t) for t in par_cy_texts])
    print(
        f"gloss coverage: held-out pairs {coverage.mean():.3f}, "
        f"parallel set {par_coverage.mean():.3f} (glossary {len(glossary)} words)"
    )
    print(f"{'weight':<8}{'r@1':>7}{'cos':>7}{'| eval: cy→en r@1':>19}{'assign':>8}{'joint':>7}")
    results = {}
    for w in MIX_WEIGHTS:
        mixed = _mix(mapping(x_cy), read, coverage, w)
        sims = mixed @ y_en.T
        r1 = float(np.mean(np.argmax(sims, axis=1) == np.arange(len(sims))))
        cos = float(np.mean(np.diag(sims)))
        results[w] = (r1, cos)
        ev = crosslingual_scores(
            en_par,
            _mix(mapping(cy_par), par_read, par_coverage, w),
            par.topic,  # type: ignore[attr-defined]
        )
        print(
            f"{w:<8g}{r1:>7.3f}{cos:>7.3f}{ev['retrieval@1']:>19.3f}"
            f"{ev['assign_agree']:>8.3f}{ev['joint_agree']:>7.3f}"
        )
    chosen = max(results, key=lambda w: results[w])
    print(f"chose gloss weight {chosen:g} (held-out r@1 {results[chosen][0]:.3f})")
    return chosen


if __name__ == "__main__":
    main()
