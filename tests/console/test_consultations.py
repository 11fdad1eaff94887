"""Creating, editing, opening and sharing consultations through the console forms."""

from __future__ import annotations

import httpx
from sqlalchemy.engine import Engine

from storage.db import session_scope
from storage.models import Consultation, ConsultationStatus, QuestionKind
from storage.models.accounts import Role
from storage.repositories.consultations import get_by_slug, questions_of
from tests.console.factories import make_consultation, make_officer, sign_in

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _form(token: str, **overrides: str) -> dict[str, str]:
    form = {
        "csrf_token": token,
        "title_en": "Buses in Wrexham",
        "title_cy": "Bysiau yn Wrecsam",
        "keyword": "buses",
        "slug": "buses-2026",
        "why_en": "We are redesigning routes.",
        "why_cy": "Rydyn ni'n ailgynllunio llwybrau.",
        "open_en": "What matters to you about buses?",
        "open_cy": "Beth sy'n bwysig i chi am fysiau?",
        "probe_en": "Why does that matter?",
        "probe_cy": "Pam mae hynny'n bwysig?",
        "ask_ward": "true",
        "ward_en": "Which ward?",
        "ward_cy": "Pa ward?",
        "opens_at": "2026-03-01",
    }
    form.update(overrides)
    return form


async def test_an_officer_creates_opens_and_closes_a_consultation(
    client: httpx.AsyncClient, db: Engine
) -> None:
    officer = make_officer(db)
    token = await sign_in(client, officer)
    response = await client.post("/console/consultations/new", data=_form(token))
    assert response.status_code == 303, response.text
    page = await client.get(response.headers["location"])
    assert "Buses in Wrexham" in page.text and "BUSES" in page.text
    assert "(owner)" in page.text
    with session_scope(db) as session:
        consultation = get_by_slug(session=session, slug="buses-2026")
        assert consultation is not None and consultation.status == ConsultationStatus.DRAFT
        kinds = [
            q.kind for q in questions_of(session=session, consultation_id=consultation.id or 0)
        ]
    assert kinds == [QuestionKind.OPEN, QuestionKind.PROBE, QuestionKind.WARD]
    url = f"/console/consultations/{consultation.id}/status"
    await client.post(url, data={"csrf_token": token, "status": "open"})
    assert "Close" in (await client.get(f"/console/consultations/{consultation.id}")).text
    await client.post(url, data={"csrf_token": token, "status": "closed"})
    with session_scope(db) as session:
        current = session.get(Consultation, consultation.id)
        assert current is not None and current.status == ConsultationStatus.CLOSED


async def test_duplicate_keywords_and_missing_welsh_are_explained(
    client: httpx.AsyncClient, db: Engine
) -> None:
    officer = make_officer(db)
    token = await sign_in(client, officer)
    make_consultation(db, keyword="BUSES")
    response = await client.post("/console/consultations/new", data=_form(token))
    assert response.status_code == 400
    assert "already used" in response.text
    assert 'value="Buses in Wrexham"' in response.text  # the officer's typing is kept
    response = await client.post(
        "/console/consultations/new", data=_form(token, keyword="TRAINS", open_cy="")
    )
    assert response.status_code == 422 or response.status_code == 400


