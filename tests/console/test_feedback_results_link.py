"""The link to the council's published results: given in the console, checked, and sent.

Councils publish the results on their own website ("Your Voice"); with a link
the "you said, we did" message is short on every channel (by SMS: intro, link
and how to stop, in at most two texts). Through real HTTP, the app's job
queue and a recording deliverer; on SQLite and PostgreSQL.
"""

from __future__ import annotations

import html

import httpx
import pytest
from sqlmodel import select

from app.services import Services
from bot.channels.sms.segments import segment_count
from bot.conversation.catalog import default_catalog
from storage.db import session_scope
from storage.models import Channel, Consultation, Question
from storage.models.playback import FeedbackPublication
from tests.bot.playback.conftest import RecordingDeliverer, add_person
from tests.console.feedback_support import NIGHT, Setup, make_setup, publish, recipients

LINK = "https://www.wrexham.gov.uk/yourvoice/evening-buses-2026/results?lang=en#what-we-found"
# Long enough that, without a link, the SMS would be a summary cut to two texts.
FOUND_OUT_EN = "Evening buses matter most to you. " * 20
FOUND_OUT_CY = "Bysiau gyda'r nos sydd bwysicaf i chi. " * 20
WELSH_SMS = "+447700900008"


@pytest.fixture
async def setup(client: httpx.AsyncClient, services: Services) -> Setup:
    made = await make_setup(client, services)
    add_person(services.db, services.settings.address_protector, made.cid, WELSH_SMS, language="cy")
    with session_scope(services.db) as session:
        consultation = session.get(Consultation, made.cid)
        assert consultation is not None
        # Titles of a realistic length: the intro names the consultation.
        consultation.title_en = "Evening and Sunday bus services"
        consultation.title_cy = "Gwasanaethau bws gyda'r nos a dydd Sul"
        session.add(consultation)
    return made


def _stored(setup: Setup) -> Consultation:
    with session_scope(setup.services.db) as session:
        consultation = session.get(Consultation, setup.cid)
        assert consultation is not None
        session.expunge(consultation)
        return consultation


async def test_with_a_link_everyone_gets_it_in_their_language_and_sms_stays_short(
    client: httpx.AsyncClient, setup: Setup
) -> None:
    form = await client.get(f"{setup.url}/found-out")
    assert 'name="results_url"' in form.text and "Link to the published results" in form.text
    published = await publish(
        client,
        setup,
        found_out_en=FOUND_OUT_EN,
        found_out_cy=FOUND_OUT_CY,
        results_url=f"  {LINK} ",  # pasted with spaces around it
    )
    assert published.status_code == 200 and "Feedback queued for 3 people" in published.text
    assert _stored(setup).results_url == LINK
    setup.run_jobs()
    messages = {address: (channel, reply) for channel, address, reply in setup.deliverer.sent}
    assert sorted(messages) == ["+447700900001", WELSH_SMS, "555001"]
    catalog = default_catalog()

    _, english = messages["+447700900001"]
    assert english.text == (
        "You said, we did: Evening and Sunday bus services. "
        f"Read what we found out and what changed: {LINK} Text STOP to opt out."
    )
    assert segment_count(english.text) <= 2

    _, welsh = messages[WELSH_SMS]
    assert welsh.language == "cy" and LINK in welsh.text
    assert welsh.text.startswith("Dywedoch chi, gwnaethon ni: Gwasanaethau bws gyda'r nos")
    assert welsh.text.endswith(catalog.text("cy", "playback-stop"))
    assert "Evening buses" not in welsh.text and "Bysiau gyda'r nos" not in welsh.text
    assert segment_count(welsh.text) <= 2

    channel, telegram = messages["555001"]
    assert channel == Channel.TELEGRAM and telegram.language == "cy" and LINK in telegram.text
    assert "STOP" not in telegram.text  # Telegram people block the bot instead

    overview = await client.get(setup.url)
    assert f'<a href="{html.escape(LINK)}"' in overview.text
    again = await client.get(f"{setup.url}/found-out")
    assert f'value="{html.escape(LINK)}"' in again.text


async def test_without_a_link_sms_gets_the_two_text_summary_as_before(
    client: httpx.AsyncClient, setup: Setup
) -> None:
    await publish(client, setup, found_out_en=FOUND_OUT_EN, found_out_cy=FOUND_OUT_CY)
    setup.run_jobs()
    sms = [reply for channel, _, reply in setup.deliverer.sent if channel == Channel.SMS]
    assert len(sms) == 2
    for reply in sms:
        assert "https://" not in reply.text and "..." in reply.text  # the cut summary
        assert segment_count(reply.text) == 2
    assert _stored(setup).results_url == ""
    assert "no link yet" in (await client.get(setup.url)).text


