"""In text plainly about code, a language or a tool named like a person is shown.

A question on a programmers' forum reads "Upgrading Ruby broke the JSON parsing", and the
finders hid "Ruby" as a person. Residents' answers hold no compiler, regex or
"startSession()", so their names are judged as before; and in text about code a person
stays hidden: one with a title, one thanked or credited, and anyone whose name is no
software's.
"""

from __future__ import annotations

import pytest

from nlp.redaction import Redactor
from nlp.redaction.technical import about_code

SHOWN = [
    "Upgrading Ruby broke the JSON parsing in my script.",
    "Is Julia faster than Python for this kind of loop?",
    "Jenkins fails every time I push to GitHub.",
    "Django keeps returning a 404 when I call render() on the page.",
]
HIDDEN = [
    ("Thanks to Julia, the SQL query works now.", "Thanks to [name],"),
    ("Following Travis answer, the regex matches every line.", "Following [name] answer"),
    ("Mrs Ruby Clarke says the API is down.", "Mrs [name] says"),
    ("Elizabeth helped me fix the SQL query.", "[name] helped me"),
    ("Pritchard fixed the SQL query for me.", "[name] fixed"),
    ("Ruby on reception helped me with the form.", "[name] on reception"),
    ("Please email g_pritchard@example.com or ask Pritchard at the desk.", "ask [name] at"),
    ("It cost $5 and Pritchard said it was fine.", "and [name] said"),
    ("My child(ren) were seen by Julia on the ward.", "seen by [name] on"),
]


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
