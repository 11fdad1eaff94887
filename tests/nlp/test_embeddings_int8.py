"""int8 MiniLM: close to the float32 vectors, never mistaken for them, the same every run."""

from __future__ import annotations

import numpy as np
import pytest

from nlp.embeddings import EmbeddingError
from nlp.embeddings.minilm import MiniLMEmbedder
from tests.nlp.test_embeddings_onnx import ODD, answers


@pytest.fixture(scope="module")
def exact() -> MiniLMEmbedder:
    return MiniLMEmbedder(backend="onnxruntime")


@pytest.fixture(scope="module")
def int8() -> MiniLMEmbedder:
    return MiniLMEmbedder(precision="int8")


def test_int8_vectors_have_their_own_name(exact: MiniLMEmbedder, int8: MiniLMEmbedder) -> None:
    # Stored float32 vectors must never be compared with int8 ones as if alike.
    assert int8.name != exact.name
    assert int8.name.endswith("/int8-v1") and exact.name.endswith("/numpy-v1")


def test_int8_vectors_stay_close_to_float32(exact: MiniLMEmbedder, int8: MiniLMEmbedder) -> None:
    english = answers()[:60]
    texts = english + ODD
    want = exact.encode(texts)
    got = int8.encode(texts)
    assert got.dtype == np.float32 and got.shape == want.shape
    empty = ~np.abs(want).any(axis=1)
    assert empty.sum() == 4 and not np.abs(got[empty]).any()
    np.testing.assert_allclose(np.linalg.norm(got[~empty], axis=1), 1.0, rtol=1e-5)
    cosine = (got[~empty] * want[~empty]).sum(axis=1)
    assert cosine.min() > 0.97 and cosine.mean() > 0.99
    # What themes rely on: each answer's nearest other answer is mostly the same one.
    near = want[:60] @ want[:60].T
    near_int8 = got[:60] @ got[:60].T
    np.fill_diagonal(near, -1)
    np.fill_diagonal(near_int8, -1)
    assert (near.argmax(axis=1) == near_int8.argmax(axis=1)).mean() > 0.9


def test_int8_gives_the_same_vectors_every_run(int8: MiniLMEmbedder) -> None:
    texts = answers()[:30] + ODD
    again = MiniLMEmbedder(precision="int8", threads=1)
    assert np.array_equal(int8.encode(texts), again.encode(texts))


def test_int8_batches_move_vectors_only_slightly(int8: MiniLMEmbedder) -> None:
    # Attention inputs are quantized with one scale per pass, so the company an answer
    # keeps in its batch moves its vector (about as much as int8 itself does); the same
    # file gives the same batches, hence the same themes, every run.
    texts = answers()[:60]
    alone = int8.encode(texts, batch_size=1)
    batched = int8.encode(texts, batch_size=64)
    assert not np.array_equal(alone, batched)
    assert (alone * batched).sum(axis=1).min() > 0.99


def test_int8_needs_onnxruntime() -> None:
    with pytest.raises(EmbeddingError, match="onnxruntime"):
        MiniLMEmbedder(backend="numpy", precision="int8")
