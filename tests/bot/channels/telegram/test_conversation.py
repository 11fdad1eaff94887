"""A resident's whole conversation over Telegram, through the webhook of the real app."""

from __future__ import annotations

from sqlmodel import Session, select

from storage.models import Conversation, Participant
from tests.bot.channels.telegram.conftest import Telegram
from tests.bot.channels.telegram.recording import Call
from tests.bot.channels.telegram.updates import callback_update, start_update, text_update

CHAT = 700_100_200
TITLE_EN = "What matters to you where you live?"
TITLE_CY = "Beth sy'n bwysig i chi lle rydych chi'n byw?"
YES_NO = [[("Yes", "opt:YES"), ("No", "opt:NO")]]
IE_NA = [[("Ie", "opt:IE"), ("Na", "opt:NA")]]


async def say(telegram: Telegram, update: dict[str, object]) -> list[Call]:
    """Post one update and return the messages the bot sent because of it."""
    before = len(telegram.recorder.sent())
    response = await telegram.post(update)
    assert response.status_code == 200, response.text
    return telegram.recorder.sent()[before:]


async def test_english_conversation_with_buttons_from_start_to_thanks(telegram: Telegram) -> None:
    [greeting] = await say(telegram, start_update(1, CHAT))
    assert greeting.chat_id == CHAT
    assert TITLE_EN in greeting.text
    assert "take part" in greeting.text
    assert greeting.buttons == YES_NO
    assert "parse_mode" not in greeting.params  # plain text, never HTML

    # Consent by pressing "Yes" on the greeting.
    [question] = await say(telegram, callback_update(2, CHAT, "opt:YES", message_id=5000))
    [answered] = telegram.recorder.of("answerCallbackQuery")
    assert answered.params["callback_query_id"] == f"{CHAT}2"
    [retired] = telegram.recorder.of("editMessageReplyMarkup")
    assert retired.params["message_id"] == "5000"
    assert "reply_markup" not in retired.params  # the Yes/No buttons are removed
    assert "What really matters to you about living here?" in question.text
    assert question.buttons == []  # the open question is answered in words

    [probe] = await say(telegram, text_update(3, CHAT, "The buses"))
    assert "why does that matter to you?" in probe.text.lower()
    assert probe.buttons == []

    [ward] = await say(
        telegram, text_update(4, CHAT, "I can't get to work or the doctor without them")
    )
    assert "Which ward or postcode area" in ward.text
    assert ward.buttons == [[("Skip", "opt:SKIP")]]

    [age] = await say(telegram, text_update(5, CHAT, "Gresford"))
    assert "How old are you?" in age.text
    assert age.buttons == [
        [("Under 25", "opt:1"), ("25 to 44", "opt:2")],
        [("45 to 64", "opt:3"), ("65 or over", "opt:4")],
        [("Skip", "opt:SKIP")],
    ]

    [feedback] = await say(telegram, callback_update(6, CHAT, "opt:3", message_id=5004))
    assert "hear what we found" in feedback.text
    assert feedback.buttons == YES_NO

    [thanks] = await say(telegram, callback_update(7, CHAT, "opt:YES", message_id=5005))
    assert "Thank you for your time" in thanks.text
    assert thanks.buttons == []
    assert len(telegram.recorder.of("answerCallbackQuery")) == 3

    answers = telegram.answers()
    assert [(a.kind, a.text, a.channel) for a in answers] == [
        ("open", "The buses", "telegram"),
        ("probe", "I can't get to work or the doctor without them", "telegram"),
    ]
    assert [a.provider_message_id for a in answers] == ["telegram:3", "telegram:4"]
    with Session(telegram.services.db) as session:
        participant = session.exec(select(Participant)).one()
        conversation = session.exec(select(Conversation)).one()
    assert participant.consent == "given"
    assert participant.wants_feedback is True
    assert (conversation.ward, conversation.age_band) == ("Gresford", "45-64")
    # The chat id is a pseudonymous hash and an encrypted token, never in clear.
    assert str(CHAT) not in participant.address_hash
    assert str(CHAT).encode() not in participant.address_encrypted
    protector = telegram.services.settings.address_protector
    assert protector.decrypt(participant.address_encrypted) == str(CHAT)


async def test_welsh_conversation(telegram: Telegram) -> None:
    # A Telegram app set to Welsh gets the Welsh greeting straight away.
    [greeting] = await say(telegram, start_update(11, CHAT, language_code="cy"))
    assert TITLE_CY in greeting.text
    assert greeting.buttons == IE_NA

    [switched, welsh] = await say(telegram, text_update(12, CHAT, "/cymraeg"))
    assert "Gymraeg" in switched.text
    assert TITLE_CY in welsh.text
    assert welsh.buttons == IE_NA

    [question] = await say(telegram, telegram.button(13, CHAT, "opt:IE", language_code="cy"))
    assert question.text.startswith("Diolch!")
    assert "Beth sy'n wirioneddol bwysig i chi am fyw yma?" in question.text

    [probe] = await say(telegram, text_update(14, CHAT, "Y bysiau"))
    assert probe.text == "Sonioch chi am y bysiau - pam mae hynny'n bwysig i chi?"

    [ward] = await say(telegram, text_update(15, CHAT, "Dw i angen mynd i'r gwaith bob dydd"))
    assert "Ym mha ward" in ward.text
    assert ward.buttons == [[("Hepgor", "opt:HEPGOR")]]

    [age] = await say(telegram, telegram.button(16, CHAT, "opt:HEPGOR"))
    assert "Faint yw eich oed chi?" in age.text
    assert age.buttons[0] == [("Dan 25", "opt:1"), ("25 i 44", "opt:2")]

    answers = telegram.answers()
    assert [(a.text, a.language) for a in answers] == [
        ("Y bysiau", "cy"),
        ("Dw i angen mynd i'r gwaith bob dydd", "cy"),
    ]
    [participant] = telegram.participants()
    assert participant.language == "cy"


async def test_stop_silences_the_bot_until_start(telegram: Telegram) -> None:
    await say(telegram, start_update(21, CHAT))
    await say(telegram, telegram.button(22, CHAT, "opt:YES"))

    [stopped] = await say(telegram, text_update(23, CHAT, "STOP"))
    assert "won't get any more messages" in stopped.text
    [participant] = telegram.participants()
    assert participant.opted_out

    # Anything else, words or buttons, gets silence and is not stored.
    assert await say(telegram, text_update(24, CHAT, "The parks")) == []
    assert await say(telegram, telegram.button(25, CHAT, "opt:YES")) == []
    assert telegram.answers() == []

    back, question = await say(telegram, start_update(26, CHAT))
    assert "Welcome back" in back.text
    assert "What really matters to you" in question.text  # carries on where they stopped
    [participant] = telegram.participants()
    assert not participant.opted_out


async def test_slash_commands_are_the_engine_keywords(telegram: Telegram) -> None:
    [help_text] = await say(telegram, text_update(31, CHAT, "/help"))
    assert "Text STOP to stop" in help_text.text
    await say(telegram, start_update(32, CHAT))
    [confirm] = await say(telegram, text_update(33, CHAT, "/delete"))
    assert "Delete everything" in confirm.text
    assert confirm.buttons == YES_NO
    [erased] = await say(telegram, telegram.button(34, CHAT, "opt:YES"))
    assert "deleted your answers" in erased.text
    assert telegram.participants() == []
