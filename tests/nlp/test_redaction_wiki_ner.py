"""The CrossNER / wikigold / SEC readers (bench/wiki_ner.py) and the trainer's seed averaging."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bench.wiki_ner import crossner, parse, sec_filings, wikigold
from nlp.redaction.contextual import NameHead
from tests.nlp.trainer_support import name_head_trainer

# IOB1 as wikigold and the SEC filings write it: a span opens with I-, B- only between two.
IOB1 = """-DOCSTART- -X- O O

The I-ORG
Mad I-ORG
Capsule I-ORG
Joe I-PER
Strummer I-PER
Mick B-PER
Jones I-PER
met O
in O
London I-LOC
. O

"""

# IOB2 as CrossNER writes it, fine-grained types.
CROSSNER = """Bocelli\tB-musicalartist
sang\tO
at\tO
The\tB-location
O2\tI-location
with\tO
Queen\tB-band
and\tO
Donna\tB-person
Summer\tI-person
at\tO
the\tO
Brit\tB-award
Awards\tI-award

Squarepusher\tB-musicalartist
(\tO
Tom\tB-musicalartist
Jenkinson\tI-musicalartist
)\tO
,\tO
Squarepusher\tB-musicalartist
's\tO
"""


def _spans(row: dict[str, object]) -> list[tuple[str, str]]:
    text = str(row["text"])
    return [(text[s["start"] : s["end"]], s["type"]) for s in row["spans"]]  # type: ignore[attr-defined]


def test_iob1_opens_a_span_on_a_changed_type_and_on_b() -> None:
    (row,) = parse(IOB1)
    assert row["text"] == "The Mad Capsule Joe Strummer Mick Jones met in London."
    assert _spans(row) == [
        ("The Mad Capsule", "organization"),
        ("Joe Strummer", "person"),  # a changed type opens a span, I- or not
        ("Mick Jones", "person"),
        ("London", "location"),
    ]


def test_crossner_fine_types_become_person_or_hard_negative_types(tmp_path: Path) -> None:
    for domain in ("politics", "science", "music", "literature", "ai"):
        folder = tmp_path / "ner_data" / domain
        folder.mkdir(parents=True)
        (folder / "dev.txt").write_text(CROSSNER if domain == "music" else "", encoding="utf-8")
    rows = crossner(tmp_path, "dev")
    assert [row["domain"] for row in rows] == ["music", "music"]
    assert _spans(rows[0]) == [
        ("Bocelli", "person"),
        ("The O2", "location"),
        ("Queen", "organization"),
        ("Donna Summer", "person"),
        ("Brit Awards", "other"),
    ]
    # Written as people write: no space inside brackets, before a comma or a clitic.
    assert rows[1]["text"] == "Squarepusher (Tom Jenkinson), Squarepusher's"
    assert _spans(rows[1]) == [
        ("Squarepusher", "person"),
        ("Tom Jenkinson", "person"),
        ("Squarepusher", "person"),
    ]


def test_readers_refuse_an_unknown_split_or_a_folder_without_the_corpus(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown CrossNER split 'conll2003'"):
        crossner(tmp_path, "conll2003")
    with pytest.raises(FileNotFoundError, match="wikigold.conll.txt"):
        wikigold(tmp_path)


def test_merged_seed_heads_score_the_mean_logit(tmp_path: Path) -> None:
    """Several fit seeds' heads become one wider head the finder runs unchanged."""
    trainer = name_head_trainer()
    rng = np.random.default_rng(3)
    width, hidden = 12, 5
    mean, scale = rng.standard_normal(width), rng.random(width) + 0.5

    def head() -> dict[str, np.ndarray]:
        return {
            "w1": rng.standard_normal((width, hidden)),
            "b1": rng.standard_normal(hidden),
            "w2": rng.standard_normal((hidden, 1)),
            "b2": rng.standard_normal(1),
            "mean": mean,
            "scale": scale,
        }

    heads = [(head(), 0.1), (head(), 0.2), (head(), 0.3)]
    merged, threshold = trainer.merge_heads(heads)
    assert threshold == pytest.approx(0.2)
    path = tmp_path / "merged.npz"
    arrays = {k: v.astype(np.float32) for k, v in merged.items()}
    np.savez(path, threshold=np.array(threshold), layers=np.array([4, 6]), **arrays)
    x = rng.standard_normal((7, width)).astype(np.float32)
    logits = [np.log(p / (1 - p)) for p in (trainer.predict(h, mean, scale, x) for h, _ in heads)]
    expected = 1 / (1 + np.exp(-np.mean(logits, axis=0)))
    assert np.allclose(NameHead(path, sha256=None).scores(x), expected, atol=1e-5)
    # One seed's head is kept as it is.
    assert trainer.merge_heads(heads[:1]) == heads[0]


def test_sec_parties_roles_are_hard_negatives_and_people_stay_names(tmp_path: Path) -> None:
    path = tmp_path / "data/SEC-filings/CONLL-format/data/train/FIN5.txt"
    path.parent.mkdir(parents=True)
    path.write_text(
        "The DT - O\nBorrower NNP - I-PER\nshall MD - O\npay VB - O\nthe DT - O\n"
        "LENDER NNP - I-PER\n. . - O\n\nBy IN - O\n: : - O\nZhang NNP - I-PER\n"
        "Jilun NNP - I-PER\n",
        encoding="utf-8",
    )
    rows = sec_filings(tmp_path)
    assert [_spans(row) for row in rows] == [
        [("Borrower", "other"), ("LENDER", "other")],
        [("Zhang Jilun", "person")],
    ]
