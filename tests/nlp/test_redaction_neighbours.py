"""A name head that reads each word beside its neighbours (contextual.with_neighbours)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import numpy as np
import pytest

from nlp.redaction.contextual import (
    EXTRA_FEATURES,
    ContextualNameFinder,
    NameHead,
    shared_finder,
    with_neighbours,
)
from tests.nlp.trainer_support import name_head_features, name_head_trainer


def test_neighbours_are_padded_at_the_text_edges() -> None:
    """Rows are the word, its left and right neighbours, then 'no left' and 'no right' flags."""
    rows = np.arange(1, 7, dtype=np.float32).reshape(3, 2)
    out = with_neighbours(rows)
    assert out.tolist() == [
        [1, 2, 0, 0, 3, 4, 1, 0],
        [3, 4, 1, 2, 5, 6, 0, 0],
        [5, 6, 3, 4, 0, 0, 0, 1],
    ]
    # One word has no neighbour on either side; a text without words has no rows.
    assert with_neighbours(rows[:1]).tolist() == [[1, 2, 0, 0, 0, 0, 1, 1]]
    assert with_neighbours(rows[:0]).shape == (0, 8)


def test_the_trainer_reads_neighbours_as_the_finder_does() -> None:
    """Sentences cached one after another: the trainer never reads across their boundary."""
    trainer = name_head_trainer()
    rng = np.random.default_rng(5)
    sentences = [rng.standard_normal((n, 4)).astype(np.float16) for n in (3, 1, 4)]
    x = np.concatenate(sentences)
    starts = np.concatenate([np.arange(len(s)) == 0 for s in sentences])
    expected = np.concatenate([with_neighbours(s.astype(np.float32)) for s in sentences])
    rows = np.array([0, 2, 3, 7, 5])  # any order, any subset: the rows trained on
    got = trainer.gather(x, rows, trainer.links(starts))
    assert np.array_equal(got, expected[rows])
    assert np.array_equal(trainer.gather(x, rows, None), x[rows].astype(np.float32))


def test_featurised_sentences_keep_every_word_in_order() -> None:
    """--neighbours caches whole sentences; words not trained on are SKIP, not dropped."""
    trainer = name_head_features()
    rows = [("please ask Dave about it", [(11, 15, trainer.NAME)]), ("Thanks", [])]
    found = trainer.featurise(
        rows,
        shared_finder().embedder,
        random.Random(1),
        noisy_copies=False,
        keep_negative=0.0,  # every plain word is left out of the loss, but kept as context
        layers=(4, 6),
        neighbours=True,
    )
    assert found["x"].shape == (6, 2 * 384 + EXTRA_FEATURES)
    assert found["starts"].tolist() == [True, False, False, False, False, True]
    assert found["y"].tolist() == [trainer.SKIP] * 2 + [trainer.NAME] + [trainer.SKIP] * 3


def _head(path: Path, width: int, *, neighbours: bool | None) -> Path:
    # One hidden unit reading only the right neighbour's "starts with a capital" feature.
    w1 = np.zeros((width, 1), np.float32)
    capital = 2 * 384  # the first shape feature (contextual._shape) of a layers-4,6 row
    if neighbours:
        w1[2 * (2 * 384 + EXTRA_FEATURES) + capital, 0] = 1.0
    arrays = {
        "mean": np.zeros(width, np.float32),
        "scale": np.ones(width, np.float32),
        "w1": w1,
        "b1": np.zeros(1, np.float32),
        "w2": np.full((1, 1), 10.0, np.float32),
        "b2": np.full(1, -5.0, np.float32),
        "threshold": np.array(0.5, np.float32),
        "layers": np.array([4, 6]),
    }
    if neighbours is not None:
        arrays["neighbours"] = np.array(neighbours)
    np.savez(path, allow_pickle=False, **arrays)
    return path


@pytest.mark.parametrize("text", ["Justice Okafor was so kind", "justice okafor was so kind"])
def test_a_neighbours_head_scores_a_word_by_the_word_after_it(tmp_path: Path, text: str) -> None:
    """The finder widens each word's row when its head says so, and only then."""
    shared = shared_finder()
    words = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", text)]
    width = 2 * 384 + EXTRA_FEATURES
    head = NameHead(_head(tmp_path / "n.npz", 3 * width + 2, neighbours=True), sha256=None)
    assert head.neighbours
    finder = ContextualNameFinder(shared.embedder, head, shared.g)
    scores = finder.scores_many([text], [words])[0]
    # "Justice" is followed by a capital, nothing else is (and the last word has no right).
    expected = [text[0].isupper(), False, False, False, False]
    assert (scores > 0.5).tolist() == expected
    older = NameHead(_head(tmp_path / "o.npz", width, neighbours=None), sha256=None)
    assert not older.neighbours
    alone = ContextualNameFinder(shared.embedder, older, shared.g).scores_many([text], [words])[0]
    assert alone.shape == (len(words),) and not (alone > 0.5).any()


