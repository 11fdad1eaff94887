"""Disputed themes in the console: a check round, the board, the API, the export, the report.

Residents' replies over SMS, Telegram and the web chat are tested in
tests/bot/playback; here their verdicts are stored as those replies leave
them, and every page and endpoint is read through the real app.
"""

from __future__ import annotations

import html
import json
import re

import httpx
from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from storage.db import session_scope
from storage.models import Answer, Channel, Participant
from storage.models.playback import PlaybackRecipient, PlaybackRound, ThemeAgreement, Verdict
from storage.models.themes import Theme
from tests.console.factories import (
    add_answers,
    make_consultation,
    make_officer,
    make_quote,
    make_themes,
    sign_in,
)
from tests.console.test_api import _token

WELSH = {"accept-language": "cy-GB,cy;q=0.9"}
CORRECTION = "I meant the night bus, ring me on 07700 900123"


def _people(db: Engine, cid: int) -> tuple[list[int], list[int]]:
    """Four residents in Buses, two in Parks, one in Libraries (who asked not to hear back)."""
    ids = add_answers(db, cid, ["The buses stop at six"] * 4 + ["Parks"] * 2 + ["Books"])
    themes = make_themes(db, cid, {"Buses": ids[:4], "Parks": ids[4:6], "Libraries": ids[6:]})
    with session_scope(db) as session:
        people = [
            a.participant_id or 0
            for a in session.exec(select(Answer).where(col(Answer.id).in_(ids)))
        ]
        session.execute(
            update(Participant)
            .where(col(Participant.id).in_(people[:6]))
            .values(wants_feedback=True)
        )
    return themes, people


def _verdicts(
    db: Engine, cid: int, round_id: int, theme: int, given: list[tuple[int, Verdict, str]]
) -> list[int]:
    """Store residents' verdicts (and words) as the reply handler does; the words' answer ids."""
    ids = []
    with session_scope(db) as session:
        for person, verdict, words in given:
            answer_id = None
            if words:
                answer = Answer(
                    consultation_id=cid,
                    participant_id=person,
                    kind="correction",
                    channel=Channel.SMS,
                    text=words,
                )
                session.add(answer)
                session.flush()
                answer_id = answer.id
                ids.append(answer.id or 0)
            session.add(
                ThemeAgreement(
                    round_id=round_id,
                    participant_id=person,
                    theme_id=theme,
                    verdict=verdict,
                    correction_answer_id=answer_id,
                )
            )
    return ids


async def _open_check(
    client: httpx.AsyncClient, db: Engine, cid: int, token: str, themes: list[int]
) -> int:
    opened = await client.post(
        f"/console/consultations/{cid}/playback",
        data={"csrf_token": token, "kind": "check", "theme_ids": [str(t) for t in themes]},
        follow_redirects=True,
    )
    assert opened.status_code == 200, opened.text
    assert "Each person was asked about the themes their own answers were put in" in opened.text
    with session_scope(db) as session:
        found = session.exec(select(PlaybackRound.id).order_by(col(PlaybackRound.id))).all()
    assert found and found[-1] is not None
    return found[-1]


def _disputed_row(page: str) -> list[str]:
    """Theme names in the disputes table marked disputed."""
    table = page.split('id="disputes"', 1)[1].split("</section>", 1)[0]
    rows = re.findall(r'<tr class="disputed">.*?</tr>', table, re.S)
    return [html.unescape(re.findall(r">([^<]+)</a>", r)[0]) for r in rows]


