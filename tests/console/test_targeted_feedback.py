"""Targeted "you said, we did": the responses page tells each resident about their own themes.

Through the real console forms and API, the app's own job queue and the real
feedback job (a recording deliverer stands in for the phones), on SQLite and
PostgreSQL.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import httpx
import pytest
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import select

from app.services import Services
from storage.db import session_scope
from storage.models import Answer, Channel, Consultation, Participant
from storage.models.playback import FeedbackKind, FeedbackPublication, FeedbackRecipient
from storage.models.themes import Theme, ThemeAssignment, ThemeStatus
from tests.bot.playback.conftest import RecordingDeliverer, add_person
from tests.console.factories import make_consultation, make_officer, sign_in
from tests.console.feedback_support import NIGHT, Setup

LINK = "https://www.wrexham.gov.uk/your-voice/buses"
BUSES = {
    "decision": "will_do",
    "detail_en": "An evening bus to Gresford from April.",
    "detail_cy": "Bws gyda'r nos i Gresffordd o fis Ebrill.",
    "owner_service": "Transport",
    "status": "planned",
}
# No Welsh words: Welsh residents hear the decision in Welsh and these words as written.
PARKS = {
    "decision": "not_doing",
    "detail_en": "The parks budget is set until 2028.",
    "status": "closed",
}
ROADS = {"decision": "passed_on", "passed_to": "the trunk road agency", "status": "closed"}


@dataclass
class World:
    setup: Setup
    themes: dict[str, int]
    people: dict[str, int]

    def url(self, tail: str = "") -> str:
        return f"{self.setup.url}{tail}"


def _answer(db: Engine, cid: int, person: int, themes: list[int]) -> None:
    """One answer from `person`, carrying `themes` (the first is its main theme)."""
    with session_scope(db) as session:
        answer = Answer(
            consultation_id=cid, participant_id=person, channel=Channel.SMS, text="buses etc"
        )
        session.add(answer)
        session.flush()
        for rank, theme_id in enumerate(themes):
            session.add(ThemeAssignment(answer_id=answer.id or 0, theme_id=theme_id, rank=rank))


async def _world(client: httpx.AsyncClient, services: Services) -> World:
    db, protector = services.db, services.settings.address_protector
    officer = make_officer(db)
    cid = make_consultation(db, shared_with=[officer])
    other = make_consultation(db)
    themes: dict[str, int] = {}
    with session_scope(db) as session:
        consultation = session.get(Consultation, cid)
        assert consultation is not None
        consultation.results_url = LINK
        session.add(consultation)
        for en, cy in [("Buses", "Bysiau"), ("Parks", "Parciau"), ("Roads", "Ffyrdd")]:
            theme = Theme(consultation_id=cid, label_en=en, label_cy=cy)
            session.add(theme)
            session.flush()
            themes[en] = theme.id or 0
    people = {
        # Raised all three: one message naming them, Roads (their main theme) first.
        "ann": add_person(db, protector, cid, "+447700900001"),
        "bryn": add_person(db, protector, cid, "555002", language="cy", channel=Channel.TELEGRAM),
        "carys": add_person(db, protector, cid, "+447700900003"),
        "stopped": add_person(db, protector, cid, "+447700900004", opted_out=True),
        "said_no": add_person(db, protector, cid, "+447700900005", wants_feedback=False),
        "elsewhere": add_person(db, protector, other, "+447700900006"),
    }
    _answer(db, cid, people["ann"], [themes["Roads"], themes["Buses"], themes["Parks"]])
    _answer(db, cid, people["bryn"], [themes["Buses"], themes["Parks"]])
    _answer(db, cid, people["carys"], [themes["Parks"]])
    _answer(db, cid, people["stopped"], [themes["Buses"]])
    _answer(db, cid, people["said_no"], [themes["Buses"]])
    token = await sign_in(client, officer)
    setup = Setup(cid=cid, token=token, deliverer=RecordingDeliverer(), services=services)
    setup.use(RecordingDeliverer())
    return World(setup=setup, themes=themes, people=people)


async def _respond(
    client: httpx.AsyncClient, world: World, theme: str, form: dict[str, str]
) -> None:
    saved = await client.post(
        world.url(f"/themes/{world.themes[theme]}/response"),
        data={"csrf_token": world.setup.token, **form},
    )
    assert saved.status_code == 303, saved.text


async def _publish(client: httpx.AsyncClient, world: World) -> httpx.Response:
    return await client.post(
        world.url("/responses/publish"),
        data={"csrf_token": world.setup.token},
        follow_redirects=True,
    )


def _counts(page: str, label: str) -> list[int]:
    """The sent / waiting / failed / opted-out cells of `label`'s row in the newest table."""
    section = page[page.index('id="told-heading"') :]
    row = re.search(rf"<th scope=\"row\">{label}.*?</tr>", section, re.S)
    assert row, f"no row for {label}"
    return [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', row.group(0))]


def _messages(world: World) -> dict[str, str]:
    return {address: reply.text for _, address, reply in world.setup.deliverer.sent}


async def test_each_resident_hears_once_about_their_own_themes_in_their_language(
    client: httpx.AsyncClient, services: Services
) -> None:
    world = await _world(client, services)
    for theme, form in [("Buses", BUSES), ("Parks", PARKS), ("Roads", ROADS)]:
        await _respond(client, world, theme, form)
    page = await client.get(world.url("/responses"))
    assert "3 residents would be messaged." in page.text

    published = await _publish(client, world)
    assert "Feedback queued for 3 people" in html.unescape(published.text)
    world.setup.run_jobs()
    sent = _messages(world)
    assert set(sent) == {"+447700900001", "555002", "+447700900003"}
    ann = sent["+447700900001"]
    # One message for three themes, the resident's main theme first, then the link and STOP.
    assert ann.index("- Roads: we have passed this to the trunk road agency.") < ann.index(
        "- Buses: we will do this. An evening bus to Gresford from April."
    )
    assert "- Parks: we are not doing this. The parks budget is set until 2028." in ann
    assert ann.endswith(f"More: {LINK}\nText STOP to opt out.")
    bryn = sent["555002"]
    assert "- Bysiau: byddwn ni'n gwneud hyn. Bws gyda'r nos i Gresffordd o fis Ebrill." in bryn
    # No Welsh words for Parks: the decision in Welsh, the officer's English as written.
    assert "- Parciau: dydyn ni ddim yn gwneud hyn. The parks budget is set until 2028." in bryn
    assert "Roads" not in bryn and "Ffyrdd" not in bryn and "STOP" not in bryn
    assert "- Buses" not in sent["+447700900003"] and "- Parks" in sent["+447700900003"]

    page = await client.get(world.url("/responses"))
    assert _counts(page.text, "Buses") == [2, 0, 0, 0]
    assert _counts(page.text, "Parks") == [3, 0, 0, 0]
    assert _counts(page.text, "Roads") == [1, 0, 0, 0]
    assert "Nobody new to tell right now." in page.text

    # A double click, or the same responses published again: nobody is messaged twice.
    again = await _publish(client, world)
    assert "already sent" in again.text
    world.setup.run_jobs()
    assert len(world.setup.deliverer.sent) == 3
    with session_scope(services.db) as session:
        kinds = session.exec(select(FeedbackPublication.kind)).all()
    assert kinds == [FeedbackKind.THEMES]


async def test_a_new_response_later_is_news_only_for_its_own_residents(
    client: httpx.AsyncClient, services: Services
) -> None:
    world = await _world(client, services)
    await _respond(client, world, "Buses", BUSES)
    await _publish(client, world)
    world.setup.run_jobs()
    assert set(_messages(world)) == {"+447700900001", "555002"}
    # A typo fixed in a response already sent messages nobody again...
    await _respond(client, world, "Buses", {**BUSES, "detail_en": "An evening bus from April."})
    fixed = await _publish(client, world)
    assert "nobody needs a message" in fixed.text
    world.setup.run_jobs()
    assert len(world.setup.deliverer.sent) == 2
    # ...while a response to another theme reaches that theme's residents, naming only it.
    world.setup.deliverer.sent.clear()
    await _respond(client, world, "Parks", PARKS)
    await _publish(client, world)
    world.setup.run_jobs()
    sent = _messages(world)
    assert set(sent) == {"+447700900001", "555002", "+447700900003"}
    assert "- Parks" in sent["+447700900001"] and "- Buses" not in sent["+447700900001"]


async def test_someone_who_opts_out_after_publishing_is_not_messaged_and_counted(
    client: httpx.AsyncClient, services: Services
) -> None:
    world = await _world(client, services)
    await _respond(client, world, "Buses", BUSES)
    await _respond(client, world, "Parks", PARKS)
    world.setup.use(RecordingDeliverer(), now=NIGHT)
    await _publish(client, world)  # not yet prepared: the page says so
    page = await client.get(world.url("/responses"))
    assert "Preparing the messages" in page.text
    world.setup.run_jobs()  # prepared, then held by quiet hours
    page = await client.get(world.url("/responses"))
    assert "Preparing the messages" not in page.text
    assert _counts(page.text, "Buses") == [0, 2, 0, 0]
    with session_scope(services.db) as session:
        ann = session.get(Participant, world.people["ann"])
        assert ann is not None
        ann.opted_out = True
        session.add(ann)
    resume = re.search(r'action="(/console/consultations/\d+/feedback/\d+/send)"', page.text)
    assert resume
    world.setup.use(RecordingDeliverer())
    await client.post(resume.group(1), data={"csrf_token": world.setup.token})
    world.setup.run_jobs()
    assert "+447700900001" not in _messages(world)
    page = await client.get(world.url("/responses"))
    # Ann counts as opted out under both her themes.
    assert _counts(page.text, "Buses") == [1, 0, 0, 1]
    assert _counts(page.text, "Parks") == [2, 0, 0, 1]


async def test_a_theme_merged_or_deleted_after_sending_keeps_its_record_and_counts(
    client: httpx.AsyncClient, services: Services
) -> None:
    world = await _world(client, services)
    await _respond(client, world, "Buses", BUSES)
    await _respond(client, world, "Roads", ROADS)
    await _publish(client, world)
    world.setup.run_jobs()
    with session_scope(services.db) as session:
        roads = session.get(Theme, world.themes["Roads"])
        assert roads is not None
        roads.status = ThemeStatus.MERGED
        session.add(roads)
        buses = session.get(Theme, world.themes["Buses"])
        session.delete(buses)
    page = await client.get(world.url("/responses"))
    assert _counts(page.text, "Buses") == [2, 0, 0, 0]
    assert _counts(page.text, "Roads") == [1, 0, 0, 0]
    told = page.text[page.text.index('id="told-heading"') :]
    assert told.count("(theme merged or removed since)") == 2
    # Nothing left to publish: both themes are gone.
    refused = await _publish(client, world)
    assert "No theme has a response yet" in refused.text


async def test_nobody_to_tell_and_nothing_to_publish_are_said_plainly(
    client: httpx.AsyncClient, services: Services
) -> None:
    world = await _world(client, services)
    nothing = await _publish(client, world)
    assert "No theme has a response yet, so nobody was messaged." in nothing.text
    with session_scope(services.db) as session:
        for person in session.exec(select(Participant)).all():
            person.wants_feedback = False
            session.add(person)
    await _respond(client, world, "Buses", BUSES)
    page = await client.get(world.url("/responses"))
    assert "Nobody new to tell right now." in page.text
    nobody = await _publish(client, world)
    assert "nobody needs a message" in nobody.text
    world.setup.run_jobs()
    assert world.setup.deliverer.sent == []
    with session_scope(services.db) as session:
        publication = session.exec(select(FeedbackPublication)).one()
        # Recorded, and marked finished: there was nobody to wait for.
        assert publication.sent_at is not None
    page = await client.get(world.url("/responses"))
    assert _counts(page.text, "Buses") == [0, 0, 0, 0]


async def test_another_consultations_ids_are_refused_and_change_nothing(
    client: httpx.AsyncClient, services: Services
) -> None:
    world = await _world(client, services)
    await _respond(client, world, "Buses", BUSES)
    theirs = make_consultation(services.db)
    refused = await client.post(
        f"/console/consultations/{theirs}/responses/publish",
        data={"csrf_token": world.setup.token},
    )
    assert refused.status_code == 404
    # Without the form's CSRF token (a forged cross-site post): refused, nothing queued.
    forged = await client.post(world.url("/responses/publish"), data={})
    assert forged.status_code == 403
    with session_scope(services.db) as session:
        assert session.exec(select(func.count()).select_from(FeedbackPublication)).one() == 0
    await _publish(client, world)
    with session_scope(services.db) as session:
        mine = session.exec(select(FeedbackPublication.id)).one()
    # This consultation's publication resumed under another consultation's address.
    other_officer_cid = make_consultation(services.db, shared_with=[])
    resumed = await client.post(
        f"/console/consultations/{other_officer_cid}/feedback/{mine}/send",
        data={"csrf_token": world.setup.token},
    )
    assert resumed.status_code == 404
    world.setup.run_jobs()
    with session_scope(services.db) as session:
        assert session.exec(select(func.count()).select_from(FeedbackPublication)).one() == 1
        assert session.exec(select(func.count()).select_from(FeedbackRecipient)).one() == 2


async def test_the_api_json_export_and_report_carry_the_counts_per_theme(
    client: httpx.AsyncClient, services: Services
) -> None:
    world = await _world(client, services)
    await _respond(client, world, "Buses", BUSES)
    await _respond(client, world, "Parks", PARKS)
    await _publish(client, world)
    world.setup.run_jobs()

    exported = await client.get(world.url("/export.json"))
    told = exported.json()["targeted_feedback"]
    assert [(t["label"], t["sent"], t["opted_out"]) for t in told[0]["themes"]] == [
        ("Buses", 2, 0),
        ("Parks", 3, 0),
    ]
    report = await client.get(world.url("/report"))
    assert "residents told about each theme" in report.text

    await client.post("/console/tokens", data={"csrf_token": world.setup.token, "name": "web"})
    token = re.search(
        r"<code>(wm_[A-Za-z0-9_-]+)</code>", (await client.get("/console/tokens")).text
    )
    assert token
    client.cookies.clear()
    auth = {"authorization": f"Bearer {token.group(1)}"}
    api = await client.get(
        f"/api/v1/consultations/{world.setup.cid}/responses/feedback", headers=auth
    )
    assert api.status_code == 200
    (publication,) = api.json()
    assert publication["sent_at"] is not None
    counts = {
        t["label"]: (t["sent"], t["waiting"], t["failed"], t["opted_out"])
        for t in publication["themes"]
    }
    assert counts == {"Buses": (2, 0, 0, 0), "Parks": (3, 0, 0, 0)}
    hidden = make_consultation(services.db)
    unseen = await client.get(f"/api/v1/consultations/{hidden}/responses/feedback", headers=auth)
    assert unseen.status_code == 404
    spec = (await client.get("/openapi.json")).json()
    assert "/api/v1/consultations/{consultation_id}/responses/feedback" in spec["paths"]
    assert {"sent", "waiting", "failed", "opted_out"} <= set(
        spec["components"]["schemas"]["ThemeToldPublic"]["properties"]
    )
    assert [item["preparing"] for item in api.json()] == [False]
    assert "preparing" in spec["components"]["schemas"]["TargetedFeedbackPublic"]["properties"]


async def test_quiet_hours_hold_the_messages_and_resume_sending_delivers_them_once(
    client: httpx.AsyncClient, services: Services
) -> None:
    world = await _world(client, services)
    await _respond(client, world, "Buses", BUSES)
    world.setup.use(RecordingDeliverer(), now=NIGHT)
    await _publish(client, world)
    world.setup.run_jobs()
    assert world.setup.deliverer.sent == []
    page = await client.get(world.url("/responses"))
    assert _counts(page.text, "Buses") == [0, 2, 0, 0]
    resume = re.search(r'action="(/console/consultations/\d+/feedback/(\d+)/send)"', page.text)
    assert resume, "a Resume sending button for the waiting residents"
    world.setup.use(RecordingDeliverer())
    for _ in range(2):  # pressed twice: the second finds nobody waiting
        await client.post(resume.group(1), data={"csrf_token": world.setup.token})
        world.setup.run_jobs()
    assert set(_messages(world)) == {"+447700900001", "555002"}
    assert len(world.setup.deliverer.sent) == 2
    page = await client.get(world.url("/responses"))
    assert _counts(page.text, "Buses") == [2, 0, 0, 0]
    assert "/feedback/" not in page.text.split('id="told-heading"')[1]


@pytest.mark.parametrize(
    ("sent_next", "lands_on"),
    [
        ("{home}/responses", "{home}/responses"),
        (None, "{home}"),
        ("https://evil.example/{home}", "{home}"),
        ("//evil.example", "{home}"),
        ("/\\evil.example", "{home}"),
        ("{home}/../../other", "{home}"),
        ("{home}/responses?x=https://evil.example", "{home}"),
        ("/console/consultations/999999/responses", "{home}"),
        ("{home}/" + "a" * 5000, "{home}"),
    ],
)
async def test_resume_sending_returns_to_the_page_it_was_pressed_on_and_nowhere_else(
    client: httpx.AsyncClient, services: Services, sent_next: str | None, lands_on: str
) -> None:
    world = await _world(client, services)
    await _respond(client, world, "Buses", BUSES)
    world.setup.use(RecordingDeliverer(), now=NIGHT)
    await _publish(client, world)
    world.setup.run_jobs()
    page = await client.get(world.url("/responses"))
    resume = re.search(r'action="(/console/consultations/\d+/feedback/\d+/send)"', page.text)
    assert resume
    home = world.url("")
    assert f'name="next" value="{home}/responses"' in page.text
    form = {"csrf_token": world.setup.token}
    if sent_next is not None:
        form["next"] = sent_next.format(home=home)
    world.setup.use(RecordingDeliverer())
    answer = await client.post(resume.group(1), data=form)
    assert answer.status_code == 303
    assert answer.headers["location"] == lands_on.format(home=home)
    world.setup.run_jobs()  # a hostile `next` still resumes the send: nothing is lost
    assert len(world.setup.deliverer.sent) == 2
