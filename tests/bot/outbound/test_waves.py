"""Invitation waves through the real twilio client, with its HTTP layer recorded."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import requests
from sqlalchemy.engine import Engine
from sqlmodel import Session, select
from urllib3.exceptions import MaxRetryError, NewConnectionError

from bot.channels.sms.segments import is_gsm7, segment_count
from bot.conversation.catalog import default_catalog
from storage.db import session_scope
from storage.identity import AddressProtector, derive_fernet_key
from storage.models import Channel, Consultation, Participant
from storage.models.outbound import InvitationRecipient, OutboundMessage
from storage.repositories.outbound import requeue_failed
from tests.bot.outbound.fake_twilio_api import (
    FakeTime,
    RecordingTwilioApi,
    SimulatedCrash,
    client_for,
)
from usecases.delivery.sender import TokenBucket, TwilioSender
from usecases.invitations.csv_numbers import parse_numbers
from usecases.invitations.waves import (
    INTERRUPTED,
    QuietHours,
    WaveReport,
    create_wave,
    invitation_text,
    run_wave,
)

LONDON = ZoneInfo("Europe/London")
QUIET = QuietHours.parse("21:00", "08:00", "Europe/London")
FROM = "+447400123456"
CALLBACK = "https://consult.example.gov.uk/sms/twilio/status"
NUMBERS = [f"+4479111234{n:02d}" for n in range(20)]
protector = AddressProtector(hash_key=b"k" * 32, encryption_keys=[derive_fernet_key("k")])


@pytest.fixture
def consultation(engine: Engine) -> Consultation:
    from bot.demo import seed_demo

    seed_demo(engine)
    with Session(engine) as session:
        return session.exec(select(Consultation)).one()


def _wave(engine: Engine, consultation: Consultation, numbers: list[str], rate: float = 2.0) -> int:
    csv_text = "phone\n" + "\n".join(numbers)
    return create_wave(
        engine=engine,
        protector=protector,
        consultation=consultation,
        numbers=parse_numbers(csv_text),
        body=invitation_text(default_catalog(), consultation),
        lawful_basis="Public task; residents on the tenants' contact list",
        rate=rate,
    )


def _run(
    engine: Engine, wave_id: int, api: RecordingTwilioApi, clock: FakeTime, rate: float = 2.0
) -> WaveReport:
    sender = TwilioSender(
        client_for(api),
        sender=FROM,
        bucket=TokenBucket(rate, clock=clock.monotonic, sleep=clock.sleep),
        status_callback=CALLBACK,
        sleep=clock.sleep,
    )
    return run_wave(
        engine=engine,
        protector=protector,
        wave_id=wave_id,
        sender=sender,
        quiet_hours=QUIET,
        now=clock.now,
    )


def _afternoon() -> FakeTime:
    return FakeTime(datetime(2026, 11, 23, 14, 0, tzinfo=LONDON))


def _states(engine: Engine) -> dict[str, int]:
    with Session(engine) as session:
        rows = session.exec(select(InvitationRecipient)).all()
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.state] = counts.get(row.state, 0) + 1
    return counts


def test_a_wave_sends_each_number_once_at_the_configured_rate(
    engine: Engine, consultation: Consultation
) -> None:
    clock = _afternoon()
    api = RecordingTwilioApi(clock.monotonic)
    wave_id = _wave(engine, consultation, NUMBERS[:10])
    report = _run(engine, wave_id, api, clock, rate=2.0)

    assert report.finished and report.sent == 10
    sent = api.message_requests()
    assert sorted(r.data["To"] for r in sent) == sorted(NUMBERS[:10])
    for request in sent:
        assert request.method == "POST"
        assert request.uri.endswith(f"/Accounts/{api.requests[0].uri.split('/')[5]}/Messages.json")
        assert request.data["From"] == FROM
        assert request.data["StatusCallback"] == CALLBACK
        assert "MATTERS" in request.data["Body"] and "STOP" in request.data["Body"]
    gaps = [b.at - a.at for a, b in zip(sent, sent[1:], strict=False)]
    assert all(gap >= 0.5 - 1e-9 for gap in gaps), gaps  # 2 per second, never a burst
    assert clock.elapsed == pytest.approx(4.5)
    with Session(engine) as session:
        stored = session.exec(select(OutboundMessage)).all()
    assert len(stored) == 10 and all(m.provider_sid and m.status == "queued" for m in stored)
    assert {protector.decrypt(m.address_encrypted or b"") for m in stored} == set(NUMBERS[:10])


def test_429_and_5xx_are_retried_with_exponential_backoff(
    engine: Engine, consultation: Consultation
) -> None:
    clock = _afternoon()
    api = RecordingTwilioApi(clock.monotonic)
    api.fail_next(429, 20429)
    api.fail_next(503)
    wave_id = _wave(engine, consultation, NUMBERS[:1])
    report = _run(engine, wave_id, api, clock, rate=100.0)
    assert report.sent == 1
    assert len(api.message_requests()) == 3
    assert {r.data["To"] for r in api.message_requests()} == {NUMBERS[0]}
    backoffs = [s for s in clock.sleeps if s >= 1]
    assert backoffs == [1.0, 2.0]
    with Session(engine) as session:
        (message,) = session.exec(select(OutboundMessage)).all()
    assert message.attempts == 3


def test_a_connection_never_made_is_retried_but_one_cut_off_is_not(
    engine: Engine, consultation: Consultation
) -> None:
    """A refused connection or DNS failure cannot have reached Twilio: retried after a pause.
    A read timeout may have: reported, never sent twice."""
    clock = _afternoon()
    api = RecordingTwilioApi(clock.monotonic)
    refused = NewConnectionError(None, "Failed to establish a new connection: refused")  # type: ignore[arg-type]
    api.raise_next(requests.exceptions.ConnectionError(MaxRetryError(None, "/", refused)))  # type: ignore[arg-type]
    api.raise_next(requests.exceptions.ConnectTimeout("connect timed out"))
    wave_id = _wave(engine, consultation, NUMBERS[:1])
    report = _run(engine, wave_id, api, clock, rate=100.0)
    assert report.sent == 1 and len(api.message_requests()) == 3
    assert [s for s in clock.sleeps if s >= 1] == [1.0, 2.0]

    api.raise_next(requests.exceptions.ReadTimeout("read timed out"))
    wave_id = _wave(engine, consultation, NUMBERS[1:2])
    report = _run(engine, wave_id, api, clock, rate=100.0)
    assert report.failed == 1 and len(api.message_requests()) == 4


def test_permanent_errors_are_not_retried_and_are_reported(
    engine: Engine, consultation: Consultation
) -> None:
    clock = _afternoon()
    api = RecordingTwilioApi(clock.monotonic)
    api.fail_next(400, 21211)  # invalid To
    api.fail_next(400, 21610)  # unsubscribed at Twilio
    api.fail_next(500, None, times=5)  # Twilio down for every attempt
    wave_id = _wave(engine, consultation, NUMBERS[:4])
    report = _run(engine, wave_id, api, clock, rate=100.0)
    assert (report.invalid, report.skipped_opted_out, report.failed, report.sent) == (1, 1, 1, 1)
    assert len(api.message_requests()) == 1 + 1 + 5 + 1
    assert _states(engine) == {"invalid": 1, "skipped_opted_out": 1, "failed": 1, "sent": 1}


def test_opted_out_people_are_never_messaged(engine: Engine, consultation: Consultation) -> None:
    with Session(engine) as session:
        for channel, number in ((Channel.SMS, NUMBERS[0]), (Channel.WHATSAPP, NUMBERS[1])):
            session.add(
                Participant(
                    channel=channel,
                    address_hash=protector.hash(channel, number),
                    address_encrypted=protector.encrypt(number),
                    opted_out=True,
                )
            )
        session.commit()
    clock = _afternoon()
    api = RecordingTwilioApi(clock.monotonic)
    report = _run(engine, _wave(engine, consultation, NUMBERS[:4]), api, clock)
    assert report.skipped_opted_out == 2 and report.sent == 2
    assert {r.data["To"] for r in api.message_requests()} == set(NUMBERS[2:4])


def test_quiet_hours_pause_the_wave_and_it_resumes_in_the_morning(
    engine: Engine, consultation: Consultation
) -> None:
    # 20:59:57 London: three messages at 1/s fit before 21:00, then quiet.
    clock = FakeTime(datetime(2026, 11, 23, 20, 59, 57, tzinfo=LONDON))
    api = RecordingTwilioApi(clock.monotonic)
    wave_id = _wave(engine, consultation, NUMBERS[:6], rate=1.0)
    report = _run(engine, wave_id, api, clock, rate=1.0)
    assert not report.finished and report.sent == 3
    assert report.paused_until is not None
    assert report.paused_until.astimezone(LONDON) == datetime(2026, 11, 24, 8, 0, tzinfo=LONDON)

    # Still quiet at 07:59: nothing goes.
    night = FakeTime(datetime(2026, 11, 24, 7, 59, tzinfo=LONDON))
    assert _run(engine, wave_id, api, night, rate=1.0).sent == 0
    morning = FakeTime(datetime(2026, 11, 24, 8, 0, tzinfo=LONDON))
    report = _run(engine, wave_id, api, morning, rate=1.0)
    assert report.finished and report.sent == 3
    tos = [r.data["To"] for r in api.message_requests()]
    assert sorted(tos) == sorted(NUMBERS[:6])  # everyone once, nobody twice


def test_quiet_hours_follow_london_summer_time() -> None:
    # 20:30 UTC is 21:30 BST in July (quiet) but 20:30 GMT in January (not quiet).
    assert QUIET.contains(datetime(2026, 7, 1, 20, 30, tzinfo=ZoneInfo("UTC")))
    assert not QUIET.contains(datetime(2026, 1, 15, 20, 30, tzinfo=ZoneInfo("UTC")))
    daytime = QuietHours.parse("12:00", "13:00")
    assert daytime.contains(datetime(2026, 1, 15, 12, 30, tzinfo=LONDON))
    assert not daytime.contains(datetime(2026, 1, 15, 13, 0, tzinfo=LONDON))


def test_a_crash_mid_wave_never_sends_twice_on_restart(
    engine: Engine, consultation: Consultation
) -> None:
    clock = _afternoon()
    api = RecordingTwilioApi(clock.monotonic)
    api.crash_on_request = 4  # Twilio accepts message 4, then the process dies
    wave_id = _wave(engine, consultation, NUMBERS[:8])
    with pytest.raises(SimulatedCrash):
        _run(engine, wave_id, api, clock)
    assert _states(engine) == {"sent": 3, "sending": 1, "pending": 4}

    restarted = RecordingTwilioApi(clock.monotonic)
    report = _run(engine, wave_id, restarted, clock)
    assert report.finished and report.sent == 4 and report.interrupted == 1
    everyone = [r.data["To"] for r in api.message_requests() + restarted.message_requests()]
    assert len(everyone) == len(set(everyone)) == 8
    assert _states(engine) == {"sent": 7, "failed": 1}
    # A finished wave run again sends nothing.
    again = RecordingTwilioApi(clock.monotonic)
    assert _run(engine, wave_id, again, clock).finished and again.requests == []
    # Only an operator's explicit decision resends the interrupted row.
    with session_scope(engine) as session:
        assert requeue_failed(session=session, wave_id=wave_id, error=INTERRUPTED) == 1
    report = _run(engine, wave_id, again, clock)
    assert report.finished and report.sent == 1
    assert [r.data["To"] for r in again.message_requests()] == [NUMBERS[3]]


def test_a_messaging_service_sid_is_sent_as_such(
    engine: Engine, consultation: Consultation
) -> None:
    clock = _afternoon()
    api = RecordingTwilioApi(clock.monotonic)
    sender = TwilioSender(
        client_for(api),
        sender="MG" + "a" * 32,
        bucket=TokenBucket(10, clock=clock.monotonic, sleep=clock.sleep),
    )
    result = sender.send(NUMBERS[0], "hello")
    assert result.sid and result.status == "accepted"
    (request,) = api.requests
    assert request.data == {
        "To": NUMBERS[0],
        "Body": "hello",
        "MessagingServiceSid": "MG" + "a" * 32,
    }


def test_the_invitation_is_bilingual_gsm7_and_fits_two_segments(
    consultation: Consultation,
) -> None:
    text = invitation_text(default_catalog(), consultation)
    assert "MATTERS" in text and "STOP" in text
    assert "Tecstiwch" in text  # Welsh half present
    assert is_gsm7(text) and segment_count(text) <= 2
    long_titles = Consultation(
        slug="x",
        keyword="BUSES",
        title_en="Buses, trains and community transport across the county borough " * 2,
        title_cy="Bysiau, trenau a thrafnidiaeth gymunedol ar draws y fwrdeistref sirol " * 2,
    )
    short = invitation_text(default_catalog(), long_titles)
    assert "BUSES" in short and segment_count(short) <= 2


def test_token_bucket_allows_a_configured_burst_then_paces() -> None:
    clock = FakeTime(datetime(2026, 1, 1))
    bucket = TokenBucket(4.0, burst=3, clock=clock.monotonic, sleep=clock.sleep)
    times = []
    for _ in range(7):
        bucket.acquire()
        times.append(clock.elapsed)
    assert times[:3] == [0, 0, 0]
    assert times[3:] == pytest.approx([0.25, 0.5, 0.75, 1.0])
    with pytest.raises(ValueError):
        TokenBucket(0)
