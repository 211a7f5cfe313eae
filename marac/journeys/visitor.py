"""One person at the browser: a page of their own, signed in through both steps, with axe checking each page."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page

from marac.accounts.devices import AUTHENTICATOR_NAME
from marac.accounts.testing import app_code
from marac.journeys.accessibility import AxeAudit
from marac.journeys.keyboard import type_into

# The password every test user has (marac.testing.factories.UserFactory).
PASSWORD = "correct-horse-battery"


@dataclass
class Visitor:
    page: Page
    audit: AxeAudit
    base_url: str

    def go(self, path: str) -> None:
        self.page.goto(self.base_url + path)
        self.arrived()

    def arrived(self) -> None:
        """After each navigation: the page has loaded, and axe checks it."""
        self.audit.check(self.page)

    @contextmanager
    def navigating(self) -> Iterator[None]:
        """Around a step that loads a new page (a link followed, a form sent): waits for it, then checks it."""
        with self.page.expect_navigation():
            yield
        self.arrived()

    def sign_in(self, user: AbstractBaseUser, *, then: str = "/") -> None:
        """Through the real pages by keyboard: the password, then the code the user's authenticator app shows."""
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=True)
        self.go(f"/sign-in/?next={then}")
        type_into(self.page, 'input[name="username"]', user.get_username())
        type_into(self.page, 'input[name="password"]', PASSWORD)
        with self.navigating():
            self.page.keyboard.press("Enter")
        assert "/account/code/" in self.page.url, f"the password step led to {self.page.url}"
        type_into(self.page, 'input[name="code"]', app_code(device))
        with self.navigating():
            self.page.keyboard.press("Enter")
        assert self.page.url.endswith(then), f"the second step led to {self.page.url}, not {then}"
