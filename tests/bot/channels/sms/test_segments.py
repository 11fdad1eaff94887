"""SMS encoding and splitting, checked against GSM 03.38 and Twilio's segment rules."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.channels.sms.segments import (
    encoding,
    gsm_friendly,
    is_gsm7,
    segment_count,
    split_for_sms,
    units,
)


def test_plain_english_is_gsm7() -> None:
    text = "What really matters to you about buses in Wrexham? Reply YES to start."
    assert is_gsm7(text)
    assert encoding(text) == "GSM-7"


def test_gsm7_basic_table_includes_its_odd_members() -> None:
    assert is_gsm7("@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà\n\r")


@pytest.mark.parametrize("char", ["€", "[", "]", "{", "}", "^", "~", "|", "\\", "\f"])
def test_extension_characters_are_gsm7_but_cost_two_septets(char: str) -> None:
    assert is_gsm7(char)
    assert units("a" + char) == 3
    assert segment_count("a" * 158 + char) == 1  # 160 septets
    assert segment_count("a" * 159 + char) == 2  # 161 septets


@pytest.mark.parametrize(
    "text",
    [
        "Rydym ni’n gwrando",  # curly apostrophe
        "Beth sy’n bwysig i chi ynglŷn â bysiau?",  # Welsh circumflexes
        "Thanks 🙂",  # emoji
        "ç",  # lower-case c-cedilla is not in the table (only Ç is)
        "\t",
    ],
)
def test_non_gsm_characters_force_ucs2(text: str) -> None:
    assert not is_gsm7(text)
    assert encoding(text) == "UCS-2"


@pytest.mark.parametrize(
    ("length", "segments"),
    [(0, 0), (1, 1), (160, 1), (161, 2), (306, 2), (307, 3), (459, 3), (460, 4)],
)
def test_gsm7_segment_boundaries(length: int, segments: int) -> None:
    assert segment_count("x" * length) == segments


@pytest.mark.parametrize(
    ("length", "segments"), [(70, 1), (71, 2), (134, 2), (135, 3), (201, 3), (202, 4)]
)
def test_ucs2_segment_boundaries(length: int, segments: int) -> None:
    assert segment_count("ŵ" * length) == segments


def test_extension_character_is_not_split_across_segments() -> None:
    # 152 septets then "€" (2 septets) would straddle the 153 boundary: the
    # escape and character move to segment two together.
    text = "a" * 152 + "€" + "a" * 152
    assert units(text) == 306  # fits 2 x 153 by count alone ...
    assert segment_count(text) == 3  # ... but not once the pair stays whole


def test_surrogate_pairs_count_as_two_units_and_stay_whole() -> None:
    assert units("🙂") == 2
    assert segment_count("🙂" * 35) == 1  # 70 units
    assert segment_count("🙂" * 36) == 2  # 72 units
    # 66 units then a pair: the pair cannot split at unit 67.
    text = "ŵ" * 66 + "🙂" + "ŵ" * 66
    assert units(text) == 134  # 2 x 67 by count alone
    assert segment_count(text) == 3


def test_gsm_friendly_turns_typography_into_gsm7() -> None:
    original = "“Thanks” — we’re listening… reply ‘YES’\u00a0now\u200b • ok"
    friendly = gsm_friendly(original)
    assert friendly == "\"Thanks\" - we're listening... reply 'YES' now - ok"
    assert is_gsm7(friendly)
    assert segment_count(friendly) == 1


def test_gsm_friendly_keeps_welsh_letters_and_emoji() -> None:
    text = "Diolch! Beth sy’n bwysig ynglŷn â’r bysiau? 🙂"
    friendly = gsm_friendly(text)
    assert friendly == "Diolch! Beth sy'n bwysig ynglŷn â'r bysiau? 🙂"
    assert encoding(friendly) == "UCS-2"


def test_gsm_friendly_leaves_gsm_text_alone() -> None:
    text = "Reply STOP to stop, HELP for help. £5 @ 10% {ok} €"
    assert gsm_friendly(text) == text


def test_short_text_is_one_part() -> None:
    assert split_for_sms("  Hello there.  ") == ["Hello there."]
    assert split_for_sms("   ") == []


def test_split_prefers_paragraph_boundaries() -> None:
    first = "First paragraph. " * 6
    second = "Second paragraph. " * 6
    parts = split_for_sms(f"{first.strip()}\n\n{second.strip()}", max_chars_per_part=160)
    assert parts == [first.strip(), second.strip()]


def test_split_falls_back_to_sentences_then_words() -> None:
    sentences = " ".join(f"Sentence number {i} is here." for i in range(20))
    parts = split_for_sms(sentences, max_chars_per_part=100)
    assert all(len(part) <= 100 for part in parts)
    assert all(part.endswith(".") for part in parts)  # never cut mid-sentence
    assert " ".join(parts) == sentences

    words = "word " * 100
    parts = split_for_sms(words, max_chars_per_part=50)
    assert all(len(part) <= 50 and not part.startswith(" ") for part in parts)
    assert " ".join(parts) == words.strip()


def test_split_cuts_an_overlong_word_without_breaking_surrogates() -> None:
    parts = split_for_sms("🙂" * 40, max_chars_per_part=10)
    assert parts == ["🙂" * 5] * 8


def test_split_default_budget_is_three_segments_in_each_parts_encoding() -> None:
    gsm = " ".join(["Thanks for telling us what matters."] * 30)
    parts = split_for_sms(gsm)
    assert len(parts) > 1
    assert all(segment_count(part) <= 3 for part in parts)
    welsh = " ".join(["Diolch am ddweud wrthym beth sy'n bwysig ynglŷn â hyn."] * 12)
    parts = split_for_sms(welsh)
    assert all(segment_count(part) <= 3 and encoding(part) == "UCS-2" for part in parts)
    assert " ".join(parts) == welsh


def test_split_rejects_nonsense_budgets() -> None:
    with pytest.raises(ValueError):
        split_for_sms("hello", max_chars_per_part=1)
    with pytest.raises(ValueError):
        split_for_sms("hello", max_segments_per_part=0)


def _packed_segments(text: str) -> int:
    # The rule itself, unit by unit: escapes and surrogate pairs never split.
    gsm = is_gsm7(text)
    costs = [2 if (char in "\f^{}\\[~]|€" if gsm else ord(char) > 0xFFFF) else 1 for char in text]
    single, multi = (160, 153) if gsm else (70, 67)
    if sum(costs) <= single:
        return 1 if text else 0
    segments, used = 1, 0
    for cost in costs:
        if used + cost > multi:
            segments, used = segments + 1, 0
        used += cost
    return segments


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["a", " ", "é", "€", "[", "ŵ", "😀", "\n", "Yes. "]), max_size=400
    ).map("".join)
)
def test_segment_count_agrees_with_packing_unit_by_unit(text: str) -> None:
    assert segment_count(text) == _packed_segments(text)
