"""HTTP read timeouts uvicorn does not have: slow request heads and slow request bodies.

uvicorn closes a keep-alive connection that stays idle between requests
(`timeout_keep_alive`), but a client that opens a connection and sends nothing,
or sends its request head or body a byte at a time, is held for ever: a probe
held 300 slow-header and 300 slow-body connections for 40 s. This protocol is
uvicorn's own protocol plus two deadlines, like Caddy's `read_header` and
`read_body`: the request head must arrive within HEADER seconds of the first
byte (or of the connection opening), and the whole body within BODY seconds of
the head. A client past either gets `408 Request Timeout` (when no response has
started) and the connection is closed; the application sees the client leave.

`whatmatters serve` passes it to uvicorn as `http=`; the deadlines come from
HTTP_HEADER_TIMEOUT_SECONDS and HTTP_BODY_TIMEOUT_SECONDS.

The protocol is uvicorn's httptools one (until h-webhook it was h11's: the C
parser costs ~0.1 ms less CPU per request than h11's pure Python, ~0.2 ms on
a signed webhook; bench/RESULTS.md). It also refuses a request head over
MAX_HEAD_BYTES with the 400 uvicorn's h11 protocol sent when h11's own head
limit (which `serve` set to the same 32 KB) was passed.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

log = logging.getLogger(__name__)

# Request heads larger than this are refused (h11's own default is 16 KB; Caddy's 32 KB).
MAX_HEAD_BYTES = 32 * 1024

_TIMEOUT_RESPONSE = (
    b"HTTP/1.1 408 Request Timeout\r\n"
    b"content-type: text/plain; charset=utf-8\r\n"
    b"connection: close\r\n"
    b"content-length: 23\r\n\r\n"
    b"Request took too long.\n"
)


@functools.cache
def _configured() -> tuple[float, float]:
    # Read once per process: each uvicorn worker process imports this module itself.
    from app.settings import Settings

    settings = Settings()
    return float(settings.http_header_timeout_seconds), float(settings.http_body_timeout_seconds)


class TimedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with the same head and body deadlines, and a head limit.

    httptools parses in C and reports a request through callbacks, so the
    phase is followed from them: a head from the connection opening (or from
    the first byte of the next request) until its headers are complete, then
    a body until the message is complete.
    """

    header_timeout: float | None = None
    body_timeout: float | None = None
    max_head_bytes: int = MAX_HEAD_BYTES

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._phase: str | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._reading: str | None = "head"
        self._head_bytes = 0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        if self._reading != "body":
            # Bytes of a head still arriving (a finished head is measured whole
            # in on_headers_complete): a head that never ends is cut off here.
            self._head_bytes += len(data)
        super().data_received(data)
        if self.transport.get_protocol() is not self:
            # Upgraded to a WebSocket: the new protocol owns the connection now.
            self._disarm()
            return
        if (
            self._reading == "head"
            and self._head_bytes > self.max_head_bytes
            and not self.transport.is_closing()
        ):
            # What uvicorn's h11 protocol answers when h11's head buffer overflows.
            msg = "Invalid HTTP request received."
            self.logger.warning(msg)
            self.send_400_response(msg)
            return
        self._arm()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._reading = "head"

    def on_headers_complete(self) -> None:
        # A head that arrived whole in one read never reached the check in
        # data_received: measure it here. httptools turns the error into
        # uvicorn's 400.
        if len(self.url) + sum(len(n) + len(v) for n, v in self.headers) > self.max_head_bytes:
            raise ValueError("request head too large")
        self._reading = "body"
        self._head_bytes = 0
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._reading = None
        super().on_message_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm()  # a pipelined request waiting behind the response starts its clock now

    def _wanted(self) -> str | None:
        """The phase whose deadline runs now (None: the client is not the one waited on)."""
        if self._reading == "body" and self.pipeline:
            return None  # queued behind a response: uvicorn paused reading
        if self._reading == "head" and self.cycle is not None and not self.cycle.response_complete:
            return None  # the next head waits behind a response still being written
        return self._reading

    def _limits(self) -> tuple[float, float]:
        """The deadlines: the class's own (tests set them) or the settings'."""
        header, body = self.header_timeout, self.body_timeout
        if header is None or body is None:
            configured = _configured()
            header = configured[0] if header is None else header
            body = configured[1] if body is None else body
        return header, body

    def _arm(self) -> None:
        wanted = self._wanted()
        if wanted == self._phase:
            return
        self._disarm()
        if wanted is None or self.transport is None or self.transport.is_closing():
            return
        header, body = self._limits()
        self._phase = wanted
        self._timer = self.loop.call_later(
            header if wanted == "head" else body, self._expired, wanted
        )

    def _disarm(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._timer = None
        self._phase = None

    def _expired(self, phase: str) -> None:
        self._timer = None
        if self._phase != phase or self.transport.is_closing():
            return
        log.info("closing a connection whose request %s was too slow (%s)", phase, self.client)
        cycle = self.cycle
        # Say why we hang up only when no response is being written: for a
        # slow head, the previous response (if any) is complete; for a slow
        # body, this request's response has not started.
        if (phase == "head" and (cycle is None or cycle.response_complete)) or (
            phase == "body" and cycle is not None and not cycle.response_started
        ):
            self.transport.write(_TIMEOUT_RESPONSE)
        self.transport.close()
