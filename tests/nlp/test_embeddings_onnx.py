"""MiniLM on onnxruntime: the same vectors as the numpy reference pass, just sooner."""

from __future__ import annotations

import csv
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from nlp.embeddings.minilm import MAX_TOKENS, MiniLMEmbedder

PARALLEL = Path(__file__).resolve().parents[2] / "bench" / "data" / "parallel_en_cy.csv"

#: What residents really send, and what a hostile or broken client might.
ODD = [
    "",
    "   ",
    "🙂🙂",
    "?",
    "x",
    "buses " * 600,  # past the model's 256 word pieces: truncated the same way
    "Bws 🚌 late AGAIN!!! ring 07700 900123 or mail a@b.cy",
    "ÀÉÎÕÜ ñ ß ğ ł — «» “quotes” ‘and’ \u200b zero width",
    "数据 العربية Ελληνικά кириллица",
    "\x00\x07 control characters \t\n",
]


@pytest.fixture(scope="module")
def reference() -> MiniLMEmbedder:
    return MiniLMEmbedder(backend="numpy")


@pytest.fixture(scope="module")
def fused() -> MiniLMEmbedder:
    return MiniLMEmbedder(backend="onnxruntime")


def answers() -> list[str]:
    with PARALLEL.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [r["en"] for r in rows] + [r["cy"] for r in rows] + ODD


@pytest.fixture(scope="module")
def reference_vectors(reference: MiniLMEmbedder) -> np.ndarray:
    """The numpy pass over every answer, once: it is the slow side (ten CPU-seconds)."""
    return reference.encode(answers())


def test_onnxruntime_is_the_default_and_keeps_the_stored_vectors_name(
    reference: MiniLMEmbedder, fused: MiniLMEmbedder
) -> None:
    assert MiniLMEmbedder().backend == "onnxruntime"
    # One name: vectors stored by either backend stay valid under the other.
    assert fused.name == reference.name


def test_vectors_match_the_numpy_pass(reference_vectors: np.ndarray, fused: MiniLMEmbedder) -> None:
    texts = answers()
    want = reference_vectors
    got = fused.encode(texts)
    assert got.dtype == np.float32 and got.shape == want.shape
    np.testing.assert_allclose(got, want, atol=1e-5)
    # Rows with no content stay all-zero; the rest are unit length.
    empty = ~np.abs(want).any(axis=1)
    assert empty.sum() == 4 and not np.abs(got[empty]).any()
    np.testing.assert_allclose(np.linalg.norm(got[~empty], axis=1), 1.0, rtol=1e-5)
    assert max(len(ids) for ids in fused.token_ids(texts)) == MAX_TOKENS


@pytest.mark.parametrize(("threads", "batch_size"), [(1, 1), (1, 7), (2, 3), (2, 64)])
def test_threads_and_batches_do_not_change_vectors(
    reference_vectors: np.ndarray, threads: int, batch_size: int
) -> None:
    texts = answers()[:60] + ODD
    # The same texts' rows of the one numpy pass (answers() ends with ODD).
    want = np.concatenate([reference_vectors[:60], reference_vectors[-len(ODD) :]])
    fused = MiniLMEmbedder(backend="onnxruntime", threads=threads)
    np.testing.assert_allclose(fused.encode(texts, batch_size=batch_size), want, atol=1e-5)


def test_concurrent_callers_share_one_session(fused: MiniLMEmbedder) -> None:
    texts = answers()[:40]
    alone = fused.encode(texts)
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda _: fused.encode(texts), range(8)))
    for vectors in together:
        np.testing.assert_allclose(vectors, alone, atol=1e-6)


def test_a_duplicated_answer_gets_the_same_row(fused: MiniLMEmbedder) -> None:
    texts = ["The bins are never emptied", "More buses please"] * 50
    vectors = fused.encode(texts)
    np.testing.assert_allclose(vectors[0::2], np.repeat(vectors[:1], 50, axis=0), atol=1e-6)


def test_token_states_cover_every_piece_and_match_the_numpy_pass(
    reference: MiniLMEmbedder, fused: MiniLMEmbedder
) -> None:
    """The name finder's per-piece states: same on both backends, none lost past 256."""
    fused_states = fused.token_states(ODD)
    reference_states = reference.token_states(ODD)
    for text, (states, offsets), (ref_states, ref_offsets) in zip(
        ODD, fused_states, reference_states, strict=True
    ):
        assert states.shape == (len(offsets), fused.dim)
        assert np.array_equal(offsets, ref_offsets)
        np.testing.assert_allclose(states, ref_states, atol=1e-4)
        for start, end in offsets:
            assert 0 <= start < end <= len(text)
            assert text[start:end].strip()
    assert len(fused_states[0][1]) == len(fused_states[1][1]) == 0  # empty, blank
    # 600 words: read in overlapping windows, every word keeps exactly one state.
    long_offsets = fused_states[ODD.index("buses " * 600)][1]
    assert len(long_offsets) == 600 > MAX_TOKENS
    # The same word in two places gets states from its own context, not a copy.
    text = "ask Dave, then ask dave"
    (states, offsets) = fused.token_states([text])[0]
    daves = [k for k, (s, e) in enumerate(offsets) if text[s:e].lower() == "dave"]
    assert len(daves) == 2 and not np.allclose(states[daves[0]], states[daves[1]])


def test_middle_layer_states_match_the_numpy_pass_and_leave_the_last_alone(
    reference: MiniLMEmbedder, fused: MiniLMEmbedder
) -> None:
    """The name finder may read middle layers too; the last layer's block is unchanged."""
    texts = ["ask dave about the Xbox", "Rhosddu Road, Wrecsam", *ODD[6:]]
    last = fused.token_states(texts)
    both = fused.token_states(texts, layers=(0, 4, 6))
    reference_both = reference.token_states(texts, layers=(0, 4, 6))
    for (states, offsets), (ref, ref_offsets), (alone, _) in zip(
        both, reference_both, last, strict=True
    ):
        assert states.shape == (len(offsets), 3 * fused.dim)
        assert np.array_equal(offsets, ref_offsets)
        np.testing.assert_allclose(states, ref, atol=1e-4)
        assert np.array_equal(states[:, 2 * fused.dim :], alone)
        # Layer 4 is not layer 6 under another name, nor the embeddings.
        if len(offsets):
            assert not np.allclose(states[:, fused.dim : 2 * fused.dim], alone, atol=1e-2)
            assert not np.allclose(states[:, : fused.dim], alone, atol=1e-2)
    assert fused.token_states([""], layers=(3, 6))[0][0].shape == (0, 2 * fused.dim)


@pytest.mark.parametrize("layers", [(), (7,), (-1, 6), (6, 6)])
def test_token_states_refuse_layers_the_model_lacks(
    fused: MiniLMEmbedder, layers: tuple[int, ...]
) -> None:
    with pytest.raises(ValueError, match="layers must be"):
        fused.token_states(["ask dave"], layers=layers)
