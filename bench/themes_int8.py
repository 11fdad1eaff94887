"""Does int8 MiniLM theme as well as float32? Same texts, both precisions, one run.

Usage:
    .venv/bin/python bench/themes_int8.py            # every set (a few minutes)
    .venv/bin/python bench/themes_int8.py --quick    # 1,000 texts of each set

Sets (../shared/data, read in place): clinc150_val, the held-out 3,000 rows of
banking77_train and hwu64_train (disjoint from the rows the defaults were tuned on, see
bench/themes.py), and a 3,000-answer sample of the NHS Friends and Family Test file
(seed 5; scored against its major codes and its sub-codes). ``ThemeModel()`` defaults;
NMI / ARI of the primary theme ("other" counted as one more cluster); "ARI vs float32"
compares the two partitions; "cosine" is each text's int8 vector against its float32
one. CPU is the embedding's (user + sys of this process), float32 first, then int8.
"""

from __future__ import annotations

import argparse
import resource
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.themes import DATA, held_out, read_csv  # noqa: E402
from bench.versions import versions_line  # noqa: E402

PACKAGES = ("numpy", "scikit-learn", "scipy", "onnxruntime", "tokenizers")


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def sets(quick: bool) -> dict[str, tuple[list[str], dict[str, list[str]]]]:
    """name -> (texts, {scheme: labels})."""
    out: dict[str, tuple[list[str], dict[str, list[str]]]] = {}
    clinc = read_csv(DATA / "themes" / "clinc150_val.csv")
    out["clinc150_val"] = ([r["text"] for r in clinc], {"intent": [r["label"] for r in clinc]})
    for name in ("banking77_train", "hwu64_train"):
        rows = held_out(name)
        out[f"{name.split('_')[0]} held-out 3k"] = (
            [r["text"] for r in rows],
            {"intent": [r["label"] for r in rows]},
        )
    nhs = [r for r in read_csv(DATA / "themes" / "nhs_fft_phase1.csv") if r["text"].strip()]
    pick = np.sort(np.random.default_rng(5).choice(len(nhs), 3000, replace=False))
    rows = [nhs[i] for i in pick]
    out["NHS FFT 3k (seed 5)"] = (
        [r["text"] for r in rows],
        {"major": [r["label"] for r in rows], "sub": [r["subcategory"] for r in rows]},
    )
    if quick:
        return {
            name: (texts[:1000], {k: v[:1000] for k, v in labels.items()})
            for name, (texts, labels) in out.items()
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="1,000 texts per set")
    args = parser.parse_args()
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    from nlp.embeddings.minilm import MiniLMEmbedder
    from nlp.themes import ThemeModel

    print(f"# {versions_line(PACKAGES)}")
    embedders = {p: MiniLMEmbedder(precision=p) for p in ("float32", "int8")}
    print(
        "| set | precision | themes | NMI | ARI | other | ARI vs float32 "
        "| cosine to float32 (min / mean) | embed CPU s |"
    )
    print("|" + "---|" * 9)
    for name, (texts, labels) in sets(args.quick).items():
        vectors: dict[str, np.ndarray] = {}
        found: dict[str, np.ndarray] = {}
        for precision, embedder in embedders.items():
            start = _cpu()
            vectors[precision] = embedder.encode(texts)
            took = _cpu() - start
            model = ThemeModel().fit(texts, embeddings=vectors[precision])
            found[precision] = np.asarray(model.labels_)
            cosine = (vectors[precision] * vectors["float32"]).sum(axis=1)
            cells = []
            for scheme, y in labels.items():
                nmi = normalized_mutual_info_score(y, found[precision])
                ari = adjusted_rand_score(y, found[precision])
                cells.append((f"{nmi:.3f}", f"{ari:.3f}", scheme))
            tag = "" if len(cells) == 1 else " ({})".format(" / ".join(c[2] for c in cells))
            print(
                f"| {name}{tag} | {precision} | {len(model.themes_)} | "
                f"{' / '.join(c[0] for c in cells)} | {' / '.join(c[1] for c in cells)} | "
                f"{float((found[precision] < 0).mean()):.1%} | "
                f"{adjusted_rand_score(found['float32'], found[precision]):.3f} | "
                f"{cosine.min():.4f} / {cosine.mean():.4f} | {took:.1f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
