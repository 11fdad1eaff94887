"""The web chat in Debian's Chromium as residents use it: phones, Welsh, keyboard, no JavaScript.

Playwright drives Chromium against uvicorn. Every state of the page is
checked with axe-core (installed from npm by scripts/lib.sh) for WCAG 2.2
A/AA rules, at 320 and 390 px wide with no sideways scrolling. The
screenshots in docs/screenshots/ are taken here.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.bot.playback.channel_rounds import consultation_id, open_and_send, votes
from tests.browser_support import ARGS, ROOT, chromium, running_service

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = ROOT / "docs" / "screenshots"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE = {"width": 390, "height": 844}
SMALL_PHONE = {"width": 320, "height": 640}


def axe_script() -> str:
    """axe-core's axe.min.js from the npm registry (scripts/lib.sh ensure_axe)."""
    path = Path(
        os.environ.get("WHATMATTERS_AXE")
        or ROOT / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
    )
    if path.exists():
        return path.read_text(encoding="utf-8")
    message = "axe-core not found: run `bash -c 'source scripts/lib.sh; ensure_axe'`"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    chromium()
    pytest.importorskip("playwright.sync_api", reason="pip install playwright (dev extra)")
    from storage.migrate import upgrade

    url = f"sqlite:///{tmp_path_factory.mktemp('webchat') / 'wm.db'}"
    upgrade(url)
    with running_service(url, seed_demo=True) as base:
        yield base, url


@pytest.fixture(scope="module")
def browser(server: tuple[str, str]) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium(), args=ARGS)
        yield launched
        launched.close()


def phone(
    browser: Any,
    base: str,
    *,
    language: str = "en-GB",
    width: dict[str, int] = PHONE,
    javascript: bool = True,
) -> Any:
    context = browser.new_context(
        base_url=base,
        viewport=width,
        is_mobile=True,
        has_touch=True,
        locale=language,
        java_script_enabled=javascript,
        extra_http_headers={"accept-language": f"{language},{language[:2]};q=0.9"},
    )
    context.set_default_timeout(20_000)
    return context.new_page()


def check_page(page: Any) -> None:
    """0 axe violations (WCAG 2.2 A/AA) and nothing wider than the phone."""
    violations = audit(page)
    assert violations == [], violations
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"sideways scroll: {widths}"


def audit(page: Any) -> list[dict[str, Any]]:
    # Evaluated through the browser's debugging protocol, which the page's strict
    # Content-Security-Policy (no inline script) rightly does not let a <script> do.
    page.evaluate(axe_script() + "\n;undefined")
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.target)})))",
        AXE_TAGS,
    )
    return list(result)


def test_a_resident_answers_on_a_phone_by_tapping(server: tuple[str, str], browser: Any) -> None:
    from playwright.sync_api import expect

    base, _url = server
    page = phone(browser, base)
    page.goto("/chat/MATTERS")
    expect(page.get_by_role("heading", name="Why we are asking")).to_be_visible()
    check_page(page)
    page.get_by_role("button", name="Start").tap()
    thread = page.get_by_role("log")
    expect(thread).to_contain_text("Would you like to take part?")
    page.get_by_role("button", name="Yes", exact=True).tap()
    expect(thread).to_contain_text("What really matters to you about living here?")
    box = page.get_by_role("textbox", name="Your message")
    box.fill("Buses into town stop at six and I cannot drive")
    page.get_by_role("button", name="Send").tap()
    expect(thread).to_contain_text("You said: Buses into town stop at six")
    expect(box).to_be_focused()
    expect(box).to_have_value("")
    check_page(page)
    page.screenshot(path=SHOTS / "webchat-en.png")

    # Coming back later: the conversation so far, from the cookie.
    page.reload()
    expect(page.get_by_role("log")).to_contain_text("Buses into town stop at six")
    page.context.close()


