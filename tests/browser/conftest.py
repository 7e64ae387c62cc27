"""Browser tests drive Debian's Chromium through Playwright (no browser download).

Journeys that span time (a deadline, a video watched to the end) do not wait for it: the
test moves the live server's clock (``server_clock``: the server runs in a thread of this
process and reads ``latih.common.clock.now()``) and the page's clock (Playwright's
``page.clock``, which drives the page's timers, ``Date`` and ``performance.now()``) by the
same amount.
"""

import datetime as dt
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from latih.common import clock

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
# Playwright's sync API runs an event loop in this thread; the Django test database calls
# made by the test itself are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("LATIH_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser, live_server):
    """Open a page in a new browser context (its own cookies), phone-sized by default."""
    contexts = []

    def open_page(width: int = 360, height: int = 740):
        context = browser.new_context(
            viewport={"width": width, "height": height}, base_url=live_server.url
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def phone(open_page):
    """A page in a phone-sized window (360 px wide)."""
    return open_page()


def sign_in(page, nip: str, password: str) -> None:
    page.goto("/login/")
    page.get_by_label("NIP").fill(nip)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/")


class ServerClock:
    """The live server's clock, moved by the test instead of waited for."""

    def __init__(self, shift: Callable[[dt.timedelta], None]) -> None:
        self._shift = shift
        self.moved = dt.timedelta()

    def advance(self, seconds: float) -> None:
        """``seconds`` pass on the server at once."""
        by = dt.timedelta(seconds=seconds)
        self._shift(by)
        self.moved += by

    @contextmanager
    def stopped(self) -> Iterator[None]:
        """No time passes on the server inside the block but what ``advance`` moves."""
        with clock.freeze(clock.now() - self.moved):  # now() adds the moves again
            yield


@pytest.fixture
def server_clock() -> Iterator[ServerClock]:
    with clock.shifted() as shift:
        yield ServerClock(shift)


def until(page, condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Wait (real time, keeping the page's events flowing) until ``condition()`` holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        page.wait_for_timeout(50)


def time_passes(page, server_clock: ServerClock, seconds: float) -> None:
    """``seconds`` pass on the server, then in the page (its timers fire as they fall due
    in that time), so the page never sees a time the server has not reached yet."""
    server_clock.advance(seconds)
    page.clock.run_for(round(seconds * 1000))
