"""A consultation's own redaction words, set on the console form and followed everywhere.

Places to keep ("Caia Park", and the ward names) stay whole where the name finder took
them for a person; words to hide ("Tegwedd", a member of staff the finder missed) go from
quotes, themes, exports and the API, and an approved quote that showed one goes back to
the queue with the reason.
"""

from __future__ import annotations

import re
from html import unescape

import httpx
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from app.services import Services
from nlp.embeddings.hashing import HashingEmbedder
from nlp.redaction import Redactor
from nlp.redaction.quotes import propose_redacted_quotes
from nlp.themes import service
from storage.db import session_scope
from storage.models import Answer, AuditEvent, Consultation
from storage.models.accounts import Officer
from storage.models.quotes import Quote, QuoteStatus
from storage.models.themes import Theme
from storage.repositories import quotes as quotes_repo
from tests.console.factories import add_answers, make_consultation, make_officer, sign_in
from tests.console.jobs_support import run_jobs
from tests.console.test_console_welsh import WELSH


def _form(token: str, **overrides: str) -> dict[str, str]:
    form = {
        "csrf_token": token,
        "title_en": "Housing in Wrexham",
        "title_cy": "Tai yn Wrecsam",
        "keyword": "HOUSING",
        "open_en": "What matters to you about housing?",
        "open_cy": "Beth sy'n bwysig i chi am dai?",
    }
    form.update(overrides)
    return form


async def test_the_form_keeps_tidy_lists_and_explains_bad_ones(
    client: httpx.AsyncClient, db: Engine
) -> None:
    officer = make_officer(db)
    token = await sign_in(client, officer)
    created = await client.post(
        "/console/consultations/new",
        data=_form(
            token,
            places_to_keep="Caia Park\n caia  PARK \nEagles Meadow",
            words_to_hide="Tegwedd, <script>alert(1)</script>",
        ),
    )
    assert created.status_code == 303, created.text
    cid = int(created.headers["location"].rsplit("/", 1)[1])
    with session_scope(db) as session:
        consultation = session.get(Consultation, cid)
        assert consultation is not None
        assert consultation.places_to_keep == ["Caia Park", "Eagles Meadow"]
        assert consultation.words_to_hide == ["Tegwedd", "<script>alert(1)</script>"]
    page = await client.get(f"/console/consultations/{cid}/edit")
    assert "Caia Park\nEagles Meadow" in page.text
    assert "<script>alert(1)" not in page.text and "&lt;script&gt;alert(1)" in page.text
    edit = f"/console/consultations/{cid}/edit"
    many = "\n".join(f"Place {n}" for n in range(201))
    refused = await client.post(edit, data=_form(token, places_to_keep=many))
    assert refused.status_code == 400
    assert "Places to keep: at most 200 entries" in unescape(refused.text)
    long = await client.post(edit, data=_form(token, words_to_hide="x" * 81), headers=WELSH)
    assert long.status_code == 400
    assert "Geiriau i'w cuddio: mae “" in unescape(long.text) and "yn hwy na 80 nod" in long.text
    short = await client.post(edit, data=_form(token, words_to_hide="Tegwedd\n-a-"))
    assert short.status_code == 400 and "needs at least two letters" in short.text
    huge = await client.post(edit, data=_form(token, words_to_hide="x" * 70_000))
    # Far past any list the form allows: refused by the form's own limit, naming the field.
    assert huge.status_code == 422 and "words_to_hide" in huge.text
    hostile = await client.post(edit, data=_form(token, words_to_hide="Teg\x00wedd"))
    assert hostile.status_code == 400
    with session_scope(db) as session:
        consultation = session.get(Consultation, cid)
        assert consultation is not None  # nothing refused was stored, nothing was lost
        assert consultation.places_to_keep == ["Caia Park", "Eagles Meadow"]
        assert consultation.words_to_hide == ["Tegwedd", "<script>alert(1)</script>"]
    cleared = await client.post(edit, data=_form(token, places_to_keep="", words_to_hide=""))
    assert cleared.status_code == 303
    with session_scope(db) as session:
        consultation = session.get(Consultation, cid)
        assert consultation is not None
        assert consultation.places_to_keep is None and consultation.words_to_hide is None


