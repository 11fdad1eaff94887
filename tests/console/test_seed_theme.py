"""A seed theme with the default embedder is stored on every database (found by bench/fuzz.py)."""

from __future__ import annotations

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import select

from storage.db import session_scope
from storage.models.themes import Theme
from tests.console.factories import make_consultation, make_officer, sign_in


async def test_a_seed_theme_with_the_default_embedder_is_saved(
    client: httpx.AsyncClient, db: Engine
) -> None:
    officer = make_officer(db)
    cid = make_consultation(db, shared_with=[officer])
    token = await sign_in(client, officer)
    response = await client.post(
        f"/console/consultations/{cid}/themes/seed",
        data={
            "csrf_token": token,
            "label": "Bus fares",
            "label_cy": "Prisiau bysiau",
            "examples": "Tickets cost too much",
        },
    )
    assert response.status_code == 303
    with session_scope(db) as session:
        (seed,) = session.exec(select(Theme).where(Theme.is_seed == True)).all()  # noqa: E712
    assert seed.officer_label == "Bus fares" and len(seed.model) > 128
