"""nlp/redaction/high_street.py through the real redactor: shops named like people.

Before it, "We lost Thorntons and Clintons" became "We lost [name] and [name]", and "We went
to John Lewis in Chester" lost the shop a town-centre consultation is about.
"""

from __future__ import annotations

import pytest

from nlp.redaction import Redactor

SHOWN = [
    "We lost Thorntons and Clintons.",
    "Since Debenhams shut the town is dead.",
    "Timpsons fixed my key.",
    "Too many bookies: Ladbrokes, William Hill and Betfred.",
    "We went to John Lewis in Chester.",
    "John Lewis closed last year.",
    "Holland & Barrett and Robert Dyas closed.",
    "Papa John's delivers here.",
    "The Laura Ashley shop shut.",
    "I went to Marks and Spencer's for a coffee.",
    "Mae Debenhams a Wilko wedi cau ac mae siop John Lewis yn bell.",
]
HIDDEN = [
    # A founder's full name is a person unless the words around make it a shop (a Welsh
    # resident's own name among them); a surname chain after a title is the person too.
    ("John Lewis rang me back.", "[name] rang me"),
    ("John Lewis is lovely.", "[name] is lovely"),
    ("I spoke to John Lewis at the council", "I spoke to [name] at"),
    ("Fy enw i yw John Lewis ac mae'r bws yn hwyr.", "Fy enw i yw [name] ac"),
    ("my uncle John Lewis came round", "my uncle [name] came"),
    ("Thanks to William Hill for the help", "Thanks to [name] for"),
    ("Mr Ryman was kind", "Mr [name] was kind"),
    ("William Hill opened the fete", "[name] opened the fete"),
    ("Mr William Hill closed the meeting", "Mr [name] closed the meeting"),
    # A plain surname that is also a chain is left to the name finders.
    ("Mrs Rowlands was lovely", "Mrs [name] was lovely"),
]


def test_shops_named_like_people_are_shown(redactor: Redactor) -> None:
    english, welsh = SHOWN[:-1], SHOWN[-1]
    assert [r.text for r in redactor.redact_many(english, language="en")] == english
    assert redactor.redact(welsh, language="cy").text == welsh


@pytest.mark.parametrize(("text", "shown"), HIDDEN)
def test_a_person_named_like_a_shop_is_still_hidden(
    redactor: Redactor, text: str, shown: str
) -> None:
    assert shown in redactor.redact(text, language="en").text
