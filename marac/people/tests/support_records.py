"""What the pathways, the referral-back duties and the victims' rights log hold about a victim's case and its
perpetrator, added to a case with distinctive synthetic details to look for in subject access files."""

import datetime as dt
import uuid
from dataclasses import dataclass

from django.utils import timezone

from marac.duties.models import Duty, DutyStatus, EventKind
from marac.duties.tests.factories import duty_on
from marac.idva.models import ContactMethod
from marac.pathways.models import EventKind as PathwayStep
from marac.pathways.models import Pathway, PathwayEvent, PathwayReferral, PathwayReferralStatus, ProposedRoute
from marac.pathways.tests.factories import pathway
from marac.people.models import Person
from marac.referrals.models import Case, Consent
from marac.rights.models import (
    CustodyEvent,
    CustodyEventKind,
    InformationGiven,
    InformationTopic,
    NeedsAssessment,
    NeedsAssessmentReason,
    NotificationChoice,
    ProtectionNeed,
    ReleaseNotification,
)
from marac.risk.models import Assessment


@dataclass(frozen=True)
class SupportTexts:
    """The free text written on one case and about its perpetrator, each found nowhere else."""

    pathway_risk: str
    pathway_decline: str
    pathway_feedback: str
    disclosure: str
    move: str
    duty_decline: str
    information_note: str
    choice_note: str
    notification_note: str
    needs_findings: str
    needs_change: str
    her_views: str
    establishment: str

    def all(self) -> tuple[str, ...]:
        return tuple(vars(self).values())


HERS = SupportTexts(
    pathway_risk="Shouted at her outside the nursery gates",
    pathway_decline="Already supported by our outreach worker",
    pathway_feedback="Met her twice; a safety plan is agreed",
    disclosure="Told the health visitor he locked her in the bathroom",
    move="Moved to the north of the borough",
    duty_decline="The police referred her back the same day",
    information_note="Asked again about refuge places",
    choice_note="Call her work mobile, never the landline",
    notification_note="Told her by phone; she will stay with her sister",
    needs_findings="He knows her shift pattern at the bakery",
    needs_change="He was released and she moved",
    her_views="Does not want a personal alarm",
    establishment="HMP Northgate",
)
# Another woman's case and her perpetrator: none of it may reach the first victim's file or her perpetrator's.
OTHERS = SupportTexts(
    pathway_risk="Followed Erin home from the station",
    pathway_decline="Erin is already known to our team",
    pathway_feedback="Erin took up the counselling offer",
    disclosure="Erin told her GP about the bruises",
    move="Erin moved to her cousin's in the south",
    duty_decline="Erin's case was referred back by housing",
    information_note="Erin wanted the leaflet in Polish",
    choice_note="Erin asked for a text message first",
    notification_note="Erin was told at the drop-in",
    needs_findings="Erin has no family nearby",
    needs_change="Erin's perpetrator was released",
    her_views="Erin wants screens at court",
    establishment="HMP Eastwood",
)


@dataclass
class SupportRecords:
    pathway_referrals: list[PathwayReferral]
    duties: list[Duty]
    information: InformationGiven
    choices: list[NotificationChoice]
    custody_event: CustodyEvent
    notification: ReleaseNotification
    needs_assessments: list[NeedsAssessment]


def _pathway(locale, *, receiver: str) -> Pathway:
    """The police's pathway to the receiving agency (a `locale` attribute), set up once per locality."""
    to_agency = getattr(locale, receiver)
    existing = Pathway.objects.filter(locality=locale.locality, from_agency=locale.police, to_agency=to_agency).first()
    # Each pathway is proposed for its own level: the routing proposes one per level.
    level = {"idva_service": "standard", "housing": "medium"}[receiver]
    return existing or pathway(locale, sender="police", receiver=receiver, levels=(level,))


def _pathway_referral(locale, case: Case, *, receiver: str, risk_summary: str, days_ago: int) -> PathwayReferral:
    along = _pathway(locale, receiver=receiver)
    sent_at = timezone.now() - dt.timedelta(days=days_ago)
    sender = locale.memberships["police_referrer"].user
    referral = PathwayReferral.objects.create(
        pathway=along,
        case=case,
        assessment=Assessment.objects.filter(case=case).order_by("assessed_at", "pk").first(),
        submission_token=uuid.uuid4(),
        from_agency=along.from_agency,
        to_agency=along.to_agency,
        sent_by=sender,
        sent_at=sent_at,
        protocol=along.protocol_terms(),
        response_due_at=sent_at + dt.timedelta(days=along.response_days),
        risk_summary=risk_summary,
        children_in_household=1,
        consent=Consent.GIVEN,
        proposed_route=ProposedRoute.THIS_PATHWAY,
    )
    PathwayEvent.objects.create(
        referral=referral, kind=PathwayStep.SENT, occurred_at=sent_at, by=sender, agency=along.from_agency
    )
    return referral


def _answer(referral: PathwayReferral, *, by, kind: str, text: str, hours: int) -> None:
    PathwayEvent.objects.create(
        referral=referral,
        kind=kind,
        occurred_at=referral.sent_at + dt.timedelta(hours=hours),
        by=by,
        agency=referral.to_agency,
        text=text,
    )


