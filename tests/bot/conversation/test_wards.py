"""Wards from the consultation's list: mutations, typos, postcode districts; nothing else stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from bot.conversation.wards import WARD_NOT_GIVEN, Ward, WardList, postcode_district
from bot.demo import create_from_definition, load_definition, seed_demo
from storage.db import session_scope
from storage.repositories.consultations import ConsultationError, create_consultation, get_by_slug
from tests.bot.conversation.conftest import BUS_QUESTIONS, Resident, add_consultation
from tests.bot.conversation.helpers import answer_texts, conversations

WARDS = [
    {"en": "Gresford East and West", "cy": "Gresffordd Dwyrain a Gorllewin"},
    {"en": "Brymbo", "cy": "Brymbo"},
    {"en": "Rossett", "cy": "Yr Orsedd"},
    {"en": "Chirk North", "cy": "Gogledd y Waun"},
    {"en": "Chirk South", "cy": "De y Waun"},
    {"en": "Coedpoeth"},
    {"en": "Penycae", "cy": "Pen-y-cae"},
]
LIST = WardList(tuple(Ward(w["en"], w.get("cy", "")) for w in WARDS))


@pytest.mark.parametrize(
    ("reply", "ward"),
    [
        ("Gresford", "Gresford East and West"),
        ("gresfrod", "Gresford East and West"),
        ("yng Ngresffordd", "Gresford East and West"),
        ("ym Mrymbo", "Brymbo"),
        ("Yr Orsedd", "Rossett"),
        ("I live in Rossett", "Rossett"),
        ("o Goedpoeth", "Coedpoeth"),
        ("Coedpoth", "Coedpoeth"),
        ("Pen y cae", "Penycae"),
        ("ym Mhen-y-cae", "Penycae"),
        ("LL11", "LL11"),
        ("ll11 2ab", "LL11"),
        ("It's LL12 7AB", "LL12"),
    ],
)
def test_replies_that_name_a_ward(reply: str, ward: str) -> None:
    assert LIST.match(reply) == ward


@pytest.mark.parametrize("reply", ["Smells", "1", "2", "4", "Chirk", "yes", "🤷", "x" * 1600])
def test_replies_that_are_not_a_ward(reply: str) -> None:
    assert LIST.match(reply) is None


def test_full_postcodes_are_cut_to_the_district() -> None:
    assert postcode_district("SW1A 1AA") == "SW1A"
    assert postcode_district("The buses") is None


def _wards_consultation(engine: Engine) -> int:
    return add_consultation(engine, wards=WARDS)


def _to_ward_question(resident: Resident) -> None:
    resident.send("BUSES")
    resident.send("yes")
    resident.send("More buses")
    assert resident.keys("I work late") == ["ask-profile"]


def test_a_welsh_mutated_ward_is_stored_by_its_name(engine: Engine, resident: Resident) -> None:
    _wards_consultation(engine)
    resident.send("BUSES")
    resident.send("Ydw")
    resident.send("Bysiau")
    resident.send("Achos dw i ddim yn gyrru")
    age = resident.send("yng Ngresffordd")
    assert age[0].text.startswith("Faint yw eich oed chi?")
    [conversation] = conversations(engine)
    assert conversation.ward == "Gresford East and West"


def test_a_full_postcode_is_stored_as_its_district(engine: Engine, resident: Resident) -> None:
    _wards_consultation(engine)
    _to_ward_question(resident)
    resident.send("LL11 2AB")
    [conversation] = conversations(engine)
    assert conversation.ward == "LL11"
    assert "2AB" not in str(answer_texts(engine))


def test_a_non_ward_is_asked_once_then_not_given(engine: Engine, resident: Resident) -> None:
    _wards_consultation(engine)
    _to_ward_question(resident)
    again = resident.send("2")
    assert again[0].key == "ask-profile" and "didn't catch" in again[0].text
    age = resident.send("Smells")
    assert age[0].text.startswith("How old are you?")
    resident.send("2")
    [conversation] = conversations(engine)
    assert (conversation.ward, conversation.age_band) == (WARD_NOT_GIVEN, "25-44")


def test_a_double_tapped_ward_reply_does_not_skip_the_age(
    engine: Engine, resident: Resident
) -> None:
    _wards_consultation(engine)
    _to_ward_question(resident)
    resident.send("Brymbo", message_id="SMward")
    resident.send("Brymbo", message_id="SMward")
    [conversation] = conversations(engine)
    assert conversation.ward == "Brymbo" and conversation.age_band is None


def test_without_a_list_numbers_and_yes_are_not_wards(
    engine: Engine, buses: int, resident: Resident
) -> None:
    _to_ward_question(resident)
    resident.send("1")
    resident.send("4")
    [conversation] = conversations(engine)
    assert conversation.ward == WARD_NOT_GIVEN


def test_a_bad_ward_list_is_refused_clearly(engine: Engine) -> None:
    with session_scope(engine) as session, pytest.raises(ConsultationError, match="English name"):
        create_consultation(
            session=session,
            slug="bad",
            keyword="BAD",
            title_en="Bad",
            title_cy="Drwg",
            questions=BUS_QUESTIONS,
            wards=[{"cy": "Gresffordd"}],
        )


def test_a_yaml_consultation_file_carries_its_wards(
    engine: Engine, tmp_path: Path, resident: Resident
) -> None:
    path = tmp_path / "parks.yaml"
    path.write_text(
        "slug: parks\nkeyword: PARKS\ntitle_en: Parks\ntitle_cy: Parciau\nstatus: open\n"
        "wards:\n  - Brymbo\n  - {en: Rossett, cy: Yr Orsedd}\n"
        "questions:\n"
        "  - {kind: open, prompt_en: 'Parks?', prompt_cy: 'Parciau?'}\n"
        "  - {kind: ward, prompt_en: 'Which ward?', prompt_cy: 'Pa ward?'}\n",
        encoding="utf-8",
    )
    create_from_definition(engine, load_definition(path))
    resident.send("PARKS")
    resident.send("Ie")
    assert resident.send("Mwy o finiau")[0].text.startswith("Sonioch chi am finiau")
    resident.send("Mae sbwriel ym mhobman")
    resident.send("yn Yr Orsedd")
    [conversation] = conversations(engine)
    assert conversation.ward == "Rossett"


def test_the_demo_consultation_has_a_bilingual_ward_list(engine: Engine) -> None:
    assert seed_demo(engine)
    with session_scope(engine) as session:
        demo = get_by_slug(session=session, slug="what-matters")
        assert demo is not None and demo.wards
    assert {"en": "Gresford", "cy": "Gresffordd"} in demo.wards
