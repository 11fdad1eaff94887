"""The console in Welsh and English, through the real routes: who picks the language, what
each page says, and Welsh theme names reaching Welsh residents."""

from __future__ import annotations

import re
from html import unescape

import httpx
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from storage.db import session_scope
from storage.models.accounts import Officer, Role
from storage.models.playback import PlaybackRound
from storage.models.themes import Theme
from tests.console.factories import (
    add_answers,
    csrf_of,
    make_consultation,
    make_officer,
    make_quote,
    make_themes,
    sign_in,
)
from usecases.playback.rounds import open_round

WELSH = {"accept-language": "cy-GB,cy;q=0.9,en;q=0.5"}
ENGLISH = {"accept-language": "en-GB,en;q=0.9"}


def _html_lang(page: httpx.Response) -> str:
    match = re.search(r'<html lang="([a-z]+)">', page.text)
    assert match, page.text[:200]
    return match.group(1)


def _language_of(db: Engine, officer: Officer) -> str | None:
    with session_scope(db) as session:
        stored = session.get(Officer, officer.id)
        assert stored is not None
        return stored.console_language


async def test_the_browser_language_picks_the_sign_in_page_and_a_hostile_header_gives_english(
    client: httpx.AsyncClient,
) -> None:
    welsh = await client.get("/console/login", headers=WELSH)
    assert _html_lang(welsh) == "cy" and welsh.headers["content-language"] == "cy"
    assert "<h1>Mewngofnodi</h1>" in welsh.text and "Sign in" not in welsh.text
    english = await client.get("/console/login", headers=ENGLISH)
    assert _html_lang(english) == "en" and "<h1>Sign in</h1>" in english.text
    hostile_headers = ["x" * 50_000, "cy;q=abc,,;;", "de;q=1, cy;q=NaN", "*"]
    for hostile in [h.encode() for h in hostile_headers] + ["\u202ecy".encode()]:
        page = await client.get("/console/login", headers={b"accept-language": hostile})
        assert page.status_code == 200 and _html_lang(page) == "en"


async def test_an_officer_switches_to_welsh_and_it_sticks_over_the_browser(
    client: httpx.AsyncClient, db: Engine
) -> None:
    officer = make_officer(db)
    cid = make_consultation(db, shared_with=[officer])
    token = await sign_in(client, officer)
    assert _language_of(db, officer) is None
    switched = await client.post(
        "/console/language",
        data={"csrf_token": token, "language": "cy", "next": f"/console/consultations/{cid}"},
        headers=ENGLISH,
    )
    assert switched.status_code == 303
    assert switched.headers["location"] == f"/console/consultations/{cid}"
    assert _language_of(db, officer) == "cy"
    page = await client.get(f"/console/consultations/{cid}", headers=ENGLISH)
    assert _html_lang(page) == "cy"
    assert "Trosolwg" in page.text and "Dyfyniadau" in page.text and "Overview" not in page.text
    # The account's choice follows the officer to a new session (another browser).
    await client.post("/console/logout", data={"csrf_token": token})
    client.cookies.clear()
    await sign_in(client, officer)
    assert _html_lang(await client.get("/console/", headers=ENGLISH)) == "cy"


async def test_the_language_switch_refuses_bad_input_without_changing_anything(
    client: httpx.AsyncClient, db: Engine
) -> None:
    officer = make_officer(db)
    token = await sign_in(client, officer)
    for bad in ["fr", "cymraeg", "cy-GB", "", "<script>", "c\u0177"]:
        response = await client.post(
            "/console/language", data={"csrf_token": token, "language": bad}, headers=WELSH
        )
        assert response.status_code in (400, 422), bad
        assert _language_of(db, officer) is None
    refused = await client.post(
        "/console/language", data={"csrf_token": token, "language": "fr"}, headers=WELSH
    )
    assert (
        "Saesneg (en) neu'n Gymraeg (cy)" in unescape(refused.text) and _html_lang(refused) == "cy"
    )
    oversized = await client.post(
        "/console/language", data={"csrf_token": token, "language": "c" * 10_000}
    )
    assert oversized.status_code == 422
    no_token = await client.post("/console/language", data={"language": "cy"})
    assert no_token.status_code == 403 and _language_of(db, officer) is None
    # Only ever back into the console: no open redirect through `next`.
    for next_path in ["//evil.example/", "https://evil.example/", "/console\\..\\evil", "x" * 3000]:
        response = await client.post(
            "/console/language", data={"csrf_token": token, "language": "en", "next": next_path}
        )
        assert response.status_code in (303, 422)
        if response.status_code == 303:
            assert response.headers["location"] == "/console/"


