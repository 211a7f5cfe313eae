"""A case with a recent referral and a known perpetrator, and incidents about it, for the rules' tests."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from marac.incidents.models import Incident
from marac.incidents.tests.factories import IncidentFactory, perpetrator_of
from marac.people.models import Person
from marac.referrals.models import Case, CaseStatus, Referral
from marac.referrals.services import months_before
from marac.testing.factories import ReferralFactory


@dataclass
class Scene:
    locale: object
    referral: Referral
    case: Case
    victim: Person
    perpetrator: Person

    def incident(self, *, days_ago: float = 3, agency=None, perpetrator=None, recorder="housing_rep", **kwargs):
        agency = agency or self.locale.housing
        return IncidentFactory(
            locality=self.locale.locality,
            source_agency=agency,
            victim=self.victim,
            perpetrator=perpetrator or self.perpetrator,
            occurred_at=timezone.now() - dt.timedelta(days=days_ago),
            recorded_by=self.locale.memberships[recorder].user if recorder else None,
            **kwargs,
        )


def scene(locale, *, referred_months_ago: int = 2, status: str = CaseStatus.MONITORING) -> Scene:
    """Police referred the victim some months ago; the case is with the IDVA service, now monitored. The coordinator
    mailbox and the IDVA service have e-mail addresses."""
    locale.locality.coordinator_email = "marac@riverside.example"
    locale.locality.save(update_fields=["coordinator_email"])
    locale.idva_service.contact_email = "referrals@riverside-das.example"
    locale.idva_service.save(update_fields=["contact_email"])
    referral = ReferralFactory(
        case__locality=locale.locality,
        case__status=status,
        case__idva_agency=locale.idva_service,
        referring_agency=locale.police,
        referred_by=locale.memberships["police_referrer"].user,
        referred_at=months_before(timezone.now(), referred_months_ago),
        children_in_household=2,
    )
    case = referral.case
    return Scene(locale, referral, case, case.victim, perpetrator_of(case))


def incidents_of(*incidents: Incident) -> list[int]:
    return [incident.pk for incident in incidents]
