"""The hashing embedder: the fast, model-free stand-in other tests rely on."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from nlp.embeddings import Embedder, HashingEmbedder, has_content


def test_shape_dtype_and_unit_rows() -> None:
    emb = HashingEmbedder(dim=128)
    vectors = emb.encode(["More buses please", "Fix the potholes", "x"])
    assert vectors.shape == (3, 128)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)


def test_satisfies_the_embedder_protocol() -> None:
    assert isinstance(HashingEmbedder(), Embedder)


def test_spelling_variants_are_closer_than_unrelated_text() -> None:
    emb = HashingEmbedder()
    a, b, c = emb.encode(["the recycling bins", "recyling bin", "dentist appointment"])
    assert a @ b > a @ c + 0.2


def test_empty_and_emoji_only_answers_are_zero_rows() -> None:
    vectors = HashingEmbedder().encode(["", "   ", "😀😀", "?!...", "ok"])
    assert not vectors[:4].any()
    assert np.linalg.norm(vectors[4]) == pytest.approx(1.0)


def test_has_content_accepts_any_script() -> None:
    assert has_content("公交车") and has_content("Mae'r") and has_content("5")
    assert not has_content("🙂 👍") and not has_content("\n\t")


def test_same_vectors_in_another_process() -> None:
    # Python salts str hashes per process; stored vectors must not depend on that.
    code = (
        "import json; from nlp.embeddings import HashingEmbedder;"
        "print(json.dumps(HashingEmbedder(dim=16).encode(['Cadwch ein llyfrgell'])[0].tolist()))"
    )
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    here = HashingEmbedder(dim=16).encode(["Cadwch ein llyfrgell"])[0].tolist()
    assert json.loads(other.stdout) == here


@pytest.mark.parametrize("kwargs", [{"dim": 4}, {"ngram_range": (0, 3)}, {"ngram_range": (5, 3)}])
def test_bad_configuration_is_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        HashingEmbedder(**kwargs)  # type: ignore[arg-type]


def test_bad_batch_size_is_refused() -> None:
    with pytest.raises(ValueError, match="batch_size"):
        HashingEmbedder().encode(["a"], batch_size=0)


def test_hostile_text_does_not_crash() -> None:
    texts = ["\ud800 lone surrogate", "nul\x00byte", "a" * 5000, "<script>alert(1)</script>"]
    vectors = HashingEmbedder().encode(texts)
    assert np.isfinite(vectors).all()
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)
