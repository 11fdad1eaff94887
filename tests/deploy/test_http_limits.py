"""Slow clients against a real uvicorn on a free port: heads and bodies have deadlines."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest
from fastapi import FastAPI, Request
from starlette.requests import ClientDisconnect

from app.http_limits import MAX_HEAD_BYTES, TimedHttpToolsProtocol
from tests.uvicorn_thread import uvicorn_on_a_thread

HEAD_SECONDS = 0.6
BODY_SECONDS = 1.2


class _Quick(TimedHttpToolsProtocol):
    header_timeout = HEAD_SECONDS
    body_timeout = BODY_SECONDS


@pytest.fixture
def served() -> Iterator[tuple[int, list[str]]]:
    seen: list[str] = []
    app = FastAPI()

    @app.get("/")
    def hello() -> dict[str, str]:
        return {"hello": "world"}

    @app.post("/upload")
    async def upload(request: Request) -> dict[str, int]:
        try:
            body = await request.body()
        except ClientDisconnect:
            seen.append("client left")
            raise
        return {"bytes": len(body)}

    with uvicorn_on_a_thread(app, http=_Quick, lifespan="off") as port:
        yield port, seen


def _connect(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    return sock


def _read_until_closed(sock: socket.socket) -> bytes:
    received = b""
    while chunk := sock.recv(65536):
        received += chunk
    return received


def _closed_after(sock: socket.socket, started: float) -> tuple[bytes, float]:
    received = _read_until_closed(sock)
    return received, time.monotonic() - started


def test_ordinary_requests_on_one_connection_are_unaffected(
    served: tuple[int, list[str]],
) -> None:
    port, _ = served
    with _connect(port) as sock:
        for _ in range(2):
            sock.sendall(b"GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            answer = sock.recv(65536)
            assert answer.startswith(b"HTTP/1.1 200") and b'{"hello":"world"}' in answer
            # A pause between requests shorter than the keep-alive time is fine.
            time.sleep(HEAD_SECONDS * 1.5)
        body = b"x" * 5000
        sock.sendall(
            b"POST /upload HTTP/1.1\r\nHost: t\r\ncontent-length: 5000\r\n\r\n" + body[:2000]
        )
        time.sleep(BODY_SECONDS / 3)
        sock.sendall(body[2000:])
        assert b'{"bytes":5000}' in sock.recv(65536)


def test_a_connection_that_sends_nothing_is_closed_with_408(
    served: tuple[int, list[str]],
) -> None:
    port, _ = served
    started = time.monotonic()
    with _connect(port) as sock:
        received, took = _closed_after(sock, started)
    assert received.startswith(b"HTTP/1.1 408")
    assert HEAD_SECONDS * 0.8 <= took < HEAD_SECONDS + 2


def test_a_head_sent_a_byte_at_a_time_is_cut_off_at_the_deadline(
    served: tuple[int, list[str]],
) -> None:
    port, _ = served
    with _connect(port) as sock:
        started = time.monotonic()
        sock.sendall(b"GET / HTTP/1.1\r\nHost: t\r\n")
        closed = False
        # Keep trickling headers; the server must not wait for them for ever.
        for i in range(40):
            try:
                sock.sendall(f"X-Slow-{i}: 1\r\n".encode())
            except (BrokenPipeError, ConnectionResetError):
                closed = True
                break
            time.sleep(0.1)
            sock.setblocking(False)
            try:
                if sock.recv(65536).startswith(b"HTTP/1.1 408"):
                    closed = True
                    break
            except BlockingIOError:
                pass
            finally:
                sock.setblocking(True)
        took = time.monotonic() - started
    assert closed, "a slow head was never cut off"
    assert took < HEAD_SECONDS + 2


def test_a_slow_second_request_on_a_kept_alive_connection_is_cut_off_too(
    served: tuple[int, list[str]],
) -> None:
    port, _ = served
    with _connect(port) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        assert sock.recv(65536).startswith(b"HTTP/1.1 200")
        started = time.monotonic()
        sock.sendall(b"GET / HTTP/1.1\r\n")
        received, took = _closed_after(sock, started)
    assert received.startswith(b"HTTP/1.1 408")
    assert took < HEAD_SECONDS + 2


def test_a_body_sent_slowly_is_cut_off_and_the_application_sees_the_client_leave(
    served: tuple[int, list[str]],
) -> None:
    port, seen = served
    with _connect(port) as sock:
        sock.sendall(b"POST /upload HTTP/1.1\r\nHost: t\r\ncontent-length: 1000\r\n\r\n0123456789")
        started = time.monotonic()
        received, took = _closed_after(sock, started)
    assert received.startswith(b"HTTP/1.1 408")
    assert BODY_SECONDS * 0.8 <= took < BODY_SECONDS + 2
    deadline = time.monotonic() + 5
    while not seen and time.monotonic() < deadline:
        time.sleep(0.05)
    assert seen == ["client left"]


def test_a_hundred_slow_clients_at_once_are_all_dropped(served: tuple[int, list[str]]) -> None:
    port, _ = served
    sockets = [_connect(port) for _ in range(100)]
    try:
        for i, sock in enumerate(sockets):
            # Half dawdle over the head, half over the body.
            sock.sendall(
                b"GET / HTTP/1.1\r\nHost: t\r\n"
                if i % 2
                else b"POST /upload HTTP/1.1\r\nHost: t\r\ncontent-length: 99\r\n\r\nab"
            )
        started = time.monotonic()
        for sock in sockets:
            assert _read_until_closed(sock).startswith(b"HTTP/1.1 408")
        assert time.monotonic() - started < BODY_SECONDS + 5
    finally:
        for sock in sockets:
            sock.close()


def test_a_head_over_32_kb_is_refused_and_one_under_it_is_served(
    served: tuple[int, list[str]],
) -> None:
    port, _ = served
    filler = b"X-Filler: " + b"a" * 1000 + b"\r\n"
    under = b"GET / HTTP/1.1\r\nHost: t\r\n" + filler * ((MAX_HEAD_BYTES - 2000) // len(filler))
    with _connect(port) as sock:
        sock.sendall(under + b"\r\n")
        assert sock.recv(65536).startswith(b"HTTP/1.1 200")
    with _connect(port) as sock:
        # A head that never ends: refused once it passes the limit, not at the deadline.
        started = time.monotonic()
        sock.sendall(
            b"GET / HTTP/1.1\r\nHost: t\r\n" + filler * (MAX_HEAD_BYTES // len(filler) + 1)
        )
        received, took = _closed_after(sock, started)
    assert received.startswith(b"HTTP/1.1 400")
    assert took < HEAD_SECONDS
    with _connect(port) as sock:
        # A finished head over the limit, sent in one write, is refused too.
        over = b"GET / HTTP/1.1\r\nHost: t\r\n" + filler * (40 * 1024 // len(filler))
        sock.sendall(over + b"\r\n")
        assert _read_until_closed(sock).startswith(b"HTTP/1.1 400")