def _police(n: int) -> str:
    return f"Sorry Caia Park is rough and we need more police {n}"


def _damp(n: int) -> str:
    return f"Tegwedd from the housing office never came about the damp in my flat {n}"


def _buses(n: int) -> str:
    return f"Tell Plas Madoc residents the bus to town is always late and too dear {n}"


@pytest.fixture
def seeded(db: Engine) -> tuple[int, Officer]:
    """Themes and quotes made before the officer lists any words; the damp quotes approved."""
    officer = make_officer(db)
    cid = make_consultation(
        db, shared_with=[officer], wards=[{"en": "Plas Madoc", "cy": "Plas Madog"}]
    )
    texts = [f(n) for n in range(8) for f in (_police, _damp, _buses)]
    add_answers(db, cid, texts)
    with session_scope(db) as session:
        service.refit_consultation(session=session, consultation_id=cid, embedder=HashingEmbedder())
    with session_scope(db) as session:
        themes = session.exec(select(Theme).where(Theme.consultation_id == cid)).all()
        quoted = [a for t in themes for a in (t.quote_answer_ids or [])]
        for quote in propose_redacted_quotes(
            session=session, answer_ids=quoted, redactor=Redactor()
        ):
            if quote.redacted_text.startswith("Tegwedd"):
                quotes_repo.approve_quote(
                    session=session, quote_id=quote.id or 0, officer="officer:0"
                )
        approved = quotes_repo.approved_quotes(session=session, consultation_id=cid)
        assert approved and all("Tegwedd" in q.text for q in approved)  # the finder missed it
        pending = quotes_repo.pending_quotes(session=session, consultation_id=cid)
        assert any(q.redacted_text.startswith("Sorry [name] Park") for q in pending)
        # An officer named a theme after the member of staff before anyone listed her.
        named = themes[0]
        named.officer_label = "Tegwedd and the damp"
        session.add(named)
    return cid, officer


