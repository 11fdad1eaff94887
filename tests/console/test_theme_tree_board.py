"""The theme tree on the board and in the REST API: broad themes first, sub-themes a
click away, "about N" as an instant re-cut that is kept, and the multi-theme note."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy.engine import Engine

from nlp.embeddings.hashing import HashingEmbedder
from nlp.themes import service
from storage.db import session_scope
from storage.models.accounts import Role
from storage.models.themes import ThemeLevel
from storage.repositories import themes as repo
from tests.console.factories import add_answers, make_consultation, make_officer, sign_in
from tests.console.test_api import _token
from tests.nlp.themes_factories import TOPICS


def themed(db: Engine, cid: int) -> None:
    texts = [t for group in TOPICS.values() for t in group] * 2
    texts += ["buses late and bins not collected"] * 3  # two themes in one answer
    add_answers(db, cid, texts, ward="Acton")
    with session_scope(db) as session:
        service.refit_consultation(session=session, consultation_id=cid, embedder=HashingEmbedder())


@pytest.fixture
async def board(client: httpx.AsyncClient, db: Engine) -> dict[str, object]:
    officer = make_officer(db)
    cid = make_consultation(db, shared_with=[officer])
    themed(db, cid)
    token = await sign_in(client, officer)
    return {"cid": cid, "token": token}


def broad_count(db: Engine, cid: int) -> int:
    with session_scope(db) as session:
        return len(repo.list_themes(session=session, consultation_id=cid, level=ThemeLevel.BROAD))


async def test_board_shows_broad_themes_with_their_sub_themes(
    client: httpx.AsyncClient, db: Engine, board: dict[str, object]
) -> None:
    cid = board["cid"]
    page = await client.get(f"/console/consultations/{cid}/themes")
    assert page.status_code == 200
    assert "<strong>broad themes</strong>" in page.text
    assert 'class="sub-themes"' in page.text
    assert "Critical " in page.text  # sentiment shares per theme
    subs = await client.get(f"/console/consultations/{cid}/themes?level=sub")
    assert "<strong>sub-themes</strong>" in subs.text
    bad = await client.get(f"/console/consultations/{cid}/themes?level=leaf")
    assert bad.status_code == 422


async def test_about_n_broad_recuts_at_once_and_is_kept(
    client: httpx.AsyncClient, db: Engine, board: dict[str, object]
) -> None:
    cid, token = board["cid"], board["token"]
    assert isinstance(cid, int)
    url = f"/console/consultations/{cid}/themes/about"
    done = await client.post(url, data={"csrf_token": token, "level": "broad", "n": "2"})
    assert done.status_code == 303
    assert broad_count(db, cid) == 2
    page = await client.get(f"/console/consultations/{cid}/themes")
    assert "you asked for about 2" in page.text
    with session_scope(db) as session:
        service.refit_consultation(session=session, consultation_id=cid, embedder=HashingEmbedder())
    assert broad_count(db, cid) == 2  # kept through a refit
    await client.post(url, data={"csrf_token": token, "level": "broad", "n": "2", "reset": "1"})
    assert "you asked for" not in (await client.get(f"/console/consultations/{cid}/themes")).text
    for bad in ({"level": "broad", "n": "0"}, {"level": "leaf", "n": "3"}, {"level": "broad"}):
        response = await client.post(url, data={"csrf_token": token, **bad})
        assert response.status_code in (303, 422)
    # Nothing changed by the bad requests (the default cut is still there).
    assert "you asked for" not in (await client.get(f"/console/consultations/{cid}/themes")).text
    missing_csrf = await client.post(url, data={"level": "broad", "n": "3"})
    assert missing_csrf.status_code in (400, 403)


async def test_the_api_serves_the_tree(client: httpx.AsyncClient, db: Engine) -> None:
    officer = make_officer(db, Role.READONLY)
    cid = make_consultation(db, shared_with=[officer])
    themed(db, cid)
    token = await _token(client, await sign_in(client, officer))
    client.cookies.clear()
    auth = {"authorization": f"Bearer {token}"}
    tree = (await client.get(f"/api/v1/consultations/{cid}/themes/tree", headers=auth)).json()
    assert tree["default_broad"] >= 1 and tree["broad_themes"]
    subs = [s for b in tree["broad_themes"] for s in b["sub_themes"]]
    assert subs and all(s["parent_id"] for s in subs)
    flat = (await client.get(f"/api/v1/consultations/{cid}/themes", headers=auth)).json()
    assert {t["id"] for t in flat if not t["is_other"]} == {s["id"] for s in subs}
    nobody = await client.get(f"/api/v1/consultations/{cid}/themes/tree")
    assert nobody.status_code == 401
