"""REST API: bearer tokens, roles, redacted answers, suppressed breakdowns, OpenAPI."""

from __future__ import annotations

import re

import httpx
import pytest
from sqlalchemy.engine import Engine

from storage.models.accounts import Role
from storage.suppression import suppress_two_way
from tests.console.factories import (
    add_answers,
    make_consultation,
    make_officer,
    make_quote,
    make_themes,
    sign_in,
)


async def _token(client: httpx.AsyncClient, token: str) -> str:
    await client.post("/console/tokens", data={"csrf_token": token, "name": "website"})
    page = await client.get("/console/tokens")
    match = re.search(r"<code>(wm_[A-Za-z0-9_-]+)</code>", page.text)
    assert match, "the new token is shown once"
    assert match.group(1) not in (await client.get("/console/tokens")).text
    return match.group(1)


@pytest.fixture
async def api(client: httpx.AsyncClient, db: Engine) -> dict[str, object]:
    officer = make_officer(db, Role.READONLY)
    cid = make_consultation(db, shared_with=[officer])
    hidden = make_consultation(db, title_en="Not shared")
    ids = add_answers(db, cid, ["Email me at sian@example.com about buses"] * 6, ward="Acton")
    ids += add_answers(db, cid, ["Parks"] * 2, ward="Gresford")
    buses, parks = make_themes(db, cid, {"Buses": ids[:6], "Parks": ids[6:]})
    make_quote(db, ids[6], parks, approve=True, spans=[])
    token = await _token(client, await sign_in(client, officer))
    client.cookies.clear()
    return {"cid": cid, "hidden": hidden, "auth": {"authorization": f"Bearer {token}"}}


async def test_answers_are_redacted_and_paged(
    client: httpx.AsyncClient, api: dict[str, object]
) -> None:
    auth = api["auth"]
    assert isinstance(auth, dict)
    url = f"/api/v1/consultations/{api['cid']}/answers"
    first = (await client.get(url, params={"limit": 5}, headers=auth)).json()
    assert len(first["items"]) == 5 and first["next_after_id"] == first["items"][-1]["id"]
    assert "sian@example.com" not in str(first) and "[email]" in first["items"][0]["text_redacted"]
    assert first["items"][0]["themes"] == ["Buses"]
    rest = (await client.get(url, params={"after_id": first["next_after_id"]}, headers=auth)).json()
    assert len(rest["items"]) == 3 and rest["next_after_id"] is None
    assert (await client.get(url, params={"limit": 5000}, headers=auth)).status_code == 422


async def test_consultations_themes_and_suppressed_breakdowns(
    client: httpx.AsyncClient, api: dict[str, object]
) -> None:
    auth, cid = api["auth"], api["cid"]
    assert isinstance(auth, dict)
    listed = (await client.get("/api/v1/consultations", headers=auth)).json()
    assert [c["id"] for c in listed] == [cid]
    assert "password_hash" not in str(listed)
    themes = (await client.get(f"/api/v1/consultations/{cid}/themes", headers=auth)).json()
    assert [(t["label"], t["answers"]) for t in themes] == [("Buses", 6), ("Parks", 2)]
    assert themes[1]["approved_quotes"] == ["Parks"]
    ward = (await client.get(f"/api/v1/consultations/{cid}/breakdowns/ward", headers=auth)).json()
    cells = {row["label"]: row["cells"] for row in ward["rows"]}
    assert cells["Parks"]["Gresford"] is None  # 2 is below the threshold
    # ...and whatever else would give it away by subtraction is hidden too.
    expected = suppress_two_way({"Buses": {"Acton": 6}, "Parks": {"Gresford": 2}}, threshold=5)
    assert cells == {label: dict(row) for label, row in expected.cells.items()}
    assert ward["threshold"] == 5
    hidden = await client.get(f"/api/v1/consultations/{api['hidden']}", headers=auth)
    assert hidden.status_code == 404


async def test_tokens_are_required_checked_and_revocable(
    client: httpx.AsyncClient, db: Engine, api: dict[str, object]
) -> None:
    assert (await client.get("/api/v1/consultations")).status_code == 401
    bad = await client.get("/api/v1/consultations", headers={"authorization": "Bearer wm_nope"})
    assert bad.status_code == 401 and bad.headers["www-authenticate"] == "Bearer"
    facilitator = make_officer(db, Role.FACILITATOR)
    token = await sign_in(client, facilitator)
    refused = await client.post("/console/tokens", data={"csrf_token": token})
    assert refused.status_code == 403


async def test_openapi_documents_the_api_but_not_the_console(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/openapi.json")).json()
    paths = set(spec["paths"])
    assert "/api/v1/consultations/{consultation_id}/breakdowns/{dimension}" in paths
    assert not any(p.startswith(("/console", "/workshop")) for p in paths)
    assert "HTTPBearer" in spec["components"]["securitySchemes"]


async def test_a_consultation_without_feedback_lists_none_and_the_schema_names_the_counts(
    client: httpx.AsyncClient, api: dict[str, object]
) -> None:
    auth = api["auth"]
    assert isinstance(auth, dict)
    one = (await client.get(f"/api/v1/consultations/{api['cid']}", headers=auth)).json()
    assert one["feedback"] == []
    schema = (await client.get("/openapi.json")).json()["components"]["schemas"]
    assert set(schema["FeedbackRecipientsPublic"]["properties"]) == {
        "sent",
        "pending",
        "failed",
        "opted_out",
        "superseded",
    }
    assert set(schema["FeedbackPublic"]["properties"]) == {
        "id",
        "published_at",
        "sent_at",
        "sections",
        "recipients",
    }


async def test_the_link_to_the_published_results_is_in_the_consultation(
    client: httpx.AsyncClient, db: Engine
) -> None:
    officer = make_officer(db)
    cid = make_consultation(db, shared_with=[officer])
    without = make_consultation(db, shared_with=[officer])
    token = await sign_in(client, officer)
    link = "https://www.wrexham.gov.uk/yourvoice/buses/results"
    published = await client.post(
        f"/console/consultations/{cid}/found-out",
        data={"csrf_token": token, "found_out_en": "Buses matter.", "results_url": link},
    )
    assert published.status_code == 303
    auth = {"authorization": f"Bearer {await _token(client, token)}"}
    client.cookies.clear()
    one = (await client.get(f"/api/v1/consultations/{cid}", headers=auth)).json()
    assert one["results_url"] == link and one["found_out_en"] == "Buses matter."
    listed = (await client.get("/api/v1/consultations", headers=auth)).json()
    assert {c["id"]: c["results_url"] for c in listed} == {cid: link, without: ""}
    schema = (await client.get("/openapi.json")).json()["components"]["schemas"]
    assert (
        "published results"
        in schema["ConsultationPublic"]["properties"]["results_url"]["description"]
    )
