"""One Chromium for all the journeys, a fresh browser context for each, and the live server they talk to."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, sync_playwright

from marac.journeys.accessibility import AxeAudit
from marac.journeys.browser import CHROMIUM, MISSING_REASON, chromium_launch
from marac.journeys.visitor import Visitor


@pytest.fixture(scope="package")
def chromium() -> Iterator[Browser]:
    """Started once for all the journeys, and stopped when they are done: while Playwright's synchronous API runs,
    it keeps an event loop going in this thread, and Django takes every query made here (the test's own, and the
    database flush after each journey) for a query from async code, which it refuses unless told otherwise."""
    if not CHROMIUM.exists():
        pytest.skip(MISSING_REASON)
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = chromium_launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def visitor(request, live_server, chromium: Browser) -> Iterator[Visitor]:
    """A person at the browser; when the journey ends, every page it loaded must have passed axe."""
    failures_before = request.session.testsfailed
    context = chromium.new_context(locale="en-GB", timezone_id="Europe/London")
    context.set_default_timeout(10_000)
    page = context.new_page()
    audit = AxeAudit()
    audit.watch(context, page)
    yield Visitor(page=page, audit=audit, base_url=live_server.url)
    context.close()
    # A journey that failed stopped part-way: its own failure says more than the pages it left unchecked.
    if request.session.testsfailed == failures_before:
        audit.assert_clean()
