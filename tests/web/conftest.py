"""The browser the web tests share: Debian's headless Chromium through playwright, one per
test module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"  # Debian's package, installed by `make test`


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                              args=["--no-sandbox", "--disable-gpu"])  # fmt: skip
        yield b
        b.close()


@pytest.fixture
def screen(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page at the viewport the test is parametrized with (``indirect=True``); the phone has
    a touch screen. A script error on the page fails the test."""
    viewport = request.param
    phone = viewport["width"] < 500
    context = browser.new_context(viewport=viewport, has_touch=phone, is_mobile=phone)
    context.set_default_timeout(60_000)  # make test runs two busy workers
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.size = f"{viewport['width']}x{viewport['height']}"  # type: ignore[attr-defined]
    yield page
    context.close()
    assert errors == []