def support_records(locale, case: Case, perpetrator: Person, *, texts: SupportTexts = HERS) -> SupportRecords:
    """Two pathway referrals on the case (one declined, one accepted with feedback); a disclosure and a move with
    their duties (one declined with a reason); the victim's rights log (information given, two choices, a needs
    assessment in two versions); a release of the perpetrator recorded against him, and the notification to her."""
    now = timezone.now()
    idva = locale.memberships["idva"].user
    declined = _pathway_referral(locale, case, receiver="idva_service", risk_summary=texts.pathway_risk, days_ago=60)
    _answer(declined, by=idva, kind=PathwayStep.DECLINED, text=texts.pathway_decline, hours=5)
    PathwayReferral.objects.filter(pk=declined.pk).update(
        status=PathwayReferralStatus.DECLINED,
        responded_at=declined.sent_at + dt.timedelta(hours=5),
        responded_by=idva,
        decline_reason=texts.pathway_decline,
        closed_at=declined.sent_at + dt.timedelta(hours=5),
    )
    accepted = _pathway_referral(locale, case, receiver="housing", risk_summary=texts.pathway_risk, days_ago=30)
    housing = locale.memberships["housing_rep"].user
    _answer(accepted, by=housing, kind=PathwayStep.ACCEPTED, text="", hours=2)
    _answer(accepted, by=housing, kind=PathwayStep.FEEDBACK, text=texts.pathway_feedback, hours=50)
    PathwayReferral.objects.filter(pk=accepted.pk).update(
        status=PathwayReferralStatus.ACCEPTED,
        responded_at=accepted.sent_at + dt.timedelta(hours=2),
        responded_by=housing,
        feedback_due_at=accepted.sent_at + dt.timedelta(days=10),
        first_feedback_at=accepted.sent_at + dt.timedelta(hours=50),
    )

    disclosed = duty_on(case, agency=locale.health, kind=EventKind.DISCLOSURE, note=texts.disclosure)
    moved = duty_on(
        case,
        agency=locale.housing,
        kind=EventKind.VICTIM_MOVED,
        note=texts.move,
        status=DutyStatus.DECLINED,
        decline_reason=texts.duty_decline,
        answered_by=housing,
        answered_at=now,
    )

    information = InformationGiven.objects.create(
        case=case,
        topics=[InformationTopic.SUPPORT_SERVICES, InformationTopic.RELEASE_SCHEME],
        given_at=now - dt.timedelta(days=20),
        method=ContactMethod.IN_PERSON,
        language="Yoruba",
        interpreter_used=True,
        note=texts.information_note,
        agency=locale.idva_service,
        recorded_by=idva,
        recorded_at=now - dt.timedelta(days=20),
    )
    choices = [
        NotificationChoice.objects.create(
            case=case,
            wants_to_be_told=wants,
            decided_on=timezone.localdate() - dt.timedelta(days=days_ago),
            note=note,
            agency=locale.idva_service,
            recorded_by=idva,
            recorded_at=now - dt.timedelta(days=days_ago),
        )
        for wants, days_ago, note in ((False, 20, ""), (True, 10, texts.choice_note))
    ]
    custody_event = CustodyEvent.objects.create(
        locality=case.locality,
        perpetrator=perpetrator,
        kind=CustodyEventKind.TEMPORARY_RELEASE,
        occurred_at=now - dt.timedelta(days=3),
        establishment=texts.establishment,
        returns_on=timezone.localdate() + dt.timedelta(days=2),
        reporting_agency=locale.police,
        recorded_by=locale.memberships["police_rep"].user,
        recorded_at=now - dt.timedelta(days=3),
    )
    notification = ReleaseNotification.objects.create(
        event=custody_event,
        case=case,
        victim_opted_in=True,
        choice=choices[-1],
        told_at=now - dt.timedelta(days=2),
        told_by=idva,
        told_by_agency=locale.idva_service,
        method=ContactMethod.PHONE,
        note=texts.notification_note,
        recorded_at=now - dt.timedelta(days=2),
    )
    needs_assessments = [
        NeedsAssessment.objects.create(
            case=case,
            version=1,
            reason=NeedsAssessmentReason.INITIAL,
            assessed_on=timezone.localdate() - dt.timedelta(days=19),
            needs=[ProtectionNeed.NO_CONTACT, ProtectionNeed.INTERPRETER],
            findings=texts.needs_findings,
            agency=locale.idva_service,
            recorded_by=idva,
            recorded_at=now - dt.timedelta(days=19),
        ),
        NeedsAssessment.objects.create(
            case=case,
            version=2,
            reason=NeedsAssessmentReason.SIGNIFICANT_CHANGE,
            change_description=texts.needs_change,
            assessed_on=timezone.localdate() - dt.timedelta(days=1),
            needs=[ProtectionNeed.SAFE_ACCOMMODATION],
            findings=texts.needs_findings,
            her_views=texts.her_views,
            agency=locale.idva_service,
            recorded_by=idva,
            recorded_at=now - dt.timedelta(days=1),
        ),
    ]
    return SupportRecords(
        pathway_referrals=[declined, accepted],
        duties=[disclosed, moved],
        information=information,
        choices=choices,
        custody_event=custody_event,
        notification=notification,
        needs_assessments=needs_assessments,
    )
