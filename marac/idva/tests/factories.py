"""Factories for the IDVA's records, on top of the shared ones in `marac.testing.factories`."""

import datetime as dt

import factory
from django.utils import timezone

from marac.agencies.models import Agency, AgencyType, Membership, Role
from marac.idva.models import ContactMethod, ReportBack, VictimContact
from marac.meetings.models import Meeting, MeetingStatus
from marac.referrals.models import Case, CaseStatus
from marac.risk.models import Assessment, RiskLevel
from marac.testing.factories import AgencyFactory, CaseFactory, MembershipFactory, UserFactory


def allocated_case(locale, *, idva_agency: Agency | None = None, idva_user=None, **kwargs) -> Case:
    """A heard case of the locale allocated to an IDVA service (the locale's own unless another is given)."""
    return CaseFactory(
        locality=locale.locality,
        idva_agency=idva_agency or locale.idva_service,
        idva=idva_user,
        status=kwargs.pop("status", CaseStatus.MONITORING),
        **kwargs,
    )


def second_idva_service(locale) -> Membership:
    """Another IDVA service in the same locality, with one IDVA acting for it."""
    agency = AgencyFactory(locality=locale.locality, name="Harbour Women's Aid", agency_type=AgencyType.IDVA_SERVICE)
    return MembershipFactory(agency=agency, role=Role.IDVA, user__username="harbour-idva")


class ClosedMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    scheduled_for = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=7))
    status = MeetingStatus.CLOSED


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    instrument_code = "dash-style-24"
    instrument_version = "1"
    score = 15
    computed_level = RiskLevel.HIGH
    final_level = RiskLevel.HIGH
    assessed_by = factory.SubFactory(UserFactory)
    agency = factory.SelfAttribute("case.idva_agency")
    assessed_at = factory.LazyFunction(timezone.now)


class VictimContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VictimContact

    agency = factory.SelfAttribute("case.idva_agency")
    recorded_by = factory.SubFactory(UserFactory)
    contacted_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    method = ContactMethod.PHONE
    successful = True
    victim_views = "I want him to stay away from the house."


class ReportBackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportBack

    meeting = factory.SubFactory(ClosedMeetingFactory, locality=factory.SelfAttribute("..case.locality"))
    agency = factory.SelfAttribute("case.idva_agency")
    due_date = factory.LazyAttribute(
        lambda report_back: timezone.localdate(report_back.meeting.scheduled_for) + dt.timedelta(days=2)
    )