async def test_a_check_round_asks_each_person_about_their_own_themes_and_the_board_marks_disputes(
    client: httpx.AsyncClient, db: Engine
) -> None:
    officer = make_officer(db)
    cid = make_consultation(db, shared_with=[officer])
    (buses, parks, libraries), people = _people(db, cid)
    token = await sign_in(client, officer)
    page = await client.get(f"/console/consultations/{cid}/playback")
    assert "Did we hear you right?" in page.text and 'value="check"' in page.text
    welsh_page = await client.get(f"/console/consultations/{cid}/playback", headers=WELSH)
    assert "Beth i&#39;w ofyn" in welsh_page.text or "Beth i'w ofyn" in welsh_page.text

    round_id = await _open_check(client, db, cid, token, [buses, parks, libraries])
    with session_scope(db) as session:
        shown = {
            r.participant_id: r.shown
            for r in session.exec(
                select(PlaybackRecipient).where(PlaybackRecipient.round_id == round_id)
            )
        }
    # Only people who asked to hear back, each with the themes their own answer is in.
    assert shown == {**dict.fromkeys(people[:4], [1]), **dict.fromkeys(people[4:6], [2])}

    _verdicts(
        db,
        cid,
        round_id,
        buses,
        [
            (people[0], Verdict.DISAGREE, CORRECTION),
            (people[1], Verdict.DISAGREE, ""),
            (people[2], Verdict.PARTLY, "Also the fares"),
            (people[3], Verdict.AGREE, ""),
        ],
    )
    # One "no" out of two replies: too few to mark a theme.
    _verdicts(
        db,
        cid,
        round_id,
        parks,
        [(people[4], Verdict.DISAGREE, ""), (people[5], Verdict.AGREE, "")],
    )

    board = (await client.get(f"/console/consultations/{cid}/themes")).text
    assert _disputed_row(board) == ["Buses"]
    assert 'href="#disputes">Disputed: review</a>' in board
    # Beside the theme, in their own words, without the phone number.
    assert "night bus" in board and "Also the fares" in board
    assert "07700" not in board and "900123" not in board
    assert "2 (50%)" in board and "1 (50%)" in board

    # The theme's own page: the same verdicts and words, where its answers are edited.
    own = (await client.get(f"/console/consultations/{cid}/themes/{buses}")).text
    assert "Disputed: review" in own and "night bus" in own and "900123" not in own
    calm = (await client.get(f"/console/consultations/{cid}/themes/{parks}")).text
    assert "Did we hear you right?" in calm and "Disputed: review" not in calm

    welsh = (await client.get(f"/console/consultations/{cid}/themes", headers=WELSH)).text
    assert "A glywson ni chi&#39;n iawn?" in welsh or "A glywson ni chi'n iawn?" in welsh
    assert "Wedi&#39;i herio: adolygwch" in welsh or "Wedi'i herio: adolygwch" in welsh


async def test_the_api_export_and_report_carry_only_approved_corrections(
    client: httpx.AsyncClient, db: Engine
) -> None:
    officer = make_officer(db)
    cid = make_consultation(db, shared_with=[officer])
    (buses, parks, libraries), people = _people(db, cid)
    token = await sign_in(client, officer)
    round_id = await _open_check(client, db, cid, token, [buses, parks])
    words = _verdicts(
        db,
        cid,
        round_id,
        buses,
        [
            (people[0], Verdict.DISAGREE, CORRECTION),
            (people[1], Verdict.DISAGREE, "The Sunday service"),
            (people[2], Verdict.AGREE, ""),
        ],
    )
    # Only the first correction is approved as a quote (its phone number removed).
    start = CORRECTION.index("07700")
    make_quote(
        db,
        words[0],
        buses,
        approve=True,
        spans=[{"start": start, "end": len(CORRECTION), "type": "phone"}],
    )
    make_quote(db, words[1], buses, approve=False, spans=[])
    auth = {"authorization": f"Bearer {await _token(client, token)}"}

    spec = (await client.get("/openapi.json")).json()
    assert "/api/v1/consultations/{consultation_id}/disputes" in spec["paths"]
    listed = (await client.get(f"/api/v1/consultations/{cid}/disputes", headers=auth)).json()
    [entry] = listed
    assert entry["label_en"] == "Buses" and entry["disputed"] is True
    assert (entry["replies"], entry["agree"], entry["not_what_i_meant"]) == (3, 1, 2)
    [approved] = entry["approved_corrections"]
    assert approved.startswith("I meant the night bus") and "07700" not in approved
    assert "Sunday" not in json.dumps(listed)

    exported = (await client.get(f"/console/consultations/{cid}/export.json")).json()
    assert exported["disputes"]["rule"] == {
        "min_replies": 3,
        "min_not_what_i_meant": 2,
        "min_share": 0.3333,
    }
    assert exported["disputes"]["themes"] == listed

    report = (await client.get(f"/console/consultations/{cid}/report")).text
    assert "Did we hear you right?" in report and "(Disputed: review)" in report
    assert "I meant the night bus" in report and "Sunday" not in report and "07700" not in report
    welsh = (await client.get(f"/console/consultations/{cid}/report", headers=WELSH)).text
    assert "Nid dyna oedd gen i" in welsh

    other = make_consultation(db, title_en="Not shared")
    refused = await client.get(f"/api/v1/consultations/{other}/disputes", headers=auth)
    assert refused.status_code == 404


