"""X-Twilio-Signature checks against the public URL Twilio called.

Behind a TLS-terminating proxy the app sees ``http://10.0.0.5:8000/sms/twilio``
while Twilio signed ``https://consult.example.gov.uk/sms/twilio``; the
signature is therefore checked against PUBLIC_BASE_URL + path + query, never
the Host header (which a caller controls).
"""

from __future__ import annotations

import hmac

from starlette.types import Scope
from twilio.request_validator import RequestValidator, get_signature_algorithm

from bot.channels.sms.forms import FormParams

SIGNATURE_HEADER = b"x-twilio-signature"
SIGNATURE_SETTINGS_HEADER = b"x-twilio-webhooks-signature-settings"


def public_url(base_url: str, scope: Scope) -> str:
    """The URL Twilio requested, as configured in Twilio's console."""
    # The raw query string, exactly as sent: Twilio signs it byte for byte.
    query = scope.get("query_string", b"").decode("latin-1")
    # The ASGI path already holds any root_path (a proxy's prefix): uvicorn puts it there.
    url = base_url.rstrip("/") + scope["path"]
    return f"{url}?{query}" if query else url


def signature_problem(
    validator: RequestValidator,
    *,
    url: str,
    params: FormParams,
    signature: str | None,
    signature_settings: str | None,
) -> str | None:
    """None when the signature is good, else the reason to log.

    `signature` and `signature_settings` are the X-Twilio-Signature and
    X-Twilio-Webhooks-Signature-Settings headers as sent.
    """
    if not signature:
        return "missing X-Twilio-Signature header"
    algorithm = get_signature_algorithm(signature_settings)
    # Fast path: the URL exactly as configured (one HMAC). validate() also
    # tries the URL with and without an explicit port, and body hashes.
    try:
        expected = validator.compute_signature(url, params, algorithm)
    except ValueError:
        return f"unsupported signature algorithm {algorithm!r}"
    if hmac.compare_digest(expected.encode(), signature.encode()):
        return None
    if not validator.validate(url, params, signature, algorithm):
        return (
            f"X-Twilio-Signature does not match for {url} "
            "(forged or altered request, wrong TWILIO_AUTH_TOKEN, or PUBLIC_BASE_URL "
            "differs from the webhook URL configured at Twilio)"
        )
    return None
