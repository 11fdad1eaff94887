"""nlp/redaction/person_cues.py through the real redactor: context that makes a word a person.

Before it, a surname that is also a British town was always shown when it stood alone
("Norton said the ward was clean"), however sure the contextual finder was, and an unlisted
name spelt with "aw" or "wy" was taken for a Welsh word ("Ishawna was really helpful").
"""

from __future__ import annotations

import re

import pytest

from nlp.redaction import Redactor, names, person_cues, word_checks
from nlp.redaction import redactor as redactor_module
from nlp.redaction.name_cues import ROLE_NOUNS_CY
from nlp.redaction.person_cues import (
    LIST_JOINERS_CY,
    acts_as_person,
    described_as_a_person,
    described_as_a_person_cy,
    listed_beside_a_person,
    named_beside_a_role,
    spoken_of_as_a_person,
)
from nlp.redaction.welsh_spelling import not_welsh_spelling

PEOPLE = [
    "Norton said the ward was clean.",
    "Hatfield told me the results would take a week.",
    "Emperor Norton issued a decree.",
    "Hatfield has told us twice that the bed is free.",
    "The nurse, Hatfield, who was on nights, was lovely.",
    "Buckley told us the buses would change.",  # the finder is not sure: the verb is
    "Preston, you were a star on the night shift.",
    "Ishawna was really helpful at reception.",
    "Thanks to ishawna at the front desk.",
]
HIDDEN = [
    "[name] said the ward was clean.",
    "[name] told me the results would take a week.",
    "Emperor [name] issued a decree.",
    "[name] has told us twice that the bed is free.",
    "The nurse, [name], who was on nights, was lovely.",
    "[name] told us the buses would change.",
    "[name], you were a star on the night shift.",
    "[name] was really helpful at reception.",
    "Thanks to [name] at the front desk.",
]
# Towns that are surnames, doing what towns do: they stay.
PLACES = [
    "Holt is lovely.",
    "Norton has nothing for young people.",
    "Holt needs more buses.",
    "Holt will always be home.",
    "Bishop Auckland has a lovely market.",  # a title that opens a town's name
    "Mold, who cares about it anyway.",
    "I moved to Norton who knows why.",
    "Buses to Preston, please.",
    "I count Norton as my home town.",  # "count" the verb, not the title
]


