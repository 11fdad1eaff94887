"""Names as an officer tried them (issue 15): places stay, Welsh verbs stay, lower-case names go."""

from __future__ import annotations

import pytest

from nlp.redaction import Redactor


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We live in Marford and the bus is bad", "We live in Marford and the bus is bad"),
        ("The Gurdwara does food parcels", "The Gurdwara does food parcels"),
        ("I waited 5 hours at Wrexham Maelor", "I waited 5 hours at Wrexham Maelor"),
        ("Rhosddu needs a crossing", "Rhosddu needs a crossing"),
        ("Ffoniwch Gareth ar 07700 900123", "Ffoniwch [name] ar [phone]"),
        ("my NI is QQ 12 34 56 C", "my NI is [nino]"),
        ("type @SUM(A1:A2) in the cell", "type @SUM(A1:A2) in the cell"),
        ("tell @gareth_p about it", "tell [handle] about it"),
        ("Cllr Jones never replies", "Cllr [name] never replies"),
    ],
)
def test_places_verbs_and_identifiers_as_an_officer_tried_them(
    redactor: Redactor, text: str, expected: str
) -> None:
    assert redactor.redact(text).text == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("my neighbour gareth pritchard lives on bryn road", "gareth pritchard"),
        ("ask dave at the shop, he knows", "dave"),
        ("mrs hughes at number 4 cant get out", "hughes"),
        ("i spoke to siân about the bins", "siân"),
        ("MY NAME IS OLIVIA AND I HATE THE BUS", "OLIVIA"),
    ],
)
def test_lower_case_and_shouted_names_are_hidden(redactor: Redactor, text: str, name: str) -> None:
    redacted = redactor.redact(text).text
    assert name not in redacted
    assert "[name]" in redacted


def test_welsh_sentence_keeps_its_verbs_and_places(redactor: Redactor) -> None:
    text = "Ffoniwch Siân Pritchard yn Rhosddu os gwelwch yn dda"
    assert redactor.redact(text, language="cy").text == (
        "Ffoniwch [name] yn Rhosddu os gwelwch yn dda"
    )
