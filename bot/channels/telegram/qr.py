"""QR codes of deep links, for posters and leaflets (shown and printed by the console)."""

from __future__ import annotations

from typing import Literal

from bot.channels.telegram.links import deep_link
from usecases.qr import qr_code

__all__ = ["consultation_qr", "qr_code"]


def consultation_qr(
    bot_username: str, slug: str, *, kind: Literal["svg", "png"] = "svg", scale: int = 8
) -> bytes:
    """A QR code that opens the bot straight on the consultation `slug`."""
    return qr_code(deep_link(bot_username, slug), kind=kind, scale=scale)
