"""The theme board, officer edits, quotes queue, found-out draft and quality check."""

from __future__ import annotations

import re
from typing import TypedDict

import httpx
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from storage.db import session_scope
from storage.models import AuditEvent, Consultation
from storage.models.quotes import Quote, QuoteStatus
from storage.models.themes import Theme, ThemeAssignment, ThemeStatus
from storage.repositories import themes as themes_store
from tests.console.factories import (
    add_answers,
    make_consultation,
    make_officer,
    make_quote,
    make_themes,
    sign_in,
)

XSS = "<script>alert(1)</script>"


class Setup(TypedDict):
    """A consultation with three themes, and an officer signed in to it."""

    cid: int
    token: str
    themes: list[int]
    buses: list[int]
    parks: list[int]


@pytest.fixture
async def setup(client: httpx.AsyncClient, db: Engine) -> Setup:
    officer = make_officer(db)
    cid = make_consultation(db, shared_with=[officer])
    buses = add_answers(db, cid, [f"More buses please {i}" for i in range(12)], ward="Gresford")
    parks = add_answers(
        db,
        cid,
        ["Parks are lovely", "Call Siân on 07700 900123 about parks", "Parks need bins"],
        ward="Acton",
    )
    other = add_answers(db, cid, ["asdf"], ward="Acton")
    theme_ids = make_themes(db, cid, {"Buses": buses, f"Parks {XSS}": parks, "Other": other})
    token = await sign_in(client, officer)
    return Setup(cid=cid, token=token, themes=theme_ids, buses=buses, parks=parks)


async def test_board_shows_counts_shares_approved_quotes_and_suppressed_breakdowns(
    client: httpx.AsyncClient, db: Engine, setup: Setup
) -> None:
    cid, (_, parks_id, _), parks = setup["cid"], setup["themes"], setup["parks"]
    assert isinstance(parks, list)
    make_quote(db, parks[0], parks_id, approve=True, spans=[])
    make_quote(db, parks[2], parks_id, approve=False, spans=[])
    page = await client.get(f"/console/consultations/{cid}/themes")
    assert page.status_code == 200
    text = page.text
    assert "12 answers · 75%" in text and "3 answers · 19%" in text
    assert "outliers" in text and "1 answer · 6%" in text
    assert "Parks are lovely" in text  # approved quote
    assert "Parks need bins" not in text  # pending quotes never shown
    assert XSS not in text and "&lt;script&gt;" in text
    assert "<svg" in text and "<title>Answers per theme</title>" in text
    # Parks has 3 answers in Acton: below the threshold of 5, so hidden.
    table = text.split("The same numbers as a table")[1]
    assert re.search(r"Gresford</th>", table)
    assert "hidden" in table
    assert ">12<" in table


async def test_breakdown_dimensions_and_an_unknown_one(
    client: httpx.AsyncClient, setup: Setup
) -> None:
    cid = setup["cid"]
    for by in ("age_band", "channel", "language"):
        assert (await client.get(f"/console/consultations/{cid}/themes?by={by}")).status_code == 200
    assert (await client.get(f"/console/consultations/{cid}/themes?by=postcode")).status_code == 422


async def test_rename_merge_move_and_split_are_saved_and_audited(
    client: httpx.AsyncClient, db: Engine, setup: Setup
) -> None:
    cid, token = setup["cid"], setup["token"]
    buses_id, parks_id, other_id = setup["themes"]
    buses = setup["buses"]
    assert isinstance(buses, list)
    base = f"/console/consultations/{cid}"
    await client.post(
        f"{base}/themes/{buses_id}/rename",
        data={"csrf_token": token, "label": "Bus frequency", "label_cy": "Amlder bysiau"},
    )
    await client.post(
        f"{base}/answers/{buses[0]}/move",
        data={"csrf_token": token, "theme_id": other_id, "back": buses_id},
    )
    split = {"csrf_token": token, "part1": "Evening buses", "part2": "Weekend buses"}
    split |= {"part1_cy": "Bysiau gyda'r nos", "part2_cy": "Bysiau penwythnos"}
    split |= {f"answer_{a}": "1" for a in buses[1:4]} | {f"answer_{a}": "2" for a in buses[4:6]}
    response = await client.post(f"{base}/themes/{buses_id}/split", data=split)
    assert response.status_code == 303
    await client.post(
        f"{base}/themes/{parks_id}/merge", data={"csrf_token": token, "target_id": other_id}
    )
    with session_scope(db) as session:
        renamed = session.get(Theme, buses_id)
        assert renamed is not None and renamed.officer_label == "Bus frequency"
        assert renamed.status == ThemeStatus.MERGED  # split replaces it with its parts
        labels = {t.officer_label for t in session.exec(select(Theme)) if t.is_seed is False}
        assert {"Evening buses", "Weekend buses"} <= labels
        welsh = {t.display_label("cy") for t in session.exec(select(Theme))}
        assert {"Bysiau gyda'r nos", "Bysiau penwythnos"} <= welsh
        moved = session.exec(
            select(ThemeAssignment).where(ThemeAssignment.answer_id == buses[0])
        ).all()
        assert [a.theme_id for a in moved] == [other_id]
        audited = [e.action for e in session.exec(select(AuditEvent))]
    assert {"theme_renamed", "theme_answer_moved", "theme_split"} <= set(audited)
    board = await client.get(f"{base}/themes")
    assert "Evening buses" in board.text
    assert "the &#39;other&#39; bucket" in board.text or "Not changed" in board.text


