"""The residents' web chat at /chat/<KEYWORD>, used as a resident would, JavaScript off.

Plain form posts through the real ASGI app, on SQLite and PostgreSQL: the
page answers with the conversation so far, the resident comes back to it
by cookie, and bad requests are refused with nothing typed lost.
"""

from __future__ import annotations

import re
import uuid
from html import unescape

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from storage.models import Answer, Channel, Participant
from storage.models.webchat import WebchatLine

FORM = {"content-type": "application/x-www-form-urlencoded"}


def page_text(html: str) -> str:
    """The words on the page as a screen reader reads them (tags dropped)."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def thread(html: str) -> list[str]:
    """The conversation's lines as shown, speaker first."""
    body = html.split('id="thread"', 1)[1].split("</ol>", 1)[0]
    return [page_text(item) for item in re.findall(r"<li[^>]*>(.*?)</li>", body, re.S)]


def message_id(html: str) -> str:
    found = re.search(r'name="message_id" value="([^"]+)"', html)
    assert found, "the form carries a message id"
    return found.group(1)


async def send(
    client: httpx.AsyncClient, text: str, *, page: str | None = None, keyword: str = "MATTERS"
) -> httpx.Response:
    """Type `text` and press Send, as the form does without JavaScript."""
    if page is None:
        page = (await client.get(f"/chat/{keyword}")).text
    return await client.post(
        f"/chat/{keyword}", data={"message_id": message_id(page), "text": text}
    )


def answers(engine: Engine) -> list[Answer]:
    with Session(engine) as session:
        return list(session.exec(select(Answer).order_by(Answer.id)))  # type: ignore[arg-type]


async def test_the_page_shows_why_we_ask_privacy_and_a_start_without_setting_a_cookie(
    client: httpx.AsyncClient, demo_consultation: str
) -> None:
    # The console's link names the slug; any spelling lands on the keyword's page.
    for other in ("/chat/what-matters", "/chat/matters"):
        moved = await client.get(other)
        assert (moved.status_code, moved.headers["location"]) == (303, "/chat/MATTERS")
    response = await client.get("/chat/MATTERS")
    assert response.status_code == 200
    words = page_text(response.text)
    assert "What matters to you where you live?" in words
    assert "Why we are asking" in words
    assert "never share your name" in words and "no tracking" in words
    assert "Start" in words and "Cymraeg" in words
    # Looking costs nothing: no cookie until the resident sends something.
    assert "set-cookie" not in response.headers
    assert "script-src 'self'" in response.headers["content-security-policy"]
    # No third-party assets: every URL the page loads is this site's own.
    loaded = re.findall(r'(?:src|href)="([^"#]+)"', response.text)
    assert loaded and all(url.startswith("/") for url in loaded), loaded
    sizes = [len(response.content)]
    for asset in ("/chat/static/chat.css", "/chat/static/chat.js"):
        fetched = await client.get(asset)
        assert fetched.status_code == 200
        sizes.append(len(fetched.content))
    assert sum(sizes) < 100_000, sizes


