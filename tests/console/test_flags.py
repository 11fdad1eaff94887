"""Flagged answers in the console: blurred until looked at, never proposed as quotes, spam
out of themes (counted, listed, reversible), reasons shown in the quote queue."""

from __future__ import annotations

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import select

from nlp.embeddings.hashing import HashingEmbedder
from nlp.redaction import Redactor
from nlp.redaction.quotes import propose_redacted_quotes
from nlp.themes import service
from storage.db import session_scope
from storage.models.accounts import Role
from storage.models.quotes import QuoteSource
from storage.models.themes import ThemeAssignment
from tests.console.factories import add_answers, make_consultation, make_officer, sign_in

SPAM = "You have WON a £1000 prize! Text WIN to 87121 to claim"
ABUSE = "the fucking bus is late again"
IDENTIFYING = "my son at Ysgol Bryn Alyn waits an hour for the bus"


def _consultation(db: Engine) -> tuple[int, list[int], object]:
    officer = make_officer(db, Role.OFFICER)
    cid = make_consultation(db, shared_with=[officer])
    ids = add_answers(db, cid, [SPAM, ABUSE, IDENTIFYING])
    ids += add_answers(db, cid, [f"the bus to town is late, route {n}" for n in range(8)])
    ids += add_answers(db, cid, [f"the park needs more benches {n}" for n in range(8)])
    return cid, ids, officer


async def test_answers_page_blurs_flags_and_an_officer_can_clear_spam(
    client: httpx.AsyncClient, db: Engine
) -> None:
    cid, ids, officer = _consultation(db)
    token = await sign_in(client, officer)  # type: ignore[arg-type]
    page = (await client.get(f"/console/consultations/{cid}/answers")).text
    assert '<details class="flagged"><summary>Flagged: spam (prize text)' in page
    assert "Flagged: abuse (obscene language)" in page
    assert "1 left out of themes as spam" in page
    listed = (await client.get(f"/console/consultations/{cid}/answers?flag=spam")).text
    assert "87121" in listed and "benches" not in listed
    assert (await client.get(f"/console/consultations/{cid}/answers?flag=bogus")).status_code == 422

    url = f"/console/consultations/{cid}/answers/{ids[0]}/flags"
    cleared = await client.post(url, data={"csrf_token": token, "kind": "spam", "action": "clear"})
    assert cleared.status_code == 303
    page = (await client.get(f"/console/consultations/{cid}/answers")).text
    assert "left out of themes as spam" not in page and "Restore spam" in page
    # Bad input: an unknown kind, a kind the answer lacks, another consultation's answer.
    bad = await client.post(url, data={"csrf_token": token, "kind": "rude", "action": "clear"})
    assert bad.status_code == 422
    await client.post(
        f"/console/consultations/{cid}/answers/{ids[5]}/flags",
        data={"csrf_token": token, "kind": "spam", "action": "clear"},
    )
    assert (
        "has no &#39;spam&#39; flag"
        in (await client.get(f"/console/consultations/{cid}/answers")).text
    )
    missing = await client.post(
        f"/console/consultations/{cid}/answers/999999/flags",
        data={"csrf_token": token, "kind": "spam", "action": "clear"},
    )
    assert missing.status_code == 404  # no such answer in this consultation
    await client.post(url, data={"csrf_token": token, "kind": "spam", "action": "restore"})
    assert (
        "1 left out of themes as spam"
        in (await client.get(f"/console/consultations/{cid}/answers")).text
    )


async def test_flagged_answers_are_never_representative_quotes_and_spam_is_not_themed(
    client: httpx.AsyncClient, db: Engine
) -> None:
    cid, ids, officer = _consultation(db)
    with session_scope(db) as session:
        report = service.refit_consultation(
            session=session, consultation_id=cid, embedder=HashingEmbedder()
        )
        assert report.spam == 1
        assigned = {a.answer_id for a in session.exec(select(ThemeAssignment))}
        assert ids[0] not in assigned and ids[1] in assigned
        quotes = propose_redacted_quotes(session=session, answer_ids=ids[:3], redactor=Redactor())
        assert [q.answer_id for q in quotes] == [ids[2]]
        picked = propose_redacted_quotes(
            session=session,
            answer_ids=[ids[1]],
            redactor=Redactor(),
            source=QuoteSource.OFFICER_PICK,
        )
        assert [q.answer_id for q in picked] == [ids[1]]
    await sign_in(client, officer)  # type: ignore[arg-type]
    queue = (await client.get(f"/console/consultations/{cid}/quotes")).text
    assert "identifying: a child and their school" in queue
    assert "abuse: obscene language" in queue
    assert '<details class="flagged"><summary>Flagged quote: show' in queue


async def test_a_welsh_officer_reads_why_each_answer_was_flagged_in_welsh(
    client: httpx.AsyncClient, db: Engine
) -> None:
    cid, ids, officer = _consultation(db)
    ids += add_answers(db, cid, ["Dear customer, act now: free voucher", "see www.cheap-meds.top"])
    token = await sign_in(client, officer)  # type: ignore[arg-type]
    await client.post("/console/language", data={"csrf_token": token, "language": "cy"})
    page = (await client.get(f"/console/consultations/{cid}/answers")).text
    assert "sbam (neges am wobr)" in page
    assert "camdriniaeth (iaith anweddus)" in page
    assert "dolen i wefan anhysbys (cheap-meds.top)" in page
    # Two weak cues come joined in English; in Welsh each is worded and joined in Welsh.
    assert ", ac hefyd " in page and "prize text" not in page and " and " not in page
