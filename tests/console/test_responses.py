"""The council's response to each theme: recorded in the console, drafted into
"what difference it made", served by the API, and kept when the theme goes."""

from __future__ import annotations

import html
import re

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import select

from storage.db import session_scope
from storage.models import AuditEvent, Consultation
from storage.models.accounts import Role
from storage.models.responses import ThemeResponse
from storage.models.themes import Theme, ThemeStatus
from tests.console.factories import (
    add_answers,
    make_consultation,
    make_officer,
    make_themes,
    sign_in,
)

WILL_DO = {
    "decision": "will_do",
    "detail_en": "We will add an evening bus to Gresford from April",
    "detail_cy": "Byddwn ni'n ychwanegu bws gyda'r nos i Gresffordd o fis Ebrill",
    "owner_service": "Transport",
    "status": "planned",
    "status_date": "2027-04-01",
}


async def _setup(client: httpx.AsyncClient, db: Engine) -> tuple[int, list[int], str]:
    officer = make_officer(db)
    cid = make_consultation(db, shared_with=[officer])
    ids = add_answers(db, cid, ["buses are late"] * 5 + ["parks are dirty"] * 3 + ["potholes"])
    themes = make_themes(db, cid, {"Buses": ids[:5], "Parks": ids[5:8], "Roads": ids[8:]})
    token = await sign_in(client, officer)
    return cid, themes, token


async def test_an_officer_records_responses_and_drafts_the_difference(
    client: httpx.AsyncClient, db: Engine
) -> None:
    cid, (buses, parks, roads), token = await _setup(client, db)
    page = await client.get(f"/console/consultations/{cid}/responses")
    assert page.status_code == 200
    assert page.text.count("No response yet") == 3
    # Largest theme first.
    assert page.text.index("Buses") < page.text.index("Parks") < page.text.index("Roads")

    saved = await client.post(
        f"/console/consultations/{cid}/themes/{buses}/response",
        data={"csrf_token": token, **WILL_DO},
        follow_redirects=True,
    )
    assert saved.status_code == 200 and "saved" in saved.text
    assert "Will do" in saved.text and "Transport" in saved.text and "2027-04-01" in saved.text
    await client.post(
        f"/console/consultations/{cid}/themes/{parks}/response",
        data={
            "csrf_token": token,
            "decision": "not_doing",
            "detail_en": "The budget for parks is set until 2028",
            "status": "closed",
        },
    )
    await client.post(
        f"/console/consultations/{cid}/themes/{roads}/response",
        data={
            "csrf_token": token,
            "decision": "passed_on",
            "passed_to": "North Wales Trunk Road Agent",
            "status": "closed",
        },
    )

    draft = await client.get(f"/console/consultations/{cid}/responses/draft")
    assert draft.status_code == 200
    draft_text = html.unescape(draft.text)
    english = re.search(r'name="difference_en"[^>]*>([^<]*)<', draft_text)
    welsh = re.search(r'name="difference_cy"[^>]*>([^<]*)<', draft_text)
    assert english and welsh
    assert "Buses: we will act on this: We will add an evening bus" in english.group(1)
    assert "(Led by Transport, by April 2027)" in english.group(1)
    assert "we considered this, but we will not do it" in english.group(1)
    assert "passed this to North Wales Trunk Road Agent" in english.group(1)
    # The Welsh draft says in Welsh what the officer wrote in Welsh, and leaves out
    # the parks reason written only in English.
    assert "byddwn ni'n gweithredu ar hyn" in welsh.group(1)
    assert "erbyn Ebrill 2027" in welsh.group(1)
    assert "budget" not in welsh.group(1)
    assert "trosglwyddo hyn i North Wales Trunk Road Agent" in welsh.group(1)

    kept = await client.post(
        f"/console/consultations/{cid}/responses/draft",
        data={
            "csrf_token": token,
            "difference_en": "We are adding an evening bus.",
            "difference_cy": "Rydyn ni'n ychwanegu bws gyda'r nos.",
        },
    )
    assert kept.status_code == 303
    with session_scope(db) as session:
        consultation = session.get(Consultation, cid)
        assert consultation is not None
        assert consultation.difference_en == "We are adding an evening bus."
        assert consultation.difference_cy == "Rydyn ni'n ychwanegu bws gyda'r nos."
        actions = [e.action for e in session.exec(select(AuditEvent))]
        assert actions.count("theme_response_saved") == 3 and "difference_drafted" in actions


async def test_bad_responses_come_back_with_what_to_fix_and_save_nothing(
    client: httpx.AsyncClient, db: Engine
) -> None:
    cid, (buses, _, _), token = await _setup(client, db)
    url = f"/console/consultations/{cid}/themes/{buses}/response"
    cases = [
        ({"decision": "not_doing", "status": "closed"}, "Say why"),
        ({"decision": "passed_on", "status": "closed"}, "Name the body"),
        ({**WILL_DO, "status": "closed"}, "Closed"),
        ({**WILL_DO, "decision": "maybe"}, "decision"),
        ({**WILL_DO, "status_date": "next spring"}, "YYYY-MM-DD"),
        ({**WILL_DO, "detail_en": "x" * 5000}, "detail_en"),
        ({"status": "planned"}, "decision"),
    ]
    for fields, problem in cases:
        response = await client.post(url, data={"csrf_token": token, **fields})
        assert response.status_code == 400, fields
        assert "Not saved" in response.text and problem in response.text, (fields, response.text)
    # What the officer typed is still in the form.
    response = await client.post(
        url, data={"csrf_token": token, **WILL_DO, "status_date": "next spring"}
    )
    assert "We will add an evening bus to Gresford" in response.text
    no_csrf = await client.post(url, data=WILL_DO)
    assert no_csrf.status_code == 403
    with session_scope(db) as session:
        assert session.exec(select(ThemeResponse)).first() is None


