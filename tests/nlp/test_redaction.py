"""The redactor on what residents actually write, through the real spaCy pipelines."""

from __future__ import annotations

import pytest

from nlp.redaction import Redactor, Span
from nlp.redaction.patterns import luhn_ok, nhs_checksum_ok


def redact(redactor: Redactor, text: str, **kwargs: object) -> str:
    result = redactor.redact(text, **kwargs)  # type: ignore[arg-type]
    # Every span indexes the original text and the rendering agrees with it.
    for span in result.spans:
        assert 0 <= span.start < span.end <= len(text)
    return result.text


@pytest.mark.parametrize(
    "phone",
    [
        "07700 900123",
        "07700900123",
        "+44 7700 900123",
        "+44 (0)20 7946 0958",
        "(01978) 292000",
        "029 2087 1234",
        "01978 292000 ext. 123",
        "07700.900.123",
        "07700-900-123",
        "0-7-7-0-0-9-0-0-1-2-3",
        "0044 7700 900123",
        "+447700900123",
    ],
)
def test_uk_phones_in_every_written_form(redactor: Redactor, phone: str) -> None:
    text = f"Please ring me on {phone} about the bus."
    assert redact(redactor, text) == "Please ring me on [phone] about the bus."


def test_phone_offsets_point_into_the_original(redactor: Redactor) -> None:
    text = "Ring 07700 900123 now"
    (span,) = redactor.redact(text).spans
    assert span == Span(5, 17, "phone")
    assert text[span.start : span.end] == "07700 900123"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mail jo.bloggs@example.co.uk today", "mail [email] today"),
        ("mail jo.bloggs [at] gmail [dot] com today", "mail [email] today"),
        ("mail jo(at)gmail.com today", "mail [email] today"),
        ("mail jo dot bloggs at gmail dot com today", "mail [email] today"),
        ("see https://example.org/complaints?id=4", "see [url]"),
        ("see www.wrexham.gov.uk/bins.", "see [url]."),
        ("ask @dafydd_r on there", "ask [handle] on there"),
    ],
)
def test_emails_urls_and_handles(redactor: Redactor, text: str, expected: str) -> None:
    assert redact(redactor, text) == expected


def test_meeting_at_a_place_is_not_an_email(redactor: Redactor) -> None:
    text = "We could meet at the library at nine."
    assert redact(redactor, text) == text


@pytest.mark.parametrize(
    "code", ["LL11 2AB", "LL112AB", "ll11 2ab", "LL11  2AB", "SW1A 1AA", "CF10 1EP"]
)
def test_full_postcodes_any_spacing_and_case(redactor: Redactor, code: str) -> None:
    assert (
        redact(redactor, f"We live in {code} near the park.")
        == "We live in [postcode] near the park."
    )


def test_outward_postcodes_but_not_roads(redactor: Redactor) -> None:
    assert redact(redactor, "Everyone in LL13 says so.") == "Everyone in [postcode] says so."
    roads = "The M4 and the A483 were closed, and the B5425 too."
    assert redact(redactor, roads) == roads


@pytest.mark.parametrize("nino", ["AB123456C", "AB 12 34 56 C", "ab 123456 c", "JK-12-34-56-D"])
def test_national_insurance_numbers(redactor: Redactor, nino: str) -> None:
    assert redact(redactor, f"My NI is {nino} ok") == "My NI is [nino] ok"


@pytest.mark.parametrize("nino", ["BG123456C", "GB123456A", "DA123456C", "QQ123456C"])
def test_invalid_ni_prefixes_are_not_ni_numbers(redactor: Redactor, nino: str) -> None:
    assert "[nino]" not in redact(redactor, f"code {nino} ok")


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # After its name, a specimen or mistyped prefix is still someone's number.
        ("my NI is qq123456c", "en", "my NI is [nino]"),
        ("national insurance no QQ-12-34-56-C please", "en", "national insurance no [nino] please"),
        ("fy rhif yswiriant gwladol yw qq123456c", "cy", "fy rhif yswiriant gwladol yw [nino]"),
        ("we need NI support", "en", "we need NI support"),
    ],
)
def test_ni_numbers_after_their_name_whatever_the_prefix(
    redactor: Redactor, text: str, language: str, expected: str
) -> None:
    assert redactor.redact(text, language=language).text == expected


