"""The one way a view fetches a single object: scoped by the policy, audited, 404 when not visible.

404 rather than 403, so that a guessed id does not reveal that a record exists.
"""

from dataclasses import dataclass
from typing import TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404

from marac.access import policy
from marac.access.actor import Actor
from marac.access.rules import Detail
from marac.audit.english import in_english
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.referrals.models import Case

M = TypeVar("M", bound=Model)


def deny(actor: Actor, *, object_type: str, object_id: object, reason: str) -> Http404:
    """Record the refusal and return the 404 to raise."""
    audit_record(
        actor=actor,
        action=AuditAction.DENIED,
        summary=reason,
        detail={"object_type": object_type, "object_id": str(object_id)},
    )
    return Http404("Not found")


def fetch(actor: Actor, queryset: QuerySet[M], pk: object, *, case_of=None, audit: bool = True) -> M:
    """Fetch one object from an already scoped queryset; record the view, or the refusal."""
    try:
        obj = queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise deny(
            actor, object_type=queryset.model._meta.label_lower, object_id=pk, reason="Not visible to actor"
        ) from None
    if audit:
        audit_record(
            actor=actor,
            action=AuditAction.VIEW,
            target=obj,
            case=case_of(obj) if case_of else None,
            summary=f"Viewed {in_english(queryset.model._meta.verbose_name)}",
        )
    return obj


@dataclass(frozen=True)
class CaseAccess:
    case: Case
    detail: Detail
    may_see_safe_address: bool


def fetch_case(actor: Actor, pk: object, *, minimum: Detail = Detail.MINIMAL, audit: bool = True) -> CaseAccess:
    case = fetch(actor, policy.visible_cases(actor), pk, audit=False)
    case.locality = actor.locality  # a visible case is in the actor's locality: read once for the request, not again
    detail = policy.case_detail(actor, case)
    if detail < minimum:
        raise deny(actor, object_type="referrals.case", object_id=pk, reason=f"Needs {minimum.name} detail")
    if audit:
        audit_record(
            actor=actor,
            action=AuditAction.VIEW,
            target=case,
            case=case,
            summary=f"Viewed case ({detail.name.lower()} detail)",
        )
    return CaseAccess(case=case, detail=detail, may_see_safe_address=policy.may_see_safe_address(actor, detail))


def require(actor: Actor, permission: str, *, object_type: str = "", object_id: object = "") -> None:
    """Refuse (404, audited) unless the actor's role holds the permission."""
    if not policy.has_permission(actor, permission):
        raise deny(actor, object_type=object_type, object_id=object_id, reason=f"Lacks {permission}")