async def test_a_language_picked_while_signed_out_carries_into_the_session(
    client: httpx.AsyncClient, db: Engine
) -> None:
    officer = make_officer(db)
    token = await csrf_of(client)
    await client.post(
        "/console/language",
        data={"csrf_token": token, "language": "cy", "next": "/console/login"},
    )
    login = await client.get("/console/login", headers=ENGLISH)
    assert _html_lang(login) == "cy"
    await sign_in(client, officer)
    home = await client.get("/console/", headers=ENGLISH)
    assert _html_lang(home) == "cy" and "Ymgynghoriadau" in home.text
    # A session choice is not an account choice: it was never saved on the account.
    assert _language_of(db, officer) is None


async def test_an_administrator_sets_an_officers_language_on_the_users_page(
    client: httpx.AsyncClient, db: Engine
) -> None:
    admin = make_officer(db, Role.ADMIN)
    colleague = make_officer(db)
    token = await sign_in(client, admin)
    page = await client.get("/console/users", headers=WELSH)
    assert "Iaith y porwr" in page.text and '<option value="cy" lang="cy"' in page.text
    url = f"/console/users/{colleague.id}"
    saved = await client.post(
        url, data={"csrf_token": token, "role": "officer", "active": "true", "language": "cy"}
    )
    assert saved.status_code == 303 and _language_of(db, colleague) == "cy"
    flashed = await client.get("/console/users", headers=WELSH)
    assert f"Wedi cadw {colleague.email}." in flashed.text
    refused = await client.post(
        url, data={"csrf_token": token, "role": "officer", "active": "true", "language": "xx"}
    )
    assert refused.status_code == 400 and _language_of(db, colleague) == "cy"
    back = await client.post(
        url, data={"csrf_token": token, "role": "officer", "active": "true", "language": ""}
    )
    assert back.status_code == 303 and _language_of(db, colleague) is None


async def test_errors_and_flash_messages_follow_the_page_language(
    client: httpx.AsyncClient, db: Engine
) -> None:
    officer = make_officer(db)
    cid = make_consultation(db, shared_with=[officer])
    token = await sign_in(client, officer)
    missing = await client.get("/console/consultations/999999", headers=WELSH)
    assert missing.status_code == 404 and "Heb ei ganfod" in missing.text
    assert "Nid oes ymgynghoriad o'r fath" in unescape(missing.text)
    english = await client.get("/console/consultations/999999", headers=ENGLISH)
    assert "No such consultation, or it is not shared with you." in english.text
    await client.post(
        f"/console/consultations/{cid}/shares",
        data={"csrf_token": token, "email": "nobody@council.example"},
    )
    # The flash is drawn in the language of the page that shows it.
    page = await client.get(f"/console/consultations/{cid}", headers=WELSH)
    assert "Nid oes cyfrif yn defnyddio nobody@council.example" in page.text


async def test_answers_and_quotes_carry_their_language_on_english_and_welsh_pages(
    client: httpx.AsyncClient, db: Engine
) -> None:
    officer = make_officer(db)
    cid = make_consultation(db, shared_with=[officer])
    welsh = add_answers(db, cid, ["Mae angen mwy o fysiau gyda'r nos"], language="cy")
    english = add_answers(db, cid, ["More buses in the evening"])
    (theme_id,) = make_themes(db, cid, {"Buses": welsh + english})
    make_quote(db, welsh[0], theme_id, approve=True, spans=[])
    make_quote(db, english[0], theme_id, approve=True, spans=[])
    await sign_in(client, officer)
    for headers in (ENGLISH, WELSH):
        answers = await client.get(f"/console/consultations/{cid}/answers", headers=headers)
        assert '<td lang="cy">Mae angen mwy o fysiau' in answers.text
        assert '<td lang="en">More buses in the evening' in answers.text
        wall = await client.get(f"/workshop/{cid}/wall?mode=grid", headers=headers)
        assert '<blockquote lang="cy">Mae angen mwy o fysiau' in wall.text
        assert '<blockquote lang="en">More buses' in wall.text
    welsh_wall = await client.get(f"/workshop/{cid}/wall", headers=WELSH)
    assert _html_lang(welsh_wall) == "cy" and "Nesaf" in welsh_wall.text


