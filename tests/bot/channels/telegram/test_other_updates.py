"""Updates that are not plain text: photos, stickers, voice, location, edits, groups, blocks."""

from __future__ import annotations

from tests.bot.channels.telegram.conftest import Telegram
from tests.bot.channels.telegram.updates import (
    blocked_update,
    callback_update,
    edited_update,
    group_update,
    location_update,
    photo_update,
    start_update,
    sticker_update,
    text_update,
    voice_update,
)

CHAT = 733_000_111
SEND_TEXT_EN = "Sorry, I can only read typed messages. Please reply in words."
SEND_TEXT_CY = "dim ond negeseuon wedi'u teipio y galla i eu darllen"


async def test_stickers_voice_and_locations_get_a_kind_please_send_text(
    telegram: Telegram,
) -> None:
    for update in (sticker_update(801, CHAT), location_update(802, CHAT), photo_update(803, CHAT)):
        assert (await telegram.post(update)).status_code == 200
    assert [c.text for c in telegram.recorder.sent(CHAT)] == [SEND_TEXT_EN] * 3
    # Nothing about the person is created or stored for them.
    assert telegram.participants() == []
    assert telegram.answers() == []
    # The file itself is never fetched (the recording session refuses downloads).
    assert telegram.recorder.of("getFile") == []


async def test_please_send_text_is_in_the_residents_language(telegram: Telegram) -> None:
    # Unknown resident whose Telegram app is in Welsh.
    assert (await telegram.post(voice_update(811, CHAT))).status_code == 200
    [reply] = telegram.recorder.sent(CHAT)
    assert SEND_TEXT_CY in reply.text

    # A resident who chose Welsh in the conversation, whatever their app says.
    other = CHAT + 1
    await telegram.post(start_update(812, other))
    await telegram.post(text_update(813, other, "CYMRAEG"))
    telegram.recorder.clear()
    await telegram.post(sticker_update(814, other))
    [reply] = telegram.recorder.sent(other)
    assert SEND_TEXT_CY in reply.text


async def test_a_photo_caption_is_taken_as_the_answer(telegram: Telegram) -> None:
    await telegram.post(start_update(821, CHAT))
    await telegram.post(telegram.button(822, CHAT, "opt:YES"))
    telegram.recorder.clear()
    await telegram.post(photo_update(823, CHAT, caption="Fix the potholes on Chester Road"))
    [probe] = telegram.recorder.sent(CHAT)
    assert "why does that matter to you?" in probe.text.lower()
    assert [a.text for a in telegram.answers()] == ["Fix the potholes on Chester Road"]


async def test_an_edited_message_keeps_the_first_version_and_says_so(telegram: Telegram) -> None:
    await telegram.post(start_update(831, CHAT))
    await telegram.post(telegram.button(832, CHAT, "opt:YES"))
    await telegram.post(text_update(833, CHAT, "Teh buses"))
    telegram.recorder.clear()
    assert (await telegram.post(edited_update(834, CHAT, "The buses"))).status_code == 200
    [reply] = telegram.recorder.sent(CHAT)
    assert "I keep the first version" in reply.text
    assert [a.text for a in telegram.answers()] == ["Teh buses"]


async def test_group_chats_are_pointed_to_a_private_chat_and_nothing_is_kept(
    telegram: Telegram,
) -> None:
    group = -1001234567890
    assert (await telegram.post(group_update(841, group, "/start"))).status_code == 200
    assert (await telegram.post(group_update(842, group, "The buses are awful"))).status_code == 200
    replies = telegram.recorder.sent(group)
    assert len(replies) == 2
    assert all("message me directly" in r.text for r in replies)
    assert telegram.participants() == []
    assert telegram.answers() == []


async def test_blocking_the_bot_opts_the_resident_out(telegram: Telegram) -> None:
    await telegram.post(start_update(851, CHAT))
    telegram.recorder.clear()
    assert (await telegram.post(blocked_update(852, CHAT))).status_code == 200
    assert telegram.recorder.sent() == []
    [participant] = telegram.participants()
    assert participant.opted_out


async def test_an_unknown_button_is_answered_without_touching_the_conversation(
    telegram: Telegram,
) -> None:
    await telegram.post(start_update(861, CHAT))
    telegram.recorder.clear()
    assert (await telegram.post(telegram.button(862, CHAT, "legacy-v0:yes"))).status_code == 200
    [answered] = telegram.recorder.of("answerCallbackQuery")
    assert answered.params["text"] == "That button has expired. Please type your reply instead."
    assert telegram.recorder.sent() == []
    [participant] = telegram.participants()
    assert participant.consent == "unknown"


async def test_deep_links_choose_the_consultation(telegram: Telegram) -> None:
    from storage.db import session_scope
    from storage.models import ConsultationStatus
    from storage.repositories.consultations import create_consultation

    with session_scope(telegram.services.db) as session:
        create_consultation(
            session=session,
            slug="bus-routes-2026",
            keyword="BUSES",
            title_en="Bus routes 2026",
            title_cy="Llwybrau bysiau 2026",
            status=ConsultationStatus.OPEN,
            questions=[
                {"kind": "open", "prompt_en": "What about buses?", "prompt_cy": "Beth am fysiau?"}
            ],
        )
    telegram.services.conversation.refresh_consultations()

    await telegram.post(start_update(871, CHAT, "bus-routes-2026"))
    [greeting] = telegram.recorder.sent(CHAT)
    assert "Bus routes 2026" in greeting.text

    # With two consultations open, a bare /start or an unusable code asks which one.
    other = CHAT + 7
    await telegram.post(start_update(872, other))
    await telegram.post(start_update(873, other + 1, "../../etc/passwd"))
    await telegram.post(start_update(874, other + 2, "x" * 65))
    for chat in (other, other + 1, other + 2):
        [ask] = telegram.recorder.sent(chat)
        assert "Which consultation" in ask.text

    # A well-formed code that names no consultation says so.
    await telegram.post(start_update(875, other + 3, "no-such-consultation"))
    [unknown] = telegram.recorder.sent(other + 3)
    assert "don't recognise" in unknown.text


async def test_an_old_button_pressed_later_is_not_taken_as_the_current_answer(
    telegram: Telegram,
) -> None:
    await telegram.post(start_update(881, CHAT))
    greeting_id = telegram.recorder.latest[CHAT]
    # The resident types "yes" instead of pressing it; the greeting keeps its buttons.
    await telegram.post(text_update(882, CHAT, "yes"))
    [greeting, question] = telegram.recorder.sent(CHAT)
    assert greeting.buttons and "What really matters to you" in question.text
    telegram.recorder.clear()

    # Later they scroll up and press "No" on the greeting.
    stale = callback_update(883, CHAT, "opt:NO", message_id=greeting_id)
    assert (await telegram.post(stale)).status_code == 200
    [toast] = telegram.recorder.of("answerCallbackQuery")
    assert toast.params["text"] == "That button has expired. Please type your reply instead."
    [retired] = telegram.recorder.of("editMessageReplyMarkup")
    assert retired.params["message_id"] == str(greeting_id)
    assert telegram.recorder.sent(CHAT) == []
    assert telegram.answers() == []
    [participant] = telegram.participants()
    assert participant.consent == "given"
