"""Ids taken from a request only ever reach rows of the consultation in the URL.

An officer with access to one consultation must not read or change another's
answers, themes, quotes or publications by putting their (sequential) ids in a
form or a path: every such id is 404, and nothing of the other consultation changes.
"""

from __future__ import annotations

import io
import re
from datetime import timedelta

import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from sqlalchemy.engine import Engine
from sqlmodel import select

from console.importer import save_upload
from console.security import new_api_token
from storage.db import session_scope
from storage.models import utcnow
from storage.models.accounts import ApiToken, ConsultationShare, Role
from storage.models.jobs import JobKind, JobState
from storage.models.lineage import ThemeMatch
from storage.models.playback import FeedbackPublication
from storage.models.quotes import Quote
from storage.models.themes import Theme, ThemeAssignment
from storage.repositories import console_accounts as accounts
from storage.repositories import console_jobs as jobs_repo
from storage.repositories import lineage as lineage_store
from tests.console.factories import (
    add_answers,
    make_consultation,
    make_officer,
    make_quote,
    make_themes,
    sign_in,
)
from tests.console.test_authz import _api_routes


def _assignments(db: Engine, answer_ids: list[int]) -> dict[int, list[int]]:
    with session_scope(db) as session:
        rows = session.exec(
            select(ThemeAssignment).where(ThemeAssignment.answer_id.in_(answer_ids))  # type: ignore[attr-defined]
        ).all()
        found: dict[int, list[int]] = {a: [] for a in answer_ids}
        for row in rows:
            found[row.answer_id].append(row.theme_id)
        return found


async def test_split_refuses_answers_of_another_consultation_and_leaves_them_alone(
    client: httpx.AsyncClient, db: Engine
) -> None:
    me = make_officer(db)
    mine = make_consultation(db, shared_with=[me])
    theirs = make_consultation(db)
    my_answers = add_answers(db, mine, ["More buses", "Later buses"])
    their_answers = add_answers(db, theirs, ["Private worry one", "Private worry two"])
    (my_theme,) = make_themes(db, mine, {"Buses": my_answers})
    (their_theme,) = make_themes(db, theirs, {"Worries": their_answers})
    token = await sign_in(client, me)

    response = await client.post(
        f"/console/consultations/{mine}/themes/{my_theme}/split",
        data={
            "csrf_token": token,
            "part1": "A",
            "part2": "B",
            f"answer_{their_answers[0]}": "1",
            f"answer_{their_answers[1]}": "2",
        },
    )

    assert response.status_code == 404
    assert _assignments(db, their_answers) == {a: [their_theme] for a in their_answers}
    with session_scope(db) as session:
        labels = {t.officer_label for t in session.exec(select(Theme))}
    assert not {"A", "B"} & labels
    page = await client.get(f"/console/consultations/{mine}/themes/{my_theme}")
    assert "Private worry" not in page.text


# Routes whose path or form names a row besides the consultation, with another
# consultation's ids put in: (path values, form fields). "{x}" values are
# filled from the other consultation's rows.
FOREIGN: dict[str, list[tuple[dict[str, str], dict[str, str]]]] = {
    "theme_page": [({"theme_id": "{their_theme}"}, {})],
    "rename": [({"theme_id": "{their_theme}"}, {"label": "Renamed"})],
    "merge": [
        ({"theme_id": "{my_theme}"}, {"target_id": "{their_theme}"}),
        ({"theme_id": "{their_theme}"}, {"target_id": "{my_other_theme}"}),
    ],
    "split": [
        (
            {"theme_id": "{my_theme}"},
            {"part1": "A", "part2": "B", "answer_{their_answer}": "1", "answer_{my_answer}": "2"},
        ),
        (
            {"theme_id": "{their_theme}"},
            {"part1": "A", "part2": "B", "answer_{my_answer}": "1", "answer_{my_answer2}": "2"},
        ),
    ],
    "pin": [
        ({"theme_id": "{my_theme}"}, {"answer_id": "{their_answer}"}),
        ({"theme_id": "{their_theme}"}, {"answer_id": "{my_answer}"}),
    ],
    "move": [
        ({"answer_id": "{their_answer}"}, {"theme_id": "{my_theme}"}),
        ({"answer_id": "{my_answer}"}, {"theme_id": "{their_theme}"}),
        ({"answer_id": "{my_answer}"}, {"theme_id": "{my_theme}", "back": "{their_theme}"}),
    ],
    "edit_spans": [({"quote_id": "{their_quote}"}, {"add_text": "worry"})],
    "resume_feedback": [({"publication_id": "{their_publication}"}, {})],
    "remove_share": [({"officer_id": "{their_officer}"}, {})],
    "run": [({"job_id": "{their_upload}"}, {"text": "text"})],
    "job_page": [({"job_id": "{their_export}"}, {})],
    "job_progress": [({"job_id": "{their_export}"}, {})],
    "cancel_job": [({"job_id": "{their_export}"}, {})],
    "download": [({"job_id": "{their_export}"}, {})],
    "save_quality": [({}, {"code_{their_answer}": "{my_theme}"})],
    "revoke_token": [({"token_id": "{their_token}"}, {})],
    "change_flag": [({"answer_id": "{their_answer}"}, {"kind": "spam", "action": "clear"})],
    "response_form": [({"theme_id": "{their_theme}"}, {})],
    "save_response": [({"theme_id": "{their_theme}"}, {"decision": "will_do", "detail_en": "x"})],
    "delete_response": [({"theme_id": "{their_theme}"}, {})],
    "link": [({}, {"earlier_id": "{their_consultation}"})],
    "unlink": [({"link_id": "{their_link}"}, {})],
    "decide": [({"quote_id": "{their_quote}"}, {"decision": "approve"})],
    "decide_match": [({"match_id": "{their_match}", "decision": "confirm"}, {})],
    "match_by_hand": [
        (
            {"link_id": "{their_link}"},
            {"theme_id": "{my_theme}", "earlier_theme_id": "{older_theme}"},
        ),
    ],
}
# Rows named by id that no consultation scopes: admins manage every account.
NOT_CONSULTATION_SCOPED = {"update_user"}


