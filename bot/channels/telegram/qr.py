"""QR codes of deep links, for posters and leaflets (shown and printed by the console)."""

from __future__ import annotations

import io
from typing import Literal

import segno

from bot.channels.telegram.links import deep_link


def qr_code(
    url: str,
    *,
    kind: Literal["svg", "png"] = "svg",
    scale: int = 8,
    title: str | None = None,
) -> bytes:
    """Render `url` as an SVG or PNG QR code.

    Error correction "Q" (25%) keeps a poster scannable when it is creased,
    partly covered or photographed at an angle; the links are short so the
    symbol stays small anyway. The 4-module quiet zone is the standard's
    minimum and scanners fail without it.
    """
    if scale < 1:
        raise ValueError("scale must be at least 1")
    symbol = segno.make(url, error="q", micro=False)
    buffer = io.BytesIO()
    if kind == "svg":
        # An SVG scales to any poster size without blur; the title is read
        # out by screen readers.
        symbol.save(buffer, kind="svg", scale=scale, border=4, title=title or url)
    else:
        symbol.save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def consultation_qr(
    bot_username: str, slug: str, *, kind: Literal["svg", "png"] = "svg", scale: int = 8
) -> bytes:
    """A QR code that opens the bot straight on the consultation `slug`."""
    return qr_code(deep_link(bot_username, slug), kind=kind, scale=scale)
