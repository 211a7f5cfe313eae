"""Writes to the "must not see" list. Each is one transaction and one audit event."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from marac.access.actor import Actor
from marac.access.models import CaseExclusion
from marac.agencies.models import Membership
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.referrals.models import Case


def case_exclusion_add(*, actor: Actor, case: Case, user: AbstractBaseUser, reason: str) -> CaseExclusion:
    """Bar a member of the locality from a case, whatever their role: the rule overrides every other."""
    if not reason.strip():
        raise ValidationError(
            {"reason": gettext("Say why this person must not see the case, for example a family link.")}
        )
    if not Membership.objects.filter(user=user, agency__locality=case.locality).exists():
        raise ValidationError({"user": gettext("Choose a member of this locality.")})
    with transaction.atomic():
        exclusion, created = CaseExclusion.objects.get_or_create(
            case=case,
            user=user,
            defaults={"reason": reason.strip(), "added_by": actor.user, "added_at": timezone.now()},
        )
        if created:
            audit_record(
                actor=actor,
                action=AuditAction.CREATE,
                target=exclusion,
                case=case,
                summary=f"Barred user {user.get_username()} from the case",
            )
    return exclusion


def case_exclusion_remove(*, actor: Actor, exclusion: CaseExclusion) -> None:
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=exclusion,
            case=exclusion.case,
            summary=f"Lifted the bar on user {exclusion.user.get_username()}",
        )
        exclusion.delete()
