"""Real answer vectors for the numeric theming tests (CLINC150's validation split)."""

from __future__ import annotations

import csv
from functools import lru_cache

import numpy as np

from tests.conftest import shared_data


def clinc_texts(n: int) -> list[str]:
    """The first ``n`` distinct CLINC150 validation answers, in file order."""
    with shared_data("themes/clinc150_val.csv").open(encoding="utf-8") as handle:
        texts = list(dict.fromkeys(row["text"] for row in csv.DictReader(handle)))
    return texts[:n]


@lru_cache(maxsize=1)
def minilm_vectors() -> np.ndarray:
    """200 answers and 20 repeats of them through the default embedder (what theming clusters)."""
    from nlp.embeddings import default_embedder

    texts = clinc_texts(200)
    # Repeated answers ("no", "nothing") are normal: repeat some to keep their ties.
    texts += texts[:20]
    return np.asarray(default_embedder().encode(texts), dtype=np.float32)


@lru_cache(maxsize=1)
def hashing_vectors() -> np.ndarray:
    """800 answers through the hashing embedder: cheap, and past PCA's 500-row switch."""
    from nlp.embeddings.hashing import HashingEmbedder

    return np.asarray(HashingEmbedder().encode(clinc_texts(800)), dtype=np.float32)
