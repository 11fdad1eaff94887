"""Nothing derived from answers carries personal data (issue 15).

Answers full of names, addresses, phone numbers and e-mails are themed by the real refit
(the hashing embedder stands in for MiniLM), quoted, approved, exported and served by the
API; every derived field is then scanned for the seeded details. Erasure and retention
must take away keywords and labels that only the erased answers carried.
"""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, datetime

import httpx
import openpyxl
import pytest
from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from bot.retention import run_retention
from nlp.embeddings.hashing import HashingEmbedder
from nlp.moderation.store import answer_flags
from nlp.redaction import Redactor
from nlp.redaction.quotes import propose_redacted_quotes
from nlp.themes import service
from storage.db import session_scope
from storage.models import Answer
from storage.models.accounts import Role
from storage.models.feedback_themes import FeedbackTheme
from storage.models.playback import FeedbackPublication, PlaybackRound
from storage.models.redacted import AnswerFlags
from storage.models.responses import Decision, ThemeResponse
from storage.models.themes import Theme
from storage.repositories import quotes as quotes_repo
from storage.repositories.participants import erase_participant
from tests.console.factories import add_answers, make_consultation, make_officer, sign_in

# Seeded details, lower-cased as they are searched for in every derived field.
SEEDED = (
    "gareth",
    "pritchard",
    "bryn road",
    "07700",
    "900123",
    "ll11 2ab",
    "sian.jones",
    "example.com",
    "nerys",
    "maelor view",
)


def _bins(n: int) -> str:
    return (
        f"Gareth Pritchard here from {n} Bryn Road LL11 2AB, ring 07700 900123: the bins on "
        "Bryn Road are never collected and the bin men leave rubbish everywhere"
    )


def _buses(n: int) -> str:
    return (
        f"the number {n} bus to town is always late, email sian.jones@example.com or ask "
        "nerys at 3 Maelor View, the bus timetable is a joke"
    )


def _parks(n: int) -> str:
    return f"the park needs more benches and the playground swings are broken again {n}"


@pytest.fixture
def seeded(db: Engine) -> dict[str, int]:
    officer = make_officer(db, Role.OFFICER)
    cid = make_consultation(db, shared_with=[officer])
    texts = [_bins(n) for n in range(12)] + [_buses(n) for n in range(12)]
    texts += [_parks(n) for n in range(12)]
    add_answers(db, cid, texts, ward="Acton")
    with session_scope(db) as session:
        service.refit_consultation(session=session, consultation_id=cid, embedder=HashingEmbedder())
    with session_scope(db) as session:
        themes = session.exec(select(Theme).where(Theme.consultation_id == cid)).all()
        quoted = [a for t in themes for a in (t.quote_answer_ids or [])]
        quotes = propose_redacted_quotes(session=session, answer_ids=quoted, redactor=Redactor())
        for quote in quotes[:1]:
            quotes_repo.approve_quote(session=session, quote_id=quote.id or 0, officer="officer:1")
    return {"cid": cid, "officer": officer.id or 0}


def _leaks(text: str) -> list[str]:
    lowered = text.lower()
    return [detail for detail in SEEDED if detail in lowered]


def _theme_fields(db: Engine, cid: int) -> str:
    with session_scope(db) as session:
        themes = session.exec(select(Theme).where(Theme.consultation_id == cid)).all()
        return json.dumps([[t.label_en, t.label_cy, t.officer_label, t.keywords] for t in themes])


async def test_no_derived_field_carries_the_seeded_details(
    client: httpx.AsyncClient, db: Engine, seeded: dict[str, int]
) -> None:
    cid = seeded["cid"]
    assert _leaks(_theme_fields(db, cid)) == []
    with session_scope(db) as session:
        pending = quotes_repo.pending_quotes(session=session, consultation_id=cid)
        approved = quotes_repo.approved_quotes(session=session, consultation_id=cid)
        assert pending and approved, "the refit's representative quotes were proposed"
        quoted = [q.redacted_text for q in pending] + [q.text for q in approved]
        assert _leaks(" ".join(quoted)) == []
    from storage.models.accounts import Officer

    with session_scope(db) as session:
        officer = session.get(Officer, seeded["officer"])
        assert officer is not None
        session.expunge(officer)
    csrf = await sign_in(client, officer)
    base = f"/console/consultations/{cid}"
    for path in ("", "/themes", "/export.csv", "/export.json", "/polis-comments.csv", "/report"):
        response = await client.get(base + path)
        assert response.status_code == 200, path
        assert _leaks(response.text) == [], path
    workbook = openpyxl.load_workbook(io.BytesIO((await client.get(base + "/export.xlsx")).content))
    cells = " ".join(
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )
    assert "[phone]" in cells  # the answers are there, redacted
    assert _leaks(cells) == []
    await client.post("/console/tokens", data={"csrf_token": csrf, "name": "website"})
    token = re.search(
        r"<code>(wm_[A-Za-z0-9_-]+)</code>", (await client.get("/console/tokens")).text
    )
    assert token is not None
    client.cookies.clear()
    auth = {"authorization": f"Bearer {token.group(1)}"}
    for path in ("", "/themes", "/answers"):
        response = await client.get(f"/api/v1/consultations/{cid}{path}", headers=auth)
        assert response.status_code == 200, path
        assert _leaks(response.text) == [], path


