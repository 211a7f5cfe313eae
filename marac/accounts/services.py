"""Signing in and out, the second step, and setting up the authenticator app and backup codes.

django-otp checks the codes (with its own throttling); each function here records what happened in the audit
trail. A refused code is recorded in a transaction of its own before the refusal is raised, so that raising
never rolls back the record of it.
"""

import hmac
import re

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext, gettext_noop
from django_otp import devices_for_user, verify_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from marac.access.actor import Actor
from marac.accounts.devices import AUTHENTICATOR_NAME, BACKUP_CODES_NAME, authenticator_of
from marac.audit.models import AuditAction
from marac.audit.services import audit_record

APP_CODE_MAX_DIGITS = 8  # django-otp's TOTP codes have 6 (our default) or 8 digits; backup codes have letters
# Marked for the catalogue here and translated where they are raised: the names stay plain English text.
WRONG_CODE = gettext_noop(
    "The code is not right. Enter the 6-digit code your authenticator app shows now, or a backup code."
)
WAIT_BEFORE_RETRYING = gettext_noop("You entered several wrong codes in a row. Wait a minute, then enter a new code.")
WRONG_SET_UP_CODE = gettext_noop("The code is not right. Enter the 6-digit code your authenticator app shows now.")


def demo_code() -> str:
    """The demo's shared second-step code, if the demo turned it on. Never in production (settings refuse it)."""
    return "" if settings.PRODUCTION else settings.MARAC_DEMO_OTP_CODE


def normalised(code: str) -> str:
    """People copy codes with spaces or dashes and in either case; backup codes are stored in lower case."""
    return re.sub(r"[\s-]", "", code).lower()


def password_step_record(*, actor: Actor) -> None:
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.LOGIN,
            target=actor.user,
            summary="Password accepted; the second step comes next",
            detail={"step": "password"},
        )


def second_step_verify(*, actor: Actor, code: str) -> Device:
    """The device that accepts the code: the authenticator app, a backup code (used up), or the demo's code."""
    user = actor.user
    authenticator = authenticator_of(user)
    # Known before trying: a failure now makes django-otp hold back the next attempt, not this one.
    throttled = authenticator is not None and not authenticator.verify_is_allowed()[0]
    device, method = _matching_device(user, normalised(code))
    if device is None:
        with transaction.atomic():
            audit_record(
                actor=actor,
                action=AuditAction.LOGIN,
                target=user,
                summary="Second sign-in step failed: the code was not accepted",
                detail={"step": "second", "outcome": "refused"},
            )
        raise ValidationError({"code": gettext(WAIT_BEFORE_RETRYING if throttled else WRONG_CODE)})
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.LOGIN,
            target=user,
            summary=f"Signed in: second step passed with {method}",
            detail={"step": "second", "method": method},
        )
    return device


def _matching_device(user: AbstractBaseUser, entered: str) -> tuple[Device | None, str]:
    if not entered:
        return None, ""
    shared = demo_code()
    if shared and hmac.compare_digest(entered, normalised(shared)):
        return authenticator_of(user), "the demo's shared code"
    # Six digits are the app's; anything else is a backup code. Trying a code on the wrong kind of device would
    # count as a failure there and slow down the next attempt through django-otp's throttling.
    from_app = entered.isdigit() and len(entered) <= APP_CODE_MAX_DIGITS
    for device in devices_for_user(user, confirmed=True):
        if isinstance(device, TOTPDevice) != from_app:
            continue
        # Checked through django-otp's verify_token: it locks the device's row and applies the throttling.
        accepted = verify_token(user, device.persistent_id, entered)
        if accepted is not None:
            return accepted, "the authenticator app" if from_app else "a backup code"
    return None, ""


def sign_out_record(*, actor: Actor, reason: str = "") -> None:
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.LOGOUT,
            target=actor.user,
            summary=f"Signed out {reason}".strip(),
            detail={"reason": reason} if reason else {},
        )


def lockout_record(*, actor: Actor, username: str, failures: int) -> None:
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.LOGIN,
            target=actor.user,
            summary=f"Sign-in locked for the user name {username[:60]!r} from this address after {failures} failures",
            detail={"outcome": "locked out", "username": username[:150], "failures": failures},
        )


def authenticator_prepare(*, actor: Actor) -> TOTPDevice:
    """The authenticator being set up: the same secret on every visit until it is confirmed."""
    user = actor.user
    device = authenticator_of(user, confirmed=False)
    if device is not None:
        return device
    with transaction.atomic():
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target=device,
            summary="Started setting up an authenticator app for the second sign-in step",
        )
    return device


def authenticator_confirm(*, actor: Actor, device: TOTPDevice, code: str) -> list[str]:
    """Confirms the app with a code it shows, and issues the first backup codes (returned to be shown once)."""
    if device.user_id != actor.user.pk or device.confirmed:
        raise ValidationError({"code": gettext("This authenticator app is not being set up for you. Start again.")})
    if verify_token(actor.user, device.persistent_id, normalised(code)) is None:
        raise ValidationError({"code": gettext(WRONG_SET_UP_CODE)})
    with transaction.atomic():
        TOTPDevice.objects.filter(user=actor.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=device,
            summary="Set up an authenticator app for the second sign-in step",
        )
        return _new_backup_codes(actor)


def backup_codes_issue(*, actor: Actor) -> list[str]:
    """A new set of backup codes; every earlier one stops working."""
    with transaction.atomic():
        return _new_backup_codes(actor)


def _new_backup_codes(actor: Actor) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=actor.user, name=BACKUP_CODES_NAME, defaults={"confirmed": True}
    )
    StaticToken.objects.filter(device__user=actor.user).delete()
    codes: list[str] = []
    while len(codes) < settings.MARAC_BACKUP_CODE_COUNT:
        code = StaticToken.random_token()
        # All digits would read as an app code at the second step (see _matching_device); repeats help nobody.
        if not code.isdigit() and code not in codes:
            codes.append(code)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        target=device,
        summary=f"Issued {len(codes)} new backup codes; earlier ones no longer work",
    )
    return codes


def two_factor_reset(*, actor: Actor, user: AbstractBaseUser) -> int:
    """Removes a user's authenticator and backup codes (a lost phone): they set up a new app at next sign-in."""
    with transaction.atomic():
        removed = sum(
            model.objects.filter(user=user).delete()[1].get(model._meta.label, 0)
            for model in (TOTPDevice, StaticDevice)
        )
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=user,
            summary=f"Removed the second-step devices of {user.get_username()}: they set up a new app at next sign-in",
            detail={"devices_removed": removed},
        )
    return removed