async def test_renaming_needs_a_welsh_name_which_reaches_welsh_residents(
    client: httpx.AsyncClient, db: Engine
) -> None:
    officer = make_officer(db)
    cid = make_consultation(db, shared_with=[officer])
    answers = add_answers(db, cid, [f"More buses please {i}" for i in range(6)])
    (theme_id,) = make_themes(db, cid, {"Buses": answers})
    token = await sign_in(client, officer)
    rename = f"/console/consultations/{cid}/themes/{theme_id}/rename"
    board = await client.get(f"/console/consultations/{cid}/themes", headers=WELSH)
    assert 'name="label_cy"' in board.text and "Enw newydd yn Gymraeg" in board.text

    refused = await client.post(rename, data={"csrf_token": token, "label": "Bus times"})
    assert refused.status_code == 303
    page = await client.get(f"/console/consultations/{cid}/themes", headers=WELSH)
    assert "rhowch enw Cymraeg i'r thema hefyd" in unescape(page.text)
    blank = {"csrf_token": token, "label": "Bus times", "label_cy": "   "}
    await client.post(rename, data=blank)
    too_long = {"csrf_token": token, "label": "Bus times", "label_cy": "b" * 201}
    assert (await client.post(rename, data=too_long)).status_code == 422
    with session_scope(db) as session:
        theme = session.get(Theme, theme_id)
        assert theme is not None and theme.officer_label is None

    both = {"csrf_token": token, "label": "Bus times", "label_cy": "  Amserau  bysiau "}
    assert (await client.post(rename, data=both)).status_code == 303
    with session_scope(db) as session:
        theme = session.get(Theme, theme_id)
        assert theme is not None
        assert (theme.officer_label, theme.officer_label_cy) == ("Bus times", "Amserau bysiau")

    # "What we found out": the Welsh draft names the theme in Welsh, the English in English.
    draft = await client.get(f"/console/consultations/{cid}/found-out")
    welsh_draft = re.search(r'name="found_out_cy"[^>]*>([^<]*)<', draft.text)
    assert welsh_draft is not None
    assert "- Amserau bysiau: 6 o atebion (100%)." in unescape(welsh_draft.group(1))
    assert "Cawsom 6 o atebion. Y prif themâu oedd:" in welsh_draft.group(1)
    assert "- Bus times: 6 answers (100%)." in draft.text

    # Playback: the round's Welsh wording is the officer's Welsh name.
    round_id = open_round(engine=db, consultation_id=cid, theme_ids=[theme_id])
    with session_scope(db) as session:
        playback = session.exec(select(PlaybackRound).where(PlaybackRound.id == round_id)).one()
        assert playback.labels[0]["cy"] == "Amserau bysiau"
        assert playback.labels[0]["en"] == "Bus times"
    shown = await client.get(f"/console/consultations/{cid}/playback", headers=WELSH)
    assert '<span lang="cy">Amserau bysiau</span>' in shown.text


@pytest.mark.parametrize("headers", [ENGLISH, WELSH], ids=["en", "cy"])
async def test_every_console_page_renders_in_both_languages(
    client: httpx.AsyncClient, db: Engine, headers: dict[str, str]
) -> None:
    admin = make_officer(db, Role.ADMIN)
    cid = make_consultation(db, shared_with=[admin])
    answers = add_answers(db, cid, ["Buses", "More buses", "Parks"], ward="Acton")
    theme_ids = make_themes(db, cid, {"Buses": answers[:2], "Parks": answers[2:]})
    make_quote(db, answers[0], theme_ids[0], approve=True, spans=[])
    make_quote(db, answers[1], theme_ids[0], approve=False, spans=[])
    await sign_in(client, admin)
    base = f"/console/consultations/{cid}"
    paths = [
        "/console/",
        "/console/users",
        "/console/audit",
        "/console/tokens",
        "/console/consultations/new",
        base,
        f"{base}/edit",
        f"{base}/answers",
        f"{base}/themes",
        f"{base}/themes?by=language",
        f"{base}/themes/{theme_ids[0]}",
        f"{base}/quotes",
        f"{base}/quality",
        f"{base}/found-out",
        f"{base}/import",
        f"{base}/invitations",
        f"{base}/playback",
        f"{base}/exports",
        f"{base}/report",
        f"{base}/poster",
        f"{base}/responses",
        f"{base}/themes/{theme_ids[0]}/response",
        f"{base}/responses/draft",
        f"{base}/trends",
        f"/workshop/{cid}",
        f"/workshop/{cid}/wall",
        f"/workshop/{cid}/cards",
    ]
    language = headers["accept-language"][:2]
    for path in paths:
        page = await client.get(path, headers=headers)
        assert page.status_code == 200, path
        assert _html_lang(page) == language, path
    report = await client.get(f"{base}/report", headers=headers)
    assert ("Atebion fesul thema" if language == "cy" else "Answers per theme") in report.text


