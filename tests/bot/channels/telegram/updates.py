"""Update JSON exactly as Telegram posts it to a webhook (Bot API 9.x field names)."""

from __future__ import annotations

import itertools
import time
from typing import Any

_message_ids = itertools.count(100)


def _user(chat_id: int, language_code: str | None) -> dict[str, Any]:
    user: dict[str, Any] = {"id": chat_id, "is_bot": False, "first_name": "Ceri"}
    if language_code is not None:
        user["language_code"] = language_code
    return user


def _private_chat(chat_id: int) -> dict[str, Any]:
    return {"id": chat_id, "first_name": "Ceri", "type": "private"}


def _message(chat_id: int, language_code: str | None, **content: Any) -> dict[str, Any]:
    return {
        "message_id": next(_message_ids),
        "from": _user(chat_id, language_code),
        "chat": _private_chat(chat_id),
        "date": int(time.time()),
        **content,
    }


def text_update(
    update_id: int, chat_id: int, text: str, *, language_code: str | None = "en"
) -> dict[str, Any]:
    """A typed message; commands carry the bot_command entity Telegram adds."""
    content: dict[str, Any] = {"text": text}
    if text.startswith("/"):
        command = text.split(maxsplit=1)[0]
        content["entities"] = [{"offset": 0, "length": len(command), "type": "bot_command"}]
    return {"update_id": update_id, "message": _message(chat_id, language_code, **content)}


def start_update(
    update_id: int, chat_id: int, code: str | None = None, **kw: Any
) -> dict[str, Any]:
    """What a deep link t.me/<bot>?start=<code> produces when the resident taps Start."""
    return text_update(update_id, chat_id, "/start" if code is None else f"/start {code}", **kw)


def callback_update(
    update_id: int,
    chat_id: int,
    data: str,
    *,
    message_id: int = 5000,
    language_code: str | None = "en",
) -> dict[str, Any]:
    """A press on an inline button of the bot's message `message_id`."""
    return {
        "update_id": update_id,
        "callback_query": {
            "id": f"{chat_id}{update_id}",
            "from": _user(chat_id, language_code),
            "message": {
                "message_id": message_id,
                "from": {"id": 123456, "is_bot": True, "first_name": "What Matters"},
                "chat": _private_chat(chat_id),
                "date": int(time.time()) - 30,
                "text": "(the bot's question)",
                "reply_markup": {"inline_keyboard": [[{"text": "Yes", "callback_data": data}]]},
            },
            "chat_instance": "-7355608",
            "data": data,
        },
    }


def edited_update(update_id: int, chat_id: int, text: str) -> dict[str, Any]:
    message = _message(chat_id, "en", text=text)
    message["edit_date"] = message["date"] + 5
    return {"update_id": update_id, "edited_message": message}


def photo_update(update_id: int, chat_id: int, *, caption: str | None = None) -> dict[str, Any]:
    sizes = [
        {
            "file_id": "AgACAgQAAxk",
            "file_unique_id": "AQADs",
            "width": 90,
            "height": 67,
            "file_size": 1234,
        },
        {
            "file_id": "AgACAgQAAxl",
            "file_unique_id": "AQADt",
            "width": 1280,
            "height": 960,
            "file_size": 98765,
        },
    ]
    content: dict[str, Any] = {"photo": sizes}
    if caption is not None:
        content["caption"] = caption
    return {"update_id": update_id, "message": _message(chat_id, "en", **content)}


def sticker_update(update_id: int, chat_id: int) -> dict[str, Any]:
    sticker = {
        "file_id": "CAACAgIAAxk",
        "file_unique_id": "AgADsw",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
        "emoji": "👍",
    }
    return {"update_id": update_id, "message": _message(chat_id, "en", sticker=sticker)}


def voice_update(update_id: int, chat_id: int) -> dict[str, Any]:
    voice = {
        "file_id": "AwACAgQAAxk",
        "file_unique_id": "AgADtA",
        "duration": 4,
        "mime_type": "audio/ogg",
    }
    return {"update_id": update_id, "message": _message(chat_id, "cy", voice=voice)}


def location_update(update_id: int, chat_id: int) -> dict[str, Any]:
    location = {"latitude": 53.0462, "longitude": -2.9930}
    return {"update_id": update_id, "message": _message(chat_id, "en", location=location)}


def group_update(update_id: int, chat_id: int, text: str) -> dict[str, Any]:
    message = _message(abs(chat_id) % 10_000_000, "en", text=text)
    message["chat"] = {"id": chat_id, "title": "Gresford residents", "type": "supergroup"}
    return {"update_id": update_id, "message": message}


def blocked_update(update_id: int, chat_id: int) -> dict[str, Any]:
    """The resident pressed "Stop and block bot"."""
    bot_user = {"id": 123456, "is_bot": True, "first_name": "What Matters"}
    return {
        "update_id": update_id,
        "my_chat_member": {
            "chat": _private_chat(chat_id),
            "from": _user(chat_id, "en"),
            "date": int(time.time()),
            "old_chat_member": {"status": "member", "user": bot_user},
            "new_chat_member": {"status": "kicked", "user": bot_user, "until_date": 0},
        },
    }
