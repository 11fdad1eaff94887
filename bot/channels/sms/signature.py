"""X-Twilio-Signature checks against the public URL Twilio called.

Behind a TLS-terminating proxy the app sees ``http://10.0.0.5:8000/sms/twilio``
while Twilio signed ``https://consult.example.gov.uk/sms/twilio``; the
signature is therefore checked against PUBLIC_BASE_URL + path + query, never
the Host header (which a caller controls).
"""

from __future__ import annotations

import hmac

from fastapi import Request
from twilio.request_validator import (
    SIGNATURE_HEADER,
    SIGNATURE_SETTINGS_HEADER,
    RequestValidator,
    get_signature_algorithm,
)

from bot.channels.sms.forms import FormParams


def public_url(base_url: str, request: Request) -> str:
    """The URL Twilio requested, as configured in Twilio's console."""
    # The raw query string, exactly as sent: Twilio signs it byte for byte.
    query = request.scope.get("query_string", b"").decode("latin-1")
    path = request.scope.get("root_path", "") + request.scope["path"]
    url = base_url.rstrip("/") + path
    return f"{url}?{query}" if query else url


def signature_problem(
    validator: RequestValidator, *, url: str, params: FormParams, request: Request
) -> str | None:
    """None when the signature is good, else the reason to log."""
    signature = request.headers.get(SIGNATURE_HEADER)
    if not signature:
        return "missing X-Twilio-Signature header"
    algorithm = get_signature_algorithm(request.headers.get(SIGNATURE_SETTINGS_HEADER))
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
