"""Replies to TwiML: one <Message> per part, in order, GSM-friendly."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from bot.channels.sms.segments import gsm_friendly, split_for_sms
from bot.conversation.messages import Reply

# Twilio refuses a single message body over 1600 characters, and WhatsApp
# counts characters not segments; three segments keeps SMS readable.
SEGMENTS_PER_MESSAGE = 3


def reply_texts(replies: Sequence[Reply]) -> list[str]:
    """The message bodies to send, in order: typographic characters made GSM-7, long ones split."""
    texts: list[str] = []
    for reply in replies:
        text = gsm_friendly(_with_options(reply))
        texts.extend(split_for_sms(text, max_segments_per_part=SEGMENTS_PER_MESSAGE))
    return texts


_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'


def render(replies: Sequence[Reply]) -> str:
    """A MessagingResponse document; an empty <Response/> when there is nothing to say.

    Written as a string rather than through twilio's MessagingResponse (an
    ElementTree per reply): the same bytes, at a fraction of the cost on every
    webhook; tests/bot/channels/sms/test_twiml.py holds the two equal.
    """
    texts = reply_texts(replies)
    if not texts:
        return _DECLARATION + "<Response />"
    messages = "".join(f"<Message>{_escape(text)}</Message>" for text in texts)
    return f"{_DECLARATION}<Response>{messages}</Response>"


def _escape(text: str) -> str:
    # What ElementTree escapes in element text; quotes need no escaping there.
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@functools.lru_cache(maxsize=1024)
def _mention(value: str) -> re.Pattern[str]:
    # One pattern per option value (YES, NO, 1..6, ward names), built once:
    # every reply with options is checked on every webhook.
    return re.compile(rf"(?<!\w){re.escape(value)}(?!\w)", re.IGNORECASE)


def _with_options(reply: Reply) -> str:
    # Text channels have no buttons. The engine normally writes the choices
    # into the text ("Reply YES or NO", "1) Under 25"); only an option whose
    # value the text never mentions is added, so a resident can always see
    # what to type.
    missing = [o for o in reply.options if not _mention(o.value).search(reply.text)]
    if not missing:
        return reply.text
    return "\n".join([reply.text] + [f"{o.value} {o.label}" for o in missing])
