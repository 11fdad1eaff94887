"""A consultation's places to keep and words to hide, through the real redactor (issue 15).

The sentences are ones the general name finder got wrong without the council's words:
"Caia Park" (an estate) became "[name] Park" (the neighbours head of session 9 keeps it), "Plas
Madoc" and "Eagles Meadow" became "[name]", while "Tegwedd" (a member of staff) was shown.
"""

from __future__ import annotations

import pytest

from nlp.redaction import Redactor
from storage.input_policy import UnsafeText, WordListError, word_list
from storage.repositories.redaction_words import RedactionWords

PLACES = ["Caia Park", "Plas Madoc", "Eagles Meadow"]


def test_a_place_to_keep_stays_whole_where_the_finder_took_it_for_a_name(
    redactor: Redactor,
) -> None:
    texts = [
        "Tell Plas Madoc residents about the bus",
        "Love Eagles Meadow but parking is dear",
        "Tell plas   MADOC residents about the bus",  # any case and spacing
    ]
    plain = [r.text for r in redactor.redact_many(texts, language="en")]
    assert plain[:2] == [
        "Tell [name] residents about the bus",
        "Love [name] but parking is dear",
    ]
    kept = [r.text for r in redactor.redact_many(texts, language="en", keep_list=PLACES)]
    assert kept == texts


def test_a_persons_name_holding_a_kept_place_is_still_hidden(redactor: Redactor) -> None:
    # A name reaching past the place, or given a title, is a person's: hidden whole.
    assert redactor.redact("Caia Park Smith rang me", language="en", keep_list=PLACES).text == (
        "[name] rang me"
    )
    assert redactor.redact("Mrs Plas Madoc rang", language="en", keep_list=PLACES).text == (
        "Mrs [name] rang"
    )


def test_words_to_hide_win_and_structured_details_are_never_kept(redactor: Redactor) -> None:
    hidden = redactor.redact(
        "Tegwedd from Caia Park never came about the damp",
        language="en",
        keep_list=PLACES,
        deny_list=["Tegwedd", "caia park"],
    )
    assert hidden.text == "[redacted] from [redacted] never came about the damp"
    phone = redactor.redact(
        "ring Caia Park on 07700 900123", language="en", keep_list=[*PLACES, "07700 900123"]
    )
    assert phone.text == "ring Caia Park on [phone]"
    # Whole words only: "Caia Parkinson" is a person, not the estate.
    person = redactor.redact("Caia Parkinson needs more police", language="en", keep_list=PLACES)
    assert person.text == "[name] needs more police"


def test_word_lists_are_tidied_and_bounded() -> None:
    typed = " Caia  Park \n caia park\r\nPlas Madoc, <b>Eagles</b> Meadow;\n\n"
    assert word_list(typed, field="places to keep") == [
        "Caia Park",
        "Plas Madoc",
        "<b>Eagles</b> Meadow",
    ]
    with pytest.raises(WordListError, match="at most 3 entries") as many:
        word_list("aa\nbb\ncc\ndd", field="words to hide", max_items=3)
    assert many.value.kind == "too-many" and many.value.field == "words to hide"
    with pytest.raises(WordListError, match="longer than 10 characters"):
        word_list("Eagles Meadow Shopping", max_chars=10)
    with pytest.raises(WordListError, match="two letters or digits"):
        word_list("Tegwedd\na")
    with pytest.raises(UnsafeText, match="NUL"):
        word_list("Teg\x00wedd")


def test_the_cache_version_follows_the_words_not_their_case_or_order() -> None:
    base = "nlp.redaction-0123456789ab"
    assert RedactionWords().version(base) == base
    one = RedactionWords(keep=("Caia Park", "Plas Madoc"), hide=("Tegwedd",))
    same = RedactionWords(keep=("plas madoc", "caia  park"), hide=("TEGWEDD",))
    swapped = RedactionWords(keep=("Tegwedd",), hide=("Caia Park", "Plas Madoc"))
    assert one.version(base) == same.version(base) != swapped.version(base)
    assert one.version(base) != one.version("nlp.redaction-ba9876543210")
    assert len(one.version(base)) <= 32  # the cache's version column


def test_welsh_answers_use_the_same_words(redactor: Redactor) -> None:
    # ("Plas Madoc" needs no keep list in Welsh: "Plas" opens a place's name.)
    text = "Dywedwch wrth Eagles Meadow am y bws, mae Tegwedd yn y swyddfa dai yn dda i ddim"
    assert redactor.redact(text, language="cy").text.startswith("Dywedwch wrth [name] am")
    both = redactor.redact(text, language="cy", keep_list=PLACES, deny_list=["Tegwedd"])
    assert both.text == (
        "Dywedwch wrth Eagles Meadow am y bws, mae [redacted] yn y swyddfa dai yn dda i ddim"
    )


def test_a_kept_one_word_place_that_is_a_name_keeps_no_one(redactor: Redactor) -> None:
    # Wards are kept without an officer typing them, and "Holt" and "Acton" are surnames too.
    wards = ["Holt", "Acton", "Plas Madoc"]
    for text, expected in [
        ("Nurse Holt was rude to me", "Nurse [name] was rude to me"),
        ("I spoke to Holt at the council", "I spoke to [name] at the council"),
        ("Auntie Acton rang", "Auntie [name] rang"),
        ("y Cyng Plas Madoc", "y Cyng [name]"),
    ]:
        assert redactor.redact(text, language="en", keep_list=wards).text == expected


def test_words_to_hide_meet_answers_however_the_apostrophe_or_hyphen_was_typed(
    redactor: Redactor,
) -> None:
    hide = ["O'Brien", "Ty’n Llan", "Teg\u00adwedd"]
    text = "Mr O’Brien at Ty'n Llan and Tegwedd were rude"
    assert redactor.redact(text, language="en", deny_list=hide).text == (
        "Mr [redacted] at [redacted] and [redacted] were rude"
    )
