"""End to end in a real browser: Debian's Chromium driven by Playwright against uvicorn.

An officer signs in, creates and opens a consultation, residents answer
through the phone simulator, themes appear, the officer renames one and
approves a quote, exports XLSX, opens the workshop wall and prints cards.
Screenshots of the main pages are saved in docs/screenshots/ for the README.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from openpyxl import load_workbook

from console.security import hash_password
from storage.db import make_engine, session_scope
from storage.migrate import upgrade
from storage.models.accounts import Role
from storage.repositories import console_accounts as accounts
from tests.browser_support import ARGS, chromium, running_service

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docs" / "screenshots"
EMAIL, PASSWORD = "officer@council.example", "a long officer password"
ANSWERS = [
    "The buses into town stop running after six",
    "More buses in the evening please",
    "Bus fares are too expensive for families",
    "The number 5 bus is always late",
    "Buses do not run on Sundays",
    "Rural bus routes were cut",
    "Potholes on the high street are dangerous",
    "Fix the potholes on our road",
    "Roads are full of potholes and cracks",
    "The pavements and potholes need repair",
    "Potholes damaged my car tyre",
    "Dog fouling in the park is terrible",
    "The park needs more bins for dog mess",
    "Dog mess all over the playing field",
    "Dog owners do not clean up in the park",
    "Ring me on 07700 900123 about dog fouling near the school",
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    chromium()
    pytest.importorskip("playwright.sync_api", reason="pip install playwright (dev extra)")
    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'wm.db'}"
    upgrade(url)
    engine = make_engine(url)
    with session_scope(engine) as session:
        accounts.create_officer(
            session=session,
            email=EMAIL,
            password_hash=hash_password(PASSWORD),
            role=Role.OFFICER,
            display_name="Olwen Officer",
        )
    engine.dispose()
    with running_service(url, seed_demo=False) as base:
        yield base


def _resident_answers(base: str, keyword: str, text: str) -> None:
    with httpx.Client(base_url=base, timeout=30) as phone:
        for message in (keyword, "yes", text):
            response = phone.post(
                "/simulator/api/messages", json={"text": message, "message_id": uuid.uuid4().hex}
            )
            assert response.status_code == 200, response.text


def test_an_officer_runs_a_consultation_end_to_end(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=ARGS)
        context = browser.new_context(
            base_url=server, viewport={"width": 1280, "height": 900}, accept_downloads=True
        )
        page = context.new_page()

        # Sign in.
        page.goto("/console/")
        expect(page).to_have_url(f"{server}/console/login?next=/console/")
        page.get_by_label("E-mail").fill(EMAIL)
        page.get_by_label("Password").fill(PASSWORD)
        page.screenshot(path=SHOTS / "login.png")
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("heading", name="Consultations")).to_be_visible()

        # Create a consultation and open it.
        page.get_by_role("link", name="New consultation").click()
        page.get_by_label("Title (English)").fill("Getting around Wrexham")
        page.get_by_label("Teitl (Cymraeg)").fill("Teithio o gwmpas Wrecsam")
        page.get_by_label("SMS keyword").fill("TRAVEL")
        page.get_by_label("Why are we doing this?").fill("We are planning next year's budget.")
        page.get_by_label("Open question (English)").fill(
            "What matters to you about getting around?"
        )
        page.get_by_label("Cwestiwn agored (Cymraeg)").fill("Beth sy'n bwysig i chi am deithio?")
        page.get_by_role("button", name="Create consultation").click()
        page.get_by_role("button", name="Open for answers").click()
        expect(page.get_by_text("The consultation is now open.")).to_be_visible()
        cid = page.url.rstrip("/").rsplit("/", 1)[1]
        page.screenshot(path=SHOTS / "consultation.png", full_page=True)

        # Residents answer through the phone simulator (one in the browser, the rest by API).
        phone = context.new_page()
        phone.goto("/simulator")
        phone.get_by_label("Message").fill("TRAVEL")
        phone.get_by_role("button", name="Send").click()
        expect(phone.locator("#thread")).to_contain_text("Getting around Wrexham")
        phone.screenshot(path=SHOTS / "simulator.png")
        phone.close()
        for text in ANSWERS:
            _resident_answers(server, "TRAVEL", text)
        page.goto(f"/console/consultations/{cid}/answers")
        expect(page.get_by_text(f"{len(ANSWERS)} answers.")).to_be_visible()
        expect(page.get_by_text("[phone]")).to_be_visible()
        assert "07700 900123" not in page.content()

        # Themes: regroup now and wait for the background worker.
        page.goto(f"/console/consultations/{cid}/themes")
        page.get_by_role("button", name="Regroup all answers now").click()
        for _ in range(120):
            if page.locator("article.theme-card").count() >= 2:
                break
            time.sleep(1)
            page.reload()
        assert page.locator("article.theme-card").count() >= 2, "no themes after two minutes"
        page.screenshot(path=SHOTS / "themes.png", full_page=True)

        # Rename the first theme.
        first = page.locator("article.theme-card").first
        first.locator("summary").click()
        first.get_by_label("New name", exact=True).fill("Getting about by bus")
        first.get_by_label("New name in Welsh").fill("Teithio ar y bws")
        first.get_by_role("button", name="Rename").click()
        expect(page.get_by_text("Theme renamed.")).to_be_visible()
        expect(page.get_by_role("link", name="Getting about by bus")).to_be_visible()

        # Pin an answer as a quote, then approve it in the queue.
        page.get_by_role("link", name="Getting about by bus").click()
        page.get_by_role("button", name="Pin as quote").first.click()
        expect(page.get_by_text("waits in the approval queue")).to_be_visible()
        page.goto(f"/console/consultations/{cid}/quotes")
        page.screenshot(path=SHOTS / "quotes.png", full_page=True)
        quote_text = page.locator("blockquote").first.inner_text().replace("Will show:", "").strip()
        page.get_by_role("button", name="Approve").first.click()
        expect(page.get_by_text("Approved: it can now appear")).to_be_visible()

        # Export XLSX and read it back.
        page.goto(f"/console/consultations/{cid}/exports")
        with page.expect_download() as download_info:
            page.get_by_role("link", name="Excel workbook (.xlsx)").click()
        saved = tmp_path / "export.xlsx"
        download_info.value.save_as(saved)
        book = load_workbook(saved, read_only=True)
        rows = list(book["Answers"].iter_rows(values_only=True))
        assert len(rows) == len(ANSWERS) + 1
        cells = " ".join(str(v) for row in rows for v in row)
        assert "07700 900123" not in cells and "[phone]" in cells
        assert quote_text in [row[1] for row in book["Quotes"].iter_rows(values_only=True)]

        # The workshop wall shows the approved quote; the keyboard script is loaded.
        page.goto(f"/workshop/{cid}/wall")
        expect(page.locator("blockquote")).to_have_text(quote_text)
        page.keyboard.press("ArrowRight")  # one quote: nowhere to go, nothing breaks
        page.screenshot(path=SHOTS / "workshop-wall.png")

        # Print the cards.
        page.goto(f"/workshop/{cid}/cards")
        page.emulate_media(media="print")
        expect(page.locator(".noprint").first).to_be_hidden()
        pdf = page.pdf(format="A4", print_background=True)
        assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") >= 1
        page.emulate_media(media="screen")
        page.screenshot(path=SHOTS / "quote-cards.png")

        browser.close()


def test_the_console_and_wall_work_without_javascript(server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=ARGS)
        context = browser.new_context(base_url=server, java_script_enabled=False)
        page = context.new_page()
        page.goto("/console/login")
        page.get_by_label("E-mail").fill(EMAIL)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        # Wait for the signed-in page: a Tab pressed during the redirect lands nowhere.
        page.wait_for_url(lambda url: "/login" not in url)
        page.wait_for_load_state()
        # Keyboard users reach the skip link first.
        page.keyboard.press("Tab")
        expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
        page.get_by_role("link", name="New consultation").click()
        page.get_by_label("Title (English)").fill("No script needed")
        page.get_by_label("Teitl (Cymraeg)").fill("Dim sgript")
        page.get_by_label("SMS keyword").fill("NOJS")
        page.get_by_label("Open question (English)").fill("What matters?")
        page.get_by_label("Cwestiwn agored (Cymraeg)").fill("Beth sy'n bwysig?")
        page.get_by_role("button", name="Create consultation").click()
        expect(page.get_by_text("Consultation created as a draft.")).to_be_visible()
        page.get_by_role("link", name="Workshop").click()
        expect(page.get_by_text("No quotes have been approved yet.")).to_be_visible()
        browser.close()
