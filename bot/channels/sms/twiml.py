"""Replies to TwiML: one <Message> per part, in order, GSM-friendly."""

from __future__ import annotations

import re
from collections.abc import Sequence

from twilio.twiml.messaging_response import MessagingResponse

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


def render(replies: Sequence[Reply]) -> str:
    """A MessagingResponse document; an empty <Response/> when there is nothing to say."""
    response = MessagingResponse()
    for text in reply_texts(replies):
        response.message(text)
    return str(response.to_xml(xml_declaration=True))


def _with_options(reply: Reply) -> str:
    # Text channels have no buttons. The engine normally writes the choices
    # into the text ("Reply YES or NO", "1) Under 25"); only an option whose
    # value the text never mentions is added, so a resident can always see
    # what to type.
    missing = [
        o
        for o in reply.options
        if not re.search(rf"(?<!\w){re.escape(o.value)}(?!\w)", reply.text, re.IGNORECASE)
    ]
    if not missing:
        return reply.text
    return "\n".join([reply.text] + [f"{o.value} {o.label}" for o in missing])
