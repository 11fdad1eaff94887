"""'Did we hear you right?' in the residents' web chat, JavaScript off: form posts only.

The question waits on the page (no provider); its three buttons post the
same form as every other button, and typed replies are read as on SMS.
"""

from __future__ import annotations

import re

import httpx
from sqlalchemy.engine import Engine

from bot.conversation.catalog import default_catalog
from tests.bot.channels.webchat.test_chat import message_id, send, thread
from tests.bot.playback.channel_rounds import consultation_id
from tests.bot.playback.check_rounds import agreements, answers_of_kind, open_check_and_send, place
from usecases.playback.rounds import close_round

CATALOG = default_catalog()


def said(key: str) -> str:
    """A bot line as the thread shows it."""
    return f"We said: {CATALOG.text('en', key)}"


async def take_part(client: httpx.AsyncClient, said: str) -> str:
    """Start, consent, answer, skip to "hear back?" and say yes; the page after."""
    page = (await send(client, "MATTERS")).text
    page = (
        await client.post(
            "/chat/MATTERS", data={"message_id": message_id(page), "option": "YES", "text": ""}
        )
    ).text
    page = (await send(client, said, page=page)).text
    asked = CATALOG.text("en", "ask-feedback")
    for _ in range(10):
        if any(asked in line for line in thread(page)[-2:]):
            break
        page = (await send(client, "skip", page=page)).text
    else:
        raise AssertionError("never asked whether to hear back")
    return (await send(client, "yes", page=page)).text


async def test_the_question_waits_on_the_page_and_its_buttons_post_the_verdict(
    client: httpx.AsyncClient, engine: Engine, demo_consultation: str
) -> None:
    await take_part(client, "The buses into town stop at six")
    place(engine, consultation_id(engine), {"buses": [0]})
    round_id, report = open_check_and_send(
        engine,
        client._transport.app.state.services.settings.address_protector,  # type: ignore[attr-defined]
        consultation_id(engine),
    )
    assert report.sent == 1

    page = (await client.get("/chat/MATTERS")).text
    assert thread(page)[-1].startswith(
        "We said: Did we hear you right? We put what you told us under: Buses."
    )
    values = re.findall(r'name="option" value="(pc-[^"]+)"', page)
    assert values == [f"pc-{round_id}-a", f"pc-{round_id}-p", f"pc-{round_id}-n"]

    pressed = await client.post(
        "/chat/MATTERS",
        data={"message_id": message_id(page), "option": f"pc-{round_id}-p", "text": ""},
    )
    assert thread(pressed.text)[-2] == "You said: Partly"
    assert thread(pressed.text)[-1] == said("check-tell-us")
    kept = await send(client, "More about Sundays than evenings", page=pressed.text)
    assert thread(kept.text)[-1] == said("check-thanks-kept")
    assert agreements(engine) == [("Buses", "partly", "More about Sundays than evenings")]


async def test_typed_replies_are_read_asked_again_once_and_late_ones_kept(
    client: httpx.AsyncClient, engine: Engine, demo_consultation: str
) -> None:
    page = await take_part(client, "The buses into town stop at six")
    place(engine, consultation_id(engine), {"buses": [0]})
    open_check_and_send(
        engine,
        client._transport.app.state.services.settings.address_protector,  # type: ignore[attr-defined]
        consultation_id(engine),
    )
    page = (await client.get("/chat/MATTERS")).text
    again = await send(client, "hmm", page=page)
    assert thread(again.text)[-1] == said("check-again")
    close_round(engine=engine, consultation_id=consultation_id(engine))
    late = await send(client, "no, the school buses", page=again.text)
    assert thread(late.text)[-1] == said("playback-closed-kept")
    assert agreements(engine) == []
    # Nothing typed is lost: the unreadable "hmm" too (theming puts it in "Other / unclear").
    assert answers_of_kind(engine, "playback") == ["hmm", "the school buses"]