def test_welsh_at_390_and_320_px(server: tuple[str, str], browser: Any) -> None:
    from playwright.sync_api import expect

    base, _url = server
    page = phone(browser, base, language="cy")
    page.goto("/chat/MATTERS")
    expect(page.get_by_role("heading", name="Pam rydyn ni'n gofyn")).to_be_visible()
    page.get_by_role("button", name="Dechrau").tap()
    thread = page.get_by_role("log")
    expect(thread).to_contain_text("Beth sy'n bwysig i chi lle rydych chi'n byw?")
    page.get_by_role("button", name="Ie", exact=True).tap()
    expect(thread).to_contain_text("Beth sy'n wirioneddol bwysig i chi")
    check_page(page)
    page.screenshot(path=SHOTS / "webchat-cy.png")

    small = phone(browser, base, language="cy", width=SMALL_PHONE)
    small.goto("/chat/MATTERS")
    small.get_by_role("button", name="Dechrau").tap()
    expect(small.get_by_role("log")).to_contain_text("Atebwch")
    small.get_by_role("textbox", name="Eich neges").fill("Llyfrgell" * 30)
    small.get_by_role("button", name="Anfon").tap()
    expect(small.get_by_role("log")).to_contain_text("Llyfrgell")
    check_page(small)

    # The switch: English from here on, the bot too.
    small.get_by_role("button", name="English").tap()
    expect(small.get_by_role("heading", name="Why we are asking")).to_be_visible()
    check_page(small)
    page.context.close()
    small.context.close()


def test_keyboard_only(server: tuple[str, str], browser: Any) -> None:
    from playwright.sync_api import expect

    base, _url = server
    context = browser.new_context(base_url=base, viewport={"width": 1024, "height": 800})
    page = context.new_page()
    page.goto("/chat/MATTERS")
    page.keyboard.press("Tab")  # the language switch, in the header
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to the conversation")).to_be_focused()
    page.keyboard.press("Enter")
    box = page.get_by_role("textbox", name="Your message")
    expect(box).to_be_focused()
    page.keyboard.type("MATTERS")
    page.keyboard.press("Enter")
    thread = page.get_by_role("log")
    expect(thread).to_contain_text("Would you like to take part?")
    expect(box).to_be_focused()
    # The consent buttons come before the box; Shift+Tab reaches them.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    expect(page.get_by_role("button", name="Yes", exact=True)).to_be_focused()
    page.keyboard.press("Enter")
    expect(thread).to_contain_text("What really matters to you about living here?")
    check_page(page)
    context.close()


def test_javascript_off_and_a_playback_round_pressed_on_the_page(
    server: tuple[str, str], browser: Any
) -> None:
    from playwright.sync_api import expect

    from app.settings import Settings
    from storage.db import make_engine

    base, url = server
    page = phone(browser, base, javascript=False)
    page.goto("/chat/MATTERS")
    page.get_by_role("button", name="Start").tap()
    thread = page.get_by_role("log")
    for text in ["yes", "Potholes on every road", "skip", "skip", "skip", "yes"]:
        page.get_by_role("textbox", name="Your message").fill(text)
        page.get_by_role("button", name="Send").tap()
        expect(thread).to_contain_text(f"You said: {text}")
    # Scripts cannot run in this page (axe included): the same resident's page
    # is checked in a second context that shares the cookie.
    twin = browser.new_context(
        base_url=base, viewport=PHONE, storage_state=page.context.storage_state()
    ).new_page()
    twin.goto("/chat/MATTERS")
    expect(twin.get_by_role("log")).to_contain_text("You said: Potholes on every road")
    check_page(twin)
    twin.context.close()

    engine = make_engine(url)
    try:
        settings = Settings(environment="test", database_url=url)
        before = votes(engine)
        _round, report = open_and_send(engine, settings.address_protector, consultation_id(engine))
        assert report.sent >= 1
        # A fresh visit (not a reload, which would offer to post the form again).
        page.goto("/chat/MATTERS")
        expect(thread).to_contain_text("We heard these things matter most")
        page.get_by_role("button", name="2 Housing repairs").tap()
        expect(thread).to_contain_text("We have noted your choice")
        assert votes(engine) == sorted([*before, 2])
    finally:
        engine.dispose()
    page.context.close()
