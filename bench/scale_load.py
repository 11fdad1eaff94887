"""The load generator of bench/scale.py: signed Twilio SMS webhooks over keep-alive HTTP/1.1.

Requests are raw HTTP/1.1 on asyncio streams (the cheapest client on a shared
2-core machine), signed with twilio's RequestValidator ahead of time, spread
round-robin over the web ports as a reverse proxy would. Latency in open-loop
phases is measured from each request's scheduled instant (no coordinated
omission).
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urlencode

from twilio.request_validator import RequestValidator

PUBLIC = "https://consult.example.gov.uk"
TOKEN = "f0e1d2c3b4a5968778695a4b3c2d1e0f"
ACCOUNT = "AC" + "0123456789abcdef" * 2
PATH = "/sms/twilio"


def service_env(database_url: str, **extra: str) -> dict[str, str]:
    """What a benchmarked service reads: its store, the signing account, the demo consultation."""
    return {
        "DATABASE_URL": database_url,
        "TWILIO_ACCOUNT_SID": ACCOUNT,
        "TWILIO_AUTH_TOKEN": TOKEN,
        "PUBLIC_BASE_URL": PUBLIC,
        "SEED_DEMO": "true",
        "ENVIRONMENT": "development",
        **extra,
    }


VALIDATOR = RequestValidator(TOKEN)
DUPLICATE_EVERY = 20
# Answers are composed from topics x phrasings so that they vary like real ones
# (identical texts would not form themes of realistic size) yet cluster by topic.
TOPICS = [
    ["the buses into town stop at six", "bus fares went up again", "the 42 bus never comes"],
    [
        "street lights on our road are out",
        "the lane is pitch dark at night",
        "no lighting by the park",
    ],
    [
        "nothing for teenagers to do",
        "the youth club closed",
        "young people hang about with nowhere to go",
    ],
    [
        "mae angen mwy o feddygon teulu",
        "rhaid aros wythnosau am apwyntiad",
        "dim deintydd yn y dref",
    ],
    [
        "potholes on the high street",
        "the road surface is broken",
        "my bike wheel buckled in a pothole",
    ],
    [
        "the library is shut when I finish work",
        "library hours are too short",
        "open the library on Sundays",
    ],
    [
        "bins are collected late",
        "foxes rip open the rubbish bags",
        "recycling is missed every other week",
    ],
    [
        "rents are far too high",
        "no affordable homes for young families",
        "damp in our council flat",
    ],
]
OPENERS = ["", "Honestly ", "For me ", "I think ", "Mainly ", "Simple: "]
ENDINGS = ["", " and it is getting worse", " which hits my family", " in our area", " every week"]


def answer_text(index: int) -> str:
    topic = TOPICS[index % len(TOPICS)]
    rest = index // len(TOPICS)
    return (
        OPENERS[rest % len(OPENERS)]
        + topic[(rest // len(OPENERS)) % len(topic)]
        + ENDINGS[(rest // 3) % len(ENDINGS)]
    )


def signed_sms(number: str, body: str, sid: str) -> bytes:
    """One raw HTTP/1.1 request as Twilio posts an incoming SMS."""
    fields = [
        ("ToCountry", "GB"),
        ("SmsMessageSid", sid),
        ("NumMedia", "0"),
        ("SmsSid", sid),
        ("SmsStatus", "received"),
        ("Body", body),
        ("FromCountry", "GB"),
        ("To", "+447400123456"),
        ("NumSegments", "1"),
        ("MessageSid", sid),
        ("AccountSid", ACCOUNT),
        ("From", number),
        ("ApiVersion", "2010-04-01"),
    ]
    payload = urlencode(fields).encode()
    signature = VALIDATOR.compute_signature(PUBLIC + PATH, dict(fields))
    head = (
        f"POST {PATH} HTTP/1.1\r\nHost: consult.example.gov.uk\r\n"
        f"Content-Type: application/x-www-form-urlencoded\r\n"
        f"X-Twilio-Signature: {signature}\r\nContent-Length: {len(payload)}\r\n\r\n"
    )
    return head.encode() + payload


HEALTHZ = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"


class Resident:
    """One person's three messages, signed in advance."""

    def __init__(self, index: int, run: str) -> None:
        number = f"+4477{index:08d}"
        self.sids = [f"SM{run}{index:08d}{step}" for step in "abc"]
        self.requests = [
            signed_sms(number, "MATTERS", self.sids[0]),
            signed_sms(number, "yes", self.sids[1]),
            signed_sms(number, answer_text(index), self.sids[2]),
        ]
        self.duplicate = index % DUPLICATE_EVERY == 0
        self.step = 0


