"""Conditions, care services, buildings, awards and medicines named after people stay in quotes.

Residents write about their health and their care. The name finders took the eponym for a
person and the quote lost what it was about: "Dad had [name] body dementia", "the [name]
nurses were wonderful", "difficulties with [name] house receptionist", "[name] meds have been
stopped" (the last three from real NHS answers). The person a title, kin word or common
given name announces is still hidden.
"""

from __future__ import annotations

import pytest

from nlp.redaction import Redactor
from nlp.redaction.eponyms import names_a_condition_or_service

CONDITIONS = [
    "Dad had Lewy body dementia",
    "My son has Duchenne muscular dystrophy",
    "I was diagnosed with Bell's palsy last year",
    "She was diagnosed with Hodgkin lymphoma",
    "Epstein-Barr virus left me so tired",
    "He has Guillain Barre syndrome",
    "My sister has Huntingtons disease",
    "I have a Baker's cyst behind my knee",
    "Mum has Paget's disease of the bone",
    "I have Addison's and need my injections on time",
    "He has Cushing's",
]
SERVICES = [
    "The Sue Ryder nurses were wonderful",
    "Macmillan nurse was great",
    "The palliative team and Marie Currie were excellent",  # as a resident spelt it
    "the overnight cover with marie curie nurses",
    "Florence Nightingale hospice were kind",
    "Claire House were amazing with our son",
    "Wife has had difficulties with Latham house receptionist",
    "Only issue is Lanzo meds have been stopped",
]
BUILDINGS_AWARDS_AND_BUSINESSES = [
    # The first five as real NHS answers name them (each hid the name before).
    "The staff at the John Ryle Centre were lovely",
    "My surgeon at George Eliot Hospital was very impressed",
    "the staff at the Agnes Unit were kind",
    "Nobody was around much on the Lynn Jarrett Ward.",
    "I have nominated her for a Daisy award",
    "Robin Hood Airport is too far to drive",
    "My son goes to Sir Thomas Picton School",
    # Businesses trading under their owner's name.
    "Evans Funeral Directors were kind",
    "R Jones Builders did our roof",
    "Smith & Sons Ltd left rubbish on the verge",
    "Tony's chippy is the best in Rhos",
    "I go to Jackson's gym on Tuesdays",
    "Jones Pharmacy in Rhos is great",
    "Calls are now forwarded to Malcolm Smith Motorsports down the road.",
    # ... and the care agencies and trades that come to residents.
    "the carers from Castle Care are amazing",
    "Smith Care Services sent someone new every day",
    # The finders split this name; every part of it goes with the building.
    "We love the Mustang Club and the George Washington Carver Center",
    # A public place by its kind in two lower-case words.
    "We walk the dog in Alyn Waters country park every day",
    "Bellevue Road car park is always full",
    "Owain Glyndwr statue needs cleaning",
    # A building's noun taken into the name, and "the" before a full name: a place.
    "Hope House looked after our son",
    "Victoria Station was packed this morning.",
    "My appointment at the Robert Jones was cancelled again.",
]
PEOPLE = [
    ("Thanks to Sarah Ward for her help", "Thanks to [name] for her help"),
    ("Dr Gray Centre staff rang me", "Dr [name] Centre staff rang me"),
    ("Sir Thomas was kind", "Sir [name] was kind"),
    ("I bought Sarah pizza for her birthday", "I bought [name] pizza for her birthday"),
    ("Dave's garage fixed my car", "[name]'s garage fixed my car"),  # his own, or a trade
    ("Dr Parkinson was kind", "Dr [name] was kind"),
    ("Mrs Bell's palsy is worse", "Mrs [name]'s palsy is worse"),
    ("Jane's disease got worse", "[name]'s disease got worse"),
    ("Ask Macmillan about it", "Ask [name] about it"),
    ("Thanks to Dr Marie Curie", "Thanks to Dr [name]"),
    ("They gave Sarah tablets", "They gave [name] tablets"),
    ("I stayed at Sarah house last night", "I stayed at [name] house last night"),
    ("Dr House was rude to me", "Dr [name] was rude to me"),
    ("Thanks to the Sarah Jones team", "Thanks to the [name] team"),
    ("We met at Jones house", "We met at [name] house"),  # the Joneses' house
    # Where a person goes or lives, without the apostrophe; a common given name alone.
    ("Rhys primary school is lovely", "[name] primary school is lovely"),
    ("Sarah care home staff were kind", "[name] care home staff were kind"),
    ("Grace medical centre never answers", "[name] medical centre never answers"),
    # A firm's word that is also a job's; a lone common given name before it.
    ("Lisa Care Manager was great", "[name] Care Manager was great"),
    ("Sarah Jones Housing Officer never rings", "[name] Housing Officer never rings"),
    ("Ask Dave Care about it", "Ask [name] Care about it"),
]


