"""A tiny deterministic embedder for fast tests. NOT the default and not for themes.

Hashes lower-cased words and character 3-5-grams into a fixed number of signed buckets
(the "hashing trick"). It needs no model, loads instantly and gives the same vectors in
every process, so code that only needs *some* vectors with lexical similarity (storage,
incremental assignment, bad-input handling) can be tested in milliseconds. It captures
spelling overlap only, not meaning: use :func:`nlp.embeddings.default_embedder` for real
themes.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

import numpy as np

from nlp.embeddings.base import content_mask

_WORD = re.compile(r"\w+", re.UNICODE)


class HashingEmbedder:
    """Hashed word + character n-gram vectors.

    Args:
        dim: number of buckets (vector length).
        ngram_range: inclusive range of character n-gram lengths taken inside each word.
    """

    def __init__(self, dim: int = 384, ngram_range: tuple[int, int] = (3, 5)) -> None:
        if dim < 8:
            raise ValueError("dim must be at least 8")
        low, high = ngram_range
        if not 1 <= low <= high:
            raise ValueError("ngram_range must satisfy 1 <= low <= high")
        self.dim = dim
        self._ngrams = (low, high)
        self.name = f"hashing-v1/dim={dim}/char{low}-{high}"

    def _features(self, text: str) -> list[str]:
        feats: list[str] = []
        low, high = self._ngrams
        for word in _WORD.findall(text.lower()):
            feats.append("w:" + word)
            padded = f"<{word}>"
            for n in range(low, high + 1):
                feats.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
        return feats

    def encode(
        self,
        texts: Sequence[str],
        *,
        languages: Sequence[str] | None = None,
        batch_size: int = 64,
    ) -> np.ndarray:
        """Embed texts as L2-normalised rows (zero rows for texts with no content).

        Args:
            texts: the answers to embed.
            languages: ignored.
            batch_size: ignored (kept for the common signature); must be positive.

        Returns:
            A ``(len(texts), dim)`` float32 array.
        """
        del languages
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row in np.flatnonzero(content_mask(texts)).tolist():
            for feat in self._features(texts[row]):
                # crc32 rather than hash(): Python salts str hashes per process.
                h = zlib.crc32(feat.encode("utf-8", "replace"))
                out[row, h % self.dim] += 1.0 if (h >> 31) & 1 else -1.0
        # Sublinear term frequency so one repeated word cannot dominate the vector.
        out = np.sign(out) * np.log1p(np.abs(out))
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return (out / np.where(norms > 0, norms, 1.0)).astype(np.float32)
