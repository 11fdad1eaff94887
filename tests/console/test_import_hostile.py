"""A CSV with a NUL (or another unstorable character) deep inside: reported, audited, cleaned up."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import select

from console.importer import upload_dir
from storage.db import session_scope
from storage.models import AuditEvent
from tests.console.test_import import _imported, _upload, _upload_id, signed_in

__all__ = ["signed_in"]  # the fixture, imported for its name


async def test_a_nul_after_the_first_64_kb_is_a_reported_bad_row_and_the_rest_is_imported(
    client: httpx.AsyncClient, db: Engine, signed_in: tuple[int, str]
) -> None:
    cid, token = signed_in
    rows = [f"R{i},Answer number {i} about buses and parks" for i in range(3000)]
    rows[2500] = "R2500,Broken\x00 row"
    rows[2600] = "R2600,Escape \x1b[31m codes"
    content = ("Ref,Your answer\r\n" + "\r\n".join(rows) + "\r\n").encode()
    assert content.index(b"\x00") > 64 * 1024
    mapped = await _upload(client, cid, token, content)
    assert mapped.status_code == 200, mapped.text
    upload_id = _upload_id(mapped.text)

    response = await client.post(
        f"/console/consultations/{cid}/import/{upload_id}",
        data={"csrf_token": token, "text": "Your answer", "row_id": "Ref"},
    )

    assert response.status_code == 200, response.text
    assert "<strong>2998</strong> answers imported" in response.text
    assert "NUL" in response.text and "U+001B" in response.text
    assert len(_imported(db, cid)) == 2998
    with session_scope(db) as session:
        (event,) = session.exec(
            select(AuditEvent).where(AuditEvent.action == "answers_imported")
        ).all()
        assert event.detail is not None
        assert event.detail["imported"] == 2998 and event.detail["bad_rows"] == 2
    assert not list(upload_dir().glob(f"{cid}-{upload_id}.*"))


async def test_uploads_left_unimported_for_a_day_are_removed(
    client: httpx.AsyncClient, signed_in: tuple[int, str]
) -> None:
    import os
    import time

    cid, token = signed_in
    abandoned = await _upload(client, cid, token, b"Your answer\r\nMy address is 1 High St\r\n")
    old_id = _upload_id(abandoned.text)
    old_files = list(upload_dir().glob(f"{cid}-{old_id}.*"))
    assert len(old_files) == 2
    two_days_ago = time.time() - 2 * 86400
    for path in old_files:
        os.utime(path, (two_days_ago, two_days_ago))
    fresh = await _upload(client, cid, token, b"Your answer\r\nParks\r\n")
    assert not any(p.exists() for p in old_files)
    assert list(upload_dir().glob(f"{cid}-{_upload_id(fresh.text)}.*"))
    response = await client.post(
        f"/console/consultations/{cid}/import/{old_id}",
        data={"csrf_token": token, "text": "Your answer"},
    )
    assert response.status_code == 404


async def test_a_file_over_the_row_cap_imports_the_cap_and_says_how_to_do_the_rest(
    client: httpx.AsyncClient,
    db: Engine,
    signed_in: tuple[int, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import console.importer

    monkeypatch.setattr(console.importer, "MAX_IMPORT_ROWS", 50)
    cid, token = signed_in
    content = ("Your answer\r\n" + "".join(f"Answer {i}\r\n" for i in range(80))).encode()
    mapped = await _upload(client, cid, token, content)
    response = await client.post(
        f"/console/consultations/{cid}/import/{_upload_id(mapped.text)}",
        data={"csrf_token": token, "text": "Your answer"},
    )
    assert response.status_code == 200
    assert "more than 50 rows" in response.text and "Split the rest" in response.text
    assert len(_imported(db, cid)) == 50
