"""Exports: redacted text only, formula cells neutralised, every format opens."""

from __future__ import annotations

import csv
import io
import json

import httpx
import pytest
from openpyxl import load_workbook
from sqlalchemy.engine import Engine
from sqlmodel import select

from console.exports import neutralise
from storage.db import session_scope
from storage.models import AuditEvent
from tests.console.factories import (
    add_answers,
    make_consultation,
    make_officer,
    make_quote,
    make_themes,
    sign_in,
)

PHONE = "07700 900123"
TEXTS = [
    f"Ring Dafydd on {PHONE} about the buses",
    '=HYPERLINK("http://evil.example","click")',
    "+44 is not a formula",
    "-1+2",
    "@SUM(A1:A2)",
    "\tTabbed",
    "Mae angen mwy o fysiau \u0175\u0177",
]


@pytest.fixture
async def exported(client: httpx.AsyncClient, db: Engine) -> int:
    officer = make_officer(db)
    cid = make_consultation(db, shared_with=[officer], slug="buses-export")
    ids = add_answers(db, cid, TEXTS, ward="Acton")
    theme_ids = make_themes(db, cid, {"=Buses": ids[:4], "Other": ids[4:]})
    make_quote(db, ids[6], theme_ids[0], approve=True, spans=[])
    make_quote(db, ids[2], theme_ids[0], approve=False, spans=[])
    await sign_in(client, officer)
    return cid


def test_neutralise_prefixes_every_formula_start() -> None:
    for value in ("=1", "+1", "-1", "@x", "\tx", "\rx"):
        assert neutralise(value) == "'" + value
    assert neutralise("plain") == "plain" and neutralise(5) == 5


async def test_csv_is_redacted_neutralised_and_opens_with_welsh_letters(
    client: httpx.AsyncClient, exported: int
) -> None:
    response = await client.get(f"/console/consultations/{exported}/export.csv")
    assert response.status_code == 200
    assert 'filename="buses-export-answers.csv"' in response.headers["content-disposition"]
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    texts = [row["answer_redacted"] for row in rows]
    assert len(rows) == len(TEXTS)
    assert PHONE not in response.text and "[phone]" in texts[0]
    for text in texts:
        assert not text.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert texts[1].startswith("'=")
    assert rows[0]["themes"] == "'=Buses" and rows[0]["ward"] == "Acton"
    assert "\u0175\u0177" in texts[6]


async def test_xlsx_opens_with_answers_themes_and_only_approved_quotes(
    client: httpx.AsyncClient, db: Engine, exported: int
) -> None:
    response = await client.get(f"/console/consultations/{exported}/export.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    assert book.sheetnames == ["Answers", "Themes", "Quotes"]
    answers = list(book["Answers"].iter_rows(values_only=True))
    assert answers[0][-1] == "answer_redacted" and len(answers) == len(TEXTS) + 1
    cells = [str(v) for row in answers for v in row if v is not None]
    assert not any(PHONE in c for c in cells)
    assert all(not c.startswith(("=", "+", "-", "@")) for c in cells)
    quotes = list(book["Quotes"].iter_rows(values_only=True))
    assert len(quotes) == 2 and "Mae angen mwy o fysiau" in str(quotes[1][1])
    themes = {row[0]: row[2] for row in book["Themes"].iter_rows(min_row=2, values_only=True)}
    assert themes["'=Buses"] == 4
    with session_scope(db) as session:
        events = session.exec(select(AuditEvent).where(AuditEvent.action == "exported"))
        formats = [e.detail["format"] for e in events if e.detail]
    assert "xlsx" in formats


async def test_json_and_polis_exports(client: httpx.AsyncClient, exported: int) -> None:
    data = json.loads((await client.get(f"/console/consultations/{exported}/export.json")).text)
    assert data["consultation"]["slug"] == "buses-export"
    assert len(data["answers"]) == len(TEXTS)
    assert PHONE not in json.dumps(data)
    assert [q["text"] for q in data["approved_quotes"]] == [TEXTS[6]]
    polis = await client.get(f"/console/consultations/{exported}/polis-comments.csv")
    rows = list(csv.reader(io.StringIO(polis.text)))
    assert rows[0] == [
        "timestamp",
        "datetime",
        "comment-id",
        "author-id",
        "agrees",
        "disagrees",
        "moderated",
        "comment-body",
    ]
    assert len(rows) == len(TEXTS) + 1 and PHONE not in polis.text


async def test_printable_report_has_charts_and_approved_quotes_only(
    client: httpx.AsyncClient, exported: int
) -> None:
    report = await client.get(f"/console/consultations/{exported}/report")
    assert report.status_code == 200
    assert report.text.count("<svg") >= 3
    assert "Mae angen mwy o fysiau" in report.text
    assert "+44 is not a formula" not in report.text  # a pending quote
    assert PHONE not in report.text
    css = await client.get("/console/static/console.css")
    assert "@media print" in css.text and "size: A4" in css.text


async def test_an_empty_consultation_exports_headers_only(
    client: httpx.AsyncClient, db: Engine
) -> None:
    officer = make_officer(db)
    cid = make_consultation(db, shared_with=[officer])
    await sign_in(client, officer)
    response = await client.get(f"/console/consultations/{cid}/export.csv")
    assert response.content.decode("utf-8-sig").strip().startswith("answer_id,")
    assert (
        json.loads((await client.get(f"/console/consultations/{cid}/export.json")).text)["answers"]
        == []
    )