def test_nhs_numbers_need_a_valid_check_digit() -> None:
    assert nhs_checksum_ok("9434765919")
    assert not nhs_checksum_ok("9434765918")
    assert not nhs_checksum_ok("943476591")


@pytest.mark.parametrize("nhs", ["943 476 5919", "9434765919", "943-476-5919"])
def test_nhs_numbers(redactor: Redactor, nhs: str) -> None:
    assert redact(redactor, f"NHS number {nhs} please") == "NHS number [nhs_number] please"


def test_a_ten_digit_number_failing_the_checksum_is_not_an_nhs_number(redactor: Redactor) -> None:
    for number in ("9434765918", "4000000001", "1234567890"):
        result = redactor.redact(f"ref {number}")
        assert all(span.type != "nhs_number" for span in result.spans), number


def test_cards_need_luhn(redactor: Redactor) -> None:
    assert luhn_ok("4454794511390933")
    assert redact(redactor, "card 4454 7945 1139 0933 thanks") == "card [card] thanks"
    assert all(s.type != "card" for s in redactor.redact("code 4454 7945 1139 0934").spans)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I was born 12/03/1985 in Rhyl.", "I was born [date_of_birth] in Rhyl."),
        ("DOB: 3 March 1990", "DOB: [date_of_birth]"),
        (
            "My son, date of birth 2014-06-01, needs a place.",
            "My son, date of birth [date_of_birth], needs a place.",
        ),
    ],
)
def test_dates_of_birth(redactor: Redactor, text: str, expected: str) -> None:
    assert redact(redactor, text) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # A birthday without its year, after a birth word; not after "aged".
        ("my birthday is 5th June", "en", "my birthday is [date_of_birth]"),
        ("My son was born on 12 May and", "en", "My son was born on [date_of_birth] and"),
        ("I'm aged 80 and on 5 June the bus was late", "en", None),
        ("The meeting on 5th June was good", "en", None),
        ("my baby was born in October. 2 home visits since", "en", None),
        # Welsh mutates the month after "o" (of), and "geni", "pen-blwydd" after "fy" (my).
        ("Ganwyd fi ar y 5ed o Fehefin 1958", "cy", "Ganwyd fi ar y [date_of_birth]"),
        ("Ces i fy ngeni ar 12fed o Ragfyr 1947", "cy", "Ces i fy ngeni ar [date_of_birth]"),
        ("fy mhen-blwydd yw 5 Mehefin", "cy", "fy mhen-blwydd yw [date_of_birth]"),
        # Welsh ordinals ("3ydd", "2il") and "ganed" (was born).
        ("Ganed fy mab ar 3ydd o Fai 2015", "cy", "Ganed fy mab ar [date_of_birth]"),
        ("Mae'r cyfarfod ar 3ydd o Fai 2025", "cy", None),
        ("Roedd y cyfarfod ar 5ed o Fehefin 2024 yn dda", "cy", None),
        ("Mae'r bws yn dod ar 5 Mehefin", "cy", None),
    ],
)
def test_birthdays_and_welsh_dates_of_birth(
    redactor: Redactor, text: str, language: str, expected: str | None
) -> None:
    assert redactor.redact(text, language=language).text == (expected or text)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "sort code 12-34-56 account 12345678",
            "en",
            "sort code [bank_account] account [bank_account]",
        ),
        (
            "my sort code is 123456 and acc no 87654321",
            "en",
            "my sort code is [bank_account] and acc no [bank_account]",
        ),
        (
            "cod didoli 12 34 56, rhif cyfrif 12345678",
            "cy",
            "cod didoli [bank_account], rhif cyfrif [bank_account]",
        ),
        # Without the words, six or eight digits are a reference or a count.
        ("I have had an account for 12345678 years", "en", None),
        ("the 12-34-56 form", "en", None),
    ],
)
def test_bank_details_after_their_words(
    redactor: Redactor, text: str, language: str, expected: str | None
) -> None:
    assert redactor.redact(text, language=language).text == (expected or text)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # A number and a street word in lower case that are no address: a measure, a
        # time, a count, words of grammar between, a year; in Welsh "ffordd" is a way.
        ("it is a 10 minute walk from the bus stop", "en"),
        ("a 2 lane road with no pavement", "en"),
        ("we waited 14 hours on the road", "en"),
        ("it is 50 yards down the road", "en"),
        ("there were 20 cars parked on mill lane", "en"),
        ("since 2019 hafod road has flooded", "en"),
        ("the 4 bus from brymbo road is late", "en"),
        ("mae 3 ffordd y gall pobl helpu", "cy"),
    ],
)
def test_lower_case_numbers_near_street_words_stay(
    redactor: Redactor, text: str, language: str
) -> None:
    assert redactor.redact(text, language=language).text == text


