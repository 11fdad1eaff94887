"""Phone simulator and web chat: the same engine and store as every other channel.

The page works without JavaScript (a plain form post re-renders the page) and
is nicer with it (messages are sent with fetch and appended in place). The
transcript shown is carried by the page itself, so the server keeps no
per-visitor state beyond the conversation the engine stores.
"""

from __future__ import annotations

import json
import re
import secrets
import uuid
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field

from app.services import Services, ServicesDep
from bot.conversation.catalog import default_catalog
from bot.conversation.messages import InboundMessage, Reply
from bot.simulator.inbox import refresh, waiting_messages
from storage.db import session_scope
from storage.models import Channel, utcnow
from storage.repositories.consultations import list_open

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=HERE / "templates")
router = APIRouter(tags=["simulator"])
static_files = StaticFiles(directory=HERE / "static")

COOKIE = "wm_sim"
LOOKS = ("sms", "whatsapp", "telegram")
MAX_TEXT = 1600  # one long SMS concatenation; the engine stores it whole
MAX_TRANSCRIPT = 40
_REF = re.compile(r"^(playback|feedback):\d{1,18}$")


class SimulatorMessage(BaseModel):
    text: str = Field(max_length=MAX_TEXT)
    message_id: str = Field(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
    consultation: str | None = Field(default=None, max_length=64)


def _visitor_id(request: Request) -> str:
    visitor = request.cookies.get(COOKIE, "")
    if len(visitor) == 32 and visitor.isalnum():
        return visitor
    return secrets.token_hex(16)


def _remember(response: Response, visitor: str) -> None:
    response.set_cookie(COOKIE, visitor, httponly=True, samesite="lax", max_age=30 * 24 * 3600)


async def _send(services: Services, visitor: str, message: SimulatorMessage) -> list[Reply]:
    inbound = InboundMessage(
        channel=Channel.WEB,
        address=visitor,
        text=message.text,
        provider_message_id=f"sim:{message.message_id}",
        received_at=utcnow(),
        consultation_code=message.consultation or None,
    )
    return await run_in_threadpool(services.conversation.handle_inbound, inbound)


def _open_consultations(services: Services) -> list[dict[str, str]]:
    with session_scope(services.db) as session:
        return [
            {"slug": c.slug, "title": c.title_en, "keyword": c.keyword}
            for c in list_open(session=session)
        ]


def _waiting(services: Services, visitor: str) -> list[dict[str, Any]]:
    return waiting_messages(
        services.db, services.settings.address_protector, default_catalog(), visitor
    )


def _clean_extras(item: dict[str, Any]) -> dict[str, Any]:
    """The playback parts of a transcript item (its ref and SMS form), checked."""
    extras: dict[str, Any] = {}
    ref = item.get("ref")
    if isinstance(ref, str) and _REF.match(ref):
        extras["ref"] = ref
    sms = item.get("sms")
    if isinstance(sms, dict):
        segments = sms.get("segments")
        extras["sms"] = {
            "text": str(sms.get("text", ""))[:MAX_TEXT],
            "segments": segments if isinstance(segments, int) and 0 <= segments < 100 else 0,
        }
    return extras


def _parse_transcript(raw: str) -> list[dict[str, Any]]:
    try:
        items = json.loads(raw) if raw else []
    except json.JSONDecodeError:
        return []
    if not isinstance(items, list):
        return []
    clean = []
    for item in items[-MAX_TRANSCRIPT:]:
        if isinstance(item, dict) and item.get("who") in ("me", "bot"):
            clean.append(
                {
                    "who": item["who"],
                    "text": str(item.get("text", ""))[:MAX_TEXT],
                    "options": [
                        {
                            "value": str(o.get("value", ""))[:64],
                            "label": str(o.get("label", ""))[:64],
                        }
                        for o in item.get("options", [])
                        if isinstance(o, dict)
                    ][:10],
                    **_clean_extras(item),
                }
            )
    return clean


def _render(
    request: Request,
    services: Services,
    visitor: str,
    *,
    look: str,
    consultation: str,
    transcript: list[dict[str, Any]],
    error: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    response = templates.TemplateResponse(
        request,
        "simulator.html",
        {
            "look": look,
            "looks": LOOKS,
            "consultation": consultation,
            "consultations": _open_consultations(services),
            "transcript": transcript,
            "transcript_json": json.dumps(transcript),
            "message_id": uuid.uuid4().hex,
            "max_text": MAX_TEXT,
            "error": error,
        },
        status_code=status_code,
    )
    _remember(response, visitor)
    return response


@router.get("/simulator", response_class=HTMLResponse)
async def simulator_page(
    request: Request, services: ServicesDep, look: str = "sms", consultation: str = ""
) -> HTMLResponse:
    """The phone simulator page."""
    look = look if look in LOOKS else "sms"
    visitor = _visitor_id(request)
    # A phone that was sent a playback question finds it waiting.
    waiting = await run_in_threadpool(_waiting, services, visitor)
    return _render(
        request, services, visitor, look=look, consultation=consultation, transcript=waiting
    )


@router.post("/simulator", response_class=HTMLResponse)
async def simulator_form(
    request: Request,
    services: ServicesDep,
    text: Annotated[str, Form(max_length=MAX_TEXT)] = "",
    message_id: Annotated[str, Form(max_length=64)] = "",
    look: Annotated[str, Form(max_length=16)] = "sms",
    consultation: Annotated[str, Form(max_length=64)] = "",
    transcript: Annotated[str, Form(max_length=200_000)] = "",
    new_resident: Annotated[str, Form(max_length=8)] = "",
    option: Annotated[str, Form(max_length=64)] = "",
    check: Annotated[str, Form(max_length=8)] = "",
) -> HTMLResponse:
    """No-JavaScript fallback: send one message (typed or a pressed button), re-render."""
    look = look if look in LOOKS else "sms"
    visitor = _visitor_id(request)
    # Buttons post `option`, not `text`: the empty message box is in the same
    # form, and a second `text` field would hide which button was pressed.
    text = option or text
    if new_resident:
        return _render(
            request,
            services,
            secrets.token_hex(16),
            look=look,
            consultation=consultation,
            transcript=[],
        )
    history = _parse_transcript(transcript)
    # "Check for new messages" sends nothing: only the inbox is read, below.
    if not check:
        try:
            message = SimulatorMessage(text=text, message_id=message_id, consultation=consultation)
        except ValueError:
            return _render(
                request,
                services,
                visitor,
                look=look,
                consultation=consultation,
                transcript=history,
                error="That message could not be sent. Please try again.",
                status_code=422,
            )
        replies = await _send(services, visitor, message)
        history.append({"who": "me", "text": text, "options": []})
        history.extend(
            {
                "who": "bot",
                "text": r.text,
                "options": [{"value": o.value, "label": o.label} for o in r.options],
            }
            for r in replies
        )
    waiting = await run_in_threadpool(_waiting, services, visitor)
    history = refresh(history, waiting)
    return _render(
        request,
        services,
        visitor,
        look=look,
        consultation=consultation,
        transcript=history[-MAX_TRANSCRIPT:],
    )


@router.post("/simulator/api/messages")
async def simulator_api(
    request: Request, services: ServicesDep, message: SimulatorMessage
) -> JSONResponse:
    """Send one message as the simulated resident; returns the bot's replies."""
    visitor = _visitor_id(request)
    replies = await _send(services, visitor, message)
    response = JSONResponse(
        {"replies": [r.to_dict() for r in replies], "next_message_id": uuid.uuid4().hex}
    )
    _remember(response, visitor)
    return response


@router.get("/simulator/api/inbox")
async def simulator_inbox(request: Request, services: ServicesDep) -> JSONResponse:
    """Messages the service sent this phone that it has not answered (playback questions)."""
    visitor = _visitor_id(request)
    waiting = await run_in_threadpool(_waiting, services, visitor)
    response = JSONResponse({"messages": waiting})
    _remember(response, visitor)
    return response


@router.post("/simulator/api/reset")
async def simulator_reset() -> JSONResponse:
    """Become a new resident (a fresh simulated phone)."""
    response = JSONResponse({"ok": True})
    _remember(response, secrets.token_hex(16))
    return response
