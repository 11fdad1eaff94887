"""The load side of bench/webhooks.py: signed SMS webhooks over keep-alive connections,
at a fixed rate or as fast as the service answers, with latencies per phase."""

from __future__ import annotations

import asyncio
import socket
import time
from collections import deque
from dataclasses import dataclass, field

from bench.scale_load import signed_sms

DUPLICATE_EVERY = 20  # 5% of answers are delivered twice


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def signed_request(resident: int, body: str, sid: str) -> bytes:
    """One raw signed Twilio request from resident number `resident`."""
    return signed_sms(f"+4479{resident:08d}", body, sid)


ANSWERS = [
    "The buses into town stop at six so I can't get to evening shifts",
    "Street lights on our road have been out for weeks",
    "More things for teenagers to do in the evenings",
    "Mae angen mwy o feddygon teulu yn yr ardal",
    "Potholes on the high street, my bike wheel buckled",
]


class Resident:
    """One person's three messages, signed in advance."""

    def __init__(self, index: int, run: str) -> None:
        self.requests = [
            signed_request(index, "MATTERS", f"SM{run}{index:08d}a"),
            signed_request(index, "yes", f"SM{run}{index:08d}b"),
            signed_request(index, ANSWERS[index % len(ANSWERS)], f"SM{run}{index:08d}c"),
        ]
        self.duplicate = index % DUPLICATE_EVERY == 0
        self.step = 0


@dataclass
class Phase:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    sent: int = 0
    answers_sent: int = 0
    started: float = 0.0
    ended: float = 0.0

    def summary(self) -> dict[str, float | int | str]:
        lat = sorted(self.latencies)
        elapsed = self.ended - self.started

        def q(p: float) -> float:
            return lat[min(len(lat) - 1, int(p * len(lat)))] * 1000 if lat else float("nan")

        return {
            "phase": self.name,
            "requests": self.sent,
            "req_per_s": self.sent / elapsed if elapsed else 0.0,
            "p50_ms": q(0.50),
            "p99_ms": q(0.99),
            "max_ms": lat[-1] * 1000 if lat else float("nan"),
            "errors": self.errors,
            "answers_sent": self.answers_sent,
        }


class Connection:
    def __init__(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, port: int
    ) -> None:
        self.reader, self.writer, self.port = reader, writer, port

    async def send(self, request: bytes) -> tuple[int, bytes]:
        self.writer.write(request)
        status_line = await self.reader.readline()
        status = int(status_line.split()[1])
        length = 0
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        body = await self.reader.readexactly(length)
        return status, body


async def open_pool(port: int, size: int) -> asyncio.Queue[Connection]:
    pool: asyncio.Queue[Connection] = asyncio.Queue()
    for _ in range(size):
        pool.put_nowait(await connect(port))
    return pool


async def connect(port: int) -> Connection:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    return Connection(reader, writer, port)


class Workload:
    """Residents whose next message is ready (previous reply received)."""

    def __init__(self, run: str, start_index: int) -> None:
        self.run = run
        self.next_index = start_index
        self.ready: deque[Resident] = deque()

    def take(self) -> tuple[Resident, bytes, bool]:
        if not self.ready:
            self.ready.append(Resident(self.next_index, self.run))
            self.next_index += 1
        resident = self.ready.popleft()
        request = resident.requests[resident.step]
        return resident, request, resident.step == 2

    def done(self, resident: Resident) -> None:
        resident.step += 1
        if resident.step < 3:
            self.ready.append(resident)


async def one(
    pool: asyncio.Queue[Connection],
    phase: Phase,
    workload: Workload,
    resident: Resident,
    request: bytes,
    is_answer: bool,
    scheduled: float,
) -> None:
    connection = await pool.get()
    try:
        status, body = await connection.send(request)
        if is_answer and resident.duplicate:
            # Twilio's retry of the same MessageSid: must get the same TwiML.
            status2, body2 = await connection.send(request)
            phase.sent += 1
            if status2 != 200 or body2 != body:
                phase.errors += 1
    except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
        phase.errors += 1
        # A dead keep-alive socket must not poison every later request.
        connection.writer.close()
        try:
            connection = await connect(connection.port)
        except OSError:
            pass
        return
    finally:
        pool.put_nowait(connection)
    phase.latencies.append(time.perf_counter() - scheduled)
    phase.sent += 1
    if status != 200 or b"<Message>" not in body:
        phase.errors += 1
    if is_answer:
        phase.answers_sent += 1
    workload.done(resident)


async def fixed_rate(
    port: int, rate: float, seconds: float, conns: int, workload: Workload
) -> Phase:
    phase = Phase(f"{rate:g}/s")
    pool = await open_pool(port, conns)
    # Prepare residents outside the timed loop (signing is Twilio's cost, not ours).
    for _ in range(int(rate * seconds / 3) + 10):
        workload.ready.append(Resident(workload.next_index, workload.run))
        workload.next_index += 1
    tasks: list[asyncio.Task[None]] = []
    total = int(rate * seconds)
    phase.started = start = time.perf_counter()
    for i in range(total):
        scheduled = start + i / rate
        delay = scheduled - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        resident, request, is_answer = workload.take()
        tasks.append(
            asyncio.create_task(one(pool, phase, workload, resident, request, is_answer, scheduled))
        )
    await asyncio.gather(*tasks)
    phase.ended = time.perf_counter()
    await close_pool(pool)
    return phase


async def saturate(
    port: int, seconds: float, conns: int, workload: Workload, *, fresh: int | None = None
) -> Phase:
    """A closed loop as fast as replies come back.

    ``fresh`` residents are queued first (default ``conns * 400``: nearly every message
    is then a first keyword); 0 lets each resident go on to YES and the answer at once,
    so about a third of the messages are answers that theming has to keep up with.
    """
    phase = Phase(f"saturation ({conns} connections)")
    pool = await open_pool(port, conns)
    for _ in range(conns * 400 if fresh is None else fresh):
        workload.ready.append(Resident(workload.next_index, workload.run))
        workload.next_index += 1
    deadline = time.perf_counter() + seconds

    async def loop() -> None:
        while time.perf_counter() < deadline:
            resident, request, is_answer = workload.take()
            await one(pool, phase, workload, resident, request, is_answer, time.perf_counter())

    phase.started = time.perf_counter()
    await asyncio.gather(*(loop() for _ in range(conns)))
    phase.ended = time.perf_counter()
    await close_pool(pool)
    return phase


async def healthz_floor(port: int, seconds: float, conns: int) -> Phase:
    """Baseline in the same run: the app's lightest route through the same server and client."""
    phase = Phase(f"GET /healthz floor ({conns} conn.)")
    pool = await open_pool(port, conns)
    request = b"GET /healthz HTTP/1.1\r\nHost: consult.example.gov.uk\r\n\r\n"
    deadline = time.perf_counter() + seconds

    async def loop() -> None:
        while time.perf_counter() < deadline:
            connection = await pool.get()
            started = time.perf_counter()
            try:
                status, _ = await connection.send(request)
            finally:
                pool.put_nowait(connection)
            phase.latencies.append(time.perf_counter() - started)
            phase.sent += 1
            phase.errors += status != 200

    phase.started = time.perf_counter()
    await asyncio.gather(*(loop() for _ in range(conns)))
    phase.ended = time.perf_counter()
    await close_pool(pool)
    return phase


async def close_pool(pool: asyncio.Queue[Connection]) -> None:
    while not pool.empty():
        connection = pool.get_nowait()
        connection.writer.close()