async def test_other_consultations_themes_and_viewers_are_refused(
    client: httpx.AsyncClient, db: Engine
) -> None:
    cid, (buses, _, _), token = await _setup(client, db)
    elsewhere = make_consultation(db)
    foreign = make_themes(db, elsewhere, {"Secret": add_answers(db, elsewhere, ["secret"])})[0]
    # A theme of another consultation, through this consultation's URL: no such theme.
    crossed = await client.post(
        f"/console/consultations/{cid}/themes/{foreign}/response",
        data={"csrf_token": token, **WILL_DO},
    )
    assert crossed.status_code == 404
    unshared = await client.get(f"/console/consultations/{elsewhere}/responses")
    assert unshared.status_code == 404
    huge_id = await client.get(f"/console/consultations/{cid}/themes/{2**70}/response")
    assert huge_id.status_code in (404, 422)

    client.cookies.clear()
    viewer = make_officer(db, Role.READONLY)
    with session_scope(db) as session:
        from storage.repositories import console_accounts as accounts

        accounts.share_consultation(session=session, consultation_id=cid, officer_id=viewer.id or 0)
    viewer_token = await sign_in(client, viewer)
    assert (await client.get(f"/console/consultations/{cid}/responses")).status_code == 200
    refused = await client.post(
        f"/console/consultations/{cid}/themes/{buses}/response",
        data={"csrf_token": viewer_token, **WILL_DO},
    )
    assert refused.status_code == 403
    with session_scope(db) as session:
        assert session.exec(select(ThemeResponse)).first() is None


async def test_a_response_outlives_its_theme(client: httpx.AsyncClient, db: Engine) -> None:
    cid, (buses, parks, _), token = await _setup(client, db)
    await client.post(
        f"/console/consultations/{cid}/themes/{buses}/response",
        data={"csrf_token": token, **WILL_DO},
    )
    # The officer later merges "Buses" into "Parks": the response still says what it answered.
    with session_scope(db) as session:
        theme = session.get(Theme, buses)
        assert theme is not None
        theme.status = ThemeStatus.MERGED
        theme.merged_into_id = parks
        session.add(theme)
    page = await client.get(f"/console/consultations/{cid}/responses")
    assert "Buses" in page.text and "(theme merged or removed since)" in page.text
    closed = await client.post(
        f"/console/consultations/{cid}/themes/{buses}/response",
        data={"csrf_token": token, **WILL_DO},
    )
    assert closed.status_code == 404
    with session_scope(db) as session:
        session.delete(session.get(Theme, buses))
    draft = await client.get(f"/console/consultations/{cid}/responses/draft")
    assert "Buses: we will act on this" in draft.text


async def test_removing_a_response(client: httpx.AsyncClient, db: Engine) -> None:
    cid, (buses, _, _), token = await _setup(client, db)
    url = f"/console/consultations/{cid}/themes/{buses}/response"
    await client.post(url, data={"csrf_token": token, **WILL_DO})
    form = await client.get(url)
    assert "Remove this response" in form.text and "Transport" in form.text
    removed = await client.post(f"{url}/delete", data={"csrf_token": token})
    assert removed.status_code == 303
    again = await client.post(f"{url}/delete", data={"csrf_token": token})
    assert again.status_code == 404
    page = await client.get(f"/console/consultations/{cid}/responses")
    assert page.text.count("No response yet") == 3


async def test_the_api_serves_each_themes_response(client: httpx.AsyncClient, db: Engine) -> None:
    cid, (buses, _, _), token = await _setup(client, db)
    await client.post(
        f"/console/consultations/{cid}/themes/{buses}/response",
        data={"csrf_token": token, **WILL_DO},
    )
    await client.post("/console/tokens", data={"csrf_token": token, "name": "website"})
    match = re.search(
        r"<code>(wm_[A-Za-z0-9_-]+)</code>", (await client.get("/console/tokens")).text
    )
    assert match
    client.cookies.clear()
    auth = {"authorization": f"Bearer {match.group(1)}"}
    served = await client.get(f"/api/v1/consultations/{cid}/responses", headers=auth)
    assert served.status_code == 200
    items = served.json()
    assert [i["label"] for i in items] == ["Buses", "Parks", "Roads"]
    assert items[0]["decision"] == "will_do" and items[0]["status_date"] == "2027-04-01"
    assert items[0]["detail_cy"].startswith("Byddwn ni'n ychwanegu")
    assert items[1]["decision"] is None
    assert (await client.get(f"/api/v1/consultations/{cid}/responses")).status_code == 401
    other = make_consultation(db)
    assert (
        await client.get(f"/api/v1/consultations/{other}/responses", headers=auth)
    ).status_code == 404
    spec = (await client.get("/openapi.json")).json()
    assert "/api/v1/consultations/{consultation_id}/responses" in spec["paths"]


async def test_exports_and_the_report_carry_the_responses(
    client: httpx.AsyncClient, db: Engine
) -> None:
    cid, (buses, _, _), token = await _setup(client, db)
    await client.post(
        f"/console/consultations/{cid}/themes/{buses}/response",
        data={"csrf_token": token, **WILL_DO},
    )
    exported = await client.get(f"/console/consultations/{cid}/export.json")
    document = exported.json()
    [response] = document["responses"]
    assert response["label"] == "Buses" and response["status_date"] == "2027-04-01"
    assert document["trends"]["rounds"] == [] and document["accuracy"]["comparisons"] == []
    report = await client.get(f"/console/consultations/{cid}/report")
    assert "What we are doing about each theme" in report.text
    assert "We will add an evening bus to Gresford" in report.text
