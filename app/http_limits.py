"""HTTP read timeouts uvicorn does not have: slow request heads and slow request bodies.

uvicorn closes a keep-alive connection that stays idle between requests
(`timeout_keep_alive`), but a client that opens a connection and sends nothing,
or sends its request head or body a byte at a time, is held for ever: a probe
held 300 slow-header and 300 slow-body connections for 40 s. This protocol is
uvicorn's own h11 protocol plus two deadlines, like Caddy's `read_header` and
`read_body`: the request head must arrive within HEADER seconds of the first
byte (or of the connection opening), and the whole body within BODY seconds of
the head. A client past either gets `408 Request Timeout` (when no response has
started) and the connection is closed; the application sees the client leave.

`whatmatters serve` passes it to uvicorn as `http=`; the deadlines come from
HTTP_HEADER_TIMEOUT_SECONDS and HTTP_BODY_TIMEOUT_SECONDS.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

log = logging.getLogger(__name__)

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


class TimedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline on the request head and on the body."""

    #: Seconds; None reads the settings (tests set them on a subclass).
    header_timeout: float | None = None
    body_timeout: float | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._phase: str | None = None
        self._timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        # Waiting for the next request is the keep-alive timeout's business; a
        # pipelined request already in hand gets its own deadline.
        self._disarm()
        self._arm()

    def _limits(self) -> tuple[float, float]:
        header, body = _configured() if None in (self.header_timeout, self.body_timeout) else (0, 0)
        return (
            self.header_timeout if self.header_timeout is not None else header,
            self.body_timeout if self.body_timeout is not None else body,
        )

    def _wanted(self) -> str | None:
        their = self.conn.their_state
        if their is h11.SEND_BODY:
            return "body"
        # A new connection, or bytes of a next request already here (a slow head).
        if their is h11.IDLE and (self.cycle is None or self.conn.trailing_data[0]):
            return "head"
        return None

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
        # Nothing of a response to this request has been sent yet: say why we hang up.
        if self.conn.our_state in (h11.IDLE, h11.SEND_RESPONSE):
            self.transport.write(_TIMEOUT_RESPONSE)
        self.transport.close()
