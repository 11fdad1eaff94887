"""A small hand-checked set of theme labels: what a person coding these answers would write.

Each case is a theme's answers and the label a person checked as right (written forms,
not lemma artefacts; acronyms upper-case; no place name standing in for the topic;
Welsh joined grammatically). Real spaCy pipelines, no stubs.
"""

from __future__ import annotations

import pytest

from nlp.themes.labelling import CTfidfLabeller

CASES = [
    # (language, answers, the label a person wrote)
    (
        "en",
        [
            "Taxes are too high",
            "taxes too high",
            "lower the taxes please",
            "council taxes up again",
        ],
        "Taxes",
    ),
    (
        "en",
        ["the ground crew were rude", "ground crew lost my bag", "rude ground crew at the gate"],
        "Ground crew",
    ),
    (
        "en",
        [
            "NHS waiting times",
            "the NHS needs money",
            "NHS staff are great",
            "waiting times at the nhs",
        ],
        "NHS and waiting times",
    ),
    (
        "en",
        [
            "Bowling Green needs more parks",
            "more parks in Bowling Green",
            "Bowling Green parks are dirty",
        ],
        "Parks",
    ),
    ("en", ["Nothing.", "nothing", "Nothing at all", "nothing really"], "Nothing"),
    (
        "en",
        [
            "could not get a GP appointment",
            "GP appointments impossible",
            "waited weeks for a GP appointment",
        ],
        "GP appointment",
    ),
    (
        "en",
        ["the bins were not collected", "bins left for weeks", "missed bins collection again"],
        "Missed bins collection",
    ),
    (
        "cy",
        [
            "Mae angen mwy o fysiau",
            "bysiau yn hwyr",
            "dim digon o fysiau",
            "bysiau a threnau gwell",
            "mwy o drenau a bysiau",
        ],
        "Bysiau a threnau",
    ),
    (
        "cy",
        ["mae'r ysgolion yn dda", "ysgolion a phlant", "angen ysgolion newydd", "ysgolion lleol"],
        "Ysgolion",
    ),
]


@pytest.mark.parametrize(("language", "answers", "expected"), CASES)
def test_labels_read_as_a_person_wrote_them(
    language: str, answers: list[str], expected: str
) -> None:
    # Labels are contrastive: every case is labelled beside the other cases of its language.
    same = [c for c in CASES if c[0] == language]
    labels = CTfidfLabeller().label([c[1] for c in same], [[language] * len(c[1]) for c in same])
    got = labels[[c[2] for c in same].index(expected)].label
    assert got == expected
    assert got.lower() not in {a.lower() for a in answers if len(a.split()) > 1}


def test_hand_masked_names_never_reach_a_label() -> None:
    labels = CTfidfLabeller().label(
        [
            ["XXXX listened to me", "listened well XXXX", "XXXX listened"],
            ["food cold", "cold food"],
        ],
        [["en"] * 3, ["en"] * 2],
    )
    assert labels[0].label == "Listened"


def test_a_welsh_join_mutates_and_uses_ac_before_a_vowel() -> None:
    from nlp.themes.labelling import join_parts

    assert join_parts("cy", ["Bysiau", "trenau"]) == "Bysiau a threnau"
    assert join_parts("cy", ["Bysiau", "ysgolion"]) == "Bysiau ac ysgolion"
    assert join_parts("cy", ["Ysgolion", "plant"]) == "Ysgolion a phlant"
