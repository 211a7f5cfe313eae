"""A case with one of every record marac keeps, and distinctive synthetic details to look for in files and rows."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from marac.actions.models import Action, ActionReview, ActionStatus, ActionUpdate, CatalogueAction, ReviewReason
from marac.agencies.models import AgencyType
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.idva.models import ContactMethod, ReportBack, VictimContact
from marac.meetings.models import AgendaItem, Meeting, MeetingStatus, Research, ResearchFinding
from marac.people.models import Alias, Person
from marac.referrals.models import Case, CaseParty, CaseStatus, Consent, PartyRole, Referral, TriageStatus
from marac.referrals.services import months_before
from marac.risk.models import ReviewEvent, ReviewTrigger
from marac.risk.tests.factories import AssessmentFactory
from marac.testing.factories import CaseFactory, PersonFactory

# The details of the people in `case_with_everything`: none of them may survive retention, and the victim's file
# must carry none of the perpetrator's or the child's.
VICTIM_DETAILS = ("Amara", "Okafor", "Amy Oka", "1990-05-17", "14 Larch Road", "RV1 2AB", "07700 900123", "evenings")
PERPETRATOR_DETAILS = ("Darren", "Pike", "Daz Piker", "1985-02-03", "9 Quarry Lane", "RV9 9ZZ", "07700 900999")
PERPETRATOR_PROTECTED = ("Daz Piker", "1985-02-03", "9 Quarry Lane", "RV9 9ZZ", "07700 900999", "Quarry")
CHILD_DETAILS = ("Lily", "2016-08-01", "Oakfield Primary")
CHILD_PROTECTED = ("2016-08-01", "Oakfield Primary")
FREE_TEXT = (
    "He strangled her on the landing",
    "Judgement: he has a new knife",
    "She says he will find her",
    "Discussed the landing incident",
    "Police know him for assaults on two partners",
    "Fit a door viewer at her flat",
    "Locks ordered for her flat",
    "Review note about her flat",
    "She wants the locks changed first",
    "Spoke to her at the clinic",
    "Told her about the locks",
    "Landlord refused the door viewer",
    "Trigger note: he was released",
    "Sister-in-law of the perpetrator",
)


@dataclass
class EverythingCase:
    case: Case
    victim: Person
    perpetrator: Person
    child: Person
    referral: Referral


def case_with_everything(
    locale,
    *,
    status: str = CaseStatus.MONITORING,
    closed_at: dt.datetime | None = None,
    victim: Person | None = None,
    perpetrator: Person | None = None,
    safe_address: bool = False,
    reference: str | None = None,
) -> EverythingCase:
    """A case heard at a closed meeting, with a referral, an assessment, research, an action with an update and a
    review, contact with the victim, a report-back, a review event and audit events."""
    now = timezone.now()
    coordinator = locale.memberships["coordinator"].user
    idva = locale.memberships["idva"].user
    victim = victim or PersonFactory(
        locality=locale.locality,
        given_name="Amara",
        family_name="Okafor",
        date_of_birth=dt.date(1990, 5, 17),
        address="14 Larch Road",
        postcode="RV1 2AB",
        address_is_safe_address=safe_address,
        phone="07700 900123",
        best_time_to_call="evenings",
        school="",
    )
    Alias.objects.get_or_create(person=victim, name="Amy Oka")
    perpetrator = perpetrator or PersonFactory(
        locality=locale.locality,
        given_name="Darren",
        family_name="Pike",
        date_of_birth=dt.date(1985, 2, 3),
        address="9 Quarry Lane",
        postcode="RV9 9ZZ",
        phone="07700 900999",
    )
    Alias.objects.get_or_create(person=perpetrator, name="Daz Piker")
    child = PersonFactory(
        locality=locale.locality,
        given_name="Lily",
        family_name="Okafor",
        date_of_birth=dt.date(2016, 8, 1),
        school="Oakfield Primary",
    )
    case_kwargs = {"reference": reference} if reference else {}
    case = CaseFactory(
        locality=locale.locality,
        victim=victim,
        status=status,
        closed_at=closed_at,
        idva_agency=locale.idva_service,
        opened_at=(closed_at or now) - dt.timedelta(days=120),
        last_referred_at=(closed_at or now) - dt.timedelta(days=120),
        risk_level="high",
        **case_kwargs,
    )
    CaseParty.objects.create(
        case=case, person=perpetrator, role=PartyRole.PERPETRATOR, relationship_to_victim="Former partner"
    )
    CaseParty.objects.create(case=case, person=child, role=PartyRole.CHILD, relationship_to_victim="Daughter")
    referred_at = case.opened_at
    referral = Referral.objects.create(
        case=case,
        referring_agency=locale.police,
        referred_by=locale.memberships["police_referrer"].user,
        referrer_phone="01632 960001",
        referred_at=referred_at,
        meets_professional_judgement=True,
        professional_judgement_reasons=FREE_TEXT[0],
        consent=Consent.NOT_SOUGHT,
        sharing_without_consent_reason="She says he will find her",
        sharing_approved_by="Inspector on duty",
        risk_summary=FREE_TEXT[0],
        children_in_household=1,
        submitted_details={
            "victim": {
                "given_name": "Amara",
                "family_name": "Okafor",
                "aliases": ["Amy Oka"],
                "date_of_birth": "1990-05-17",
                "age_at_referral": 35,
                "person_id": victim.pk,
                "gender": "female",
                "ethnicity": "black",
                "address": "14 Larch Road",
                "postcode": "RV1 2AB",
                "address_is_safe_address": safe_address,
                "phone": "07700 900123",
                "best_time_to_call": "evenings",
            },
            "perpetrators": [
                {
                    "given_name": "Darren",
                    "family_name": "Pike",
                    "aliases": ["Daz Piker"],
                    "date_of_birth": "1985-02-03",
                    "age_at_referral": 40,
                    "person_id": perpetrator.pk,
                    "gender": "male",
                    "relationship_to_victim": "Former partner",
                }
            ],
            "children": [
                {
                    "given_name": "Lily",
                    "family_name": "Okafor",
                    "aliases": [],
                    "date_of_birth": "2016-08-01",
                    "age_at_referral": 9,
                    "person_id": child.pk,
                    "school": "Oakfield Primary",
                }
            ],
        },
        triage_status=TriageStatus.LISTED,
        triage_note="",
        triaged_by=coordinator,
        triaged_at=referred_at + dt.timedelta(days=1),
    )
    assessment = AssessmentFactory(
        case=case,
        agency=locale.police,
        assessed_at=referred_at,
        judgement_level="high",
        judgement_reason=FREE_TEXT[1],
        safety={
            "safe_to_talk": "yes",
            "safe_contact": "Her work mobile",
            "perpetrator_whereabouts": "At 9 Quarry Lane",
            "children_whereabouts": "At Oakfield Primary",
        },
    )
    first_item = next(iter(assessment.answers))
    assessment.answers[first_item]["note"] = FREE_TEXT[2]
    assessment.save(update_fields=["answers"])
    meeting = Meeting.objects.create(
        locality=locale.locality,
        scheduled_for=referred_at + dt.timedelta(days=10),
        status=MeetingStatus.CLOSED,
        closed_at=referred_at + dt.timedelta(days=10, hours=3),
    )
    meeting.invited_agencies.set([locale.police, locale.housing, locale.idva_service])
    item = AgendaItem.objects.create(
        meeting=meeting,
        case=case,
        referral=referral,
        discussion=FREE_TEXT[3],
        risk_summary=FREE_TEXT[0],
        outcome="monitoring",
        discussed_at=meeting.scheduled_for,
    )
    Research.objects.create(
        agenda_item=item,
        agency=locale.police,
        finding=ResearchFinding.KNOWN,
        details=FREE_TEXT[4],
        submitted_by=locale.memberships["police_rep"].user,
        submitted_at=meeting.scheduled_for - dt.timedelta(days=2),
    )
    catalogue, _ = CatalogueAction.objects.get_or_create(agency_type=AgencyType.POLICE, text="Marker on the address")
    Action.objects.create(
        case=case,
        agenda_item=item,
        owner_agency=locale.police,
        catalogue_action=catalogue,
        text="Marker on the address",
        due_date=timezone.localdate(meeting.scheduled_for) + dt.timedelta(days=14),
        status=ActionStatus.DONE,
        created_by=coordinator,
        created_at=meeting.scheduled_for,
    )
    action = Action.objects.create(
        case=case,
        agenda_item=item,
        owner_agency=locale.housing,
        text=FREE_TEXT[5],
        due_date=timezone.localdate(meeting.scheduled_for) + dt.timedelta(days=14),
        status=ActionStatus.NOT_POSSIBLE,
        not_possible_reason=FREE_TEXT[11],
        created_by=coordinator,
        created_at=meeting.scheduled_for,
    )
    ActionUpdate.objects.create(
        action=action,
        author=locale.memberships["housing_rep"].user,
        agency=locale.housing,
        created_at=meeting.scheduled_for + dt.timedelta(days=2),
        status_before=ActionStatus.OPEN,
        status_after=ActionStatus.IN_PROGRESS,
        note=FREE_TEXT[6],
    )
    ActionReview.objects.create(
        action=action,
        agenda_item=item,
        reason=ReviewReason.CIRCUMSTANCES_CHANGED,
        note=FREE_TEXT[7],
        reviewed_by=coordinator,
        reviewed_at=meeting.scheduled_for,
    )
    VictimContact.objects.create(
        case=case,
        agency=locale.idva_service,
        recorded_by=idva,
        contacted_at=referred_at + dt.timedelta(days=3),
        method=ContactMethod.IN_PERSON,
        victim_views=FREE_TEXT[8],
        note=FREE_TEXT[9],
    )
    ReportBack.objects.create(
        case=case,
        meeting=meeting,
        agency=locale.idva_service,
        due_date=timezone.localdate(meeting.scheduled_for) + dt.timedelta(days=2),
        completed_at=meeting.scheduled_for + dt.timedelta(days=1),
        completed_by=idva,
        method=ContactMethod.PHONE,
        victim_told_at=meeting.scheduled_for + dt.timedelta(days=1),
        note=FREE_TEXT[10],
    )
    ReviewTrigger.objects.create(
        case=case,
        event=ReviewEvent.COURT_DATE,
        event_at=referred_at + dt.timedelta(days=30),
        review_due=referred_at + dt.timedelta(days=28),
        note=FREE_TEXT[12],
        recorded_by=idva,
        agency=locale.idva_service,
        recorded_at=referred_at + dt.timedelta(days=5),
    )
    audit_record(
        actor=locale.actor("police_rep"), action=AuditAction.VIEW, target=case, case=case, summary="Viewed case"
    )
    return EverythingCase(case=case, victim=victim, perpetrator=perpetrator, child=child, referral=referral)


def years_ago(years: int, *, days: int = 0) -> dt.datetime:
    """`years` calendar years before now, and `days` more."""
    return months_before(timezone.now(), 12 * years) - dt.timedelta(days=days)
