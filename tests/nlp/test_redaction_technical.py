"""In text plainly about code, software named like a person is shown; people stay hidden.

A question on a programmers' forum reads "Upgrading Ruby broke the JSON parsing", and the
finders hid "Ruby", "Kingfisher" and "Phusion" as people. Residents' answers hold no
compiler, regex or "startSession()", so their names are judged as before, and in text about
code a given name, a titled name or a programmer thanked for an answer stays hidden.
"""

from __future__ import annotations

import pytest

from nlp.redaction import Redactor
from nlp.redaction.technical import about_code

SHOWN = [
    "Phusion Passenger handles the environment variables differently from the Python runtime.",
    "Upgrading Ruby broke the JSON parsing in my script.",
    "$_POST is empty when Mandrill calls my webhook.",
    "Scringo crashes when I call startSession() twice.",
]
HIDDEN = [
    ("Thanks to Rufinus, the SQL query works now.", "Thanks to [name],"),
    ("Following Castellano answer, the regex matches every line.", "Following [name] answer"),
    ("Elizabeth helped me fix the SQL query.", "[name] helped me"),
    ("Mr Pritchard says the API is down.", "Mr [name] says"),
    ("Mr Pritchard from the app team rang me back.", "Mr [name] from"),
    ("Please email g_pritchard@example.com or ask Pritchard at the desk.", "ask [name] at"),
    ("It cost $5 and Pritchard said it was fine.", "and [name] said"),
    ("My child(ren) were seen by Pritchard on the ward.", "seen by [name] on"),
    ("Pritchard on reception could not find my letter on the system.", "[name] on reception"),
]


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor()


@pytest.mark.parametrize("text", SHOWN)
def test_software_named_like_a_person_is_shown_in_text_about_code(
    redactor: Redactor, text: str
) -> None:
    assert redactor.redact(text, language="en").text == text


@pytest.mark.parametrize(("text", "expected"), HIDDEN)
def test_people_stay_hidden_in_and_out_of_text_about_code(
    redactor: Redactor, text: str, expected: str
) -> None:
    assert expected in redactor.redact(text, language="en").text


@pytest.mark.parametrize(
    "text",
    [
        "the app keeps crashing and the website is down",
        "Mrs Jones compiled a list of the broken street lights",
        "an array of services for the elderly, within the parameters set",
        "My child(ren) were seen on the ward.",
        "Contact g_pritchard@example.com",
        "It cost $5.",
    ],
)
def test_residents_everyday_words_are_not_text_about_code(text: str) -> None:
    assert not about_code(text)
