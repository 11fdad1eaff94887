"""The console in Welsh, continued: Welsh names for split parts and codebook themes, and
refusals (a bad results link, an edit refused below the console) in the page's language."""

from __future__ import annotations

from html import unescape

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import select

from storage.db import session_scope
from storage.models.accounts import Role
from storage.models.themes import Theme
from tests.console.factories import (
    add_answers,
    make_consultation,
    make_officer,
    make_themes,
    sign_in,
)
from tests.console.test_console_welsh import ENGLISH, WELSH, _html_lang  # noqa: F401


async def test_split_parts_and_codebook_themes_need_welsh_names_too(
    client: httpx.AsyncClient, db: Engine
) -> None:
    officer = make_officer(db)
    cid = make_consultation(db, shared_with=[officer])
    answers = add_answers(db, cid, [f"Buses {i}" for i in range(4)])
    (theme_id,) = make_themes(db, cid, {"Buses": answers})
    token = await sign_in(client, officer)
    base = f"/console/consultations/{cid}/themes"
    split = {"csrf_token": token, "part1": "Evening", "part2": "Weekend"}
    split |= {f"answer_{a}": "1" for a in answers[:2]} | {f"answer_{a}": "2" for a in answers[2:]}
    english_only = await client.post(f"{base}/{theme_id}/split", data=split)
    assert english_only.status_code == 303
    page = await client.get(english_only.headers["location"], headers=WELSH)
    assert "rhowch enw Cymraeg i'r thema hefyd" in unescape(page.text)
    with session_scope(db) as session:
        theme = session.get(Theme, theme_id)
        assert theme is not None and theme.status == "active"
    split |= {"part1_cy": "Gyda'r nos", "part2_cy": "Penwythnos"}
    assert (await client.post(f"{base}/{theme_id}/split", data=split)).status_code == 303
    with session_scope(db) as session:
        parts = {t.display_label("cy") for t in session.exec(select(Theme))}
    assert {"Gyda'r nos", "Penwythnos"} <= parts
    seed = {"csrf_token": token, "label": "Parking", "examples": "parking\ncar park"}
    await client.post(f"{base}/seed", data=seed)
    with session_scope(db) as session:
        assert not [t for t in session.exec(select(Theme)) if t.is_seed]
    await client.post(f"{base}/seed", data=seed | {"label_cy": "Parcio"})
    with session_scope(db) as session:
        welsh = {t.display_label("cy") for t in session.exec(select(Theme))}
    assert "Parcio" in welsh


async def test_a_bad_results_link_is_explained_in_the_page_language(
    client: httpx.AsyncClient, db: Engine
) -> None:
    officer = make_officer(db)
    cid = make_consultation(db, shared_with=[officer])
    token = await sign_in(client, officer)
    url = f"/console/consultations/{cid}/found-out"
    form = {"csrf_token": token, "found_out_en": "We heard you.", "found_out_cy": "Clywson ni."}
    for link, welsh in [
        ("https://council@evil.example/", "Ni chaiff y ddolen"),
        ("wrexham dot gov", "Mae bylchau yn y ddolen"),
        ("https://" + "a" * 600 + ".example", "nod o hyd"),
    ]:
        refused = await client.post(url, data=form | {"results_url": link}, headers=WELSH)
        assert refused.status_code == 400
        assert "Heb ei gyhoeddi:" in refused.text and welsh in unescape(refused.text)
    english = await client.post(url, data=form | {"results_url": "ftp://x.example"})
    assert "Not published: The link to the published results must be" in english.text
    edited = await client.post(
        f"/console/consultations/{cid}/edit",
        data={"csrf_token": token, "results_url": "https://a@b.example"},
        headers=WELSH,
    )
    assert edited.status_code in (400, 422)


async def test_refusals_from_below_the_console_are_explained_in_welsh(
    client: httpx.AsyncClient, db: Engine
) -> None:
    admin = make_officer(db, Role.ADMIN)
    cid = make_consultation(db, shared_with=[admin])
    answers = add_answers(db, cid, ["Buses", "More buses", "asdf"])
    buses, other = make_themes(db, cid, {"Buses": answers[:2], "Other": answers[2:]})
    token = await sign_in(client, admin)
    base = f"/console/consultations/{cid}/themes"
    await client.post(f"{base}/{buses}/merge", data={"csrf_token": token, "target_id": other})
    page = await client.get(base, headers=WELSH)
    assert "Heb ei newid: cyfunwch â thema weithredol nad yw'n 'arall'" in unescape(page.text)
    duplicate = {"csrf_token": token, "email": admin.email, "role": "officer"}
    await client.post("/console/users", data=duplicate | {"password": "x" * 12})
    users = await client.get("/console/users", headers=WELSH)
    assert f"Ni chrëwyd y cyfrif: mae cyfrif ar gyfer {admin.email} yn bodoli eisoes" in (
        unescape(users.text)
    )
    short = duplicate | {"email": "new@council.example", "password": "short"}
    await client.post("/console/users", data=short)
    users = await client.get("/console/users", headers=ENGLISH)
    assert "Account not created: a password needs at least 10 characters" in users.text


def test_every_known_reason_is_recognised_and_an_unknown_one_passes_through() -> None:
    from console.reasons import explain

    raised = {
        "a theme name is at most 200 characters": "ni all enw thema fod yn hwy na 200 nod",
        "answer 12 is not in this consultation": "nid yw ateb 12 yn yr ymgynghoriad hwn",
        "round 3 is still open: close it first": "mae rownd 3 yn dal ar agor: caewch hi yn gyntaf",
        "'x@' is not an e-mail address": "nid yw 'x@' yn gyfeiriad e-bost",
        "something new went wrong": "something new went wrong",
    }
    for english, welsh in raised.items():
        assert explain(ValueError(english), "cy") == welsh
        assert explain(ValueError(english), "en") == english
