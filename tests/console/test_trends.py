"""Themes across rounds and years, through the console and the API."""

from __future__ import annotations

import re

import httpx
import numpy as np
from sqlalchemy.engine import Engine
from sqlmodel import select

from nlp.embeddings import default_embedder
from storage.db import session_scope
from storage.models.lineage import ThemeMatch
from storage.models.themes import Theme
from tests.console.factories import add_answers, make_consultation, make_officer, sign_in


def _fitted_themes(db: Engine, cid: int, themes: dict[str, int]) -> dict[str, int]:
    """Themes with real centroids (the labels embedded) and `n` answers each."""
    from storage.models.themes import ThemeAssignment

    embedder = default_embedder()
    vectors = embedder.encode(list(themes))
    ids = {}
    with session_scope(db) as session:
        for (label, n), vector in zip(themes.items(), vectors, strict=True):
            theme = Theme(
                consultation_id=cid,
                label_en=label,
                label_cy=label,
                size=n,
                centroid=np.asarray(vector, dtype="<f4").tobytes(),
                model=embedder.name,
            )
            session.add(theme)
            session.flush()
            ids[label] = theme.id or 0
        session.commit()
    for label, n in themes.items():
        answer_ids = add_answers(db, cid, [label] * n)
        with session_scope(db) as session:
            for answer_id in answer_ids:
                session.add(ThemeAssignment(answer_id=answer_id, theme_id=ids[label]))
    return ids


async def _two_years(client: httpx.AsyncClient, db: Engine) -> tuple[int, int, dict[str, int], str]:
    officer = make_officer(db)
    last = make_consultation(db, shared_with=[officer], title_en="Budget 2025")
    this = make_consultation(db, shared_with=[officer], title_en="Budget 2026")
    _fitted_themes(db, last, {"Buses are late": 10, "Dog fouling in parks": 10, "Potholes": 10})
    now = _fitted_themes(
        db,
        this,
        {"Not enough bus services": 20, "Road surfaces and potholes": 5, "Library hours": 5},
    )
    token = await sign_in(client, officer)
    return last, this, now, token


async def test_a_second_year_shows_new_growing_and_fading_themes(
    client: httpx.AsyncClient, db: Engine
) -> None:
    last, this, now, token = await _two_years(client, db)
    empty = await client.get(f"/console/consultations/{this}/trends")
    assert "Not linked to an earlier consultation yet" in empty.text
    linked = await client.post(
        f"/console/consultations/{this}/trends/link",
        data={"csrf_token": token, "earlier_id": str(last)},
        follow_redirects=True,
    )
    assert linked.status_code == 200 and "Linked" in linked.text
    rows = {
        m.group(1): m.group(2)
        for m in re.finditer(
            r'<th scope="row">([^<]+)</th>.*?<td>(\w[\w ]*) / <span', linked.text, re.S
        )
    }
    assert rows["Not enough bus services"] == "Growing"  # 33 % -> 67 %
    assert rows["Road surfaces and potholes"] == "Fading"  # 33 % -> 17 %
    assert rows["Library hours"] == "New"
    assert "Raised in Budget 2025, not this time" in linked.text and "Dog fouling" in linked.text
    assert "Yn tyfu" in linked.text and "Newydd" in linked.text

    api_token = await _api_token(client, token)
    served = (
        await client.get(
            f"/api/v1/consultations/{this}/trends", headers={"authorization": f"Bearer {api_token}"}
        )
    ).json()
    by_label = {t["label"]: t for t in served["themes"]}
    buses = by_label["Not enough bus services"]
    assert buses["trend"] == "growing" and buses["earlier"][0]["label"] == "Buses are late"
    assert buses["lineage_id"] == buses["earlier"][0]["theme_id"]
    assert by_label["Library hours"]["earlier"] == [None]
    assert served["rounds"][0]["title"] == "Budget 2025"