async def test_a_resident_answers_with_javascript_off_and_comes_back(
    client: httpx.AsyncClient, engine: Engine, demo_consultation: str
) -> None:
    start = await send(client, "MATTERS")
    assert start.status_code == 200
    cookie = start.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "path=/chat" in cookie
    lines = thread(start.text)
    assert lines[0] == "You said: MATTERS"  # typed, not pressed
    assert "Would you like to take part?" in lines[1]
    # Consent offered as buttons that post the same form.
    assert re.search(r'<button type="submit" name="option" value="YES" class="option">', start.text)

    # Pressing "Yes" posts the option; the page shows the button's words.
    consent = await client.post(
        "/chat/MATTERS", data={"message_id": message_id(start.text), "option": "YES", "text": ""}
    )
    assert thread(consent.text)[-2] == "You said: Yes"
    assert "What really matters to you about living here?" in thread(consent.text)[-1]
    answered = await send(client, "The buses into town stop at six", page=consent.text)
    assert "You said: The buses into town stop at six" in thread(answered.text)

    stored = answers(engine)
    assert [a.text for a in stored] == ["The buses into town stop at six"]
    assert stored[0].channel == Channel.WEBCHAT
    # The cookie's id is never stored, not even encrypted: only a keyed hash of it.
    token = client.cookies.get("wm_chat")
    assert token
    with Session(engine) as session:
        participant = session.exec(select(Participant)).one()
    assert participant.channel == Channel.WEBCHAT
    assert token not in participant.address_hash
    protector = client._transport.app.state.services.settings.address_protector  # type: ignore[attr-defined]
    assert protector.decrypt(participant.address_encrypted) != token

    # Coming back later (a fresh page load) shows the conversation so far.
    again = await client.get("/chat/MATTERS")
    shown = thread(again.text)
    assert shown[0] == "You said: MATTERS"
    assert "You said: The buses into town stop at six" in shown
    assert len(shown) == len(thread(answered.text))


async def test_double_tap_and_resubmitted_form_store_one_message(
    client: httpx.AsyncClient, engine: Engine, demo_consultation: str
) -> None:
    page = (await send(client, "MATTERS")).text
    page = (await send(client, "yes", page=page)).text
    first = await send(client, "Safe crossings near the school", page=page)
    second = await send(client, "Safe crossings near the school", page=page)
    assert first.status_code == second.status_code == 200
    assert thread(first.text) == thread(second.text)
    assert len(answers(engine)) == 1
    with Session(engine) as session:
        resident_lines = session.exec(
            select(WebchatLine.text).where(WebchatLine.who == "resident")
        ).all()
    assert resident_lines.count("Safe crossings near the school") == 1


async def test_welsh_from_the_browser_and_the_visible_switch(
    client: httpx.AsyncClient, engine: Engine, demo_consultation: str
) -> None:
    welsh = {"accept-language": "cy-GB,cy;q=0.9,en;q=0.5"}
    page = await client.get("/chat/MATTERS", headers=welsh)
    assert '<html lang="cy">' in page.text
    assert "Pam rydyn ni'n gofyn" in unescape(page.text)
    started = await client.post(
        "/chat/MATTERS",
        data={"message_id": message_id(page.text), "text": "MATTERS"},
        headers=welsh,
    )
    # Greeted in Welsh because the page is Welsh: the keyword says nothing of language.
    assert "Beth sy'n bwysig i chi lle rydych chi'n byw?" in unescape(thread(started.text)[-1])
    with Session(engine) as session:
        assert session.exec(select(Participant.language)).one() == "cy"

    # The switch is a plain button; pressing it mid-conversation switches the bot too.
    switched = await client.post("/chat/MATTERS", data={"lang": "en"}, headers=welsh)
    assert switched.status_code == 303
    english = await client.get("/chat/MATTERS", headers=welsh)
    assert '<html lang="en">' in english.text
    assert "ENGLISH" in thread(english.text)[-3]
    with Session(engine) as session:
        assert session.exec(select(Participant.language)).one() == "en"


async def test_a_newcomer_switching_language_gets_a_cookie_for_it_only(
    client: httpx.AsyncClient, engine: Engine, demo_consultation: str
) -> None:
    switched = await client.post("/chat/MATTERS", data={"lang": "cy"})
    assert switched.status_code == 303
    assert "wm_chat_lang=cy" in switched.headers["set-cookie"]
    page = await client.get("/chat/MATTERS")
    assert '<html lang="cy">' in page.text
    with Session(engine) as session:
        assert session.exec(select(Participant)).first() is None, "no participant for a look"