def _routes(app: FastAPI) -> list[tuple[str, str, str, APIRoute]]:
    found = []
    for route in _api_routes(app.routes):
        if route.path.startswith(("/console", "/workshop", "/api")):
            for method in sorted(route.methods or ()):
                found.append((route.name, method, route.path, route))
    return found


def _id_params(route: APIRoute) -> set[str]:
    """Names of ids the route takes from its path or its declared form fields."""
    in_path = set(re.findall(r"\{(\w+_id)\}", route.path)) - {"consultation_id"}
    in_form = {p.name for p in route.dependant.body_params if p.name.endswith("_id")}
    return in_path | in_form


def _fill_path(path: str, given: dict[str, str], values: dict[str, str]) -> str:
    return re.sub(
        r"\{(\w+)\}", lambda m: given.get(m.group(1)) or values.get(m.group(1), "1"), path
    )


def _snapshot(db: Engine, consultation_id: int) -> list[object]:
    """Everything an edit could change in a consultation, as plain values."""
    with session_scope(db) as session:
        themes = session.exec(
            select(Theme).where(Theme.consultation_id == consultation_id).order_by(Theme.id)  # type: ignore[arg-type]
        ).all()
        theme_ids = [t.id for t in themes]
        assignments = session.exec(
            select(ThemeAssignment).where(ThemeAssignment.theme_id.in_(theme_ids))  # type: ignore[attr-defined]
        ).all()
        quotes = session.exec(select(Quote).where(Quote.consultation_id == consultation_id)).all()
        shares = session.exec(
            select(ConsultationShare).where(ConsultationShare.consultation_id == consultation_id)
        ).all()
        return [
            [(t.id, t.officer_label, t.status, t.quote_answer_ids) for t in themes],
            sorted((a.answer_id, a.theme_id, a.pinned) for a in assignments),
            [(q.id, q.status, q.spans) for q in quotes],
            sorted(s.officer_id for s in shares),
            len(session.exec(select(ApiToken).where(ApiToken.revoked == False)).all()),  # noqa: E712
        ]


