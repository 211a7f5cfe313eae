"""Reads for the IDVA's pages, each starting from the access policy's scoped querysets."""

from django.db.models import BooleanField, DateTimeField, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest

from marac.access import policy
from marac.access.actor import Actor
from marac.idva.models import ReportBack, VictimContact
from marac.referrals.models import Case
from marac.risk.models import Assessment


def idva_case_list(*, actor: Actor, assigned_to_me: bool = False) -> QuerySet[Case]:
    """Cases allocated to the acting IDVA service, each with its latest risk level and last contact.

    The last contact is the later of a contact that reached her and a completed report-back, since telling
    her what the meeting agreed is contact too. Every figure is an annotation, so the page's queries do not
    grow with the caseload.
    """
    latest_assessment = Assessment.objects.filter(case=OuterRef("pk")).order_by("-assessed_at", "-pk")
    last_reached = (
        VictimContact.objects.filter(case=OuterRef("pk"), successful=True)
        .order_by("-contacted_at")
        .values("contacted_at")[:1]
    )
    last_told = (
        ReportBack.objects.filter(case=OuterRef("pk"), victim_told_at__isnull=False)
        .order_by("-victim_told_at")
        .values("victim_told_at")[:1]
    )
    last_failed_attempt = (
        VictimContact.objects.filter(case=OuterRef("pk"), successful=False)
        .order_by("-contacted_at")
        .values("contacted_at")[:1]
    )
    cases = (
        policy.visible_cases(actor)
        .filter(idva_agency=actor.agency)
        .annotate(
            latest_risk_level=Subquery(latest_assessment.values("final_level")[:1]),
            latest_assessed_at=Subquery(latest_assessment.values("assessed_at")[:1]),
            last_reached_at=Subquery(last_reached, output_field=DateTimeField()),
            last_told_at=Subquery(last_told, output_field=DateTimeField()),
            last_failed_attempt_at=Subquery(last_failed_attempt, output_field=DateTimeField()),
            report_back_outstanding=Exists(
                ReportBack.objects.filter(case=OuterRef("pk"), agency=actor.agency, completed_at__isnull=True)
            ),
        )
        # GREATEST returns NULL on SQLite when either side is NULL, so each side falls back to the other.
        .annotate(
            last_contact_at=Greatest(
                Coalesce(F("last_reached_at"), F("last_told_at")),
                Coalesce(F("last_told_at"), F("last_reached_at")),
            )
        )
        .annotate(
            # The most recent try did not reach her: the agencies may not know how she is.
            unreached_since_last_contact=ExpressionWrapper(
                Q(last_failed_attempt_at__isnull=False)
                & (Q(last_contact_at__isnull=True) | Q(last_failed_attempt_at__gt=F("last_contact_at"))),
                output_field=BooleanField(),
            )
        )
        .order_by("-last_referred_at", "-pk")
    )
    if assigned_to_me:
        cases = cases.filter(idva=actor.user)
    return cases


def idva_report_back_list(*, actor: Actor) -> QuerySet[ReportBack]:
    """The report-backs the actor may see: outstanding first, soonest due first; then the latest completed."""
    return (
        policy.visible_report_backs(actor)
        .select_related("completed_by")
        .order_by(F("completed_at").desc(nulls_first=True), "due_date", "pk")
    )


def idva_report_back_for_completion(*, actor: Actor) -> QuerySet[ReportBack]:
    """The report-backs the actor may open to complete: those of the actor's own IDVA service."""
    return policy.visible_report_backs(actor).filter(agency=actor.agency).select_related("completed_by")
