"""QR codes for residents' ways in (the links themselves come from each channel)."""

from __future__ import annotations

from usecases.qr import qr_code


def qr_svg(url: str, *, title: str) -> bytes:
    """An SVG QR code for a poster (usecases.qr: the same symbol as the Telegram poster codes)."""
    return qr_code(url, kind="svg", title=title)