async def test_long_answers_emoji_and_empty_messages(
    client: httpx.AsyncClient, engine: Engine, demo_consultation: str
) -> None:
    page = (await send(client, "MATTERS")).text
    page = (await send(client, "yes", page=page)).text
    long_answer = ("The library opening hours matter to me. " * 40)[:1600]
    kept = await send(client, long_answer, page=page)
    assert kept.status_code == 200
    assert answers(engine)[-1].text == long_answer.strip()

    too_long = await send(client, "x" * 1601, page=kept.text)
    assert too_long.status_code == 422
    assert "under 1,600 characters" in unescape(too_long.text)
    # Nothing typed is lost: the message is back in the box.
    assert "x" * 1601 in too_long.text

    empty = await send(client, "   ", page=kept.text)
    assert empty.status_code == 422 and "Please type a message first." in empty.text

    emoji = await send(client, "🤷", page=kept.text)
    assert emoji.status_code == 200
    assert "You said: 🤷" in thread(emoji.text)


async def test_bad_requests_get_a_page_not_a_crash(
    client: httpx.AsyncClient, engine: Engine, demo_consultation: str
) -> None:
    huge = await client.post("/chat/MATTERS", content=b"text=" + b"a" * 70_000, headers=FORM)
    assert huge.status_code == 413
    assert "could not be sent" in huge.text
    not_utf8 = await client.post("/chat/MATTERS", content=b"text=%ff%fe", headers=FORM)
    assert not_utf8.status_code == 400
    json_body = await client.post("/chat/MATTERS", json={"text": "hi"})
    assert json_body.status_code == 415
    no_id = await client.post("/chat/MATTERS", data={"text": "hello"})
    assert no_id.status_code == 422
    odd_id = await client.post(
        "/chat/MATTERS", data={"text": "hello", "message_id": "<script>alert(1)</script>"}
    )
    assert odd_id.status_code == 422 and "<script>alert" not in odd_id.text
    assert not client.cookies
    bad_cookie = await client.post(
        "/chat/MATTERS",
        data={"text": "MATTERS", "message_id": uuid.uuid4().hex},
        headers={"cookie": "wm_chat=../../etc/passwd"},
    )
    assert bad_cookie.status_code == 200  # treated as a newcomer, given a fresh id
    assert "wm_chat=" in bad_cookie.headers.get("set-cookie", "")
    unknown = await client.get("/chat/NOSUCH")
    assert unknown.status_code == 404
    assert answers(engine) == []


async def test_html_in_an_answer_is_shown_as_text(
    client: httpx.AsyncClient, demo_consultation: str
) -> None:
    page = (await send(client, "MATTERS")).text
    page = (await send(client, "yes", page=page)).text
    shown = await send(client, "<img src=x onerror=alert(1)> parks", page=page)
    assert "<img src=x" not in shown.text
    assert "&lt;img src=x onerror=alert(1)&gt; parks" in shown.text


async def test_the_list_links_open_consultations(
    client: httpx.AsyncClient, demo_consultation: str
) -> None:
    response = await client.get("/chat", headers={"accept-language": "cy"})
    assert response.status_code == 200
    assert 'href="/chat/MATTERS"' in response.text
    assert "Dweud eich dweud" in response.text


async def test_delete_erases_the_transcript_too(
    client: httpx.AsyncClient, engine: Engine, demo_consultation: str
) -> None:
    page = (await send(client, "MATTERS")).text
    page = (await send(client, "yes", page=page)).text
    page = (await send(client, "Potholes on my road", page=page)).text
    page = (await send(client, "DELETE", page=page)).text
    erased = await send(client, "yes", page=page)
    assert erased.status_code == 200
    with Session(engine) as session:
        assert session.exec(select(WebchatLine)).all() == []
        assert session.exec(select(Participant)).all() == []
    assert answers(engine) == []
    # The confirmation is shown once; nothing of theirs is left to show after.
    assert len(thread(erased.text)) == 1
    assert thread((await client.get("/chat/MATTERS")).text) == []
