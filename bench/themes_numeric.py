"""The numpy clustering steps against the scipy / scikit-learn calls they replace.

Times each step on the same data in the same run (CPU seconds of this process, best
of ``--repeat``) and says whether the results agree: identical trees and partitions
for Ward and fcluster, the same HDBSCAN count, the same assignment,
PCA projections equal up to rounding. The data are real answers when the development
set is there (../shared/data/themes/clinc150_train.csv through the default embedder),
random unit vectors otherwise.

    .venv/bin/python bench/themes_numeric.py            # 4,000 points (the Ward limit)
    .venv/bin/python bench/themes_numeric.py --quick    # 1,000 points
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from scipy.cluster.hierarchy import fcluster, ward
from scipy.optimize import linear_sum_assignment as scipy_assignment
from sklearn.cluster import HDBSCAN
from sklearn.decomposition import PCA

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.themes import DATA  # noqa: E402
from bench.versions import versions_line  # noqa: E402
from nlp.themes.assignment import linear_sum_assignment  # noqa: E402
from nlp.themes.density import hdbscan_count  # noqa: E402
from nlp.themes.linkage import fcluster_maxclust, ward_linkage  # noqa: E402
from nlp.themes.pca import pca_fit_transform  # noqa: E402
from nlp.themes.vectors import normalise_rows  # noqa: E402


def cpu(step: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Best CPU time of ``repeat`` calls, and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.process_time()
        result = step()
        best = min(best, time.process_time() - start)
    return best, result


def vectors(n: int) -> tuple[np.ndarray, str]:
    path = DATA / "themes" / "clinc150_train.csv"
    if path.exists():
        from nlp.embeddings import default_embedder

        with path.open(encoding="utf-8") as handle:
            texts = [row["text"] for row in csv.DictReader(handle)][:n]
        found = np.asarray(default_embedder().encode(texts), dtype=np.float32)
        return found, f"{len(texts):,} CLINC150 training answers, MiniLM"
    rng = np.random.default_rng(0)
    return normalise_rows(rng.normal(size=(n, 384)).astype(np.float32)), f"{n:,} random"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 points instead of 4,000")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    n = 1000 if args.quick else 4000
    x, what = vectors(n)
    load = os.getloadavg()
    print(f"# {versions_line(('numpy', 'scipy', 'scikit-learn'))}")
    print(f"# {what}; load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}")
    print("\n| step | scipy / scikit-learn CPU s | numpy CPU s | × | same result |")
    print("|---|---|---|---|---|")
    rows: list[tuple[str, float, float, bool]] = []

    points = x.astype(np.float64)
    t_ref, ref_tree = cpu(lambda: ward(points), args.repeat)
    t_new, new_tree = cpu(lambda: ward_linkage(points), args.repeat)
    same = all(
        np.array_equal(fcluster(ref_tree, k, "maxclust"), fcluster_maxclust(new_tree, k))
        for k in (10, 50, 150)
    ) and np.array_equal(ref_tree[:, [0, 1, 3]], new_tree[:, [0, 1, 3]])
    rows.append((f"Ward linkage, {n:,} x 384 (tree, cuts at 10/50/150)", t_ref, t_new, same))

    sample = x[:3000]
    t_ref, ref_pca = cpu(lambda: PCA(30, random_state=0).fit_transform(sample), args.repeat)
    t_new, new_pca = cpu(lambda: pca_fit_transform(sample, 30, random_state=0), args.repeat)
    close = bool(np.allclose(ref_pca, new_pca, atol=1e-3))
    rows.append((f"PCA to 30 dims, {len(sample):,} x 384 (randomized)", t_ref, t_new, close))

    reduced = normalise_rows(np.asarray(new_pca, dtype=np.float32))
    model = HDBSCAN(min_cluster_size=7, min_samples=3, copy=True)
    t_ref, ref_labels = cpu(lambda: model.fit(reduced).labels_, args.repeat)
    t_new, count = cpu(
        lambda: hdbscan_count(reduced, min_cluster_size=7, min_samples=3), args.repeat
    )
    rows.append(
        (
            f"HDBSCAN count, {len(reduced):,} x 30 ({count} groups)",
            t_ref,
            t_new,
            int(ref_labels.max()) + 1 == count,
        )
    )

    centres = normalise_rows(x[:300])
    score = -(centres @ normalise_rows(x[300:600]).T)
    t_ref, ref_pairs = cpu(lambda: scipy_assignment(score), args.repeat)
    t_new, new_pairs = cpu(lambda: linear_sum_assignment(score), args.repeat)
    same = all(np.array_equal(a, b) for a, b in zip(ref_pairs, new_pairs, strict=True))
    rows.append(("Hungarian matching, 300 x 300", t_ref, t_new, same))

    for step, t_ref, t_new, same in rows:
        print(f"| {step} | {t_ref:.3f} | {t_new:.3f} | {t_new / t_ref:.2f} | {same} |")


if __name__ == "__main__":
    main()
