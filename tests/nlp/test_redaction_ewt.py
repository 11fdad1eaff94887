"""The English Web Treebank reader (bench/ewt.py): the third development set for names."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from bench.ewt import load
from nlp.redaction.contextual import (
    EXTRA_FEATURES,
    ContextualNameFinder,
    NameHead,
    shared_finder,
)

EWT = """# newdoc id = email-enronsent01_01
# sent_id = email-enronsent01_01-0001
# text = Please ask Mr. Villega if Dave's Ford is at the Tampa Bay office.
1\tPlease\tO\t-\t-
2\task\tO\t-\t-
3\tMr.\tO\t-\t-
4\tVillega\tB-PER\t-\tstephen
5\tif\tO\t-\t-
6\tDave\tB-PER\t-\tstephen
7\t's\tO\t-\t-
8\tFord\tB-ORG\t-\tstephen
9\tis\tO\t-\t-
10\tat\tO\t-\t-
11\tthe\tO\t-\t-
12\tTampa\tB-LOC\t-\tstephen
13\tBay\tI-LOC\t-\tstephen
14\toffice\tO\t-\t-
15\t.\tO\t-\t-

# sent_id = email-enronsent01_01-0002
# text = thanks  jill allen,Iraqi friend
1\tthanks\tO
2\tjill\tI-PER\t-\tdan
3\tallen\tI-PER\t-\tdan
4\t,\tO
5\tnot-in-the-text\tB-PER\t-\tdan
6\tIraqi\tB-OTH\t-\tdan
7\tfriend\tO

# sent_id = email-enronsent01_01-0003
1\tno\tO
2\ttext\tO
"""


def test_ewt_rows_keep_the_real_spacing_and_typed_spans(tmp_path: Path) -> None:
    (tmp_path / "en_ewt-ud-dev.iob2").write_text(EWT, encoding="utf-8")
    rows = load(tmp_path, "dev")
    # A sentence without a text line has nothing to score: skipped.
    assert [row["doc"] for row in rows] == ["email-enronsent01_01"] * 2
    spans = [[(r["text"][s["start"] : s["end"]], s["type"]) for s in r["spans"]] for r in rows]
    # Titles and the possessive stay outside the name, as the redactor keeps them.
    assert spans[0] == [
        ("Villega", "person"),
        ("Dave", "person"),
        ("Ford", "organization"),
        ("Tampa Bay", "location"),
    ]
    # An I- tag opens a span; a token the text lacks is left out, the rest still align.
    assert rows[1]["text"] == "thanks  jill allen,Iraqi friend"
    assert spans[1] == [("jill allen", "person"), ("Iraqi", "other")]


def test_ewt_refuses_an_unknown_split_or_a_folder_without_it(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown EWT split 'train2'"):
        load(tmp_path, "train2")
    with pytest.raises(FileNotFoundError, match="en_ewt-ud-test.iob2"):
        load(tmp_path, "test")


def _head(path: Path, width: int, layers: tuple[int, ...] | None) -> Path:
    rng = np.random.default_rng(7)
    arrays: dict[str, np.ndarray] = {
        "mean": np.zeros(width, np.float32),
        "scale": np.ones(width, np.float32),
        "w1": rng.standard_normal((width, 4)).astype(np.float32),
        "b1": np.zeros(4, np.float32),
        "w2": rng.standard_normal((4, 1)).astype(np.float32),
        "b2": np.zeros(1, np.float32),
        "threshold": np.array(0.5, np.float32),
    }
    if layers is not None:
        arrays["layers"] = np.array(layers)
    np.savez(path, allow_pickle=False, **arrays)
    return path


def test_the_finder_reads_the_layers_its_head_names(tmp_path: Path) -> None:
    """A head names the MiniLM layers it was trained on; one without the key reads the last."""
    finder = shared_finder()
    text = "please ask dave about the Xbox"
    words = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", text)]

    def scores(head: NameHead) -> np.ndarray:
        return ContextualNameFinder(finder.embedder, head, finder.g).scores_many([text], [words])[0]

    width = 384 + EXTRA_FEATURES
    older = NameHead(_head(tmp_path / "old.npz", width, None), sha256=None)
    last = NameHead(_head(tmp_path / "last.npz", width, (6,)), sha256=None)
    middle = NameHead(_head(tmp_path / "middle.npz", width, (4,)), sha256=None)
    assert older.layers == (6,) and middle.layers == (4,)
    assert np.array_equal(scores(older), scores(last))
    assert not np.allclose(scores(middle), scores(last))
    both = NameHead(_head(tmp_path / "both.npz", 2 * 384 + EXTRA_FEATURES, (4, 6)), sha256=None)
    assert scores(both).shape == (len(words),)
    assert NameHead().layers == (4, 6)  # the shipped head
