"""Signing in (password, then a code from an authenticator app or a backup code), setting the app up, signing out."""

import math

from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import LoginView, LogoutView
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from marac.access.actor import actor_for_user
from marac.access.middleware import client_ip
from marac.accounts import lockout, services
from marac.accounts.devices import backup_codes_left, has_authenticator, secret_of
from marac.accounts.forms import SecondStepForm, SetUpForm, SignInForm
from marac.accounts.middleware import end_session, mark_active, verification_not_required
from marac.accounts.qr import qr_svg

# Backup codes just issued, kept in the session only until the page that shows them once.
SESSION_FRESH_CODES_KEY = "marac_fresh_backup_codes"


def _next_url(request: HttpRequest) -> str:
    """Where to go once signed in: the page asked for, if it is one of ours, else the home page."""
    wanted = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    if url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return wanted
    return resolve_url("home")


def _with_next(url_name: str, next_url: str) -> str:
    url = resolve_url(url_name)
    return f"{url}?{urlencode({REDIRECT_FIELD_NAME: next_url})}" if next_url else url


def _signed_in_fully(request: HttpRequest, device) -> None:
    otp_login(request, device)
    # A new session key once both steps pass: a key seen before the second step is worth nothing after it.
    request.session.cycle_key()
    lockout.failures_reset(request, request.user)
    mark_active(request)


def _locked_out(request: HttpRequest) -> HttpResponse:
    user = request.user
    end_session(request, reason="because sign-in is locked after repeated failures")
    return lockout.locked_out_page(request, user)


@method_decorator([verification_not_required, never_cache], name="dispatch")
class SignInView(LoginView):
    """The password step. Django's LoginView, so django-axes sees every attempt through the backends."""

    template_name = "auth/login.html"
    form_class = SignInForm

    def get_context_data(self, **kwargs) -> dict:
        return {**super().get_context_data(**kwargs), "failure_limit": settings.AXES_FAILURE_LIMIT}

    def form_valid(self, form: SignInForm) -> HttpResponse:
        response = super().form_valid(form)
        services.password_step_record(actor=actor_for_user(self.request.user, ip_address=client_ip(self.request)))
        mark_active(self.request)
        return response

    def get_success_url(self) -> str:
        step = "accounts:second_step" if has_authenticator(self.request.user) else "accounts:set_up"
        return _with_next(step, self.get_redirect_url())


def locked_out_page(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """django-axes' lock-out response (settings.AXES_LOCKOUT_CALLABLE): how long, and who can help."""
    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "username": get_client_username(request, credentials) or "",
        "minutes": math.ceil(cool_off.total_seconds() / 60) if cool_off else 0,
    }
    return render(request, "accounts/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)


@method_decorator(verification_not_required, name="dispatch")
class SignOutView(LogoutView):
    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.user.is_authenticated:
            services.sign_out_record(actor=request.actor)
        response = super().post(request, *args, **kwargs)
        messages.info(request, gettext("You have signed out."))
        return response


@verification_not_required
@never_cache
def second_step(request: HttpRequest) -> HttpResponse:
    user = request.user
    next_url = _next_url(request)
    if user.is_verified():
        return redirect(next_url)
    if not has_authenticator(user):
        return redirect(_with_next("accounts:set_up", next_url))
    if lockout.is_locked_out(request, user):
        return _locked_out(request)
    form = SecondStepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.second_step_verify(actor=request.actor, code=form.cleaned_data["code"])
        except ValidationError as refusal:
            form.add_error(None, refusal)
            if lockout.failure_record(request, user):
                return _locked_out(request)
        else:
            _signed_in_fully(request, device)
            return redirect(next_url)
    context = {"form": form, "next": next_url, "demo_code": services.demo_code()}
    return render(request, "accounts/second_step.html", context)


@verification_not_required
@never_cache
def set_up(request: HttpRequest) -> HttpResponse:
    """Setting up the authenticator app, for a user who has none: its key, as a QR code and as text, then a code."""
    user = request.user
    next_url = _next_url(request)
    if has_authenticator(user):
        # Replacing an app is not possible with a password alone: it would undo the second step.
        return redirect(next_url if user.is_verified() else _with_next("accounts:second_step", next_url))
    device = services.authenticator_prepare(actor=request.actor)
    form = SetUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.authenticator_confirm(actor=request.actor, device=device, code=form.cleaned_data["code"])
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            _signed_in_fully(request, device)
            request.session[SESSION_FRESH_CODES_KEY] = codes
            messages.success(
                request, gettext("Your authenticator app is set up. Keep your backup codes somewhere safe.")
            )
            return redirect(_with_next("accounts:backup_codes", next_url))
    context = {
        "form": form,
        "next": next_url,
        "secret": secret_of(device),
        "qr_code": qr_svg(device.config_url, title=gettext("QR code with the key for your authenticator app")),
    }
    return render(request, "accounts/set_up.html", context)


@never_cache
def backup_codes(request: HttpRequest) -> HttpResponse:
    """New backup codes are shown here once; after that, only how many are left."""
    context = {
        "codes": request.session.pop(SESSION_FRESH_CODES_KEY, None),
        "left": backup_codes_left(request.user),
        "next": _next_url(request),
    }
    return render(request, "accounts/backup_codes.html", context)


@require_POST
def backup_codes_new(request: HttpRequest) -> HttpResponse:
    request.session[SESSION_FRESH_CODES_KEY] = services.backup_codes_issue(actor=request.actor)
    messages.success(request, gettext("You have new backup codes. The earlier ones no longer work."))
    return redirect("accounts:backup_codes")