def test_a_surname_that_is_a_town_is_hidden_where_a_person_acts(
    redactor: Redactor, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert [r.text for r in redactor.redact_many(PEOPLE, language="en")] == HIDDEN
    # The cues are what hide the surnames: without them the place list wins again. (The
    # rules read a verb after a listed name too: names.ACTED_AFTER.)
    monkeypatch.setattr(person_cues, "acts_as_person", lambda *_: False)
    monkeypatch.setattr(person_cues, "named_beside_a_role", lambda *_: False)  # "The nurse, X,"
    monkeypatch.setattr(names, "ACTED_AFTER", re.compile(r"(?!)"))
    shown = [r.text for r in redactor.redact_many(PEOPLE[:7], language="en")]
    assert shown == PEOPLE[:7]


def test_an_unlisted_name_spelt_with_sh_is_no_welsh_word(
    redactor: Redactor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(word_checks, "not_welsh_spelling", lambda _: False)
    shown = [r.text for r in redactor.redact_many(PEOPLE[7:], language="en")]
    assert shown == PEOPLE[7:]


def test_towns_doing_what_towns_do_stay(redactor: Redactor) -> None:
    assert [r.text for r in redactor.redact_many(PLACES, language="en")] == PLACES


def words(text: str) -> list[tuple[int, int, str]]:
    found, at = [], 0
    for word in text.split(" "):
        found.append((at, at + len(word), word))
        at += len(word) + 1
    return found


# Staff named in a list, from the NHS answers: the given names that are also places ("Lee",
# "Lea": GeoNames lists hamlets of both) were shown beside the hidden ones.
LISTS = [
    "Caroline and Lee were kind, caring and very respectful.",
    "The team was amazing. Suzanne & Lea were very welcoming.",
    "Lee and Caroline looked after me.",
]
LISTS_HIDDEN = [
    "[name] and [name] were kind, caring and very respectful.",
    "The team was amazing. [name] & [name] were very welcoming.",
    "[name] and [name] looked after me.",
]
# Places in a list, and a word beside a name, stay.
NOT_LISTS = [
    "Wrexham and Chester are lovely.",
    "Buses to Lee and Chester stop at six.",
    "Mold, Caroline and I went shopping.",
]


def test_a_name_that_is_a_place_is_hidden_in_a_list_of_people(
    redactor: Redactor, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert [r.text for r in redactor.redact_many(LISTS, language="en")] == LISTS_HIDDEN
    assert [r.text for r in redactor.redact_many(NOT_LISTS, language="en")] == [
        "Wrexham and Chester are lovely.",
        "Buses to Lee and Chester stop at six.",
        "Mold, [name] and I went shopping.",
    ]
    monkeypatch.setattr(person_cues, "listed_beside_a_person", lambda *_: False)
    # The redactor's last pass hides a listed given name too (repeats.names_listed_beside).
    monkeypatch.setattr(redactor_module, "names_listed_beside", lambda *_: [])
    # ... and so does being kind (described_as_a_person: "Lee were kind").
    monkeypatch.setattr(person_cues, "described_as_a_person", lambda *_: False)
    monkeypatch.setattr(names, "described_as_a_person", lambda *_: False)
    shown = [r.text for r in redactor.redact_many(LISTS[:1], language="en")]
    assert shown == ["[name] and Lee were kind, caring and very respectful."]


def test_the_list_cue() -> None:
    people = {"caroline"}
    assert listed_beside_a_person(words("Caroline and Lee were"), 2, 2, people)
    assert listed_beside_a_person(words("Lee , Caroline"), 0, 0, people)
    assert not listed_beside_a_person(words("Wrexham and Lee"), 2, 2, people)
    assert not listed_beside_a_person(words("caroline and lee"), 2, 2, people)  # no capitals
    assert not listed_beside_a_person(words("Caroline is brill , Lee"), 2, 2, people)
    assert not listed_beside_a_person(words("Caroline and brill"), 2, 2, people)
    # Welsh joins a list with "a" or "ac"; English text does not.
    assert listed_beside_a_person(words("Caroline a Lee"), 2, 2, people, LIST_JOINERS_CY)
    assert listed_beside_a_person(words("Lee ac Caroline"), 0, 0, people, LIST_JOINERS_CY)
    assert not listed_beside_a_person(words("Caroline a Lee"), 2, 2, people)


def test_the_cues() -> None:
    said = words("In it , Norton observed :")
    assert acts_as_person(said, 3, 3)
    assert acts_as_person(words("Senator Hatfield , Mr ."), 0, 1)  # the title in the run
    assert acts_as_person(words("Senator Hatfield , Mr ."), 1, 1)  # ... or before it
    assert acts_as_person(words("Shaw himself ran"), 0, 0)
    assert acts_as_person(words("Norton would later add :"), 0, 0)
    assert acts_as_person(words("Holt rang me back"), 0, 0)  # the rules' past tenses too
    assert acts_as_person(words("Thornton starred in Sling Blade"), 0, 0)  # an artist's past
    assert not acts_as_person(words("Chester studies show"), 0, 0)  # a noun after a place
    assert not acts_as_person(words("Wrexham performed well"), 0, 0)  # a team does too
    assert not acts_as_person(words("Norton would later be a town"), 0, 0)
    assert acts_as_person(words("Norton , who ruled"), 0, 0)
    assert not acts_as_person(words("Bishop Auckland is"), 1, 1, {"bishop auckland"})
    assert not acts_as_person(words("St Helens is lovely"), 1, 1)  # a saint is no title here
    assert not acts_as_person(words("Holt is lovely"), 0, 0)
    assert acts_as_person(words("Thanks . Preston you star"), 2, 2)
    assert not acts_as_person(words("I love Preston you know"), 2, 2)  # not spoken to
    assert not_welsh_spelling("Ishawna") and not not_welsh_spelling("Rhosddu")


# Towns that are surnames, said to treat someone kindly or rudely or to have a job: people.
# Each was shown.
DESCRIBED = [
    "Preston was very helpful.",
    "Hamilton was a visiting professor at the university.",
    "Wells was kind to me.",
    "Holt has been so rude to my mum.",
]
DESCRIBED_HIDDEN = [
    "[name] was very helpful.",
    "[name] was a visiting professor at the university.",
    "[name] was kind to me.",
    "[name] has been so rude to my mum.",
]
# What a town is too, friendly or lovely, says no person.
NOT_DESCRIBED = ["Holt is very friendly.", "Holt is lovely and quiet.", "Mold was helpful"]


def test_a_name_that_is_a_place_is_hidden_where_it_treats_someone_so(
    redactor: Redactor, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert [r.text for r in redactor.redact_many(DESCRIBED, language="en")] == DESCRIBED_HIDDEN
    assert [r.text for r in redactor.redact_many(NOT_DESCRIBED, language="en")] == NOT_DESCRIBED
    monkeypatch.setattr(person_cues, "described_as_a_person", lambda *_: False)
    monkeypatch.setattr(names, "described_as_a_person", lambda *_: False)  # the rules' cue
    assert [r.text for r in redactor.redact_many(DESCRIBED, language="en")] == DESCRIBED


def test_the_described_cue() -> None:
    assert described_as_a_person(words("Wells was kind"), 0)
    assert described_as_a_person(words("Wells has not been very helpful"), 0)
    assert described_as_a_person(words("Hope is always so patient"), 0)
    assert not described_as_a_person(words("Holt is a kind place"), 0)  # "a" is no degree
    assert not described_as_a_person(words("Holt needs kind people"), 0)
    assert not described_as_a_person(words("Holt is very friendly"), 0)
    assert not described_as_a_person(words("Holt was \n kind"), 0)  # another line
    assert described_as_a_person(words("Hope from the council was so kind"), 0)
    assert described_as_a_person(words("Hill was a visiting Professor at"), 0)  # a job
    assert described_as_a_person(words("Hope is a nurse"), 0)
    assert not described_as_a_person(words("Holt is a coach stop"), 0)  # a job's word, a thing
    assert not described_as_a_person(words("Holt is a lovely village with a nurse"), 0)
    assert not described_as_a_person(words("Buckley is a member of the league"), 0)
    assert not described_as_a_person(words("Holt on a Sunday is lovely"), 0)
    assert not described_as_a_person(words("Holt from the bypass to the river is kind"), 0)


# A surname that is a town, the finder sure of it, with "he" or "his" in its sentence (from
# GUM's development biographies): a person. After "in", a town still.
SPOKEN_OF = [
    (
        "Born in England, Norton spent most of his early life in South Africa.",
        "Born in England, [name] spent most of his early life in South Africa.",
    ),
    ("My mum lives in Holt and she loves it.", "My mum lives in Holt and she loves it."),
]


@pytest.mark.parametrize(("text", "expected"), SPOKEN_OF)
def test_a_surname_that_is_a_town_is_a_person_spoken_of_as_one(
    redactor: Redactor, text: str, expected: str
) -> None:
    assert redactor.redact(text, language="en").text == expected


def test_the_pronoun_cue() -> None:
    assert spoken_of_as_a_person(words("In his role , Norton issued"), 4, 4)
    assert spoken_of_as_a_person(words("Norton spent his life"), 0, 0)
    assert not spoken_of_as_a_person(words("He left . Norton is lovely"), 3, 3)  # another sentence
    assert not spoken_of_as_a_person(words("Norton is lovely"), 0, 0)


# Staff named beside their job, from the NHS answers: "Shannon" is also a river and a
# British place, and the finder (0.77, 0.89) was short of PLACE_SURE, so both were shown.
BESIDE_A_ROLE = [
    "a new support worker/occupational assistant ( Shannon).  I cannot express how much"
    " Shannon has meant to my care.",
    "My physio, Chester, was brilliant.",
]
BESIDE_A_ROLE_HIDDEN = [
    "a new support worker/occupational assistant ( [name]).  I cannot express how much"
    " [name] has meant to my care.",
    "My physio, [name], was brilliant.",
]
# A place in brackets after a place's noun, or after a job but not set beside it, stays.
NOT_BESIDE_A_ROLE = [
    "I went to the clinic (Chester) for my bloods.",
    "The physio in Chester was brilliant.",
    "My physio moved to Chester, sadly.",
]


def test_a_name_that_is_a_place_is_hidden_beside_a_job(
    redactor: Redactor, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = redactor.redact_many(BESIDE_A_ROLE + NOT_BESIDE_A_ROLE, language="en")
    assert [r.text for r in found] == BESIDE_A_ROLE_HIDDEN + NOT_BESIDE_A_ROLE
    monkeypatch.setattr(person_cues, "named_beside_a_role", lambda *_: False)
    shown = [r.text for r in redactor.redact_many(BESIDE_A_ROLE[:1], language="en")]
    assert shown == BESIDE_A_ROLE[:1]


def test_the_role_cue() -> None:
    assert named_beside_a_role(words("assistant ( Shannon )"), 2, 2)
    assert named_beside_a_role(words("my carer , Lee , said"), 3, 3)
    assert named_beside_a_role(words("my carer , Lee"), 3, 3)  # the line ends
    assert not named_beside_a_role(words("clinic ( Carlton )"), 2, 2)  # a place's noun
    assert not named_beside_a_role(words("assistant ( Shannon Road )"), 2, 2)  # not closed
    assert not named_beside_a_role(words("the nurse Shannon said"), 2, 2)  # not set apart
    # A Welsh role may take a word after it: the noun is one of two words before the mark.
    social_worker = words("gweithiwr cymdeithasol , Shannon , yn")
    assert named_beside_a_role(social_worker, 3, 3, ROLE_NOUNS_CY, reach=2)
    assert not named_beside_a_role(social_worker, 3, 3, ROLE_NOUNS_CY)
    # ... and says how a person treats others after "yn" or "'n".
    assert described_as_a_person_cy(words("Roedd Chelsea yn garedig iawn"), 1)
    assert described_as_a_person_cy(words("Mae Kerry 'n glên"), 1)
    assert not described_as_a_person_cy(words("Mae Caer yn hyfryd"), 1)
