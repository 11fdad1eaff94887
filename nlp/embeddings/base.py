"""The embedder contract shared by every embedding backend."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np


class EmbeddingError(RuntimeError):
    """An embedder cannot be built or used (missing model files, bad configuration)."""


@runtime_checkable
class Embedder(Protocol):
    """Turns answers into vectors in one shared space.

    Attributes:
        dim: length of every vector.
        name: stable identifier including model and version. Store it beside each vector:
            a different name means vectors are not comparable and must be re-embedded.
    """

    dim: int
    name: str

    def encode(
        self,
        texts: Sequence[str],
        *,
        languages: Sequence[str] | None = None,
        batch_size: int = 64,
    ) -> np.ndarray:
        """Embed texts.

        Args:
            texts: the answers, any language, any length.
            languages: optional per-text language codes ("en", "cy", "other"); an
                embedder that needs them and is not given them detects them itself.
            batch_size: texts per model call; never changes the result beyond float noise.

        Returns:
            A float32 array of shape ``(len(texts), dim)``. Rows are L2-normalised, except
            that a text with no letter or digit (empty, whitespace, emoji-only,
            punctuation-only) is an all-zero row.
        """
        ...


def has_content(text: str) -> bool:
    """True when a text holds at least one letter or digit (in any script)."""
    return any(ch.isalnum() for ch in text)


def content_mask(texts: Sequence[str]) -> np.ndarray:
    """Boolean mask of the texts that hold something to embed (see :func:`has_content`)."""
    return np.fromiter((has_content(t) for t in texts), dtype=bool, count=len(texts))


def clean_text(text: str) -> str:
    """Make any Python string safe for the native tokenizers.

    Lone surrogates (from badly decoded input) cannot be encoded as UTF-8 and would raise
    inside the tokenizer; NUL would silently cut a C string short. Both become spaces
    or replacement characters instead of errors.
    """
    safe = text.encode("utf-8", "replace").decode("utf-8") if not text.isascii() else text
    return safe.replace("\x00", " ")
