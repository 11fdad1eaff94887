"""Given names inside everyday phrases name no one, so quotes keep them.

Residents write as they speak: "taking the mickey", "every Tom, Dick and Harry", "I will sue
the council", "is ray of sunshine in my week" (the last from a real NHS answer). Each of these
lost its point to a [name] before. A person named beside the saying, or in a question the
verb's rule could misread, is still hidden.
"""

from __future__ import annotations

import pytest

from nlp.redaction import Redactor
from nlp.redaction.sayings import sayings

SHOWN = [
    "They are taking the mickey with these parking charges",
    "the council is taking the mick",
    "and Bob's your uncle, another rise in council tax",
    "every Tom, Dick and Harry parks on the pavement",
    "to be frank the service is poor",
    "it's a Heath Robinson arrangement",
    "what a mickey mouse service",
    "a right nosy parker next door",
    "the rules are for Joe Public",
    "my Jack Russell needs a park",
    "robin redbreast comes to my garden",
    "Jack and Jill nursery is great",
    "i have ben and jerrys ice cream on a friday",
    "Ruby wedding party at the Miners Institute",
    "Kindness, respect and grace",
    "You can't inline Ruby code into .js files.",
    "My project was running on Django 1.5.4 and I wanted to upgrade it.",
    "a ten minute grace period for parking",
    "it all went Pete Tong",
    "even a Billy no mates like me",
    "a peeping Tom in the park",
    "a question mark hangs over the bus service",
    "I will sue the council",
    "we'll sue them for the damage",
    "I had to chase them up three times",
    "I have benn very happy with my care",
    "A hugh thankyou.",
    "Instead of initially being sent to ED.",
    "TED stockings were given on the ward",
    "Since Storm Bert the road by the river has flooded twice.",
    "Storm Dennis flooded Pontypridd.",
    # Given names on the census's full surname list, but among none of its commonest.
    "Since Storm Christoph the river scares us.",
    "Storm Darragh took our fence.",
    "Cyclone Phailin comes on shore tonight.",
    "Since Storm Bert's floods the road is shut.",
    "Hurricane Rita packed winds of 240 km/h.",
    "my son is doing his Duke of Edinburgh award",
    "Marks and Spencer closed in town.",
    "Betsi Cadwaladr never answer the phone.",
    "Betsi is failing patients.",
    "Hywel Dda health board is in a mess.",
    "We were sent to Alder Hey.",
    "Tŷ Hafan helped us so much.",
    "I had my knee done at the Robert Jones and Agnes Hunt in Gobowen.",
    "Frankie & Benny's has gone and so has Nando's",
    "The Prince of Wales visited the hospital.",
    "The Duchess of Cornwall opened the ward.",
    # Voice assistants, after their maker, an article or a wake word, or before what they are.
    "I bought an Alexa for my mum so she can call me.",
    "Amazon Alexa reminds me of bin day.",
    "Hey Siri, what day is bin day?",
    "The Alexa app keeps crashing.",
    # A keyword texted to a short code.
    "Text REFORM to 83224 to sign our petition",
]
HIDDEN = [
    ("Megan especially, is ray of sunshine in my week.", "[name] especially, is ray of sunshine"),
    ("Give credit where it's due, a pat on the back to Sarah", "to [name]"),
    ("Will Sue the nurse ring me back?", "Will [name] the nurse"),
    ("i had to chase sue the receptionist", "chase [name] the receptionist"),
    ("i have ben to thank for that", "have [name] to thank"),
    ("I have Ben here with me", "I have [name] here"),
    ("is mickey mouse's voice scary", "is [name]'s voice"),
    ("Ed was lovely on the ward", "[name] was lovely"),
    ("thanks to Grace and Hope on reception", "thanks to [name] and [name] on"),
    ("Grace and family came to visit", "[name] and family came"),
    ("I went to the park with Julia", "with [name]"),
    ("Saw Paul 2.30 today at the clinic", "Saw [name] 2.30"),
    ("THANK YOU TED FOR EVERYTHING", "THANK YOU [name] FOR"),
    # "Storm" is a given name too: with a surname, or doing what people do, a person.
    ("Storm Evans rang me about the flood.", "[name] rang me"),
    ("Storm Ashley Evans came round.", "[name] came round"),
    ("Storm Jones is here.", "[name] is here"),
    # A title held of a place shows the title, not the holder's name beside it.
    ("Prince Harry, Duke of Sussex, came", "[name], Duke of Sussex, came"),
    ("Duke Evans of Rhos rang me", "[name] of Rhos rang me"),
    # "Betsi" alone is the health board only where the text is about health care, and
    # never after kin or thanks.
    ("Betsi rang me about the bins.", "[name] rang me"),
    ("My nan Betsi was in hospital.", "My nan [name] was"),
    ("Thanks to Betsi at the GP", "Thanks to [name] at"),  # "Jones" is on a given-name list too
    # An assistant's name is a woman's too: asked about the bins, a person.
    ("I asked Alexa about the bins.", "asked [name] about"),
    # A name before a phone number is texted, not a keyword.
    ("text DAVE to 07700 900123", "text [name] to [phone]"),
]


def test_sayings_that_hold_a_given_name_are_shown(redactor: Redactor) -> None:
    assert [r.text for r in redactor.redact_many(SHOWN, language="en")] == SHOWN


@pytest.mark.parametrize(("text", "shown"), HIDDEN)
def test_a_person_beside_a_saying_is_still_hidden(
    redactor: Redactor, text: str, shown: str
) -> None:
    assert shown in redactor.redact(text, language="en").text


@pytest.mark.parametrize(
    "text",
    [
        "Daeth Siôn Corn i'r ysgol ddoe",
        "Maen nhw fel Siôn a Siân, byth adre gyda'i gilydd",
        "Mae o'n dipyn o Ddic Siôn Dafydd",
        "Roedd y plant yn gwylio Wil Cwac Cwac",
        "Canodd y côr Dafydd y Garreg Wen",
        "Daeth y Fari Lwyd i'r dafarn",
        "Ers Storm Bert mae'r ffordd wedi gorlifo ddwywaith",
    ],
)
def test_welsh_characters_songs_and_customs_are_no_one(redactor: Redactor, text: str) -> None:
    assert redactor.redact(text, language="cy").text == text


def test_a_name_verb_is_read_only_after_a_subject_and_before_its_object() -> None:
    def words(text: str) -> list[str]:
        return [text[a:b] for a, b in sayings(text)]

    assert words("I will sue the council") == ["sue"]
    assert words("they're going to rob us blind") == ["rob"]
    assert words("I will sue") == []  # no object: "I will, Sue" may be said to her
    assert words("when will sue the nurse be back") == []