async def test_every_route_refuses_another_consultations_ids_with_404(
    app: FastAPI, client: httpx.AsyncClient, db: Engine
) -> None:
    me = make_officer(db)
    them = make_officer(db)
    mine = make_consultation(db, shared_with=[me])
    theirs = make_consultation(db, shared_with=[them])
    my_answers = add_answers(db, mine, ["More buses", "Later buses", "Parks"])
    their_answers = add_answers(db, theirs, ["Private worry one", "Private worry two"])
    my_theme, my_other_theme = make_themes(
        db, mine, {"Buses": my_answers[:2], "Parks": my_answers[2:]}
    )
    (their_theme,) = make_themes(db, theirs, {"Worries": their_answers})
    their_quote = make_quote(db, their_answers[0], their_theme, approve=False, spans=[])
    older = make_consultation(db, shared_with=[them])
    (older_theme,) = make_themes(db, older, {"Old worries": add_answers(db, older, ["Old"])})
    with session_scope(db) as session:
        publication = FeedbackPublication(consultation_id=theirs, text_hash="x" * 64)
        session.add(publication)
        _, hashed = new_api_token()
        their_token = accounts.create_api_token(
            session=session, officer_id=them.id or 0, token_hash=hashed
        )
        # Their consultation follows on from an older one of theirs, with a theme match.
        their_link = lineage_store.link_consultations(
            session=session, consultation_id=theirs, earlier_id=older
        )
        their_match = ThemeMatch(
            link_id=their_link.id or 0, theme_id=their_theme, earlier_theme_id=older_theme
        )
        session.add(their_match)
        session.flush()
        ids = {
            "their_publication": publication.id,
            "their_token": their_token.id,
            "their_link": their_link.id,
            "their_match": their_match.id,
            "their_consultation": theirs,
            "older_theme": older_theme,
        }
    upload = save_upload(
        db,
        io.BytesIO(b"text\nhello\n"),
        consultation_id=theirs,
        officer_id=them.id,
        filename="x.csv",
        limit=10_000,
    )
    with session_scope(db) as session:
        # Their export, built and waiting to be downloaded.
        their_export = jobs_repo.create_job(
            session=session,
            consultation_id=theirs,
            officer_id=them.id,
            kind=JobKind.EXPORT,
            state=JobState.DONE,
            filename="theirs.xlsx",
            expires_at=utcnow() + timedelta(hours=1),
        )
        jobs_repo.write_file(session=session, job_id=their_export.id or 0, source=io.BytesIO(b"x"))
        ids["their_export"] = their_export.id
    raw, hashed = new_api_token()
    with session_scope(db) as session:
        accounts.create_api_token(session=session, officer_id=me.id or 0, token_hash=hashed)
    values = {
        "consultation_id": str(mine),
        "my_theme": str(my_theme),
        "my_other_theme": str(my_other_theme),
        "my_answer": str(my_answers[0]),
        "my_answer2": str(my_answers[1]),
        "their_theme": str(their_theme),
        "their_answer": str(their_answers[0]),
        "their_quote": str(their_quote),
        "their_officer": str(them.id),
        "their_upload": str(upload.job_id),
        "dimension": "ward",
        **{k: str(v) for k, v in ids.items()},
    }
    token = await sign_in(client, me)
    before = _snapshot(db, theirs)

    def fill(template: str) -> str:
        return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], template)

    problems: list[str] = []
    walked: set[str] = set()
    for name, method, path, _ in _routes(app):
        if name in ("logout", "login"):
            continue
        api = path.startswith("/api")
        headers = {"authorization": f"Bearer {raw}"} if api else {}
        attempts: list[tuple[str, dict[str, str]]] = []
        if "{consultation_id}" in path:
            # Their consultation in the path, everything else ours.
            attempts.append((_fill_path(path, {"consultation_id": str(theirs)}, values), {}))
        for path_values, form in FOREIGN.get(name, []):
            walked.add(name)
            filled = {k: fill(v) for k, v in path_values.items()}
            attempts.append(
                (_fill_path(path, filled, values), {fill(k): fill(v) for k, v in form.items()})
            )
        if not attempts:
            continue  # takes no ids at all (checked below)
        for url, form in attempts:
            if method == "GET":
                response = await client.get(url, headers=headers)
            else:
                response = await client.post(url, data={"csrf_token": token, **form})
            if response.status_code != 404:
                problems.append(f"{method} {url} {form}: {response.status_code}")
            assert "Private worry" not in response.text
    assert problems == []
    assert walked == set(FOREIGN)
    assert _snapshot(db, theirs) == before
    their_job = jobs_repo.get_job(engine=db, job_id=int(values["their_export"]))
    assert their_job is not None and their_job.state == "done" and not their_job.cancel_requested
    for name, _, _, route in _routes(app):
        if _id_params(route) and name not in FOREIGN:
            assert name in NOT_CONSULTATION_SCOPED, f"{name} takes ids: add it to FOREIGN"


async def test_ids_past_two_to_the_63_are_404_not_a_database_error(
    client: httpx.AsyncClient, db: Engine
) -> None:
    me = make_officer(db)
    mine = make_consultation(db, shared_with=[me])
    (answer,) = add_answers(db, mine, ["Buses"])
    (theme,) = make_themes(db, mine, {"Buses": [answer]})
    token = await sign_in(client, me)
    huge = str(2**63)
    base = f"/console/consultations/{mine}"
    assert (await client.get(f"/console/consultations/{huge}")).status_code == 404
    assert (await client.get(f"{base}/themes/{huge}")).status_code == 404
    posts = [
        (f"{base}/answers/{answer}/move", {"theme_id": huge}),
        (f"{base}/themes/{theme}/merge", {"target_id": huge}),
        (f"{base}/themes/{theme}/pin", {"answer_id": "9" * 30}),
        (f"{base}/quotes/{huge}/decide", {"decision": "approve"}),
        (f"/console/tokens/{huge}/revoke", {}),
    ]
    for url, form in posts:
        response = await client.post(url, data={"csrf_token": token, **form})
        assert response.status_code in (404, 422), (url, response.status_code)
    # Neither is an answer id ("²" passes str.isdigit()): ignored like any other field.
    for key in (f"answer_{huge}", "answer_\u00b2"):
        response = await client.post(
            f"{base}/themes/{theme}/split",
            data={"csrf_token": token, "part1": "A", "part2": "B", key: "1"},
        )
        assert response.status_code == 303
    page = await client.get(f"{base}/themes")
    assert "every part of a split needs at least one answer" in page.text


@pytest.mark.parametrize("big", [2**31 - 1, 2**31, 2**63 - 1])
async def test_ids_past_the_integer_key_range_are_404_on_every_database(
    client: httpx.AsyncClient, db: Engine, big: int
) -> None:
    """Found by bench/fuzz.py: 2^63-1 passed a 64-bit check; PostgreSQL keys are 32-bit."""
    admin = make_officer(db, Role.ADMIN)
    await sign_in(client, admin)
    for path in (f"/console/consultations/{big}/themes", f"/workshop/{big}"):
        assert (await client.get(path)).status_code == 404, path