def test_conditions_named_after_people_are_shown(redactor: Redactor) -> None:
    assert [r.text for r in redactor.redact_many(CONDITIONS, language="en")] == CONDITIONS


def test_care_services_buildings_and_medicines_are_shown(redactor: Redactor) -> None:
    assert [r.text for r in redactor.redact_many(SERVICES, language="en")] == SERVICES


def test_buildings_awards_and_businesses_named_after_people_are_shown(
    redactor: Redactor,
) -> None:
    texts = BUILDINGS_AWARDS_AND_BUSINESSES
    assert [r.text for r in redactor.redact_many(texts, language="en")] == texts


@pytest.mark.parametrize(("text", "redacted"), PEOPLE)
def test_a_person_announced_or_given_a_common_name_is_still_hidden(
    redactor: Redactor, text: str, redacted: str
) -> None:
    assert redactor.redact(text, language="en").text == redacted


def test_welsh_puts_the_building_first_and_a_title_of_honour_between(
    redactor: Redactor,
) -> None:
    for text in (
        "Mae fy mab yn Ysgol Syr Hugh Owen",
        "Aethon ni i Goleg Syr Thomas Jones",  # "Coleg", mutated after "i"
        "Aethon ni i Goleg Morgan Llwyd",
    ):
        assert redactor.redact(text, language="cy").text == text
    assert redactor.redact("Diolch i Syr Thomas am ei help", language="cy").text == (
        "Diolch i Syr [name] am ei help"
    )


def test_welsh_choirs_playgroups_and_societies_are_places_not_people(
    redactor: Redactor,
) -> None:
    """A choir, a Welsh playgroup or a language society opens with its noun, in English
    answers as in Welsh ones; "Ty" without its accent is still a given name."""
    for text, language in (
        ("Côr Meibion Rhos were great at the carnival", "en"),
        ("Cylch Meithrin Rhos is brilliant", "en"),
        ("Menter Iaith Fflint runs the youth club", "en"),
        ("Mae Côr Meibion Rhos yn canu heno", "cy"),
        ("Aeth y plant i Gylch Meithrin Rhos", "cy"),
        ("Mae'r ffordd ger Tŷ Gwyn ar gau", "cy"),
    ):
        assert redactor.redact(text, language=language).text == text
    assert redactor.redact("Ty Jones rang me", language="en").text == "[name] rang me"


def test_welsh_puts_the_condition_first_and_kin_before_it(redactor: Redactor) -> None:
    for text in (
        "Mae gan Mam glefyd Parkinson",
        "Mae gan fy mab syndrom Down",
        "Mae gan Dad Alzheimer's",  # Dad has Alzheimer's: kin, then the condition
        "Roedd nyrsys Marie Curie yn wych",
    ):
        assert redactor.redact(text, language="cy").text == text


def test_the_check_reads_the_words_around_the_name() -> None:
    text = "Huntingtons disease runs in the family"
    assert names_a_condition_or_service(text, 0, len("Huntingtons"))
    # The same word alone, with no noun after it and no possessive, is not read as one.
    assert not names_a_condition_or_service("Huntington rang me", 0, len("Huntington"))
    # A title before it makes it a person, whatever follows.
    assert not names_a_condition_or_service("Dr Huntingtons disease clinic", 3, 14)


def test_an_officers_words_to_hide_still_win(redactor: Redactor) -> None:
    result = redactor.redact("The Sue Ryder nurses were wonderful", deny_list=["Sue Ryder"])
    assert result.text == "The [redacted] nurses were wonderful"


def test_a_given_name_before_a_firms_word_in_a_job_title_is_hidden(redactor: Redactor) -> None:
    # An NHS answer: "Healthcare Manger" is Hillary's job ("Manager" misspelt), not a firm.
    text = "one nurse, Hillary Healthcare Manger & Kelly in Pharmacy do listen"
    assert "Hillary" not in redactor.redact(text, language="en").text
