"""QR codes for posters and leaflets: any link a resident can scan (web chat, Telegram)."""

from __future__ import annotations

import io
from typing import Literal

import segno


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