def test_ordinary_dates_and_numbers_stay(redactor: Redactor) -> None:
    text = "The meeting on 12 March 2024 agreed bus 42 runs every 20 minutes at £1.50."
    assert redact(redactor, text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "I live at 12 Acacia Avenue and the bins are late.",
            "I live at [address] and the bins are late.",
        ),
        ("Flat 3, 14 Mill Lane, Wrexham is damp.", "[address] is damp."),
        ("Outside 7 Heol y Frenhines the lights are out.", "Outside [address] the lights are out."),
        ("Write to 12 Acacia Avenue, Wrexham LL13 8AA please", "Write to [address] please"),
        # Quoted in an e-mail reply: every quoted line of the address goes.
        (
            "> 12 Acacia Avenue\n> Flat 3\n> Wrexham\n> LL13 8AA\n> thanks",
            "> [address]\n> thanks",
        ),
        # The number after "Suite" stays with the street; a town is not cut at "ø".
        ("I live at 92 Hounslow Rd\n Suite 603\n Wrexham", "I live at [address]"),
        ("My flat is Apt. 656\n Brønderslev\n Denmark", "My flat is [address]"),
        # The street before its number, as much of Europe writes it.
        ("The bus station is on Villacher Strasse 89", "The bus station is on [address]"),
        ("My mum still lives on ul. Narewska 94, Poznań", "My mum still lives on [address]"),
        ("She moved to Via dei Fiorentini 17 last year", "She moved to [address] last year"),
        ("Post it to Hansinegata 120", "Post it to [address]"),
        # Not an address: a route, a count.
        ("I came via Chester 2 times", "I came via Chester 2 times"),
        # Nor where on a street: everyday words after "live at" ("end", "hill") or "the".
        ("I live at the end of the road", "I live at the end of the road"),
        ("I live at the top of the hill", "I live at the top of the hill"),
        ("I live at the far end of Mill Lane", "I live at [address]"),
        ("i live at bryn awel, church lane", "i live at [address]"),
        # The home, then the street it stands on: one address.
        ("i live at the bungalow on church lane", "i live at [address]"),
        (
            "we live at the flat above the chip shop in Mill Street, it is damp",
            "we live at [address], it is damp",
        ),
        # Written in lower case, as texts are, in English and Welsh order.
        (
            "emma from 14 bryn rd has been reporting it",
            "[name] from [address] has been reporting it",
        ),
        ("she lives at 23 hafod road", "she lives at [address]"),
        ("flat 2, 5 maes y dre is damp", "[address] is damp"),
        ("7 church lane, rhos has no bins", "[address], rhos has no bins"),
        # ... but not a road without its name, nor a town.
        ("I live at the farm on the main road", "I live at the farm on the main road"),
        ("I live at the top of the hill in Gresford", "I live at the top of the hill in Gresford"),
    ],
)
def test_street_addresses_with_the_town_inside_them(
    redactor: Redactor, text: str, expected: str
) -> None:
    assert redact(redactor, text) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # Houses known by their name, as rural Wales names them, then their street.
        ("We are at Rose Cottage, Mill Lane, Gresford", "en", "We are at [address]"),
        ("I'm at Bryn Awel, Church Lane", "en", "I'm at [address]"),
        ("Our house is Ty Gwyn, Ffordd y Capel", "en", "Our house is [address]"),
        ("Dw i'n byw yn Bryn Awel, Lôn yr Eglwys, Llai", "cy", "Dw i'n byw yn [address]"),
        # The lines before a postcode are its address, whatever opens them.
        ("Bryn Awel, Church Lane, Llay LL12 0AB", "en", "[address]"),
        # "fy nghyfeiriad": my address, mutated.
        ("Fy nghyfeiriad yw Tŷ Gwyn, Ffordd y Capel, Rhos", "cy", "Fy nghyfeiriad yw [address]"),
        # A town and a street are no one's address; nor is a postcode district alone.
        ("Wrexham, Bradley Road is awful", "en", None),
        ("In Rhos, Market Street needs bins", "en", None),
        ("Mae Ffordd y Capel yn brysur", "cy", None),
        (
            "The buses from Wrexham LL11 are late",
            "en",
            "The buses from Wrexham [postcode] are late",
        ),
    ],
)
def test_houses_known_by_their_names(
    redactor: Redactor, text: str, language: str, expected: str | None
) -> None:
    assert redactor.redact(text, language=language).text == (expected or text)