async def test_an_officers_words_reach_quotes_themes_exports_and_the_api(
    client: httpx.AsyncClient, db: Engine, services: Services, seeded: tuple[int, Officer]
) -> None:
    cid, officer = seeded
    token = await sign_in(client, officer)
    base = f"/console/consultations/{cid}"
    saved = await client.post(
        f"{base}/edit",
        data=_form(token, keyword="DAMP", places_to_keep="Caia Park", words_to_hide="tegwedd"),
    )
    assert saved.status_code == 303, saved.text
    overview = await client.get(saved.headers["location"])
    assert re.search(r"approved quotes? went back to the queue", overview.text)
    # The save queued the redactor's work; the quotes' job redoes the waiting ones, and the
    # answers' batches cover every answer of the consultation.
    queued = run_jobs(services)
    redacted = sorted(
        i for name, kwargs in queued if name == "redact_answers" for i in kwargs["answer_ids"]
    )
    with session_scope(db) as session:
        ids = sorted(
            a.id or 0 for a in session.exec(select(Answer).where(Answer.consultation_id == cid))
        )
    assert redacted == ids

    # The quote queue: the approved quote is back, hidden, with the reason; a waiting quote
    # now shows the kept place.
    with session_scope(db) as session:
        quotes = session.exec(select(Quote).where(Quote.consultation_id == cid)).all()
        requeued = [q for q in quotes if q.requeued_reason]
        assert requeued and all(q.status == QuoteStatus.PENDING for q in requeued)
        assert all(q.redacted_text.startswith("[redacted] from the housing") for q in requeued)
        assert not quotes_repo.approved_quotes(session=session, consultation_id=cid)
        police = next(q for q in quotes if "police" in q.redacted_text)
        assert police.redacted_text.startswith("Sorry Caia Park is rough")
        assert session.exec(select(AuditEvent).where(AuditEvent.action == "quote_requeued")).all()
    queue = await client.get(f"{base}/quotes")
    assert "words to hide now cover part of it" in unescape(queue.text)
    assert "[redacted] from the housing office" in queue.text
    decided = await client.post(
        f"{base}/quotes/{police.id}/decide", data={"csrf_token": token, "decision": "approve"}
    )
    assert decided.status_code == 303

    # The board, the exports and the API: the kept places whole, the hidden word nowhere.
    board = await client.get(f"{base}/themes")
    assert board.status_code == 200 and "tegwedd" not in board.text.lower()
    with session_scope(db) as session:
        names = [t.officer_label for t in session.exec(select(Theme)) if t.officer_label]
        assert names == ["[redacted] and the damp"]
    # A regroup afterwards builds labels and keywords from the new redactions.
    for regroup in (False, True):
        if regroup:
            with session_scope(db) as session:
                service.refit_consultation(
                    session=session, consultation_id=cid, embedder=HashingEmbedder()
                )
        with session_scope(db) as session:
            for theme in session.exec(select(Theme).where(Theme.consultation_id == cid)):
                fields = f"{theme.label_en} {theme.label_cy} {theme.officer_label} {theme.keywords}"
                assert "tegwedd" not in fields.lower()
    export = (await client.get(f"{base}/export.csv")).text
    assert "tegwedd" not in export.lower()
    assert "Sorry Caia Park is rough" in export and "Tell Plas Madoc residents" in export
    assert "[name] Park" not in export and "[redacted] from the housing office" in export
    await client.post("/console/tokens", data={"csrf_token": token, "name": "website"})
    tokens = (await client.get("/console/tokens")).text
    found = re.search(r"<code>(wm_[A-Za-z0-9_-]+)</code>", tokens)
    assert found is not None
    client.cookies.clear()
    auth = {"authorization": f"Bearer {found.group(1)}"}
    themes = await client.get(f"/api/v1/consultations/{cid}/themes", headers=auth)
    assert themes.status_code == 200 and "tegwedd" not in themes.text.lower()
    assert "Sorry Caia Park is rough" in themes.text
    answers = await client.get(f"/api/v1/consultations/{cid}/answers", headers=auth)
    assert "tegwedd" not in answers.text.lower() and "Caia Park" in answers.text
    consultation = await client.get(f"/api/v1/consultations/{cid}", headers=auth)
    assert "places_to_keep" not in consultation.text and "words_to_hide" not in consultation.text


async def test_a_theme_cannot_be_named_with_a_word_to_hide(
    client: httpx.AsyncClient, db: Engine, seeded: tuple[int, Officer]
) -> None:
    cid, officer = seeded
    token = await sign_in(client, officer)
    base = f"/console/consultations/{cid}"
    saved = await client.post(f"{base}/edit", data=_form(token, words_to_hide="Tegwedd"))
    assert saved.status_code == 303, saved.text
    with session_scope(db) as session:
        theme = next(t for t in session.exec(select(Theme)) if not t.is_other)
        before = (theme.officer_label, theme.officer_label_cy)
    rename = f"{base}/themes/{theme.id}/rename"
    # Typed in capitals with a curly apostrophe, in the Welsh name only: still refused.
    named = {"csrf_token": token, "label": "Damp flats", "label_cy": "Fflatiau TEGWEDD’s"}
    refused = await client.post(rename, data=named, headers=WELSH)
    assert refused.status_code == 303
    page = unescape((await client.get(f"{base}/themes", headers=WELSH)).text)
    assert "mae 'TEGWEDD' ymhlith geiriau'r ymgynghoriad hwn i'w cuddio" in page
    await client.post(rename, data={**named, "label": "Damp, not tegwedd"})
    page = unescape((await client.get(f"{base}/themes")).text)
    assert "'tegwedd' is one of this consultation's words to hide" in page
    with session_scope(db) as session:
        unchanged = session.get(Theme, theme.id)
        assert unchanged is not None
        assert (unchanged.officer_label, unchanged.officer_label_cy) == before
    fine = {"csrf_token": token, "label": "Damp flats", "label_cy": "Fflatiau llaith"}
    assert (await client.post(rename, data=fine)).status_code == 303
    with session_scope(db) as session:
        renamed = session.get(Theme, theme.id)
        assert renamed is not None and renamed.officer_label == "Damp flats"
