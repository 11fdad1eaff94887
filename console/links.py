"""Ways in for residents: SMS keyword, web chat link, Telegram deep link, and their QR codes."""

from __future__ import annotations

from bot.qr import qr_code
from bot.settings import Settings
from storage.models import Consultation


def consultation_links(settings: Settings, consultation: Consultation) -> dict[str, str]:
    """Links residents can follow; Telegram only when the bot's username is configured."""
    # The residents' web chat (bot/channels/webchat), not the developers' simulator.
    links = {"web": f"{settings.public_base_url.rstrip('/')}/chat/{consultation.keyword}"}
    username = getattr(settings, "telegram_bot_username", None)
    if username:
        try:
            from bot.channels.telegram.links import DeepLinkError, deep_link
        except ImportError:  # the Telegram channel is optional
            return links
        try:
            links["telegram"] = deep_link(str(username), consultation.slug)
        except DeepLinkError:
            pass
    return links


def qr_svg(url: str, *, title: str) -> bytes:
    """An SVG QR code for a poster (bot.qr: the same symbol as the Telegram poster codes)."""
    return qr_code(url, kind="svg", title=title)
