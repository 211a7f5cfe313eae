"""Records of the victims' rights log for tests, on top of the shared factories."""

import datetime as dt

from django.utils import timezone

from marac.idva.models import ContactMethod
from marac.incidents.tests.factories import perpetrator_of
from marac.referrals.models import Case, CaseParty, PartyRole
from marac.rights.models import (
    CustodyEvent,
    CustodyEventKind,
    NeedsAssessment,
    NeedsAssessmentReason,
    NotificationChoice,
    ReleaseNotification,
)
from marac.testing.factories import CaseFactory, PersonFactory


def keeper(locale):
    """The IDVA of the locale's IDVA service: she keeps the rights log of its cases."""
    return locale.memberships["idva"]


def victim_case(locale, *, perpetrator=None, **kwargs) -> Case:
    """A heard case allocated to the locale's IDVA service (unless `idva_agency` says otherwise), naming
    `perpetrator` (a new one if not given)."""
    case = CaseFactory(
        locality=locale.locality,
        idva_agency=kwargs.pop("idva_agency", locale.idva_service),
        status=kwargs.pop("status", "monitoring"),
        **kwargs,
    )
    perpetrator = perpetrator or PersonFactory(locality=locale.locality, given_name="Darren", family_name="Vale")
    CaseParty.objects.create(case=case, person=perpetrator, role=PartyRole.PERPETRATOR)
    return case


def choice(locale, case, *, wants: bool = True, days_ago: int = 10) -> NotificationChoice:
    membership = keeper(locale)
    return NotificationChoice.objects.create(
        case=case,
        wants_to_be_told=wants,
        decided_on=timezone.localdate() - dt.timedelta(days=days_ago),
        agency=membership.agency,
        recorded_by=membership.user,
        recorded_at=timezone.now() - dt.timedelta(days=days_ago),
    )


def custody_event(locale, perpetrator, *, hours_ago: int = 5) -> CustodyEvent:
    """A release recorded by the police, without going through the service (no notifications)."""
    return CustodyEvent.objects.create(
        locality=locale.locality,
        perpetrator=perpetrator,
        kind=CustodyEventKind.RELEASED,
        occurred_at=timezone.now() - dt.timedelta(hours=hours_ago),
        establishment="HMP Northgate",
        reporting_agency=locale.police,
        recorded_by=locale.memberships["police_rep"].user,
        recorded_at=timezone.now(),
    )


def notification(locale, case, *, opted_in: bool = True) -> ReleaseNotification:
    event = custody_event(locale, perpetrator_of(case))
    return ReleaseNotification.objects.create(event=event, case=case, victim_opted_in=opted_in)


def needs_assessment(locale, case, *, version: int = 1, **kwargs) -> NeedsAssessment:
    membership = keeper(locale)
    return NeedsAssessment.objects.create(
        case=case,
        version=version,
        reason=kwargs.pop("reason", NeedsAssessmentReason.INITIAL if version == 1 else NeedsAssessmentReason.REVIEW),
        assessed_on=kwargs.pop("assessed_on", timezone.localdate()),
        needs=kwargs.pop("needs", ["no_contact"]),
        findings=kwargs.pop("findings", "Lives alone; he knows her work pattern."),
        agency=membership.agency,
        recorded_by=membership.user,
        recorded_at=timezone.now(),
        **kwargs,
    )


def told_form(when=None, **overrides) -> dict:
    when = timezone.localtime(when or timezone.now() - dt.timedelta(minutes=30))
    return {
        "told_at": when.strftime("%Y-%m-%d"),
        "told_at_time": when.strftime("%H:%M"),
        "method": ContactMethod.PHONE,
        "note": "She will stay with her sister this week.",
    } | overrides


# The URL walk's world


def world_notification(world) -> ReleaseNotification:
    """The world's perpetrator was released; the world's victim had asked to be told."""
    case = world.case
    NotificationChoice.objects.create(
        case=case,
        wants_to_be_told=True,
        decided_on=timezone.localdate(),
        agency=case.idva_agency,
        recorded_by=world.referral.referred_by,
        recorded_at=timezone.now(),
    )
    event = CustodyEvent.objects.create(
        locality=case.locality,
        perpetrator=perpetrator_of(case),
        kind=CustodyEventKind.RELEASED,
        occurred_at=timezone.now() - dt.timedelta(hours=3),
        establishment="HMP Northgate",
        reporting_agency=world.referral.referring_agency,
        recorded_by=world.referral.referred_by,
        recorded_at=timezone.now(),
    )
    return ReleaseNotification.objects.create(event=event, case=case, victim_opted_in=True)


def world_needs_assessment(world) -> NeedsAssessment:
    case = world.case
    return NeedsAssessment.objects.create(
        case=case,
        version=1,
        reason=NeedsAssessmentReason.INITIAL,
        assessed_on=timezone.localdate(),
        needs=["no_contact"],
        findings="He knows her work pattern.",
        agency=case.idva_agency,
        recorded_by=world.referral.referred_by,
        recorded_at=timezone.now(),
    )
