"""Reads for the reports pages: the return for an actor (suppressed unless she may see cases) and the cases behind
one figure, scoped by the access policy."""

from django.db.models import QuerySet

from marac.access import policy
from marac.access.actor import Actor
from marac.referrals.models import Case
from marac.reports.calculation import count_return, items
from marac.reports.figures import Figure
from marac.reports.models import ReportSettings
from marac.reports.presentation import DataReturn, build_return
from marac.reports.quarters import Quarter


def report_settings(locality) -> ReportSettings | None:
    return ReportSettings.objects.filter(locality=locality).first()


def data_return(*, actor: Actor, quarter: Quarter) -> DataReturn:
    """Aggregates for everyone allowed the return; suppressed for whoever may not follow them to the cases."""
    return build_return(
        count_return(actor.locality, quarter),
        report_settings(actor.locality),
        suppress=not policy.has_permission(actor, "report.cases"),
    )


def figure_cases(*, actor: Actor, quarter: Quarter, figure: Figure, meeting_pk: int | None = None) -> QuerySet[Case]:
    """The cases counted in one figure (at one meeting, or in the quarter), among those the actor may see."""
    counted = items(actor.locality, quarter)
    if meeting_pk is not None:
        counted = counted.filter(meeting_id=meeting_pk)
    if figure.condition is not None:
        counted = counted.filter(figure.condition)
    return policy.visible_cases(actor).filter(pk__in=counted.values("case_id")).order_by("reference")
