"""Two things every request passes through once signed in: the second step, and the idle timeout."""

import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, resolve_url
from django.utils.http import urlencode
from django.utils.translation import ngettext
from django_htmx.http import HttpResponseClientRedirect

from marac.access.actor import actor_for_user
from marac.access.middleware import client_ip
from marac.accounts import services
from marac.accounts.devices import has_authenticator

View = TypeVar("View", bound=Callable[..., Any])

# Seconds since the epoch of the last request in this session.
SESSION_LAST_ACTIVITY_KEY = "marac_last_activity"
# Writing the session on every request would cost a query each time: a minute's precision is plenty.
ACTIVITY_RESOLUTION_SECONDS = 60


def verification_not_required(view: View) -> View:
    """Marks a view of the sign-in flow itself: reachable after the password step, before the second."""
    view.verification_not_required = True
    return view


class TwoFactorMiddleware:
    """Every page needs a user who passed the second step; others are sent to it, or to set it up first.

    Comes after django-otp's OTPMiddleware (which gives `user.is_verified()`) and after Django's
    LoginRequiredMiddleware (which deals with users who have not even entered a password).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable, view_args: tuple, view_kwargs: dict
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or getattr(view_func, "verification_not_required", False):
            return None
        if user.is_verified():
            return None
        step = "accounts:second_step" if has_authenticator(user) else "accounts:set_up"
        if request.method == "GET" and not getattr(request, "htmx", False):
            return redirect(f"{resolve_url(step)}?{urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})}")
        return _whole_page_redirect(request, resolve_url(step))


class IdleTimeoutMiddleware:
    """Signs out a session left without a request for the locality's idle timeout (default 30 minutes).

    Comes before LoginRequiredMiddleware, which then sends the now anonymous request to the sign-in page.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(SESSION_LAST_ACTIVITY_KEY)
            minutes = idle_timeout_minutes(request)
            if last is not None and now - last > minutes * 60:
                end_session(request, reason=f"after {minutes} minutes without activity")
                messages.info(
                    request,
                    ngettext(
                        "You were signed out after %(minutes)d minute without activity.",
                        "You were signed out after %(minutes)d minutes without activity.",
                        minutes,
                    )
                    % {"minutes": minutes},
                )
                if getattr(request, "htmx", False):
                    return _whole_page_redirect(request, resolve_url(settings.LOGIN_URL))
            elif last is None or now - last >= ACTIVITY_RESOLUTION_SECONDS:
                request.session[SESSION_LAST_ACTIVITY_KEY] = now
        return self.get_response(request)


def idle_timeout_minutes(request: HttpRequest) -> int:
    """The acting locality's timeout; the site's setting for a user acting for no agency (a site administrator)."""
    locality = request.actor.locality if request.actor else None
    return locality.idle_timeout_minutes if locality is not None else settings.MARAC_IDLE_TIMEOUT_MINUTES


def mark_active(request: HttpRequest) -> None:
    """Starts the idle clock when someone signs in, so the first page after does not write the session again."""
    request.session[SESSION_LAST_ACTIVITY_KEY] = int(time.time())


def end_session(request: HttpRequest, *, reason: str) -> None:
    """Signs the user out for a reason of ours (not their own click), with a record of why."""
    services.sign_out_record(actor=request.actor, reason=reason)
    logout(request)
    # The actor was worked out for the user just signed out: the page that follows must not show it.
    request.actor = actor_for_user(request.user, ip_address=client_ip(request))


def _whole_page_redirect(request: HttpRequest, url: str) -> HttpResponse:
    """htmx would swap a redirected page into part of the current one: it is told to load the whole page."""
    return HttpResponseClientRedirect(url) if getattr(request, "htmx", False) else redirect(url)
