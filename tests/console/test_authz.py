"""Every console, workshop and API route, for every role: allowed or refused as the policy says.

Routes are enumerated from the app, so a new route without a policy entry
fails this test until someone decides who may use it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from sqlalchemy.engine import Engine
from starlette.routing import BaseRoute

from console.security import new_api_token
from storage.db import session_scope
from storage.models.accounts import Role
from storage.repositories import console_accounts as accounts
from tests.console.factories import (
    add_answers,
    csrf_of,
    make_consultation,
    make_officer,
    make_quote,
    make_themes,
    sign_in,
)

ALL = {Role.ADMIN, Role.OFFICER, Role.FACILITATOR, Role.READONLY}
VIEW = {Role.ADMIN, Role.OFFICER, Role.READONLY}
EDIT = {Role.ADMIN, Role.OFFICER}
ADMIN = {Role.ADMIN}
NOT_FACILITATOR = VIEW
PUBLIC = "public"

# route name -> roles allowed (on a consultation shared with every role).
POLICY: dict[str, set[Role] | str] = {
    "login_page": PUBLIC,
    "login": PUBLIC,
    "logout": PUBLIC,
    "choose_language": PUBLIC,
    "home": ALL,
    "users_page": ADMIN,
    "create_user": ADMIN,
    "update_user": ADMIN,
    "audit_page": ADMIN,
    "tokens_page": NOT_FACILITATOR,
    "create_token": NOT_FACILITATOR,
    "revoke_token": ALL,
    "new_page": EDIT,
    "create": EDIT,
    "overview": VIEW,
    "edit_page": EDIT,
    "edit": EDIT,
    "change_status": EDIT,
    "add_share": EDIT,
    "remove_share": EDIT,
    "qr": VIEW,
    "poster": VIEW,
    "answers_page": VIEW,
    "change_flag": EDIT,
    "import_page": EDIT,
    "upload": EDIT,
    "run": EDIT,
    "found_out_page": EDIT,
    "publish_found_out": EDIT,
    "resume_feedback": EDIT,
    "quality_page": EDIT,
    "save_quality": EDIT,
    "board": VIEW,
    "theme_page": VIEW,
    "rename": EDIT,
    "merge": EDIT,
    "split": EDIT,
    "pin": EDIT,
    "move": EDIT,
    "seed": EDIT,
    "refit": EDIT,
    "about_n": EDIT,
    "invitations_page": EDIT,
    "create_invitations": EDIT,
    "playback_page": VIEW,
    "open_playback": EDIT,
    "close_playback": EDIT,
    "queue": EDIT,
    "decide": EDIT,
    "edit_spans": EDIT,
    "exports_page": VIEW,
    "export_csv": VIEW,
    "export_polis": VIEW,
    "export_json": VIEW,
    "export_xlsx": VIEW,
    "start_xlsx_export": VIEW,
    "job_page": VIEW,
    "job_progress": VIEW,
    "cancel_job": VIEW,
    "download": VIEW,
    "report": VIEW,
    "index": ALL,
    "wall": ALL,
    "cards": ALL,
    "list_consultations": VIEW,
    "get_consultation": VIEW,
    "list_answers": VIEW,
    "list_themes": VIEW,
    "get_breakdown": VIEW,
    "get_disputes": VIEW,
    "theme_tree": VIEW,
    "responses_page": VIEW,
    "response_form": EDIT,
    "save_response": EDIT,
    "delete_response": EDIT,
    "difference_draft": EDIT,
    "save_difference": EDIT,
    "list_responses": VIEW,
    "publish_responses": EDIT,
    "list_targeted_feedback": VIEW,
    "trends_page": VIEW,
    "link": EDIT,
    "unlink": EDIT,
    "refresh": EDIT,
    "match_by_hand": EDIT,
    "decide_match": EDIT,
    "list_trends": VIEW,
    "redraw_sample": EDIT,
    "get_accuracy": VIEW,
}


@pytest.fixture
def db_url(sqlite_url: str) -> str:
    """Access rules do not depend on the database; the other route tests cover both."""
    return sqlite_url


def _api_routes(routes: Sequence[BaseRoute]) -> Iterator[APIRoute]:
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        # FastAPI keeps included routers as branches; our routers carry their own prefix.
        elif hasattr(route, "original_router"):
            yield from _api_routes(route.original_router.routes)


def _routes(app: FastAPI) -> list[tuple[str, str, str]]:
    found = []
    for route in _api_routes(app.routes):
        if route.path.startswith(("/console", "/workshop", "/api")):
            for method in sorted(route.methods or ()):
                found.append((route.name, method, route.path))
    return found


def test_every_route_has_a_policy(app: FastAPI) -> None:
    names = {name for name, _, _ in _routes(app)}
    assert names - set(POLICY) == set(), "routes without an access policy"
    assert len(_routes(app)) >= 50


@pytest.mark.parametrize("role", [*Role, None], ids=lambda r: r.value if r else "anonymous")
async def test_each_role_reaches_exactly_the_routes_it_should(
    app: FastAPI, client: httpx.AsyncClient, db: Engine, role: Role | None
) -> None:
    someone = make_officer(db, Role.OFFICER)
    cid = make_consultation(db)
    answers = add_answers(db, cid, ["Buses", "More buses", "Parks"])
    theme_ids = make_themes(db, cid, {"Buses": answers[:2], "Parks": answers[2:]})
    quote = make_quote(db, answers[0], theme_ids[0], approve=True, spans=[])
    # Anonymous posts carry a valid CSRF token too, so what refuses them is the sign-in check.
    token = await csrf_of(client)
    bearer: dict[str, str] = {}
    if role is not None:
        me = make_officer(db, role)
        with session_scope(db) as session:
            accounts.share_consultation(session=session, consultation_id=cid, officer_id=me.id or 0)
            raw, hashed = new_api_token()
            accounts.create_api_token(session=session, officer_id=me.id or 0, token_hash=hashed)
        bearer = {"authorization": f"Bearer {raw}"}
        token = await sign_in(client, me)
    values = {
        "consultation_id": cid,
        "theme_id": theme_ids[0],
        "answer_id": answers[0],
        "quote_id": quote,
        "officer_id": someone.id,
        "token_id": 999_999,
        "publication_id": 999_999,
        "job_id": 999_999,
        "dimension": "ward",
        "link_id": 999_999,
        "match_id": 999_999,
        "decision": "confirm",
    }
    problems = []
    for name, method, path in _routes(app):
        if name == "logout":
            continue
        url = re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]), path)
        api = path.startswith("/api")
        if method == "GET":
            response = await client.get(url, headers=bearer if api else {})
        else:
            response = await client.post(url, data={"csrf_token": token})
        policy = POLICY[name]
        allowed = policy == PUBLIC or (role is not None and role in policy)
        if allowed:
            ok = response.status_code not in (401, 403) and not (
                response.status_code == 303
                and response.headers["location"].startswith("/console/login")
            )
        elif role is None:
            ok = response.status_code == (401 if api else 303)
        else:
            ok = response.status_code == 403
        if not ok:
            problems.append(f"{method} {path}: {response.status_code} (allowed={allowed})")
    assert problems == []
