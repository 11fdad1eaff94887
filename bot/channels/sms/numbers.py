"""Phone numbers to E.164, the one form under which an address is hashed.

The same person must hash to the same participant whether Twilio says
``+447911123456``, a CSV says ``07911 123456`` or a proxy turned the ``+``
into a space; otherwise STOP on one path would not stop the other.
"""

from __future__ import annotations

import re

import phonenumbers

WHATSAPP_PREFIX = "whatsapp:"
DEFAULT_REGION = "GB"
# Twilio always sends E.164; recognising it without a full parse keeps the
# webhook's hot path cheap (phonenumbers.parse costs more than the HMAC check).
_E164 = re.compile(r"\+[1-9][0-9]{6,14}")


class InvalidNumberError(ValueError):
    """Text that is not a usable phone number; the message says why."""


def split_channel_prefix(raw: str) -> tuple[bool, str]:
    """(is_whatsapp, rest) for a Twilio address such as ``whatsapp:+447911123456``."""
    text = raw.strip()
    if text[: len(WHATSAPP_PREFIX)].lower() == WHATSAPP_PREFIX:
        return True, text[len(WHATSAPP_PREFIX) :].strip()
    return False, text


def to_e164(raw: str, *, region: str = DEFAULT_REGION, strict: bool = False) -> str:
    """Normalise a phone number to E.164.

    ``strict`` asks for a number that exists in the numbering plan (used for
    officer-uploaded lists, where a typo should be reported); webhooks use the
    looser "possible number" test because the network already delivered the
    message from that address.
    """
    text = raw.strip()
    if not text:
        raise InvalidNumberError("empty")
    if len(text) > 40:
        raise InvalidNumberError("too long to be a phone number")
    if not strict and _E164.fullmatch(text):
        return text
    candidates: list[tuple[str, str | None]] = []
    digits = "".join(ch for ch in text if ch.isdigit())
    if text.startswith("+"):
        candidates.append((text, None))
    elif text.startswith("00"):
        candidates.append(("+" + digits[2:], None))
    else:
        # A "+" decoded as a space by a careless client arrives as bare
        # international digits; try that before reading it as a national number.
        if len(digits) >= 11:
            candidates.append(("+" + digits, None))
        candidates.append((text, region))
    reason = "not a phone number"
    for candidate, candidate_region in candidates:
        try:
            number = phonenumbers.parse(candidate, candidate_region)
        except phonenumbers.NumberParseException as error:
            reason = str(error.args[0]) if error.args else reason
            continue
        ok = (
            phonenumbers.is_valid_number(number)
            if strict
            else phonenumbers.is_possible_number(number)
        )
        if ok:
            return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
        reason = "not a valid number" if strict else "not a possible number"
    raise InvalidNumberError(reason)