def test_erasure_drops_keywords_only_the_erased_answers_carried(db: Engine) -> None:
    cid = make_consultation(db)
    ids = add_answers(db, cid, [_parks(n) for n in range(10)])
    with session_scope(db) as session:
        theme = Theme(
            consultation_id=cid,
            label_en="Zebedee crossing",
            keywords=["zebedee crossing", "park benches", "swings"],
            quote_answer_ids=[ids[0], ids[1]],
            size=10,
        )
        session.add(theme)
        answer = session.get(Answer, ids[0])
        assert answer is not None
        answer.text = "zebedee crossing outside my house, the park benches are broken"
        session.add(answer)
        participant_id = answer.participant_id or 0
        # The label was copied where records outlive themes: a council's response, a
        # targeted "you said, we did", a playback round.
        session.add(
            ThemeResponse(
                consultation_id=cid,
                theme_label_en="Zebedee crossing by the park benches",
                theme_label_cy="Croesfan Zebedee",
                decision=Decision.WILL_DO,
            )
        )
        publication = FeedbackPublication(consultation_id=cid, text_hash="0" * 64)
        session.add(publication)
        session.flush()
        session.add(
            FeedbackTheme(
                publication_id=publication.id or 0,
                position=1,
                label_en="Zebedee crossing",
                decision="will_do",
                line_hash="1" * 64,
            )
        )
        session.add(
            PlaybackRound(
                consultation_id=cid,
                labels=[{"theme_id": None, "en": "Zebedee crossing", "cy": "Croesfan Zebedee"}],
            )
        )
    with session_scope(db) as session:
        erase_participant(session=session, participant_id=participant_id)
    with session_scope(db) as session:
        kept = session.exec(select(Theme).where(Theme.consultation_id == cid)).one()
        # "park benches" is still in nine other answers; the crossing was only in the erased one.
        assert kept.keywords == ["park benches", "swings"]
        assert kept.label_en == "Park benches"
        assert kept.quote_answer_ids == [ids[1]]
        response = session.exec(select(ThemeResponse)).one()
        assert response.theme_label_en == "[redacted] [redacted] by the park benches"
        assert response.theme_label_cy == "Croesfan [redacted]"
        assert session.exec(select(FeedbackTheme)).one().label_en == "[redacted] [redacted]"
        (vote,) = session.exec(select(PlaybackRound)).one().labels
        assert (vote["en"], vote["cy"]) == ("[redacted] [redacted]", "Croesfan [redacted]")


def test_retention_drops_keywords_only_the_cleared_answers_carried(db: Engine) -> None:
    cid = make_consultation(db)
    old = add_answers(
        db,
        cid,
        ["nerys pritchard keeps parking on the kerb"],
        start=datetime(2020, 1, 1, tzinfo=UTC),
    )
    add_answers(db, cid, [_parks(n) for n in range(5)], start=datetime(2026, 3, 1, tzinfo=UTC))
    with session_scope(db) as session:
        session.add(
            Theme(
                consultation_id=cid,
                label_en="Nerys pritchard",
                keywords=["nerys pritchard", "playground swings"],
                quote_answer_ids=old,
            )
        )
    with session_scope(db) as session:
        answer_flags(session, old)  # checked as the console would
        session.execute(
            update(AnswerFlags)
            .where(col(AnswerFlags.answer_id) == old[0])
            .values(kinds=["spam"], reasons=[{"kind": "spam", "reason": "link (nerys.example)"}])
        )
    report = run_retention(db, days=365, now=datetime(2026, 6, 1, tzinfo=UTC))
    with session_scope(db) as session:
        kept = session.get(AnswerFlags, old[0])
        assert kept is not None and kept.kinds == ["spam"] and kept.reasons == []
    assert report.themes_scrubbed == 1
    assert _leaks(_theme_fields(db, cid)) == []
    assert "playground swings" in _theme_fields(db, cid)
