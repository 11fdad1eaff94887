"""Clauses of multi-topic answers: split conservatively, each distinct one embedded once."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from nlp.embeddings import HashingEmbedder
from nlp.themes.clauses import embed_clauses, split_clauses


class CountingEmbedder:
    """The real hashing embedder, recording every text it is asked to embed."""

    def __init__(self) -> None:
        self.inner = HashingEmbedder()
        self.seen: list[str] = []

    def encode(self, texts: Sequence[str], *, languages: Sequence[str] | None = None) -> np.ndarray:
        self.seen += list(texts)
        return self.inner.encode(texts, languages=languages)


def test_repeated_clauses_are_embedded_once_and_every_answer_keeps_its_own() -> None:
    texts = [
        "The buses are late and the bins stink",
        "the bins stink, and the park is dirty",
        "More buses",  # one clause: no clause vectors
        "The buses are late and the bins stink",  # a duplicated answer
        "mae'r bysiau'n hwyr a mae'r biniau'n drewi",
        "",
    ]
    langs = ["en", "en", "en", "en", "cy", "en"]
    embedder = CountingEmbedder()
    found = embed_clauses(embedder, texts, langs)
    assert len(embedder.seen) == len(set(embedder.seen)) == 5
    for text, lang, vectors in zip(texts, langs, found, strict=True):
        clauses = split_clauses(text, lang)
        if not clauses:
            assert vectors is None
            continue
        assert vectors is not None and vectors.dtype == np.float32
        np.testing.assert_allclose(vectors, HashingEmbedder().encode(clauses), atol=1e-6)
    assert found[0] is not None and found[3] is not None
    np.testing.assert_array_equal(found[0], found[3])


def test_answers_without_clauses_embed_nothing() -> None:
    embedder = CountingEmbedder()
    assert embed_clauses(embedder, ["yes", "More buses please", ""]) == [None, None, None]
    assert embedder.seen == []
