"""The second step counts towards django-axes' lock-out like a wrong password does.

Axes counts the failures Django signals through `user_login_failed` for a user name from an address; the
password step signals them itself (through the authentication backends), the second step here.
"""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse

from marac.access.middleware import client_ip


def _credentials(user: AbstractBaseUser) -> dict[str, str]:
    return {settings.AXES_USERNAME_FORM_FIELD: user.get_username()}


def is_locked_out(request: HttpRequest, user: AbstractBaseUser) -> bool:
    return settings.AXES_ENABLED and AxesProxyHandler.is_locked(request, _credentials(user))


def failure_record(request: HttpRequest, user: AbstractBaseUser) -> bool:
    """Counts one failed second step; True when that locks the user name out from this address."""
    user_login_failed.send(sender=__name__, credentials=_credentials(user), request=request)
    return bool(getattr(request, "axes_locked_out", False))


def failures_reset(request: HttpRequest, user: AbstractBaseUser) -> None:
    """After both steps pass, earlier failures of this user name from this address no longer count."""
    AxesProxyHandler.reset_attempts(username=user.get_username(), ip_address=client_ip(request))


def locked_out_page(request: HttpRequest, user: AbstractBaseUser) -> HttpResponse:
    return get_lockout_response(request, None, _credentials(user))
