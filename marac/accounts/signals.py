"""Every lock-out django-axes decides goes into the audit trail; every sign-in brings the person's language."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from marac.access.actor import Actor, actor_for_user
from marac.access.middleware import client_ip
from marac.accounts import languages, services


@receiver(user_locked_out, dispatch_uid="marac.accounts.lockout_audit")
def lockout_audit(sender, request: HttpRequest, username: str | None, ip_address: str | None, **kwargs) -> None:
    model = get_user_model()
    user = model.objects.filter(**{model.USERNAME_FIELD: username}).first() if username else None
    actor = (
        actor_for_user(user, ip_address=client_ip(request))
        if user is not None
        else Actor(user=None, membership=None, ip_address=client_ip(request))
    )
    failures = getattr(request, "axes_failures_since_start", None) or 0
    services.lockout_record(actor=actor, username=username or "", failures=failures)


@receiver(user_logged_in, dispatch_uid="marac.accounts.language_remembered")
def language_remembered(sender, request: HttpRequest | None, user, **kwargs) -> None:
    """Her own choice of language, read once at sign-in and kept in the session (see marac.accounts.languages)."""
    if request is not None and hasattr(request, "session"):
        languages.remember_choice(request, languages.stored_choice(user))