def test_vehicle_registrations(redactor: Redactor) -> None:
    assert (
        redact(redactor, "A van AB51 ABC parks on the pavement")
        == "A van [vehicle_reg] parks on the pavement"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My name is Rubija and I use the bus.", "My name is [name] and I use the bus."),
        ("Hi, I'm Dafydd ap Gwilym.", "Hi, I'm [name]."),
        ("I spoke to Mrs Pritchard at the council.", "I spoke to Mrs [name] at the council."),
        ("Cllr Jones never replied.", "Cllr [name] never replied."),
        ("Thanks, Siân", "Thanks, [name]"),
        ("Call me Gwenllian.", "Call me [name]."),
        ("Emma Thompson from housing was brilliant.", "[name] from housing was brilliant."),
        ("Krisztián Szöllösy complained twice.", "[name] complained twice."),
    ],
)
def test_person_names(redactor: Redactor, text: str, expected: str) -> None:
    assert redact(redactor, text, language="en") == expected


def test_places_are_kept_and_ordinary_capitals_are_not_names(redactor: Redactor) -> None:
    text = "Buses from Wrexham to Chester and Mold are late. Will the council act in May?"
    assert redact(redactor, text, language="en") == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Fy enw i yw Gwenllian ferch Rhys ac mae'r bws yn hwyr.",
            "Fy enw i yw [name] ac mae'r bws yn hwyr.",
        ),
        ("Diolch, Siân", "Diolch, [name]"),
        ("Rhys ydw i, o Wrecsam.", "[name] ydw i, o Wrecsam."),
        ("Mae angen mwy o fysiau yng Nghaerdydd.", "Mae angen mwy o fysiau yng Nghaerdydd."),
    ],
)
def test_welsh(redactor: Redactor, text: str, expected: str) -> None:
    assert redact(redactor, text, language="cy") == expected


def test_mixed_welsh_and_english_with_language_identified(redactor: Redactor) -> None:
    text = "Diolch am y cyfle. My name is Dafydd, ffoniwch 07700 900123."
    assert redact(redactor, text) == "Diolch am y cyfle. My name is [name], ffoniwch [phone]."


def test_deny_list_matches_whole_words_any_case_and_spacing(redactor: Redactor) -> None:
    text = "The staff at Acme  Motors and ACME MOTORS were rude; Bryn Awel floods."
    result = redactor.redact(text, deny_list=["acme motors", "Bryn Awel", "", "  "])
    assert result.text == "The staff at [redacted] and [redacted] were rude; [redacted] floods."
    assert redact(redactor, "The acmeplex is fine", deny_list=["Acme"]) == "The acmeplex is fine"


