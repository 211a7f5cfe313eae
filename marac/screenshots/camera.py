"""Photographs pages in Debian's Chromium, signed in as each demo user through the real two-step sign-in."""

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, sync_playwright

from marac.journeys.browser import chromium_launch
from marac.screenshots.pages import Shot

WIDTH = 1280
VIEWPORT_HEIGHT = 800
# Longer pages are cut here: the top of a page shows what it is for, and the picture stays small enough to commit.
MOST_HEIGHT = 1600
# GOV.UK's mid grey: what changes from minute to minute (a running clock) is painted over in it.
MASK_COLOUR = "#b1b4b6"


@dataclass(frozen=True)
class Planned:
    shot: Shot
    path: str  # the page's address on the server, found in the demo data before the browser starts


def photograph(*, base_url: str, plan: Iterable[Planned], password: str, code: str, into: Path) -> list[Path]:
    """One browser context per demo user, signed in once; each page saved as `<into>/<shot name>.png`."""
    by_user: dict[str, list[Planned]] = {}
    for planned in plan:
        by_user.setdefault(planned.shot.username, []).append(planned)
    into.mkdir(parents=True, exist_ok=True)
    saved = []
    with sync_playwright() as playwright:
        browser = chromium_launch(playwright)
        try:
            for username, pages in by_user.items():
                context = _context(browser)
                page = context.new_page()
                _sign_in(page, base_url, username=username, password=password, code=code)
                for planned in pages:
                    saved.append(_shoot(page, base_url + planned.path, planned.shot, into))
                context.close()
        finally:
            browser.close()
    return saved


def _context(browser) -> BrowserContext:
    context = browser.new_context(
        viewport={"width": WIDTH, "height": VIEWPORT_HEIGHT},
        locale="en-GB",
        timezone_id="Europe/London",
        reduced_motion="reduce",
    )
    context.set_default_timeout(30_000)
    return context


def _sign_in(page: Page, base_url: str, *, username: str, password: str, code: str) -> None:
    page.goto(f"{base_url}/sign-in/")
    page.locator('input[name="username"]').fill(username)
    page.locator('input[name="password"]').fill(password)
    with page.expect_navigation():
        page.locator('input[name="password"]').press("Enter")
    if "/account/code/" not in page.url:
        raise RuntimeError(f"{username}: the password step led to {page.url}, not to the second step")
    page.locator('input[name="code"]').fill(code)
    with page.expect_navigation():
        page.locator('input[name="code"]').press("Enter")
    if "/account/code/" in page.url or "/sign-in/" in page.url:
        raise RuntimeError(f"{username}: the second step refused the code {code}")


def _open(page: Page, url: str, name: str) -> None:
    response = page.goto(url, wait_until="networkidle")
    if response is None or response.status >= 400:
        raise RuntimeError(f"{name}: {url} answered {response.status if response else 'nothing'}")


def _shoot(page: Page, url: str, shot: Shot, into: Path) -> Path:
    _open(page, url, shot.name)
    # A meeting in progress first asks for the confidentiality declaration; confirm it, then open the page afresh
    # so that the "thank you" banner is not in the picture.
    confirm = page.get_by_role("button", name="I confirm")
    if confirm.count():
        with page.expect_navigation():
            confirm.click()
        _open(page, url, shot.name)
    page.evaluate("() => document.fonts.ready")
    height = min(page.evaluate("() => document.documentElement.scrollHeight"), MOST_HEIGHT)
    target = into / f"{shot.name}.png"
    page.screenshot(
        path=target,
        full_page=True,
        clip={"x": 0, "y": 0, "width": WIDTH, "height": height},
        animations="disabled",
        caret="hide",
        mask=[page.locator(selector) for selector in shot.moving],
        mask_color=MASK_COLOUR,
    )
    return target
