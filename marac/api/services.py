"""Writes for API clients and tokens: register a client, issue, rotate and revoke tokens. Each is audited.

The secret of a token is returned once, by the call that makes it, and never stored.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from marac.access.actor import Actor
from marac.access.rules import PERMISSIONS
from marac.agencies.models import Agency, Membership, Role
from marac.api import token_format
from marac.api.models import ApiClient, ApiToken
from marac.audit.models import AuditAction
from marac.audit.services import audit_record

SERVICE_USERNAME_PREFIX = "api-"


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    text: str  # the whole bearer token, secret included: shown once


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "client"


def _service_username(agency: Agency, name: str) -> str:
    base = f"{SERVICE_USERNAME_PREFIX}{agency.pk}-{_slug(name)}"
    username, number = base, 1
    while get_user_model().objects.filter(username=username).exists():
        number += 1
        username = f"{base}-{number}"
    return username


def api_client_create(*, actor: Actor, agency: Agency, name: str, role: str) -> ApiClient:
    """Register an agency's system: a service user (no password: it never signs in to the pages), its membership
    of the agency in `role`, and the client acting through it."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Name the system, for example: Riverside Police records system."})
    if role not in Role.values:
        raise ValidationError({"role": f"Choose one of: {', '.join(Role.values)}."})
    if not agency.is_active:
        raise ValidationError({"agency": f"{agency} is no longer active."})
    now = timezone.now()
    with transaction.atomic():
        user = get_user_model().objects.create_user(
            username=_service_username(agency, name), first_name=name[:150], password=None
        )
        membership = Membership.objects.create(user=user, agency=agency, role=role)
        client = ApiClient.objects.create(name=name, membership=membership, created_at=now, created_by=_user(actor))
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target=client,
            summary=f"Registered the API client {name} for {agency}",
            detail={"agency": agency.pk, "role": role, "service_user": user.pk},
        )
    return client


def _user(actor: Actor) -> AbstractBaseUser | None:
    user = actor.user
    return user if user is not None and user.is_authenticated else None


def _scope_errors(client: ApiClient, scopes: list[str]) -> list[str]:
    """A scope is a permission of the rulebook that the client's role holds: anything else could never be used."""
    if not scopes:
        return ["Give the token at least one scope."]
    unknown = sorted(scope for scope in scopes if scope not in PERMISSIONS)
    if unknown:
        return [f"Not permissions of the rulebook: {', '.join(unknown)}."]
    role = client.membership.role
    not_held = sorted(scope for scope in scopes if role not in PERMISSIONS[scope])
    if not_held:
        return [f"The client's role ({role}) does not hold: {', '.join(not_held)}."]
    return []


def api_token_issue(
    *, actor: Actor, client: ApiClient, scopes: list[str], lifetime: dt.timedelta | None = None
) -> IssuedToken:
    """A new token for the client, valid for `lifetime` (the site's default when not given)."""
    scopes = sorted(set(scopes))
    if errors := _scope_errors(client, scopes):
        raise ValidationError({"scopes": errors})
    lifetime = lifetime or dt.timedelta(days=settings.MARAC_API_TOKEN_LIFETIME_DAYS)
    if lifetime <= dt.timedelta(0):
        raise ValidationError({"lifetime": "A token must be valid for some time."})
    return _issue(actor=actor, client=client, scopes=scopes, lifetime=lifetime, replaces=None)


def _issue(
    *, actor: Actor, client: ApiClient, scopes: list[str], lifetime: dt.timedelta, replaces: ApiToken | None
) -> IssuedToken:
    now = timezone.now()
    secret = token_format.new_secret()
    with transaction.atomic():
        token = ApiToken.objects.create(
            client=client,
            prefix=token_format.new_prefix(),
            secret_hash=token_format.secret_hash(secret),
            scopes=scopes,
            created_at=now,
            created_by=_user(actor),
            expires_at=now + lifetime,
            replaces=replaces,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target=token,
            summary=f"Issued an API token for {client.name}",
            detail={
                "client": client.pk,
                "prefix": token.prefix,
                "scopes": scopes,
                "expires_at": token.expires_at.isoformat(),
                "replaces": replaces.prefix if replaces else None,
            },
        )
    return IssuedToken(token=token, text=token_format.token_text(token.prefix, secret))


def api_token_rotate(*, actor: Actor, token: ApiToken, overlap: dt.timedelta | None = None) -> IssuedToken:
    """A new token with the same scopes and lifetime; the old one keeps working for `overlap` (the site's default
    when not given), long enough to deploy the new one, then expires."""
    if token.revoked_at is not None:
        raise ValidationError("A revoked token cannot be rotated: issue a new one.")
    if hasattr(token, "replaced_by"):
        raise ValidationError("This token was already rotated: rotate its replacement.")
    overlap = overlap if overlap is not None else dt.timedelta(hours=settings.MARAC_API_ROTATION_OVERLAP_HOURS)
    lifetime = token.expires_at - token.created_at
    now = timezone.now()
    with transaction.atomic():
        issued = _issue(actor=actor, client=token.client, scopes=token.scopes, lifetime=lifetime, replaces=token)
        ApiToken.objects.filter(pk=token.pk).update(expires_at=min(token.expires_at, now + overlap))
    token.refresh_from_db(fields=["expires_at"])
    return issued


def api_token_revoke(*, actor: Actor, token: ApiToken) -> ApiToken:
    """Refuse the token from now on. Revoking a revoked token changes nothing."""
    if token.revoked_at is not None:
        return token
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=token,
            summary=f"Revoked the API token {token.prefix} of {token.client.name}",
            detail={"client": token.client_id, "prefix": token.prefix},
        )
    return token
