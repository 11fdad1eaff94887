"""Telegram deep links: `https://t.me/<bot>?start=<code>` opens the bot on a consultation.

Telegram passes the `start` payload back as `/start <code>`; it allows only
A-Z, a-z, 0-9, `_` and `-`, at most 64 characters. Consultation slugs are
used as the code, so a slug that does not fit is refused here with a clear
message rather than producing a link Telegram silently truncates.
"""

from __future__ import annotations

import re

from aiogram.utils.deep_linking import create_deep_link

START_CODE_MAX = 64
_START_CODE = re.compile(r"[A-Za-z0-9_-]{1,64}")
# Telegram usernames: 5-32 characters, letters, digits and underscores.
_BOT_USERNAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{3,31}")


class DeepLinkError(ValueError):
    """A slug or bot username that cannot make a Telegram deep link."""


def is_start_code(code: str) -> bool:
    """True when `code` is a payload Telegram can carry through `/start`."""
    return _START_CODE.fullmatch(code) is not None


def parse_start_code(args: str | None) -> str | None:
    """The consultation code from `/start` arguments, or None when absent or malformed.

    A malformed code (someone typing `/start buses please`) is not an error
    for the resident: the conversation simply starts without a consultation.
    """
    if args is None:
        return None
    code = args.strip()
    return code if is_start_code(code) else None


def deep_link(bot_username: str, slug: str) -> str:
    """The `t.me` link that opens the bot on the consultation `slug`."""
    username = bot_username.removeprefix("@")
    if _BOT_USERNAME.fullmatch(username) is None:
        raise DeepLinkError(f"{bot_username!r} is not a Telegram bot username")
    if not is_start_code(slug):
        raise DeepLinkError(
            f"the slug {slug!r} cannot be a Telegram start code: use at most "
            f"{START_CODE_MAX} characters from A-Z, a-z, 0-9, '_' and '-'"
        )
    return create_deep_link(username=username, link_type="start", payload=slug)
