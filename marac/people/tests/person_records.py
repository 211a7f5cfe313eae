"""What hangs off a person rather than one case: incidents, flags, orders, programmes, MATAC, merges, added to
`case_with_everything` with distinctive synthetic details to look for in subject access files."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from marac.incidents.models import Gravity, Incident, IncidentType, ReferralFlag
from marac.incidents.tests.factories import IncidentFactory, flag_on
from marac.matac.models import ExitReason, Nomination, NominationStatus, ScoreOccasion
from marac.matac.tests.factories import listing_of, matac_action, matac_meeting, nomination_of, snapshot
from marac.people.models import Person
from marac.perpetrators.models import Breach, Order, ProgrammeReferral, ProgrammeStatus, ProgrammeUpdate
from marac.perpetrators.tests.factories import breach_of, order_on, programme_agency, programme_for, respond
from marac.testing.factories import PersonFactory

CONDITIONS = ("Not to contact Amara Okafor, directly or through anyone else.", "Not to enter Larch Road.")
BREACH_TEXT = "Seen in Larch Road at night, outside her flat"
INCIDENT_SUMMARY = "Grabbed her by the throat in the kitchen"
# About another woman he harmed: her name may reach his file, nothing else of hers may reach anyone's.
OTHER_VICTIM_SUMMARY = "Threatened Erin at her mother's house"
OTHER_VICTIM_PROTECTED = ("2 Elm Row", "RV3 3CC", "1993-03-03")
PROGRAMME_NOTE = "Attended six sessions; still blames her for the order"
MATAC_DISCUSSION = "Agreed to check his bail address every week"
MATAC_ACTION = "Visit his bail address unannounced"


@dataclass
class PersonRecords:
    incident: Incident
    other_incident: Incident
    flag: ReferralFlag
    order: Order
    breach: Breach
    programme: ProgrammeReferral
    nomination: Nomination
    other_victim: Person


def person_records(locale, everything) -> PersonRecords:
    """An incident between the case's victim and perpetrator and one against another woman; a flag on the victim; an
    order against the perpetrator protecting the victim and the child, breached and answered; his programme; his
    MATAC nomination, taken on and exited, with a meeting and an action."""
    now = timezone.now()
    incident = IncidentFactory(
        locality=locale.locality,
        source_agency=locale.police,
        victim=everything.victim,
        perpetrator=everything.perpetrator,
        occurred_at=now - dt.timedelta(days=100),
        incident_type=IncidentType.STRANGULATION,
        gravity=Gravity.LIFE_THREATENING,
        summary=INCIDENT_SUMMARY,
    )
    other_victim = PersonFactory(
        locality=locale.locality,
        given_name="Erin",
        family_name="Vale",
        address="2 Elm Row",
        postcode="RV3 3CC",
        date_of_birth=dt.date(1993, 3, 3),
    )
    other_incident = IncidentFactory(
        locality=locale.locality,
        source_agency=locale.housing,
        victim=other_victim,
        perpetrator=everything.perpetrator,
        occurred_at=now - dt.timedelta(days=40),
        incident_type=IncidentType.THREATS,
        gravity=Gravity.MODERATE,
        summary=OTHER_VICTIM_SUMMARY,
    )
    flag = flag_on(everything.victim, incident)
    order = order_on(
        everything.case,
        owner=locale.police,
        perpetrator=everything.perpetrator,
        reference="RV-MC-2026-0117",
        conditions=CONDITIONS,
        electronic_monitoring=True,
    )
    order.other_protected.set([everything.child])
    breach = breach_of(order, agency=locale.housing, description=BREACH_TEXT)
    respond(breach, agency=locale.police, hours=3)
    programme = programme_for(
        everything.case,
        agency=programme_agency(locale.locality),
        perpetrator=everything.perpetrator,
        order=order,
        sessions_attended=6,
    )
    ProgrammeUpdate.objects.create(
        programme=programme,
        sessions_attended=6,
        status=ProgrammeStatus.ATTENDING,
        note=PROGRAMME_NOTE,
        agency=programme.programme_agency,
        recorded_by=programme.recorded_by,
        recorded_at=now - dt.timedelta(days=5),
    )
    nomination = nomination_of(locale, everything.perpetrator, status=NominationStatus.EXITED, score={"recency": 6})
    snapshot(nomination, ScoreOccasion.EXIT, recency=2)
    Nomination.objects.filter(pk=nomination.pk).update(
        exited_at=now, exited_by=locale.memberships["chair"].user, exit_reason=ExitReason.RISK_REDUCED
    )
    listing = listing_of(matac_meeting(locale, days=-14), nomination)
    listing.discussion = MATAC_DISCUSSION
    listing.save(update_fields=["discussion"])
    matac_action(listing, locale.police, text=MATAC_ACTION)
    return PersonRecords(
        incident=incident,
        other_incident=other_incident,
        flag=flag,
        order=order,
        breach=breach,
        programme=programme,
        nomination=nomination,
        other_victim=other_victim,
    )