async def test_pinning_an_answer_sends_a_redacted_quote_to_the_queue_and_approval_shows_it(
    client: httpx.AsyncClient, db: Engine, setup: Setup
) -> None:
    cid, token, parks = setup["cid"], setup["token"], setup["parks"]
    _, parks_id, _ = setup["themes"]
    assert isinstance(parks, list)
    base = f"/console/consultations/{cid}"
    await client.post(
        f"{base}/themes/{parks_id}/pin", data={"csrf_token": token, "answer_id": parks[1]}
    )
    queue = await client.get(f"{base}/quotes")
    assert "[phone]" in queue.text and "Will show:" in queue.text
    with session_scope(db) as session:
        quote = session.exec(select(Quote).where(Quote.answer_id == parks[1])).one()
    assert "07700" not in quote.redacted_text
    # Un-hide nothing, hide one more word, then approve.
    await client.post(
        f"{base}/quotes/{quote.id}/spans",
        data={"csrf_token": token, "add_text": "parks", "add_type": "redacted"},
    )
    await client.post(
        f"{base}/quotes/{quote.id}/decide", data={"csrf_token": token, "decision": "approve"}
    )
    with session_scope(db) as session:
        approved = session.get(Quote, quote.id)
    assert approved is not None and approved.status == QuoteStatus.APPROVED
    assert "[redacted]" in approved.redacted_text
    board = await client.get(f"{base}/themes")
    assert approved.redacted_text.replace("'", "&#39;") in board.text


async def test_found_out_draft_is_built_from_themes_and_published(
    client: httpx.AsyncClient, db: Engine, setup: Setup
) -> None:
    cid, token = setup["cid"], setup["token"]
    page = await client.get(f"/console/consultations/{cid}/found-out")
    assert "We received 16 answers" in page.text and "Buses: 12 answers (75%)" in page.text
    assert "Cawsom 16 o atebion" in page.text
    await client.post(
        f"/console/consultations/{cid}/found-out",
        data={
            "csrf_token": token,
            "found_out_en": "Buses matter most.",
            "found_out_cy": "Bysiau sydd bwysicaf.",
        },
    )
    with session_scope(db) as session:
        consultation = session.get(Consultation, cid)
    assert consultation is not None and consultation.found_out_cy == "Bysiau sydd bwysicaf."


async def test_quality_check_measures_agreement_with_the_officer(
    client: httpx.AsyncClient, setup: Setup
) -> None:
    cid, token = setup["cid"], setup["token"]
    buses_id, parks_id, other_id = setup["themes"]
    buses, parks = setup["buses"], setup["parks"]
    assert isinstance(buses, list) and isinstance(parks, list)
    codes = {f"code_{a}": str(buses_id) for a in buses}
    codes |= {
        f"code_{parks[0]}": str(parks_id),
        f"code_{parks[1]}": str(buses_id),
        f"code_{parks[2]}": "none",
    }
    drawn = await client.post(
        f"/console/consultations/{cid}/quality/sample",
        data={"csrf_token": token, "size": "16"},
        follow_redirects=True,
    )
    for answer in re.findall(r'name="code_(\d+)"', drawn.text):
        codes.setdefault(f"code_{answer}", "none")  # the "Other" answer
    await client.post(f"/console/consultations/{cid}/quality", data={"csrf_token": token, **codes})
    page = await client.get(f"/console/consultations/{cid}/quality")
    assert "You have coded 16 of 16 answers" in page.text
    # 14 of 16 main themes agree; the statement gives kappa and F1 with intervals.
    assert "Automatic themes / Officer A" in page.text
    assert "95 % confidence intervals come from 1,000 bootstrap resamples" in page.text


async def test_the_board_cache_never_shows_stale_numbers(
    client: httpx.AsyncClient, db: Engine, setup: Setup
) -> None:
    cid = setup["cid"]
    buses_id = setup["themes"][0]
    assert isinstance(cid, int)
    first = await client.get(f"/console/consultations/{cid}/themes")
    assert "12 answers · 75%" in first.text
    new = add_answers(db, cid, ["Even more buses"], ward="Gresford")
    with session_scope(db) as session:
        session.add(ThemeAssignment(answer_id=new[0], theme_id=buses_id))
    again = await client.get(f"/console/consultations/{cid}/themes")
    assert "13 answers · 76%" in again.text
    with session_scope(db) as session:
        theme = session.get(Theme, buses_id)
        assert theme is not None
        themes_store.save_theme(session=session, theme=theme, officer_label="Bus services")
    assert "Bus services" in (await client.get(f"/console/consultations/{cid}/themes")).text