async def test_responses_trends_and_flags_speak_welsh_and_refuse_bad_input_in_welsh(
    client: httpx.AsyncClient, db: Engine
) -> None:
    officer = make_officer(db)
    cid = make_consultation(db, shared_with=[officer])
    answers = add_answers(db, cid, ["Mae angen mwy o fysiau"], language="cy")
    (theme_id,) = make_themes(db, cid, {"Buses": answers})
    token = await sign_in(client, officer)
    base = f"/console/consultations/{cid}"
    page = await client.get(f"{base}/responses", headers=WELSH)
    assert "Beth rydym yn ei wneud am bob thema" in page.text and "Dim ymateb eto" in page.text
    form = await client.get(f"{base}/themes/{theme_id}/response", headers=WELSH)
    assert "Byddwn yn gwneud hyn" in form.text and "Cadw&#39;r ymateb" in form.text
    # A bad date, then no words at all: refused on the form, in Welsh; nothing is saved.
    welsh_bus = "Bws newydd gyda'r nos"
    for fields, reason in [
        ({"detail_cy": welsh_bus, "status_date": "y gwanwyn"}, "Rhowch y dyddiad ar ffurf"),
        ({}, "Dywedwch beth fydd y cyngor yn ei wneud"),
    ]:
        bad = await client.post(
            f"{base}/themes/{theme_id}/response",
            data={"csrf_token": token, "decision": "will_do", "status": "planned", **fields},
            headers=WELSH,
        )
        assert bad.status_code == 400 and f"Heb ei gadw: {reason}" in unescape(bad.text)
    assert "Dim ymateb eto" in (await client.get(f"{base}/responses", headers=WELSH)).text
    saved = await client.post(
        f"{base}/themes/{theme_id}/response",
        data={
            "csrf_token": token,
            "decision": "will_do",
            "status": "planned",
            "detail_cy": welsh_bus,
        },
        headers=WELSH,
        follow_redirects=True,
    )
    # The flash names the theme by its Welsh name on a Welsh page.
    assert "Mae&#39;r ymateb i “Buses (cy)” wedi&#39;i gadw." in saved.text
    assert "Byddwn yn gwneud hyn" in saved.text and "Wedi&#39;i gynllunio" in saved.text
    report = await client.get(f"{base}/report", headers=WELSH)
    assert "Beth rydym yn ei wneud am bob thema" in report.text
    assert "Byddwn yn gwneud hyn" in report.text and "Wedi&#39;i gynllunio" in report.text
    # Removing a response twice: the second is a 404 that says why, in Welsh.
    for expected in (303, 404):
        removed = await client.post(
            f"{base}/themes/{theme_id}/response/delete",
            data={"csrf_token": token},
            headers=WELSH,
        )
        assert removed.status_code == expected
    assert "Nid oes gan y thema honno ymateb" in unescape(removed.text)
    trends = await client.get(f"{base}/trends", headers=WELSH)
    assert "Themâu ar draws rowndiau a blynyddoedd" in trends.text
    assert "Nid yw wedi&#39;i gysylltu ag ymgynghoriad cynharach eto." in trends.text
    odd = await client.post(
        f"{base}/trends/matches/1/maybe", data={"csrf_token": token}, headers=WELSH
    )
    assert odd.status_code == 404 and "Cadarnhewch neu gwrthodwch" in odd.text
    missing = await client.post(
        f"{base}/answers/999999/flags",
        data={"csrf_token": token, "kind": "spam", "action": "clear"},
        headers=WELSH,
        follow_redirects=True,
    )
    # No such answer in this consultation: the not-found page, in Welsh.
    assert missing.status_code == 404 and "yn yr ymgynghoriad hwn" in missing.text
