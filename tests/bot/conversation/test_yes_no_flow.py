"""Every yes/no step reads natural Welsh and English replies and never keeps a garbled one."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine

from bot.channels.sms.twiml import reply_texts
from storage.identity import AddressProtector
from tests.bot.conversation.conftest import Resident, add_consultation
from tests.bot.conversation.helpers import answer_texts, participant

# Held out from the grammar's own test list: forms a Welsh speaker sends to
# "Ydych chi'n fodlon cymryd rhan?" (persons and tenses, mutated, spoken).
CONSENT_YES = ["Ydw", "Ydyn", "Yndw", "Ydw, plîs", "Bydda", "Baswn i", "Gwnaf", "Iawn", "Ia"]
CONSENT_NO = ["Nac ydw", "Nag ydw i", "Na fyddaf", "Dim diolch", "Na, dim diolch", "Naddo"]


@pytest.mark.parametrize("reply", CONSENT_YES)
def test_welsh_consent_forms_are_a_yes(buses: int, resident: Resident, reply: str) -> None:
    resident.send("BUSES")
    answer = resident.send(reply)
    assert [r.key for r in answer] == ["ask-open"]
    assert answer[0].language == "cy"


@pytest.mark.parametrize("reply", CONSENT_NO)
def test_welsh_consent_forms_are_a_no(buses: int, resident: Resident, reply: str) -> None:
    resident.send("BUSES")
    assert resident.keys(reply) == ["consent-refused"]


def test_an_unclear_reply_is_asked_again_never_stored_and_a_yes_carries_on(
    engine: Engine, buses: int, resident: Resident
) -> None:
    assert resident.keys("Helo") == ["greeting"]
    assert resident.keys("Beth?") == ["consent-reask"]
    assert resident.keys("Ie") == ["ask-open"]
    assert resident.keys("Mwy o fysiau ar y Sul") == ["ask-probe"]
    assert answer_texts(engine) == [("open", "Mwy o fysiau ar y Sul")]


def test_a_double_tap_of_an_unclear_reply_keeps_nothing(
    engine: Engine, buses: int, resident: Resident
) -> None:
    resident.send("BUSES")
    assert resident.keys("Pardwn?", message_id="SMdup1") == ["consent-reask"]
    assert resident.keys("Pardwn?", message_id="SMdup1") == ["consent-reask"]
    assert resident.keys("🤷") == ["consent-reask"]
    assert resident.keys("Who are you?") == ["consent-reask"]
    assert resident.keys("Ydw") == ["ask-open"]
    assert answer_texts(engine) == []


def test_a_message_before_consent_is_held_and_thanks_is_said_once(
    engine: Engine, buses: int, resident: Resident
) -> None:
    resident.send("BUSES")
    assert resident.keys("The buses are always late") == ["consent-held"]
    replies = resident.send("yes ok")
    assert replies[0].key == "ask-probe"
    assert "Thank you! Thank you." not in replies[0].text
    assert answer_texts(engine) == [("open", "The buses are always late")]


@pytest.mark.parametrize("reply", ["Hoffwn", "Hoffwn glywed, diolch", "Byddwn", "yes please"])
def test_feedback_offer_understands_natural_yes(
    engine: Engine, buses: int, resident: Resident, protector: AddressProtector, reply: str
) -> None:
    _to_feedback_offer(resident)
    assert resident.keys(reply) == ["feedback-yes"]
    assert [kind for kind, _ in answer_texts(engine)] == ["open", "probe"]
    person = participant(engine, protector, resident.address)
    assert person is not None and person.wants_feedback is True


def test_feedback_offer_unclear_reply_is_asked_again_and_not_stored(
    engine: Engine, buses: int, resident: Resident, protector: AddressProtector
) -> None:
    _to_feedback_offer(resident)
    again = resident.send("hmm")
    assert again[0].key == "ask-feedback" and "didn't catch" in again[0].text
    assert resident.keys("Na hoffwn") == ["feedback-no"]
    assert [kind for kind, _ in answer_texts(engine)] == ["open", "probe"]
    person = participant(engine, protector, resident.address)
    assert person is not None and person.wants_feedback is False


def test_feedback_offer_keeps_a_real_extra_comment(
    engine: Engine, buses: int, resident: Resident
) -> None:
    _to_feedback_offer(resident)
    assert resident.keys("Also the shelters leak badly") == ["ask-feedback"]
    assert answer_texts(engine)[-1] == ("extra", "Also the shelters leak badly")


def test_delete_confirmed_in_welsh_and_a_garbled_reply_asks_again(
    engine: Engine, buses: int, resident: Resident, protector: AddressProtector
) -> None:
    resident.send("BUSES")
    resident.send("Ydw")
    resident.send("Mwy o fysiau")
    assert resident.keys("DILEU") == ["erase-confirm"]
    assert resident.keys("ymm") == ["erase-confirm"]
    assert answer_texts(engine) == [("open", "Mwy o fysiau")]
    assert resident.keys("Ydw") == ["erased"]
    assert participant(engine, protector, resident.address) is None
    assert answer_texts(engine) == []


def test_delete_refused_in_welsh_keeps_everything(
    engine: Engine, buses: int, resident: Resident
) -> None:
    resident.send("BUSES")
    resident.send("yes")
    resident.send("More buses")
    resident.send("DELETE")
    assert resident.keys("Na, dim diolch")[0] == "erase-cancelled"
    assert answer_texts(engine) == [("open", "More buses")]


def test_welsh_sms_asks_for_ie_or_na_without_english_option_lines(
    buses: int, resident: Resident
) -> None:
    greeting = resident.send("CYMRAEG")
    texts = reply_texts(greeting)
    assert [o.value for o in greeting[-1].options] == ["IE", "NA"]
    assert not any("YES" in text or "\nNA" in text for text in texts)
    resident.send("Ie")
    resident.send("Bysiau")
    resident.send("Achos dw i ddim yn gyrru")
    ward = resident.send("Gresffordd")
    assert [o.value for o in ward[0].options][-1] == "HEPGOR"
    assert not any("SKIP" in text or "HEPGOR Hepgor" in text for text in reply_texts(ward))


def test_single_letters_never_switch_language(buses: int, resident: Resident) -> None:
    resident.send("BUSES")
    assert resident.send("y")[0].language == "en"
    resident.send("The buses")
    assert resident.send("n")[0].language == "en"


def _to_feedback_offer(resident: Resident) -> None:
    resident.send("BUSES")
    resident.send("yes")
    resident.send("More buses")
    resident.send("I work late")
    resident.send("skip")
    assert resident.keys("skip") == ["ask-feedback"]


def test_an_answer_that_overtakes_its_yes_is_kept_once_the_yes_arrives(
    engine: Engine, buses: int, resident: Resident
) -> None:
    resident.send("BUSES")
    sent_first = resident.clock()
    resident.clock.advance(seconds=5)
    # The resident sent "yes" then their answer; the network delivered them the other way round.
    assert resident.keys("More buses on Sundays", received_at=resident.clock()) == ["consent-held"]
    assert resident.keys("yes", received_at=sent_first)[0] == "ask-probe"
    assert answer_texts(engine) == [("open", "More buses on Sundays")]


def test_a_title_ending_in_a_question_mark_gets_no_extra_full_stop(
    engine: Engine, resident: Resident
) -> None:
    add_consultation(engine, title_en="What matters to you where you live?")
    [greeting] = resident.send("BUSES")
    assert '"What matters to you where you live?" We' in greeting.text
    assert '?".' not in greeting.text
