"""Data the journeys start from, made through the same services the pages use."""

from marac.meetings.models import AgendaItem, Meeting
from marac.meetings.tests.factories import MeetingFactory
from marac.referrals.models import Referral
from marac.referrals.services import TriageDecision, referral_triage
from marac.referrals.tests.factories import refer


def scheduled_meeting(locale) -> Meeting:
    """Next week's meeting, its case list already circulated to the invited agencies (health is not invited)."""
    return MeetingFactory(
        locality=locale.locality,
        invited=[locale.police, locale.idva_service, locale.housing, locale.childrens_social_care],
    )


def referred(locale) -> Referral:
    """Zoë O'Neill, referred by the police on professional judgement (marac.referrals.tests.factories)."""
    return refer(locale).referral


def listed(locale, meeting: Meeting) -> AgendaItem:
    """A referral triaged by the coordinator onto `meeting`, with the locality's IDVA service allocated."""
    referral = referred(locale)
    referral_triage(
        actor=locale.actor("coordinator"),
        referral=referral,
        decision=TriageDecision.LIST,
        meeting=meeting,
        idva_agency=locale.idva_service,
    )
    return AgendaItem.objects.get(meeting=meeting, referral=referral)
