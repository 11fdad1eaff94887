"""Plain factory functions for console tests: accounts, consultations, answers, sign-in."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from itertools import count
from typing import Any

import httpx
from sqlalchemy.engine import Engine

from console.security import hash_password
from storage.db import session_scope
from storage.models import Answer, Channel, Conversation, Language, Participant
from storage.models.accounts import Officer, Role
from storage.repositories import console_accounts as accounts
from storage.repositories.consultations import create_consultation

PASSWORD = "correct horse battery"
_ids = count(1)
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def make_officer(engine: Engine, role: Role = Role.OFFICER, *, email: str | None = None) -> Officer:
    with session_scope(engine) as session:
        return accounts.create_officer(
            session=session,
            email=email or f"{role.value}{next(_ids)}@council.example",
            password_hash=hash_password(PASSWORD),
            role=role,
            display_name=f"Test {role.value}",
        )


def make_consultation(
    engine: Engine, *, shared_with: list[Officer] | None = None, **fields: Any
) -> int:
    n = next(_ids)
    values: dict[str, Any] = {
        "slug": f"consult-{n}",
        "keyword": f"KEY{n}",
        "title_en": f"Buses {n}",
        "title_cy": f"Bysiau {n}",
        "why_en": "We are planning routes.",
    }
    values.update(fields)
    with session_scope(engine) as session:
        consultation = create_consultation(
            session=session,
            questions=[
                {"kind": "open", "prompt_en": "What matters?", "prompt_cy": "Beth sy'n bwysig?"},
                {"kind": "ward", "prompt_en": "Which ward?", "prompt_cy": "Pa ward?"},
            ],
            **values,
        )
        for officer in shared_with or []:
            accounts.share_consultation(
                session=session, consultation_id=consultation.id or 0, officer_id=officer.id or 0
            )
        return consultation.id or 0


def add_answers(
    engine: Engine,
    consultation_id: int,
    texts: list[str],
    *,
    ward: str | None = None,
    age_band: str | None = None,
    channel: Channel = Channel.SMS,
    language: str = "en",
    start: datetime | None = None,
) -> list[int]:
    """Answers as the engine stores them: one participant and conversation each."""
    start = start or datetime(2026, 3, 1, 9, tzinfo=UTC)
    ids = []
    with session_scope(engine) as session:
        for i, text in enumerate(texts):
            n = next(_ids)
            participant = Participant(
                channel=channel,
                address_hash=f"h{n}",
                address_encrypted=b"x",
                language=Language(language),
            )
            session.add(participant)
            session.flush()
            conversation = Conversation(
                participant_id=participant.id or 0,
                consultation_id=consultation_id,
                ward=ward,
                age_band=age_band,
            )
            session.add(conversation)
            session.flush()
            answer = Answer(
                consultation_id=consultation_id,
                participant_id=participant.id,
                conversation_id=conversation.id,
                channel=channel,
                language=language,
                text=text,
                received_at=start + timedelta(hours=i),
            )
            session.add(answer)
            session.flush()
            ids.append(answer.id or 0)
    return ids


async def csrf_of(client: httpx.AsyncClient, path: str = "/console/login") -> str:
    page = await client.get(path)
    match = _CSRF.search(page.text)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


async def sign_in(client: httpx.AsyncClient, officer: Officer) -> str:
    """Sign in through the form; returns the session's CSRF token for later posts."""
    token = await csrf_of(client)
    response = await client.post(
        "/console/login",
        data={"email": officer.email, "password": PASSWORD, "csrf_token": token},
    )
    assert response.status_code == 303, response.text
    return await csrf_of(
        client, "/console/tokens" if officer.role != Role.FACILITATOR else "/console/"
    )


def make_themes(engine: Engine, consultation_id: int, themes: dict[str, list[int]]) -> list[int]:
    """Themes with answers assigned, as the theming job leaves them ("Other" is the bucket)."""
    from storage.models.themes import Theme, ThemeAssignment

    ids = []
    with session_scope(engine) as session:
        for label, answer_ids in themes.items():
            theme = Theme(
                consultation_id=consultation_id,
                label_en=label,
                label_cy=f"{label} (cy)",
                is_other=label == "Other",
                size=len(answer_ids),
                keywords=[label.lower()],
            )
            session.add(theme)
            session.flush()
            for answer_id in answer_ids:
                session.add(ThemeAssignment(answer_id=answer_id, theme_id=theme.id or 0))
            ids.append(theme.id or 0)
    return ids


def make_quote(
    engine: Engine, answer_id: int, theme_id: int, *, approve: bool, spans: list[dict[str, Any]]
) -> int:
    from storage.repositories import quotes

    with session_scope(engine) as session:
        quote = quotes.propose_quote(
            session=session, answer_id=answer_id, spans=spans, theme_id=theme_id
        )
        if approve:
            quotes.approve_quote(session=session, quote_id=quote.id or 0, officer="officer:0")
        return quote.id or 0
