"""Export timestamps are UTC with an offset on both databases, whatever the host's zone."""

from __future__ import annotations

import csv
import io
import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest
from sqlalchemy.engine import Engine

from tests.console.factories import add_answers, make_consultation, make_officer, sign_in

#: 09:30 UTC in British Summer Time: 10:30 on a London clock.
SUMMER = datetime(2026, 7, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def host_in_london() -> Iterator[None]:
    """The machine's clock set to Europe/London, as on a council's own server."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/London"
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


async def test_csv_and_polis_times_are_utc_with_an_offset(
    client: httpx.AsyncClient, db: Engine, host_in_london: None
) -> None:
    officer = make_officer(db)
    cid = make_consultation(db, shared_with=[officer], slug="summer-times")
    add_answers(db, cid, ["More buses in summer"], start=SUMMER)
    await sign_in(client, officer)

    exported = await client.get(f"/console/consultations/{cid}/export.csv")
    rows = list(csv.DictReader(io.StringIO(exported.text.lstrip("\ufeff"))))
    assert [row["received_at"] for row in rows] == ["2026-07-01T09:30:00+00:00"]

    polis = await client.get(f"/console/consultations/{cid}/polis-comments.csv")
    (row,) = list(csv.DictReader(io.StringIO(polis.text)))
    assert int(row["timestamp"]) == int(SUMMER.timestamp() * 1000)
    assert row["datetime"].startswith("Wed Jul 01 2026 09:30:00 GMT+0000")
