"""Reading a Twilio webhook body: size-limited, strictly UTF-8, form-encoded.

Starlette's own form parser is lenient (it replaces undecodable bytes) and
reads the whole body before any limit applies; here the limit is enforced
while streaming and a bad body is refused with a reason, because a request
that is permanently wrong must get a 4xx (Twilio never retries those) rather
than a 5xx or a silently mangled answer.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from fastapi import Request

MAX_FIELDS = 200  # Twilio sends ~20 fields (more with many media); far fewer than this


class BadRequestError(Exception):
    """A request we refuse; `status` is the HTTP status, the message the reason."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


class FormParams(dict[str, list[str]]):
    """Form fields with every value kept; `getall` is what RequestValidator looks for."""

    def getall(self, name: str) -> list[str]:
        return self[name]

    def first(self, name: str, default: str = "") -> str:
        values = self.get(name)
        return values[0] if values else default


async def read_body(request: Request, *, max_bytes: int) -> bytes:
    """The raw body, refusing anything above `max_bytes` with 413 before reading it all."""
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            length = int(declared)
        except ValueError:
            raise BadRequestError(400, "Content-Length is not a number") from None
        if length > max_bytes:
            raise BadRequestError(413, f"body of {length} bytes exceeds {max_bytes}")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            # Chunked uploads have no Content-Length: stop reading at the limit.
            raise BadRequestError(413, f"body exceeds {max_bytes} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def parse_form(request: Request, body: bytes) -> FormParams:
    """Parse an application/x-www-form-urlencoded body, strictly."""
    content_type = request.headers.get("content-type", "")
    media_type, _, parameters = content_type.partition(";")
    if media_type.strip().lower() != "application/x-www-form-urlencoded":
        raise BadRequestError(415, "expected application/x-www-form-urlencoded")
    charset = "utf-8"
    for parameter in parameters.split(";"):
        key, _, value = parameter.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    if charset not in ("utf-8", "utf8"):
        raise BadRequestError(415, f"unsupported charset {charset!r}; Twilio sends UTF-8")
    try:
        text = body.decode("ascii")  # percent-encoded forms are pure ASCII on the wire
    except UnicodeDecodeError:
        raise BadRequestError(400, "form body has raw non-ASCII bytes") from None
    try:
        pairs = parse_qsl(
            text,
            keep_blank_values=True,
            strict_parsing=bool(text),
            encoding="utf-8",
            errors="strict",
            max_num_fields=MAX_FIELDS,
        )
    except UnicodeDecodeError:
        raise BadRequestError(400, "form field is not valid UTF-8") from None
    except ValueError as error:
        raise BadRequestError(400, f"malformed form body: {error}") from None
    params = FormParams()
    for name, value in pairs:
        # Kept as sent: the signature covers these exact values. A NUL or a
        # control character in a Body is a resident's message all the same
        # (Twilio never retries a 4xx, so refusing it would lose it); the
        # conversation engine cleans the text before storing it.
        params.setdefault(name, []).append(value)
    return params
