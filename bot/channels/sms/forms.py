"""Reading a Twilio webhook body: size-limited, strictly UTF-8, form-encoded.

Starlette's own form parser is lenient (it replaces undecodable bytes) and
reads the whole body before any limit applies; here the limit is enforced
while streaming and a bad body is refused with a reason, because a request
that is permanently wrong must get a 4xx (Twilio never retries those) rather
than a 5xx or a silently mangled answer.
"""

from __future__ import annotations

from urllib.parse import unquote

from fastapi import Request
from starlette.requests import ClientDisconnect
from starlette.types import Receive

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
    return await read_limited(
        request.receive, content_length=request.headers.get("content-length"), max_bytes=max_bytes
    )


async def read_limited(receive: Receive, *, content_length: str | None, max_bytes: int) -> bytes:
    """The raw body from an ASGI `receive`, refusing anything above `max_bytes` with 413.

    A declared Content-Length over the limit is refused before a byte is read;
    a chunked body (no Content-Length) is refused as soon as it passes the limit.
    Raises starlette's ``ClientDisconnect`` when the client leaves mid-body.
    """
    if content_length is not None:
        try:
            length = int(content_length)
        except ValueError:
            raise BadRequestError(400, "Content-Length is not a number") from None
        if length > max_bytes:
            raise BadRequestError(413, f"body of {length} bytes exceeds {max_bytes}")
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientDisconnect()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > max_bytes:
            raise BadRequestError(413, f"body exceeds {max_bytes} bytes")
        chunks.append(chunk)
        if not message.get("more_body", False):
            return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def parse_form(request: Request, body: bytes) -> FormParams:
    """Parse an application/x-www-form-urlencoded body, strictly."""
    return parse_urlencoded(request.headers.get("content-type", ""), body)


def parse_urlencoded(content_type: str, body: bytes) -> FormParams:
    """Parse `body`, sent with `content_type`, as a strict UTF-8 urlencoded form."""
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
        pairs = strict_pairs(text)
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


def strict_pairs(text: str) -> list[tuple[str, str]]:
    """The fields of a urlencoded `text`, as ``parse_qsl`` reads them strictly.

    Equal, field for field and error for error, to ``parse_qsl(text,
    keep_blank_values=True, strict_parsing=True, encoding="utf-8",
    errors="strict", max_num_fields=MAX_FIELDS)`` (a property test holds it
    to that), without its per-field coercion calls: a Twilio webhook has
    ~20 fields, most of them needing no unquoting at all.
    """
    if not text:
        return []
    if text.count("&") + 1 > MAX_FIELDS:
        raise ValueError("Max number of fields exceeded")
    pairs: list[tuple[str, str]] = []
    for field in text.split("&"):
        name, equals, value = field.partition("=")
        if not equals:
            raise ValueError(f"bad query field: {field!r}")
        pairs.append((_unquote_plus(name), _unquote_plus(value)))
    return pairs


def _unquote_plus(part: str) -> str:
    if "+" in part:
        part = part.replace("+", " ")
    return unquote(part, encoding="utf-8", errors="strict") if "%" in part else part