def test_unicode_look_alikes_are_found_and_offsets_are_original(redactor: Redactor) -> None:
    # Full-width digits and non-breaking spaces, a figure dash and an en dash.
    text = "Ring ０７７００\u00a0９００１２３ or 07700\u2012900\u2013124, postcode LL11\u00a02AB."
    result = redactor.redact(text)
    assert result.text == "Ring [phone] or [phone], postcode [postcode]."
    first = result.spans[0]
    assert text[first.start : first.end] == "０７７００\u00a0９００１２３"


def test_a_writer_who_types_every_i_as_a_capital_is_read_as_written(
    redactor: Redactor,
) -> None:
    """One NHS answer in twelve writes "i" as "I" inside words: "UnIt" is still a unit, and
    the text given back is the resident's own, every "I" in place."""
    text = "Excellent communIcatIon wIthIn all departments at the Agnes UnIt. Thanks Dave"
    result = redactor.redact(text, language="en")
    assert result.text == (
        "Excellent communIcatIon wIthIn all departments at the Agnes UnIt. Thanks [name]"
    )
    # A surname with a capital inside it, in a text with no such habit, stays a name.
    assert redactor.redact("Mr McIntyre was great", language="en").text == "Mr [name] was great"
    assert redactor.redact("McIntyre was great", language="en").text == "[name] was great"


def test_zero_width_characters_do_not_hide_a_number(redactor: Redactor) -> None:
    text = "ring 0770\u200b0 900\u200b123"
    assert redact(redactor, text) == "ring [phone]"


def test_empty_and_blank_texts(redactor: Redactor) -> None:
    assert redactor.redact("").text == ""
    assert redactor.redact("").spans == []
    assert redactor.redact("   \n ").text == "   \n "


def test_very_long_text_is_redacted_throughout(redactor: Redactor) -> None:
    filler = "The bins were not collected again this week. " * 2000  # ~90,000 characters
    text = f"{filler}Ring 07700 900123. {filler}Email jo@example.com"
    result = redactor.redact(text, language="en")
    assert "07700" not in result.text and "jo@example.com" not in result.text
    assert [s.type for s in result.spans] == ["phone", "email"]


def test_a_number_across_a_window_boundary_is_found(redactor: Redactor) -> None:
    from nlp.redaction.redactor import WINDOW

    text = "x" * (WINDOW - 6) + " 07700 900123 end"
    assert "[phone]" in redactor.redact(text).text


def test_redact_many_keeps_order_and_matches_redact(redactor: Redactor) -> None:
    texts = ["Ring 07700 900123", "", "Diolch, Siân", "Nothing here", "jo@example.com"] * 3
    many = redactor.redact_many(texts)
    assert [r.text for r in many] == [redactor.redact(t).text for t in texts]


def test_non_text_is_refused_clearly(redactor: Redactor) -> None:
    with pytest.raises(TypeError, match="text 1 is int"):
        redactor.redact_many(["fine", 42])  # type: ignore[list-item]


def test_hostile_input_does_not_crash(redactor: Redactor) -> None:
    nasty = [
        "@" * 5000,
        "0" * 5000,
        "1-" * 3000,
        "Mr " * 2000,
        "\u0000\u202e\ufeff" * 100,
        "[at]" * 1000,
        "é\u0301" * 1000,
        "🙂" * 1000,
    ]
    for text in nasty:
        result = redactor.redact(text)
        assert isinstance(result.text, str)


def test_other_languages_keep_their_capitalised_nouns(redactor: Redactor) -> None:
    german = "Im Sommer braucht die Stadt mehr Radwege und Bäume für alle Kinder."
    assert redact(redactor, german) == german
    assert redact(redactor, "CO2 muss runter") == "CO2 muss runter"
    polish = "Nazywam się Zofia Nowak, tel. 07700 900123"
    assert redact(redactor, polish) == "Nazywam się [name], tel. [phone]"


def test_civic_words_are_not_names(redactor: Redactor) -> None:
    text = "Brexit split the Tory party; Remainers and Canadians disagree. The Professor in charge."
    assert redact(redactor, text, language="en") == text
