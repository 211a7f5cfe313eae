"""Debian's Chromium, started as this closed network needs: never a browser that Playwright downloads."""

from pathlib import Path

from playwright.sync_api import Browser, Playwright

CHROMIUM = Path("/usr/bin/chromium")
MISSING_REASON = (
    f"browser journeys skipped: {CHROMIUM} is not installed (Debian's package chromium; `.ci/run` installs it)"
)

# No sandbox because CI runs as root; the rest stop Chromium reaching for Google's services, which a closed network
# refuses (many connections at a time, and a failed name look-up at every start).
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_launch(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
