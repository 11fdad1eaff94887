"""The conversation a resident has, start to finish, in English and in Welsh."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from storage.identity import AddressProtector
from tests.bot.conversation.conftest import Resident
from tests.bot.conversation.helpers import answer_texts, answers, conversations, events, participant


def test_english_conversation_from_keyword_to_done(
    engine: Engine, buses: int, resident: Resident, protector: AddressProtector, stored: list[int]
) -> None:
    greeting = resident.send("BUSES")
    assert [r.key for r in greeting] == ["greeting"]
    assert "The future of local bus services" in greeting[0].text
    assert "YES or NO" in greeting[0].text and greeting[0].language == "en"
    assert [o.value for o in greeting[0].options] == ["YES", "NO"]

    ask_open = resident.send("yes")
    assert [r.key for r in ask_open] == ["ask-open"]
    assert "What matters most to you about buses" in ask_open[0].text

    assert resident.keys("More buses on Sundays") == ["ask-probe"]
    profile = resident.send("I work weekends")
    assert profile[0].key == "ask-profile" and "Which ward" in profile[0].text
    assert resident.send("Gresford")[0].text.startswith("How old are you?")
    feedback = resident.send("2")
    assert [r.key for r in feedback] == ["ask-feedback"]
    assert resident.keys("Yes please") == ["feedback-yes"]
    assert resident.keys("Also the bus station is cold") == ["extra-added"]

    assert answer_texts(engine) == [
        ("open", "More buses on Sundays"),
        ("probe", "I work weekends"),
        ("extra", "Also the bus station is cold"),
    ]
    assert stored == [a.id for a in answers(engine)]
    person = participant(engine, protector, resident.address)
    assert person is not None
    assert (person.consent, person.wants_feedback, person.language) == ("given", True, "en")
    [conversation] = conversations(engine)
    assert (conversation.step, conversation.ward, conversation.age_band) == (
        "done",
        "Gresford",
        "25-44",
    )
    assert conversation.completed_at is not None
    assert [e.action for e in events(engine)] == ["consent_given"]


def test_welsh_conversation_is_welsh_throughout(
    engine: Engine, buses: int, resident: Resident, protector: AddressProtector
) -> None:
    greeting = resident.send("Helo, dw i eisiau dweud rhywbeth am y bysiau")
    assert greeting[0].key == "greeting" and greeting[0].language == "cy"
    assert "Dyfodol gwasanaethau bws lleol" in greeting[0].text
    # What they said before consenting is kept once they say yes ("ie").
    after_yes = resident.send("Ie")
    assert after_yes[0].key in ("ask-probe", "ask-profile") and after_yes[0].language == "cy"
    assert resident.send("Achos dw i'n gweithio ar y penwythnos")[0].key == "ask-profile"
    assert resident.send("hepgor")[0].text.startswith("Faint yw eich oed chi?")
    assert resident.send("Gwell gen i beidio")[0].key == "ask-feedback"
    done = resident.send("na")
    assert done[0].key == "feedback-no" and "Diolch" in done[0].text
    assert [kind for kind, _ in answer_texts(engine)] == ["open", "probe"]
    assert all(a.language == "cy" for a in answers(engine))
    person = participant(engine, protector, resident.address)
    assert person is not None and person.language == "cy" and person.wants_feedback is False
    [conversation] = conversations(engine)
    assert conversation.ward is None and conversation.age_band is None


def test_refusing_consent_stores_nothing_and_yes_later_still_works(
    engine: Engine, buses: int, resident: Resident
) -> None:
    resident.send("BUSES")
    assert resident.keys("no") == ["consent-refused"]
    assert resident.keys("hello") == ["greeting"]
    assert answer_texts(engine) == []
    assert resident.keys("yes") == ["ask-open"]
    assert [e.action for e in events(engine)] == ["consent_refused", "consent_given"]


def test_words_sent_before_consent_are_held_then_kept_on_yes(
    engine: Engine, buses: int, resident: Resident
) -> None:
    assert resident.keys("BUSES") == ["greeting"]
    assert resident.keys("The buses never come on time") == ["consent-held"]
    assert answer_texts(engine) == []
    assert resident.keys("yes") == ["ask-probe"]
    assert answer_texts(engine) == [("open", "The buses never come on time")]


def test_words_sent_before_consent_are_dropped_on_no(
    engine: Engine, buses: int, resident: Resident
) -> None:
    resident.send("The buses never come on time")
    assert resident.keys("no") == ["consent-refused"]
    assert resident.keys("yes") == ["ask-open"]
    assert answer_texts(engine) == []