async def test_officer_decisions_survive_new_suggestions(
    client: httpx.AsyncClient, db: Engine
) -> None:
    last, this, now, token = await _two_years(client, db)
    await client.post(
        f"/console/consultations/{this}/trends/link",
        data={"csrf_token": token, "earlier_id": str(last)},
    )
    with session_scope(db) as session:
        matches = {m.theme_id: m for m in session.exec(select(ThemeMatch))}
    roads = matches[now["Road surfaces and potholes"]]
    buses = matches[now["Not enough bus services"]]
    await client.post(
        f"/console/consultations/{this}/trends/matches/{roads.id}/refuse",
        data={"csrf_token": token},
    )
    await client.post(
        f"/console/consultations/{this}/trends/matches/{buses.id}/confirm",
        data={"csrf_token": token},
    )
    again = await client.post(
        f"/console/consultations/{this}/trends/refresh",
        data={"csrf_token": token},
        follow_redirects=True,
    )
    assert "kept" in again.text
    with session_scope(db) as session:
        states = {(m.theme_id, m.state) for m in session.exec(select(ThemeMatch))}
    assert (now["Road surfaces and potholes"], "refused") in states
    assert (now["Not enough bus services"], "confirmed") in states
    # Refused is never suggested again: potholes now reads as new.
    assert re.search(r"Road surfaces and potholes</th>.*?<td>New /", again.text, re.S)


async def test_bad_links_are_refused_with_a_reason(client: httpx.AsyncClient, db: Engine) -> None:
    last, this, _, token = await _two_years(client, db)
    hidden = make_consultation(db, title_en="Not shared")
    url = f"/console/consultations/{this}/trends/link"
    to_self = await client.post(
        url, data={"csrf_token": token, "earlier_id": str(this)}, follow_redirects=True
    )
    assert "cannot follow on from itself" in to_self.text
    unseen = await client.post(url, data={"csrf_token": token, "earlier_id": str(hidden)})
    assert unseen.status_code == 404
    for bad in ("", "abc", "-1", str(2**64)):
        assert (
            await client.post(url, data={"csrf_token": token, "earlier_id": bad})
        ).status_code == 422
    await client.post(url, data={"csrf_token": token, "earlier_id": str(last)})
    twice = await client.post(
        url, data={"csrf_token": token, "earlier_id": str(last)}, follow_redirects=True
    )
    assert "already linked" in twice.text
    backwards = await client.post(
        f"/console/consultations/{last}/trends/link",
        data={"csrf_token": token, "earlier_id": str(this)},
        follow_redirects=True,
    )
    assert "already follows on from this one" in backwards.text
    # A match of another consultation, through this consultation's URL: refused.
    with session_scope(db) as session:
        foreign = session.exec(select(ThemeMatch)).first()
    assert foreign is not None
    crossed = await client.post(
        f"/console/consultations/{last}/trends/matches/{foreign.id}/confirm",
        data={"csrf_token": token},
    )
    assert crossed.status_code == 404


async def test_a_link_between_consultations_sharing_no_themes(
    client: httpx.AsyncClient, db: Engine
) -> None:
    officer = make_officer(db)
    earlier = make_consultation(db, shared_with=[officer], title_en="Schools 2025")
    later = make_consultation(db, shared_with=[officer], title_en="Parking 2026")
    _fitted_themes(db, earlier, {"Welsh-medium school places": 4})
    _fitted_themes(db, later, {"Car park charges": 6, "Blue badge bays": 3})
    token = await sign_in(client, officer)
    page = await client.post(
        f"/console/consultations/{later}/trends/link",
        data={"csrf_token": token, "earlier_id": str(earlier)},
        follow_redirects=True,
    )
    assert page.text.count(">New /") == 2
    assert "Welsh-medium school places" in page.text.split("not this time")[1]
    with session_scope(db) as session:
        assert session.exec(select(ThemeMatch)).first() is None


async def _api_token(client: httpx.AsyncClient, token: str) -> str:
    await client.post("/console/tokens", data={"csrf_token": token, "name": "website"})
    tokens_page = (await client.get("/console/tokens")).text
    match = re.search(r"<code>(wm_[A-Za-z0-9_-]+)</code>", tokens_page)
    assert match
    return match.group(1)
