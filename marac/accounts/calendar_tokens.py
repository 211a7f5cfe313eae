"""The secret calendar link: made, replaced and revoked by its user, and resolved back to the user by the feed.

The token is 256 random bits, so one fast SHA-256 hash is enough to keep it unguessable from the database; a slow
password hash would add nothing but the cost of every calendar app's hourly fetch.
"""

import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from marac.access.actor import Actor
from marac.accounts.models import CalendarToken
from marac.audit.models import AuditAction
from marac.audit.services import audit_record

TOKEN_BYTES = 32


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def calendar_token_in_use(user: AbstractBaseUser) -> CalendarToken | None:
    return CalendarToken.objects.filter(user=user, revoked_at__isnull=True).first()


def _revoke_in_use(actor: Actor, now) -> list[int]:
    revoked = list(
        CalendarToken.objects.select_for_update()
        .filter(user=actor.user, revoked_at__isnull=True)
        .values_list("pk", flat=True)
    )
    CalendarToken.objects.filter(pk__in=revoked).update(revoked_at=now)
    return revoked


def calendar_token_issue(*, actor: Actor) -> str:
    """Make the actor a new calendar link, revoking the one in use; returns the token, which is never stored."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    now = timezone.now()
    with transaction.atomic():
        # Lock the user's row: two clicks at once still leave one link in use, not a constraint error.
        get_user_model().objects.select_for_update().filter(pk=actor.user.pk).exists()
        revoked = _revoke_in_use(actor, now)
        issued = CalendarToken.objects.create(user=actor.user, token_hash=token_hash(token), created_at=now)
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target=issued,
            summary="Made a calendar link" + (", revoking the earlier one" if revoked else ""),
            detail={"revoked": revoked},
        )
    return token


def calendar_token_revoke(*, actor: Actor) -> bool:
    """Stop the actor's calendar link working; returns whether there was one."""
    with transaction.atomic():
        revoked = _revoke_in_use(actor, timezone.now())
        if revoked:
            audit_record(
                actor=actor,
                action=AuditAction.UPDATE,
                target=actor.user,
                summary="Revoked the calendar link",
                detail={"revoked": revoked},
            )
    return bool(revoked)


def calendar_token_owner(token: str) -> tuple[CalendarToken | None, AbstractBaseUser | None]:
    """The link a token belongs to, and its user if the link is in use and the account active."""
    found = CalendarToken.objects.select_related("user").filter(token_hash=token_hash(token)).first()
    if found is None or not found.in_use or not found.user.is_active:
        return found, None
    return found, found.user
