"""A playback round on the phone simulator in a real browser, with and without JavaScript.

Debian's Chromium driven by Playwright against uvicorn: the round is opened
and sent while the pages are open; the page with JavaScript finds it by
itself, the page without finds it with "Check for new messages"; pressing a
numbered button votes in both.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.settings import Settings
from storage.db import make_engine
from storage.migrate import upgrade
from tests.bot.playback.channel_rounds import consultation_id, open_and_send, votes
from tests.browser_support import ARGS, chromium, running_service

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    chromium()
    pytest.importorskip("playwright.sync_api", reason="pip install playwright (dev extra)")
    url = f"sqlite:///{tmp_path_factory.mktemp('simulator') / 'wm.db'}"
    upgrade(url)
    with running_service(url, seed_demo=True) as base:
        yield base, url


def test_a_round_reaches_open_simulator_pages_and_a_button_votes(
    server: tuple[str, str], tmp_path: Path
) -> None:
    from playwright.sync_api import APIRequestContext, expect, sync_playwright

    base, url = server

    def take_part(request: APIRequestContext) -> None:
        """Answer the sample consultation as this browser's phone, asking to hear back."""
        for text in ["MATTERS", "yes", "Buses into town stop at six", *["skip"] * 3, "yes"]:
            sent = request.post(
                "/simulator/api/messages",
                data={"text": text, "message_id": uuid.uuid4().hex},
            )
            assert sent.ok, sent.text()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=ARGS)
        scripted = browser.new_context(base_url=base, viewport={"width": 1100, "height": 900})
        plain = browser.new_context(
            base_url=base, viewport={"width": 1100, "height": 900}, java_script_enabled=False
        )
        pages = []
        for context in (scripted, plain):
            page = context.new_page()
            page.goto("/simulator?look=telegram")  # sets this phone's cookie
            take_part(context.request)
            page.goto("/simulator?look=telegram")
            expect(page.locator(".playback")).to_have_count(0)
            pages.append(page)
        with_js, without_js = pages

        settings = Settings(environment="test", database_url=url)
        engine = make_engine(url)
        try:
            _round, report = open_and_send(
                engine, settings.address_protector, consultation_id(engine)
            )
            assert report.sent == 2

            # With JavaScript the question arrives by itself, both forms shown.
            question = with_js.locator(".playback")
            expect(question).to_contain_text("As a text message (2 segments)", timeout=15_000)
            expect(question).to_contain_text("Text STOP to opt out.")
            expect(question).to_contain_text("On Telegram")
            with_js.screenshot(path=tmp_path / "playback-js.png")
            question.get_by_role("button", name="2 Housing repairs").click()
            expect(with_js.locator("#thread")).to_contain_text(
                "Thank you. We have noted your choice."
            )
            expect(with_js.locator(".playback button")).to_have_count(0)

            # Without JavaScript: check for new messages, then press a plain form button.
            without_js.get_by_role("button", name="Check for new messages").click()
            question = without_js.locator(".playback")
            expect(question).to_contain_text("We heard these things matter most: 1 Buses")
            question.get_by_role("button", name="3 Parks").click()
            expect(without_js.locator("#thread")).to_contain_text(
                "Thank you. We have noted your choice."
            )
            # Answered: its buttons are gone, so it cannot be voted on twice.
            expect(without_js.locator(".playback button")).to_have_count(0)
            without_js.screenshot(path=tmp_path / "playback-nojs.png", full_page=True)
            assert votes(engine) == [2, 3]
        finally:
            engine.dispose()
        browser.close()