class Workload:
    """Residents mid-conversation first (their previous reply has arrived), then new ones.

    Preferring residents already talking keeps the mix near 1/3 keyword, 1/3
    consent, 1/3 answer, as when a wave's replies stream in.
    """

    def __init__(self, run: str) -> None:
        self.run = run
        self.next_index = 0
        self.ready: deque[Resident] = deque()
        self.fresh: deque[Resident] = deque()

    def prepare(self, residents: int) -> None:
        """Sign residents' messages ahead of time (Twilio's cost, not the server's)."""
        for _ in range(residents):
            self.fresh.append(Resident(self.next_index, self.run))
            self.next_index += 1

    def take(self) -> Resident:
        if self.ready:
            return self.ready.popleft()
        if not self.fresh:
            self.prepare(1)
        return self.fresh.popleft()

    def done(self, resident: Resident) -> None:
        resident.step += 1
        if resident.step < 3:
            self.ready.append(resident)


@dataclass
class Phase:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    sent: int = 0
    started: float = 0.0
    ended: float = 0.0
    answer_acks: dict[str, float] = field(default_factory=dict)  # sid -> wall-clock ack
    cpu: dict[str, float] = field(default_factory=dict)
    load: str = ""  # 1/5/15-minute load average at the end of the phase

    @property
    def rate(self) -> float:
        elapsed = self.ended - self.started
        return self.sent / elapsed if elapsed > 0 else 0.0

    def quantile_ms(self, q: float) -> float:
        return quantile(self.latencies, q) * 1000


def quantile(values: list[float], q: float) -> float:
    """The q-quantile by nearest rank (nan when empty)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class Connection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    async def send(self, request: bytes) -> tuple[int, bytes]:
        self.writer.write(request)
        status = int((await self.reader.readline()).split()[1])
        length = 0
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        return status, await self.reader.readexactly(length)


class Pool:
    """Keep-alive connections spread evenly over the web ports (as a proxy would)."""

    def __init__(self) -> None:
        self.free: asyncio.Queue[Connection] = asyncio.Queue()
        self.all: list[Connection] = []

    @classmethod
    async def open(cls, ports: list[int], size: int) -> Pool:
        pool = cls()
        for i in range(size):
            reader, writer = await asyncio.open_connection("127.0.0.1", ports[i % len(ports)])
            connection = Connection(reader, writer)
            pool.all.append(connection)
            pool.free.put_nowait(connection)
        return pool

    def close(self) -> None:
        for connection in self.all:
            connection.writer.close()


async def deliver(
    pool: Pool, phase: Phase, workload: Workload | None, resident: Resident | None, started: float
) -> None:
    """Send one message (or /healthz when resident is None) and record the outcome."""
    connection = await pool.free.get()
    try:
        request = HEALTHZ if resident is None else resident.requests[resident.step]
        status, body = await connection.send(request)
        ok = status == 200 and (resident is None or b"<Message>" in body)
        if resident is not None and resident.step == 2 and resident.duplicate:
            status2, body2 = await connection.send(request)  # Twilio's retry: same TwiML
            phase.sent += 1
            ok = ok and status2 == 200 and body2 == body
    except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
        phase.errors += 1
        return
    finally:
        pool.free.put_nowait(connection)
    phase.latencies.append(time.perf_counter() - started)
    phase.sent += 1
    if not ok:
        phase.errors += 1
    if resident is not None and workload is not None:
        if resident.step == 2 and ok:
            phase.answer_acks[resident.sids[2]] = time.time()
        workload.done(resident)


async def fixed_rate(
    ports: list[int], rate: float, seconds: float, conns: int, workload: Workload
) -> Phase:
    phase = Phase(f"fixed {rate:g}/s")
    pool = await Pool.open(ports, conns)
    workload.prepare(int(rate * seconds / 3) + 10)
    tasks: list[asyncio.Task[None]] = []
    phase.started = start = time.perf_counter()
    for i in range(int(rate * seconds)):
        scheduled = start + i / rate
        delay = scheduled - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(
            asyncio.create_task(deliver(pool, phase, workload, workload.take(), scheduled))
        )
    await asyncio.gather(*tasks)
    phase.ended = time.perf_counter()
    pool.close()
    return phase


async def saturate(
    ports: list[int], seconds: float, conns: int, workload: Workload | None, name: str
) -> Phase:
    phase = Phase(name)
    pool = await Pool.open(ports, conns)
    if workload is not None:
        workload.prepare(conns * 3)
    deadline = time.perf_counter() + seconds

    async def loop() -> None:
        while time.perf_counter() < deadline:
            resident = workload.take() if workload is not None else None
            await deliver(pool, phase, workload, resident, time.perf_counter())

    phase.started = time.perf_counter()
    await asyncio.gather(*(loop() for _ in range(conns)))
    phase.ended = time.perf_counter()
    pool.close()
    return phase
