"""Reads for the access pages. The case has already been fetched through the guard."""

from django.db.models import QuerySet

from marac.access.models import CaseExclusion
from marac.referrals.models import Case


def exclusions_of(case: Case) -> QuerySet[CaseExclusion]:
    """Who is barred from the case, oldest bar first."""
    return CaseExclusion.objects.filter(case=case).select_related("user", "added_by", "case").order_by("added_at")
