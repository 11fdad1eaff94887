"""Webhook requests built the way Twilio builds them, signed with Twilio's own code."""

from __future__ import annotations

import secrets
from urllib.parse import urlencode

import httpx
from twilio.request_validator import RequestValidator

ACCOUNT_SID = "AC" + "0123456789abcdef" * 2
AUTH_TOKEN = "f0e1d2c3b4a5968778695a4b3c2d1e0f"
PUBLIC_BASE_URL = "https://consult.example.gov.uk"
SERVICE_NUMBER = "+447400123456"
WHATSAPP_SENDER = "whatsapp:+14155238886"
RESIDENT = "+447911123456"


def new_sid(prefix: str = "SM") -> str:
    return prefix + secrets.token_hex(16)


def sms_fields(
    body: str,
    *,
    from_: str = RESIDENT,
    to: str = SERVICE_NUMBER,
    sid: str | None = None,
    num_media: int = 0,
    opt_out_type: str | None = None,
) -> list[tuple[str, str]]:
    """The fields of an incoming SMS, in the order Twilio posts them."""
    sid = sid or new_sid()
    fields = [
        ("ToCountry", "GB"),
        ("ToState", ""),
        ("SmsMessageSid", sid),
        ("NumMedia", str(num_media)),
        ("ToCity", ""),
        ("FromZip", ""),
        ("SmsSid", sid),
        ("FromState", ""),
        ("SmsStatus", "received"),
        ("FromCity", ""),
        ("Body", body),
        ("FromCountry", "GB"),
        ("To", to),
    ]
    if opt_out_type:
        fields.append(("OptOutType", opt_out_type))
    for index in range(num_media):
        fields += [
            (f"MediaContentType{index}", "image/jpeg"),
            (
                f"MediaUrl{index}",
                f"https://api.twilio.com/2010-04-01/Accounts/{ACCOUNT_SID}/Messages/{sid}"
                f"/Media/ME{secrets.token_hex(16)}",
            ),
        ]
    fields += [
        ("ToZip", ""),
        ("NumSegments", "1"),
        ("MessageSid", sid),
        ("AccountSid", ACCOUNT_SID),
        ("From", from_),
        ("ApiVersion", "2010-04-01"),
    ]
    return fields


def whatsapp_fields(
    body: str, *, from_: str = RESIDENT, sid: str | None = None
) -> list[tuple[str, str]]:
    """An incoming WhatsApp message through the Twilio sandbox/sender."""
    sid = sid or new_sid()
    return [
        ("SmsMessageSid", sid),
        ("NumMedia", "0"),
        ("ProfileName", "Resident"),
        ("MessageType", "text"),
        ("SmsSid", sid),
        ("WaId", from_.lstrip("+")),
        ("SmsStatus", "received"),
        ("Body", body),
        ("To", WHATSAPP_SENDER),
        ("NumSegments", "1"),
        ("ReferralNumMedia", "0"),
        ("MessageSid", sid),
        ("AccountSid", ACCOUNT_SID),
        ("From", f"whatsapp:{from_}"),
        ("ApiVersion", "2010-04-01"),
    ]


def status_fields(
    sid: str, status: str, *, to: str = RESIDENT, error_code: str = ""
) -> list[tuple[str, str]]:
    fields = [
        ("SmsSid", sid),
        ("SmsStatus", status),
        ("MessageStatus", status),
        ("To", to),
        ("MessagingServiceSid", "MG" + "1" * 32),
        ("MessageSid", sid),
        ("AccountSid", ACCOUNT_SID),
        ("From", SERVICE_NUMBER),
        ("ApiVersion", "2010-04-01"),
    ]
    if error_code:
        fields.insert(2, ("ErrorCode", error_code))
    return fields


def sign(url: str, fields: list[tuple[str, str]], token: str = AUTH_TOKEN) -> str:
    return str(RequestValidator(token).compute_signature(url, dict(fields)))


def signed_request(
    path: str,
    fields: list[tuple[str, str]],
    *,
    query: str = "",
    base_url: str = PUBLIC_BASE_URL,
    token: str = AUTH_TOKEN,
) -> tuple[str, bytes, dict[str, str]]:
    """(path with query, body, headers) for a request Twilio would send to base_url + path."""
    target = f"{path}?{query}" if query else path
    body = urlencode(fields).encode()
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Twilio-Signature": sign(base_url + target, fields, token),
        "User-Agent": "TwilioProxy/1.1",
        "I-Twilio-Idempotency-Token": secrets.token_hex(8),
    }
    return target, body, headers


async def post_signed(
    client: httpx.AsyncClient,
    path: str,
    fields: list[tuple[str, str]],
    **options: str,
) -> httpx.Response:
    target, body, headers = signed_request(path, fields, **options)
    return await client.post(target, content=body, headers=headers)


def messages(twiml: str) -> list[str]:
    """The <Message> bodies of a TwiML document, in order."""
    import xml.etree.ElementTree as ET

    root = ET.fromstring(twiml)
    assert root.tag == "Response"
    return [element.text or "" for element in root.findall("Message")]
