"""Reading the audit trail, only through the access policy."""

from django.db.models import QuerySet

from marac.access.actor import Actor
from marac.audit.models import AuditEvent


def audit_events_for_case(*, actor: Actor, case) -> QuerySet[AuditEvent]:
    """The caller has already fetched `case` through `access.guard` with the 'case.audit' permission."""
    return AuditEvent.objects.filter(case=case).order_by("-occurred_at", "-pk")