def test_a_head_alone_and_a_neighbours_head_merge_into_their_mean_logit(tmp_path: Path) -> None:
    """--merge folds each head's standardisation in; the head alone reads the own columns."""
    trainer = name_head_trainer()
    rng = np.random.default_rng(9)
    width, hidden = 6, 3

    def head(inputs: int, **extra: np.ndarray) -> Path:
        arrays = {
            "mean": rng.standard_normal(inputs).astype(np.float32),
            "scale": (rng.random(inputs) + 0.5).astype(np.float32),
            "w1": rng.standard_normal((inputs, hidden)).astype(np.float32),
            "b1": rng.standard_normal(hidden).astype(np.float32),
            # Small output weights: logits stay where float32 probabilities can be inverted.
            "w2": (0.1 * rng.standard_normal((hidden, 1))).astype(np.float32),
            "b2": rng.standard_normal(1).astype(np.float32),
            "threshold": np.array(0.2, np.float32),
            "layers": np.array([4, 6]),
            **extra,
        }
        path = tmp_path / f"{len(list(tmp_path.iterdir()))}.npz"
        np.savez(path, allow_pickle=False, **arrays)
        return path

    alone = head(width)
    beside = head(3 * width + 2, neighbours=np.array(True))
    merged = tmp_path / "merged.npz"
    np.savez(merged, allow_pickle=False, **trainer.merge_files([alone, beside]))
    x = rng.standard_normal((4, width)).astype(np.float32)

    def logit(path: Path) -> np.ndarray:
        p = NameHead(path, sha256=None).text_scores(x).astype(np.float64)
        return np.log(p / (1 - p))

    both = NameHead(merged, sha256=None)
    assert both.neighbours and both.layers == (4, 6)
    expected = (logit(alone) + logit(beside)) / 2
    assert np.allclose(logit(merged), expected, atol=1e-4)
    with pytest.raises(SystemExit, match="different MiniLM layers"):
        trainer.merge_files([alone, head(width, layers=np.array([6]))])


def test_saved_heads_hold_no_subnormal_weights(tmp_path: Path) -> None:
    """Subnormal floats make the head's products several times slower; they are saved as 0."""
    trainer = name_head_trainer()
    tiny = np.finfo(np.float32).tiny
    arrays = {
        "w1": np.array([[tiny / 4, 1.0], [-tiny / 8, 0.5]], np.float32),
        "threshold": np.array(0.2, np.float32),
        "layers": np.array([4, 6]),
    }
    trainer.save(arrays, tmp_path / "head.npz")
    with np.load(tmp_path / "head.npz") as stored:
        assert stored["w1"].tolist() == [[0.0, 1.0], [0.0, 0.5]]
    shipped = NameHead().w1
    assert np.abs(shipped[shipped != 0]).min() >= tiny  # the shipped head too


def test_the_shipped_head_skips_only_zero_weights() -> None:
    """Units reading words alone multiply only the own columns: the same scores, less time."""
    head = NameHead()
    assert head.neighbours and len(head._alone) and len(head._beside)  # the merged head
    rows = np.random.default_rng(2).standard_normal((7, 2 * 384 + EXTRA_FEATURES))
    rows = rows.astype(np.float32)
    fast, plain = head.text_scores(rows), head.scores(with_neighbours(rows))
    assert np.allclose(fast, plain, atol=1e-6)
    assert head.text_scores(rows[:0]).shape == (0,)
