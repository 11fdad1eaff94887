"""Publishing "what we found out" from the console and telling the people who asked to hear back.

Through real HTTP (sign-in, CSRF), the app's own job queue and a recording
deliverer in place of Twilio and Telegram; on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import httpx
import pytest
from sqlmodel import select

from app.services import Services
from bot.channels.sms.segments import segment_count
from bot.conversation.catalog import default_catalog
from bot.conversation.messages import Reply
from storage.db import session_scope
from storage.models import Channel, Consultation, Participant
from storage.models.accounts import Role
from storage.models.playback import FeedbackPublication
from tests.bot.playback.conftest import RecordingDeliverer, add_person
from tests.console.factories import make_officer, sign_in
from tests.console.feedback_support import (
    DAYTIME,
    NIGHT,
    Setup,
    make_setup,
    publish,
    recipients,
)
from usecases.delivery.sender import Outcome, SendResult
from usecases.feedback.publication import register_feedback_job


@pytest.fixture
async def setup(client: httpx.AsyncClient, services: Services) -> Setup:
    return await make_setup(client, services)


async def test_opted_in_people_are_told_once_in_their_language_off_the_request_path(
    client: httpx.AsyncClient, setup: Setup
) -> None:
    form = await client.get(f"{setup.url}/found-out")
    assert "Tell the 2 people who asked to hear back" in form.text
    assert re.search(r'name="notify" value="true" checked', form.text)
    published = await publish(
        client,
        setup,
        found_out_en="Evening buses matter most to you.",
        found_out_cy="Bysiau gyda'r nos sydd bwysicaf i chi.",
    )
    assert published.status_code == 200 and "Feedback queued for 2 people" in published.text
    assert setup.deliverer.sent == []  # the request only queued it
    setup.run_jobs()
    messages = {address: (channel, reply) for channel, address, reply in setup.deliverer.sent}
    assert sorted(messages) == ["+447700900001", "555001"]
    sms_channel, sms = messages["+447700900001"]
    assert sms_channel == Channel.SMS and "Evening buses matter most" in sms.text
    assert sms.text.endswith(default_catalog().text("en", "playback-stop"))
    assert segment_count(sms.text) <= 2
    telegram_channel, welsh = messages["555001"]
    assert telegram_channel == Channel.TELEGRAM and welsh.language == "cy"
    assert "Dywedoch chi" in welsh.text and "Bysiau gyda'r nos" in welsh.text
    overview = await client.get(setup.url)
    assert "You said, we did" in overview.text and "what we found out" in overview.text
    assert "not yet" not in overview.text  # sending finished and the time is shown


async def test_a_long_send_takes_turns_with_other_jobs(
    client: httpx.AsyncClient, setup: Setup
) -> None:
    services = setup.services
    add_person(services.db, services.settings.address_protector, setup.cid, "+447700900007")
    setup.use(RecordingDeliverer(), slice_seconds=0)  # one message a slice
    seen: list[int] = []
    services.job_registry.register("probe", lambda: seen.append(len(setup.deliverer.sent)))
    await publish(client, setup, found_out_en="Buses.", found_out_cy="Bysiau.")
    services.jobs.enqueue("probe")  # e.g. an answer to theme, queued behind the send
    setup.run_jobs()
    assert seen == [1]  # it ran after the first slice, not after the whole send
    assert sorted(setup.sent_to()) == ["+447700900001", "+447700900007", "555001"]
    assert "not yet" not in (await client.get(setup.url)).text


async def test_an_edit_messages_nobody_again_but_what_changed_is_news(
    client: httpx.AsyncClient, setup: Setup
) -> None:
    await publish(client, setup, found_out_en="Buses matter most.", found_out_cy="Bysiau.")
    setup.run_jobs()
    assert len(setup.deliverer.sent) == 2
    # The same words again, and then a typo fixed: nobody hears twice.
    again = await publish(client, setup, found_out_en="Buses matter most.", found_out_cy="Bysiau.")
    assert "Nobody new to tell" in again.text
    fixed = await publish(
        client, setup, found_out_en="Buses matter the most.", found_out_cy="Bysiau."
    )
    assert "Nobody new to tell" in fixed.text
    form = await client.get(f"{setup.url}/found-out")
    assert "Tell the 0 people" in form.text and "2 people who asked were already told" in form.text
    setup.run_jobs()
    assert len(setup.deliverer.sent) == 2
    # What difference it made is new: both hear it, once, however often it is saved.
    for _ in range(2):
        await publish(
            client,
            setup,
            found_out_en="Buses matter the most.",
            found_out_cy="Bysiau.",
            difference_en="Two evening routes are back from May.",
            difference_cy="Mae dau lwybr gyda'r nos yn ôl o fis Mai.",
        )
        setup.run_jobs()
    later = setup.deliverer.sent[2:]
    assert sorted(a for _, a, _ in later) == ["+447700900001", "555001"]
    assert all("evening routes" in r.text or "lwybr" in r.text for _, _, r in later)
    with session_scope(setup.services.db) as session:
        consultation = session.get(Consultation, setup.cid)
        assert consultation is not None
        assert consultation.difference_en == "Two evening routes are back from May."
        assert len(session.exec(select(FeedbackPublication)).all()) == 3


async def test_unticking_the_box_publishes_without_messaging_anyone(
    client: httpx.AsyncClient, setup: Setup
) -> None:
    response = await publish(client, setup, notify=False, found_out_en="Buses.", found_out_cy="")
    assert "Published to the consultation record" in response.text
    assert "Nobody was messaged" in response.text
    setup.run_jobs()
    assert setup.deliverer.sent == [] and recipients(setup.services.db) == []
    with session_scope(setup.services.db) as session:
        consultation = session.get(Consultation, setup.cid)
        assert consultation is not None and consultation.found_out_en == "Buses."
    assert "No feedback yet" in (await client.get(setup.url)).text


async def test_quiet_hours_hold_the_messages_until_resumed(
    client: httpx.AsyncClient, setup: Setup
) -> None:
    setup.use(RecordingDeliverer(), now=NIGHT)
    await publish(client, setup, found_out_en="Buses.", found_out_cy="Bysiau.")
    setup.run_jobs()
    assert setup.deliverer.sent == []
    overview = await client.get(setup.url)
    assert "Resume sending</button>" in overview.text and "not yet" in overview.text
    setup.use(RecordingDeliverer(), now=DAYTIME)
    publication = re.search(r"/feedback/(\d+)/send", overview.text)
    assert publication
    resumed = await client.post(
        f"{setup.url}/feedback/{publication.group(1)}/send",
        data={"csrf_token": setup.token},
        follow_redirects=True,
    )
    assert "Feedback queued for 2 people" in resumed.text
    setup.run_jobs()
    assert sorted(setup.sent_to()) == ["+447700900001", "555001"]
    assert "/send" not in (await client.get(setup.url)).text  # no Resume button left


async def test_an_edit_during_quiet_hours_replaces_the_waiting_message(
    client: httpx.AsyncClient, setup: Setup
) -> None:
    setup.use(RecordingDeliverer(), now=NIGHT)
    await publish(client, setup, found_out_en="Buses mater most.", found_out_cy="Bysiau.")
    setup.run_jobs()
    # Before morning the officer fixes a typo: the people waiting hear the new words only.
    fixed = await publish(client, setup, found_out_en="Buses matter most.", found_out_cy="Bysiau.")
    assert "Feedback queued for 2 people" in fixed.text
    setup.use(RecordingDeliverer(), now=DAYTIME)
    setup.run_jobs()
    old = re.findall(r"/feedback/(\d+)/send", (await client.get(setup.url)).text)
    for publication_id in old:  # resuming the first version finds nobody waiting
        await client.post(
            f"{setup.url}/feedback/{publication_id}/send", data={"csrf_token": setup.token}
        )
    setup.run_jobs()
    assert sorted(setup.sent_to()) == ["+447700900001", "555001"]
    english = next(r for _, a, r in setup.deliverer.sent if a == "+447700900001")
    assert "Buses matter most." in english.text
    states = sorted(state for _, _, state in recipients(setup.services.db))
    assert states == ["sent", "sent", "skipped", "skipped"]


async def test_without_a_sender_web_chat_phones_hear_and_the_rest_wait(
    client: httpx.AsyncClient, setup: Setup
) -> None:
    services = setup.services
    web = add_person(
        services.db, services.settings.address_protector, setup.cid, "sim-1", channel=Channel.WEB
    )
    register_feedback_job(
        services.job_registry,
        services.db,
        services.settings,
        jobs=services.jobs,
        # As the registry's deliverer with no Twilio or Telegram settings.
        make_deliverer=lambda: services.channels.deliverer(services.settings),
        now=lambda: DAYTIME,
    )
    form = await client.get(f"{setup.url}/found-out")
    assert "only web chat (simulator) phones are reached" in form.text
    await publish(client, setup, found_out_en="Buses.", found_out_cy="Bysiau.")
    setup.run_jobs()
    states = {person: state for _, person, state in recipients(services.db)}
    assert states.pop(web) == "sent" and set(states.values()) == {"pending"}
    overview = await client.get(setup.url)
    assert "not yet" in overview.text and "Resume sending</button>" in overview.text
    publication = re.search(r"/feedback/(\d+)/send", overview.text)
    assert publication
    setup.use(RecordingDeliverer())  # a sender is configured
    await client.post(
        f"{setup.url}/feedback/{publication.group(1)}/send", data={"csrf_token": setup.token}
    )
    setup.run_jobs()
    assert sorted(setup.sent_to()) == ["+447700900001", "555001"]
    assert "not yet" not in (await client.get(setup.url)).text


async def test_a_crash_mid_send_resumes_without_messaging_anyone_twice(
    client: httpx.AsyncClient, setup: Setup, caplog: pytest.LogCaptureFixture
) -> None:
    add_person(
        setup.services.db, setup.services.settings.address_protector, setup.cid, "+447700900007"
    )
    setup.use(RecordingDeliverer(crash_on=2))
    await publish(client, setup, found_out_en="Buses.", found_out_cy="Bysiau.")
    setup.run_jobs()  # the worker dies on the second message; the queue logs it
    assert "failed" in caplog.text
    first = setup.sent_to()
    assert len(first) == 1
    overview = await client.get(setup.url)
    publication = re.search(r"/feedback/(\d+)/send", overview.text)
    assert publication
    setup.use(RecordingDeliverer())
    await client.post(
        f"{setup.url}/feedback/{publication.group(1)}/send", data={"csrf_token": setup.token}
    )
    setup.run_jobs()
    # The third person is told; the one whose message was in flight is not retried.
    assert len(setup.sent_to()) == 1 and setup.sent_to()[0] not in first
    states = sorted(state for _, _, state in recipients(setup.services.db))
    assert states == ["failed", "sent", "sent"]


async def test_someone_who_opts_out_after_publishing_is_not_messaged(
    client: httpx.AsyncClient, setup: Setup
) -> None:
    await publish(client, setup, found_out_en="Buses.", found_out_cy="Bysiau.")
    with session_scope(setup.services.db) as session:
        person = session.exec(select(Participant).where(Participant.language == "cy")).one()
        person.opted_out = True  # texted STOP before the job ran
        session.add(person)
    setup.run_jobs()
    assert setup.sent_to() == ["+447700900001"]


async def test_bad_input_is_refused_clearly_and_nothing_is_lost(
    client: httpx.AsyncClient, setup: Setup
) -> None:
    db = setup.services.db
    await publish(client, setup, notify=False, found_out_en="Buses.", found_out_cy="Bysiau.")
    long = "buses " * 4000  # 24,000 characters
    too_long = await publish(client, setup, found_out_en=long, found_out_cy="Bysiau.")
    assert too_long.status_code == 400
    assert "What we found out (English) is longer than 20,000 characters" in too_long.text
    assert long.strip() in too_long.text  # the officer's words are still in the form
    no_csrf = await client.post(
        f"{setup.url}/found-out", data={"found_out_en": "Hijacked.", "notify": "true"}
    )
    assert no_csrf.status_code in (400, 403)
    missing = await client.post(
        "/console/consultations/999999/found-out",
        data={"csrf_token": setup.token, "found_out_en": "x", "notify": "true"},
    )
    assert missing.status_code == 404
    wrong_publication = await client.post(
        f"{setup.url}/feedback/999999/send", data={"csrf_token": setup.token}
    )
    assert wrong_publication.status_code == 404
    with session_scope(db) as session:
        consultation = session.get(Consultation, setup.cid)
        assert consultation is not None and consultation.found_out_en == "Buses."
    assert recipients(db) == []
    setup.run_jobs()
    assert setup.deliverer.sent == []


async def test_a_read_only_account_cannot_publish_or_send(
    client: httpx.AsyncClient, setup: Setup
) -> None:
    await publish(client, setup, found_out_en="Buses.", found_out_cy="Bysiau.")
    reader = make_officer(setup.services.db, Role.READONLY)
    with session_scope(setup.services.db) as session:
        from storage.repositories import console_accounts as accounts

        accounts.share_consultation(
            session=session, consultation_id=setup.cid, officer_id=reader.id or 0
        )
    client.cookies.clear()
    token = await sign_in(client, reader)
    overview = await client.get(setup.url)
    assert overview.status_code == 200 and "You said, we did" in overview.text
    assert "/feedback/" not in overview.text  # no Resume button for a reader
    refused = await client.post(
        f"{setup.url}/found-out",
        data={"csrf_token": token, "found_out_en": "Changed.", "notify": "true"},
    )
    assert refused.status_code == 403
    refused = await client.post(f"{setup.url}/feedback/1/send", data={"csrf_token": token})
    assert refused.status_code == 403
    with session_scope(setup.services.db) as session:
        consultation = session.get(Consultation, setup.cid)
        assert consultation is not None and consultation.found_out_en == "Buses."


async def test_the_api_shows_when_feedback_went_out_and_to_how_many(
    client: httpx.AsyncClient, setup: Setup
) -> None:
    await publish(client, setup, found_out_en="Buses.", found_out_cy="Bysiau.")
    with session_scope(setup.services.db) as session:
        person = session.exec(select(Participant).where(Participant.language == "cy")).one()
        person.opted_out = True
        session.add(person)
    setup.run_jobs()
    await client.post("/console/tokens", data={"csrf_token": setup.token, "name": "website"})
    match = re.search(
        r"<code>(wm_[A-Za-z0-9_-]+)</code>", (await client.get("/console/tokens")).text
    )
    assert match
    client.cookies.clear()
    auth = {"authorization": f"Bearer {match.group(1)}"}
    body = (await client.get(f"/api/v1/consultations/{setup.cid}", headers=auth)).json()
    [feedback] = body["feedback"]
    assert feedback["sections"] == ["found_out"]
    assert feedback["published_at"] and feedback["sent_at"]
    assert feedback["recipients"] == {
        "sent": 1,
        "pending": 0,
        "failed": 0,
        "opted_out": 1,
        "superseded": 0,
    }
    assert "feedback" in body and body["found_out_en"] == "Buses."
    listed = (await client.get("/api/v1/consultations", headers=auth)).json()
    assert [c["feedback"] for c in listed if c["id"] == setup.cid] == [body["feedback"]]


@dataclass
class _DownDeliverer(RecordingDeliverer):
    """Twilio answers every send with an error (an outage): nothing arrives."""

    def deliver(self, channel: Channel, address: str, reply: Reply) -> SendResult:
        return SendResult(outcome=Outcome.FAILED, attempts=5, error="HTTP 503: Service Unavailable")


async def test_resume_sends_again_to_people_a_failed_send_missed(
    client: httpx.AsyncClient, setup: Setup
) -> None:
    setup.use(_DownDeliverer())
    await publish(client, setup, found_out_en="Buses.", found_out_cy="Bysiau.")
    setup.run_jobs()
    assert sorted(state for _, _, state in recipients(setup.services.db)) == ["failed", "failed"]
    overview = await client.get(setup.url)
    publication = re.search(r"/feedback/(\d+)/send", overview.text)
    assert publication, "failed sends offer Resume sending"
    setup.use(RecordingDeliverer())  # Twilio is back
    await client.post(
        f"{setup.url}/feedback/{publication.group(1)}/send", data={"csrf_token": setup.token}
    )
    setup.run_jobs()
    assert sorted(setup.sent_to()) == ["+447700900001", "555001"]
    assert {state for _, _, state in recipients(setup.services.db)} == {"sent"}
