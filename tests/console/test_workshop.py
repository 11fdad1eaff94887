"""Workshop wall and cards: approved quotes only, works without JavaScript."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy.engine import Engine

from storage.models.accounts import Role
from tests.console.factories import (
    add_answers,
    make_consultation,
    make_officer,
    make_quote,
    make_themes,
    sign_in,
)


@pytest.fixture
async def workshop(client: httpx.AsyncClient, db: Engine) -> dict[str, int]:
    facilitator = make_officer(db, Role.FACILITATOR)
    cid = make_consultation(db, shared_with=[facilitator])
    ids = add_answers(
        db, cid, [f"Approved quote {i}" for i in range(8)] + ["Secret pending", "Call 07700 900123"]
    )
    buses, parks = make_themes(db, cid, {"Buses": ids[:5], "Parks <b>": ids[5:]})
    for answer_id in ids[:7]:
        make_quote(db, answer_id, buses if answer_id in ids[:5] else parks, approve=True, spans=[])
    make_quote(db, ids[8], parks, approve=False, spans=[])
    make_quote(db, ids[9], parks, approve=False, spans=[{"start": 5, "end": 17, "type": "phone"}])
    await sign_in(client, facilitator)
    return {"cid": cid, "buses": buses, "parks": parks}


async def test_index_lists_themes_with_approved_quote_counts(
    client: httpx.AsyncClient, workshop: dict[str, int]
) -> None:
    page = await client.get(f"/workshop/{workshop['cid']}")
    assert page.status_code == 200
    assert "7 approved quotes" in page.text
    assert "Buses</a> (5)" in page.text and "Parks &lt;b&gt;</a> (2)" in page.text


async def test_wall_steps_through_one_quote_at_a_time_with_plain_links(
    client: httpx.AsyncClient, workshop: dict[str, int]
) -> None:
    base = f"/workshop/{workshop['cid']}/wall?theme={workshop['buses']}"
    first = await client.get(base)
    assert "Approved quote 0" in first.text and "1 / 5" in first.text
    assert 'id="next"' in first.text and 'id="prev"' not in first.text
    assert '<script src="/console/static/workshop.js" defer>' in first.text
    last = await client.get(base + "&i=99")
    assert "Approved quote 4" in last.text and 'id="next"' not in last.text
    grid = await client.get(base + "&mode=grid")
    assert all(f"Approved quote {i}" in grid.text for i in range(5))
    js = await client.get("/console/static/workshop.js")
    assert "ArrowRight" in js.text


async def test_pending_and_rejected_quotes_never_reach_the_workshop(
    client: httpx.AsyncClient, workshop: dict[str, int]
) -> None:
    cid = workshop["cid"]
    pages = [
        await client.get(f"/workshop/{cid}/wall?mode=grid"),
        await client.get(f"/workshop/{cid}/wall?theme={workshop['parks']}&mode=grid"),
        await client.get(f"/workshop/{cid}/cards"),
    ]
    for page in pages:
        assert page.status_code == 200
        assert "Secret pending" not in page.text and "07700" not in page.text


async def test_cards_come_six_to_an_a4_sheet(
    client: httpx.AsyncClient, workshop: dict[str, int]
) -> None:
    cards = await client.get(f"/workshop/{workshop['cid']}/cards")
    assert cards.text.count('class="sheet"') == 2
    assert cards.text.count('class="card"') == 7
    css = await client.get("/console/static/workshop.css")
    assert "size: A4 portrait" in css.text and "break-after: page" in css.text


async def test_facilitators_see_nothing_else(
    client: httpx.AsyncClient, workshop: dict[str, int]
) -> None:
    cid = workshop["cid"]
    for path in (
        f"/console/consultations/{cid}",
        f"/console/consultations/{cid}/answers",
        f"/console/consultations/{cid}/export.csv",
        f"/console/consultations/{cid}/quotes",
    ):
        assert (await client.get(path)).status_code == 403, path
    assert (await client.get("/workshop/999999")).status_code == 404