BAD_LINKS = {
    "javascript:alert(1)": "must be a whole web address starting with https://",
    "not a url": "contains spaces",
    "https://www.wrexham.gov.uk/" + "results/" * 75: "at most 500",
    "https://www.wrexham.gov.uk/your voice/results": "contains spaces",
    "www.wrexham.gov.uk/yourvoice": "must be a whole web address starting with https://",
    "https://www.wrexham.gov.uk@evil.example/": "must not contain a user name or password",
}


@pytest.mark.parametrize("bad", list(BAD_LINKS))
async def test_a_bad_link_is_refused_saving_nothing_and_messaging_nobody(
    client: httpx.AsyncClient, setup: Setup, bad: str
) -> None:
    await publish(client, setup, notify=False, found_out_en="Buses.", found_out_cy="Bysiau.")
    refused = await publish(
        client, setup, found_out_en="Buses matter most.", found_out_cy="Bysiau.", results_url=bad
    )
    assert refused.status_code == 400
    assert "Not published: The link to the published results" in refused.text
    assert BAD_LINKS[bad] in refused.text
    # The officer's own words stay in the form to correct.
    assert f'value="{html.escape(bad)}"' in refused.text
    assert "Buses matter most." in refused.text
    stored = _stored(setup)
    assert (stored.found_out_en, stored.results_url) == ("Buses.", "")
    setup.run_jobs()
    assert recipients(setup.services.db) == [] and setup.deliverer.sent == []


async def test_a_link_and_a_text_both_wrong_are_both_reported(
    client: httpx.AsyncClient, setup: Setup
) -> None:
    refused = await publish(
        client, setup, found_out_en="buses " * 4000, found_out_cy="", results_url="not a url"
    )
    assert refused.status_code == 400
    assert "longer than 20,000 characters" in refused.text and "contains spaces" in refused.text


def _edit_form(setup: Setup, **overrides: str) -> dict[str, str]:
    consultation = _stored(setup)
    with session_scope(setup.services.db) as session:
        [open_question] = session.exec(
            select(Question).where(Question.consultation_id == setup.cid, Question.position == 0)
        ).all()
        prompts = (open_question.prompt_en, open_question.prompt_cy)
    form = {
        "csrf_token": setup.token,
        "keyword": consultation.keyword,
        "title_en": consultation.title_en,
        "title_cy": consultation.title_cy,
        "open_en": prompts[0],
        "open_cy": prompts[1],
        "found_out_en": consultation.found_out_en,
        "found_out_cy": consultation.found_out_cy,
        "results_url": consultation.results_url,
    }
    form.update(overrides)
    return form


async def test_a_link_added_on_the_edit_page_goes_out_when_sending_resumes(
    client: httpx.AsyncClient, setup: Setup
) -> None:
    # Published at night without a link: everyone waits for the morning.
    setup.use(RecordingDeliverer(), now=NIGHT)
    await publish(client, setup, found_out_en="Buses.", found_out_cy="Bysiau.")
    setup.run_jobs()
    assert setup.deliverer.sent == []
    edit_url = f"{setup.url}/edit"
    assert 'name="results_url"' in (await client.get(edit_url)).text
    refused = await client.post(edit_url, data=_edit_form(setup, results_url="javascript:alert(1)"))
    assert refused.status_code == 400 and "starting with https://" in refused.text
    assert 'value="javascript:alert(1)"' in refused.text
    assert _stored(setup).results_url == ""
    saved = await client.post(edit_url, data=_edit_form(setup, results_url=LINK))
    assert saved.status_code == 303
    assert _stored(setup).results_url == LINK
    setup.use(RecordingDeliverer())
    with session_scope(setup.services.db) as session:
        [publication] = session.exec(select(FeedbackPublication)).all()
    await client.post(
        f"{setup.url}/feedback/{publication.id}/send", data={"csrf_token": setup.token}
    )
    setup.run_jobs()
    assert len(setup.deliverer.sent) == 3
    assert all(LINK in reply.text for _, _, reply in setup.deliverer.sent)
    # Cleared again, the record has no link and the publish form shows none.
    await client.post(edit_url, data=_edit_form(setup, results_url=""))
    assert _stored(setup).results_url == ""
    assert (
        'name="results_url" type="url" inputmode="url" value=""'
        in (await client.get(f"{setup.url}/found-out")).text
    )


async def test_a_publish_form_without_the_link_field_keeps_the_stored_link(
    client: httpx.AsyncClient, setup: Setup
) -> None:
    await publish(client, setup, notify=False, found_out_en="Buses.", results_url=LINK)
    # e.g. a page loaded before the field existed
    await publish(client, setup, found_out_en="Buses.", found_out_cy="Bysiau.")
    assert _stored(setup).results_url == LINK
    setup.run_jobs()
    assert all(LINK in reply.text for _, _, reply in setup.deliverer.sent)