async def test_editing_keeps_question_ids_and_can_drop_the_follow_up(
    client: httpx.AsyncClient, db: Engine
) -> None:
    officer = make_officer(db)
    cid = make_consultation(db, shared_with=[officer])
    token = await sign_in(client, officer)
    with session_scope(db) as session:
        open_id = questions_of(session=session, consultation_id=cid)[0].id
    edit = await client.get(f"/console/consultations/{cid}/edit")
    assert "What matters?" in edit.text
    response = await client.post(
        f"/console/consultations/{cid}/edit",
        data=_form(
            token,
            keyword="NEWKEY",
            probe_en="",
            probe_cy="",
            ask_age="true",
            age_en="How old?",
            age_cy="Faint yw eich oed?",
            found_out_en="People want reliable buses.",
        ),
    )
    assert response.status_code == 303, response.text
    with session_scope(db) as session:
        questions = questions_of(session=session, consultation_id=cid)
        consultation = session.get(Consultation, cid)
    assert [q.kind for q in questions] == [
        QuestionKind.OPEN,
        QuestionKind.WARD,
        QuestionKind.AGE_BAND,
    ]
    assert (
        questions[0].id == open_id and questions[0].prompt_en == "What matters to you about buses?"
    )
    assert questions[2].choices  # age bands to choose from
    assert consultation is not None and consultation.keyword == "NEWKEY"
    assert consultation.found_out_en == "People want reliable buses."


async def test_consultation_fields_are_escaped_everywhere(
    client: httpx.AsyncClient, db: Engine
) -> None:
    officer = make_officer(db)
    token = await sign_in(client, officer)
    response = await client.post(
        "/console/consultations/new",
        data=_form(token, title_en=XSS, why_en=XSS, open_en=XSS, keyword="XSS1", slug="xss"),
    )
    assert response.status_code == 303
    cid = response.headers["location"].rsplit("/", 1)[1]
    for path in ("", "/edit", "/poster"):
        page = await client.get(f"/console/consultations/{cid}{path}")
        assert "<script>alert" not in page.text and "<img src=x" not in page.text
        assert "&lt;script&gt;" in page.text
    home = await client.get("/console/")
    assert "<script>alert" not in home.text


async def test_sharing_gives_a_facilitator_the_workshop_only(
    client: httpx.AsyncClient, db: Engine
) -> None:
    owner = make_officer(db)
    facilitator = make_officer(db, Role.FACILITATOR)
    cid = make_consultation(db, shared_with=[owner])
    token = await sign_in(client, owner)
    await client.post(
        f"/console/consultations/{cid}/shares",
        data={"csrf_token": token, "email": facilitator.email},
    )
    assert facilitator.email in (await client.get(f"/console/consultations/{cid}")).text
    client.cookies.clear()
    await sign_in(client, facilitator)
    home = await client.get("/console/")
    assert f"/workshop/{cid}" in home.text
    assert f'href="/console/consultations/{cid}"' not in home.text
    assert (await client.get(f"/console/consultations/{cid}")).status_code == 403


async def test_unshared_consultations_are_invisible(client: httpx.AsyncClient, db: Engine) -> None:
    officer = make_officer(db)
    theirs = make_consultation(db, title_en="Someone else's")
    await sign_in(client, officer)
    assert "Someone else" not in (await client.get("/console/")).text
    assert (await client.get(f"/console/consultations/{theirs}")).status_code == 404


async def test_poster_qr_code_is_an_svg_of_the_web_link(
    client: httpx.AsyncClient, db: Engine
) -> None:
    officer = make_officer(db)
    cid = make_consultation(db, shared_with=[officer])
    await sign_in(client, officer)
    response = await client.get(f"/console/consultations/{cid}/qr.svg")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/svg+xml"
    assert response.text.lstrip().startswith(("<?xml", "<svg"))
    missing = await client.get(f"/console/consultations/{cid}/qr.svg?target=telegram")
    assert missing.status_code == 404

    # The link and its code are the residents' web chat, not the developers' simulator.
    from usecases.qr import qr_code

    with session_scope(db) as session:
        consultation = session.get(Consultation, cid)
        assert consultation is not None
        slug, title = consultation.slug, consultation.title_en
    # /chat/<slug> redirects to /chat/<KEYWORD> (tests/bot/channels/webchat).
    link = f"http://127.0.0.1:8000/chat/{slug}"
    page = (await client.get(f"/console/consultations/{cid}")).text
    assert f'href="{link}"' in page and "qr.svg?target=web" in page
    assert response.content == qr_code(link, kind="svg", title=title)
