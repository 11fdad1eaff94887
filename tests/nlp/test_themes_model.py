"""ThemeModel on real answers: discovery without k, determinism, incremental assignment,
multi-theme answers, the "other" bucket, codebook anchors, labels and bad input.

Uses the project's real embedder on small subsets of ../shared/data (embedded once per
session) so that the suite stays fast.
"""

from __future__ import annotations

import csv
from collections import Counter
from functools import lru_cache

import numpy as np
import pytest
from sklearn.metrics import normalized_mutual_info_score

from nlp.embeddings import Embedder
from nlp.themes import Anchor, ThemeModel, ThemingError, match_themes
from tests.conftest import shared_data

INTENTS = ("translate", "weather", "pin_change", "book_flight", "recipe", "timer")


@lru_cache(maxsize=1)
def embedder() -> Embedder:
    from nlp.embeddings import default_embedder

    return default_embedder()


def encode(texts: list[str]) -> np.ndarray:
    return np.asarray(embedder().encode(texts), dtype=np.float32)


@pytest.fixture(scope="module")
def clinc() -> dict[str, list[str]]:
    by_intent: dict[str, list[str]] = {i: [] for i in INTENTS}
    with shared_data("themes/clinc150_val.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["label"] in by_intent:
                by_intent[row["label"]].append(row["text"])
    return by_intent


@pytest.fixture(scope="module")
def fitted(clinc: dict[str, list[str]]) -> tuple[ThemeModel, list[str], list[str], np.ndarray]:
    texts = [t for i in INTENTS for t in clinc[i][:14]]
    labels = [i for i in INTENTS for _ in clinc[i][:14]]
    vectors = encode(texts)
    return ThemeModel().fit(texts, embeddings=vectors), texts, labels, vectors


def test_discovers_the_intents_without_being_told_how_many(
    fitted: tuple[ThemeModel, list[str], list[str], np.ndarray],
) -> None:
    model, _, labels, _ = fitted
    assert 4 <= len(model.themes_) <= 9
    assert normalized_mutual_info_score(labels, model.labels_) >= 0.75
    assert model.other_share_ <= 0.10
    for theme in model.themes_:
        assert 1 <= len(theme.label.split()) <= 5
        assert 1 <= len(theme.quotes) <= 5
        assert len(set(theme.quotes)) == len(theme.quotes)


def test_same_data_gives_the_same_themes(
    fitted: tuple[ThemeModel, list[str], list[str], np.ndarray],
) -> None:
    model, texts, _, vectors = fitted
    again = ThemeModel().fit(texts, embeddings=vectors)
    assert np.array_equal(again.labels_, model.labels_)
    assert [t.label for t in again.themes_] == [t.label for t in model.themes_]


def test_about_n_gives_about_that_many(
    fitted: tuple[ThemeModel, list[str], list[str], np.ndarray],
) -> None:
    _, texts, _, vectors = fitted
    assert len(ThemeModel().fit(texts, embeddings=vectors, about_n=3).themes_) == 3
    with pytest.raises(ThemingError, match="positive"):
        ThemeModel().fit(texts, embeddings=vectors, about_n=0)


def test_new_answers_join_the_theme_of_their_intent(
    fitted: tuple[ThemeModel, list[str], list[str], np.ndarray], clinc: dict[str, list[str]]
) -> None:
    model, _, labels, _ = fitted
    home = {
        i: Counter(
            int(p) for p, lab in zip(model.labels_, labels, strict=True) if lab == i
        ).most_common(1)[0][0]
        for i in INTENTS
    }
    new = [(i, t) for i in INTENTS for t in clinc[i][14:18]]
    found = model.assign(encode([t for _, t in new]))
    hits = sum(1 for (i, _), f in zip(new, found, strict=True) if f and f[0][0] == home[i])
    assert hits >= 0.8 * len(new)


def test_an_answer_naming_two_topics_carries_both(
    fitted: tuple[ThemeModel, list[str], list[str], np.ndarray],
) -> None:
    model, _, labels, _ = fitted
    home = {
        i: Counter(
            int(p) for p, lab in zip(model.labels_, labels, strict=True) if lab == i
        ).most_common(1)[0][0]
        for i in INTENTS
    }
    pairs = [("weather", "timer"), ("recipe", "translate"), ("pin_change", "book_flight")]
    texts = [
        "what is the weather tomorrow and set a timer for ten minutes",
        "give me a recipe for lasagne and how do you say thank you in french",
        "i need to change my pin and book a flight to boston",
    ]
    from nlp.themes.clauses import embed_clauses

    found = model.assign(encode(texts), embed_clauses(embedder(), texts))
    both = sum(
        1 for (a, b), f in zip(pairs, found, strict=True) if {home[a], home[b]} <= {t for t, _ in f}
    )
    assert both >= 2
    assert all(0.0 <= s <= 1.0 for f in found for _, s in f)
    # Single-topic answers mostly carry one theme.
    singles = model.assignments_
    assert sum(len(a) > 1 for a in singles) <= 0.2 * len(singles)


def test_no_content_goes_to_other_and_nothing_is_lost() -> None:
    texts = [
        "",
        "   ",
        "🙂🙂",
        "buses",
        "x" * 1600,
        "公共汽车总是迟到",
        "the buses are late",
        "the buses are late",
        "the buses are late!",
        "bins not collected",
    ]
    model = ThemeModel().fit(texts, embeddings=encode(texts))
    assert len(model.assignments_) == len(texts)
    assert model.assignments_[0] == [] and model.assignments_[2] == []
    assert model.labels_[6] == model.labels_[7] == model.labels_[8] >= 0


def test_tiny_and_empty_inputs() -> None:
    assert ThemeModel().fit([], embeddings=np.zeros((0, 384), np.float32)).themes_ == []
    one = ThemeModel().fit(["more buses"], embeddings=encode(["more buses"]))
    assert len(one.themes_) == 1 and one.labels_.tolist() == [0]
    three = ["more buses please", "more buses on sunday", "bins are never emptied"]
    model = ThemeModel().fit(three, embeddings=encode(three))
    assert model.labels_[0] == model.labels_[1] != model.labels_[2]
    with pytest.raises(ThemingError, match="embeddings for"):
        ThemeModel().fit(three, embeddings=encode(three[:2]))


def test_a_codebook_theme_takes_its_answers(
    fitted: tuple[ThemeModel, list[str], list[str], np.ndarray], clinc: dict[str, list[str]]
) -> None:
    _, texts, labels, vectors = fitted
    seed = Anchor(key="seed", vectors=encode(["What's the forecast?", "will it rain today"]))
    model = ThemeModel().fit(texts, embeddings=vectors, anchors=[seed])
    theme = next(t for t in model.themes_ if t.anchor_key == "seed")
    members = [lab for lab, p in zip(labels, model.labels_, strict=True) if p == theme.index]
    top, count = Counter(members).most_common(1)[0]
    assert top == "weather" and count == pytest.approx(14, abs=2)
    assert len(model.themes_) >= 4  # emergent themes coexist with the seed


def test_matching_recovers_identities_after_a_shuffle() -> None:
    rng = np.random.default_rng(0)
    old = rng.normal(size=(6, 32)).astype(np.float32)
    old /= np.linalg.norm(old, axis=1, keepdims=True)
    order = rng.permutation(6)
    new = old[order] + rng.normal(scale=0.05, size=(6, 32)).astype(np.float32)
    new /= np.linalg.norm(new, axis=1, keepdims=True)
    assert match_themes(old, new) == {i: int(order[i]) for i in range(6)}
    assert match_themes(old, -new) == {}


def test_welsh_and_english_twins_share_themes_and_labels_come_in_both() -> None:
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "bench" / "data" / "parallel_en_cy.csv"
    with path.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["topic"] in ("buses", "bins", "parks")]
    texts = [r["en"] for r in rows] + [r["cy"] for r in rows]
    langs = ["en"] * len(rows) + ["cy"] * len(rows)
    model = ThemeModel().fit(
        texts,
        embeddings=np.asarray(embedder().encode(texts, languages=langs), dtype=np.float32),
        languages=langs,
    )
    n = len(rows)
    assert float(np.mean(model.labels_[:n] == model.labels_[n:])) >= 0.9
    assert any("cy" in t.labels and "en" in t.labels for t in model.themes_)


@pytest.mark.parametrize(
    ("code", "parts", "label"),
    [
        ("en", ["Bins", "collection"], "Bins and collection"),
        ("cy", ["Biniau", "casglu"], "Biniau a chasglu"),  # aspirate mutation after "a"
        ("cy", ["Bws", "trenau"], "Bws a threnau"),
        ("cy", ["Parc", "ysgolion"], "Parc ac ysgolion"),  # "ac" before a vowel
        ("cy", ["Meddyg"], "Meddyg"),
    ],
)
def test_two_part_labels_are_joined_grammatically(code: str, parts: list[str], label: str) -> None:
    from nlp.themes.labelling import join_parts

    assert join_parts(code, parts) == label