async def test_verdicts_follow_a_merge_and_outlive_a_deleted_theme(
    client: httpx.AsyncClient, db: Engine
) -> None:
    officer = make_officer(db)
    cid = make_consultation(db, shared_with=[officer])
    (buses, parks, libraries), people = _people(db, cid)
    token = await sign_in(client, officer)
    round_id = await _open_check(client, db, cid, token, [buses, parks])
    _verdicts(db, cid, round_id, parks, [(p, Verdict.DISAGREE, "") for p in people[:2]])
    _verdicts(db, cid, round_id, buses, [(people[2], Verdict.DISAGREE, "")])
    merged = await client.post(
        f"/console/consultations/{cid}/themes/{parks}/merge",
        data={"csrf_token": token, "target_id": str(buses)},
    )
    assert merged.status_code == 303
    # Parks now lives in Buses: three "no" out of three, so Buses is disputed.
    board = (await client.get(f"/console/consultations/{cid}/themes")).text
    assert _disputed_row(board) == ["Buses"]

    with session_scope(db) as session:
        theme = session.get(Theme, buses)
        session.delete(theme)
    board = (await client.get(f"/console/consultations/{cid}/themes")).text
    # Gone from the board, but residents' verdicts stay, under the label they were shown.
    assert "Buses" in board and "deleted or split since" in board


async def test_a_round_of_an_unknown_kind_is_refused_and_nothing_is_opened(
    client: httpx.AsyncClient, db: Engine
) -> None:
    officer = make_officer(db)
    cid = make_consultation(db, shared_with=[officer])
    (buses, _, _), _ = _people(db, cid)
    token = await sign_in(client, officer)
    for kind in ("survey", "CHECK<script>", "x" * 5000):
        response = await client.post(
            f"/console/consultations/{cid}/playback",
            data={"csrf_token": token, "kind": kind, "theme_ids": [str(buses)]},
        )
        assert response.status_code == 422
    with session_scope(db) as session:
        assert session.exec(select(PlaybackRound)).all() == []


async def test_a_broad_theme_is_marked_when_one_of_its_sub_themes_is_disputed(
    client: httpx.AsyncClient, db: Engine
) -> None:
    from storage.models.themes import ThemeLevel

    officer = make_officer(db)
    cid = make_consultation(db, shared_with=[officer])
    (buses, parks, _), people = _people(db, cid)
    with session_scope(db) as session:
        transport = Theme(consultation_id=cid, label_en="Transport", level=ThemeLevel.BROAD)
        outdoors = Theme(consultation_id=cid, label_en="Outdoors", level=ThemeLevel.BROAD)
        session.add_all([transport, outdoors])
        session.flush()
        for sub, broad in ((buses, transport), (parks, outdoors)):
            theme = session.get(Theme, sub)
            assert theme is not None
            theme.parent_id = broad.id
    token = await sign_in(client, officer)
    round_id = await _open_check(client, db, cid, token, [buses, parks])
    _verdicts(db, cid, round_id, buses, [(p, Verdict.DISAGREE, "") for p in people[:3]])

    board = (await client.get(f"/console/consultations/{cid}/themes?level=broad")).text
    cards = {
        html.unescape(m.group(1)): m.group(2)
        for m in re.finditer(r'<h3><a href="[^"]+">([^<]+)</a>(.*?)</h3>', board, re.S)
    }
    assert "Disputed: review" in cards["Transport"]
    assert "Disputed: review" not in cards["Outdoors"]
