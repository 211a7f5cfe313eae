"""The demo's pathways: three agreed routes between agencies, and five victims referred along them in the last
three weeks, so that every state shows: one awaiting an answer, one whose answer is overdue, one accepted and fed
back on, one declined and sent along another pathway whose feedback is now overdue, and one whose risk has since risen
to high, proposed for a MARAC referral.

Rows are written directly, as the rest of the demo is, keeping by hand what the services keep: each victim's case
holds her person record, her perpetrator and every assessment; each referral points at the assessment it was sent
with and keeps its protocol's terms; its events are in order; the case's level follows its latest assessment.
The stories draw on their own random generator, so the rest of the demo stays as it was.
"""

import datetime as dt
import random
import uuid
from dataclasses import dataclass

from django.utils import timezone

from marac.demo import data
from marac.demo.builder.state import Demo
from marac.pathways.models import (
    EventKind,
    Pathway,
    PathwayEvent,
    PathwayReferral,
    PathwayReferralStatus,
    ProposedRoute,
    RoutingSettings,
)
from marac.people.models import Gender, Person
from marac.referrals.models import Case, CaseParty, CaseStatus, Consent, PartyRole
from marac.referrals.services import reference_prefix
from marac.risk.engine.scoring import score_answers
from marac.risk.models import Answer, Assessment
from marac.risk.reviews import case_review_refresh, review_due_for
from marac.risk.scales import SCALES
from marac.risk.services import SafeToTalk

# (key, name, sender, receiver, levels, days to answer, days to feed back, what is shared, who feeds back)
PATHWAYS = (
    (
        "police_harbour",
        "Police to Harbour Women's Aid: standard risk",
        "police",
        "harbour",
        ["standard"],
        2,
        10,
        "Her name, date of birth, safe contact details and safe times to call; the incident; the checklist.",
        "Harbour's duty worker tells the referring officer whether contact was made and what support she accepted.",
    ),
    (
        "police_idva",
        "Police to the Domestic Abuse Service: medium risk",
        "police",
        "idva",
        ["medium"],
        1,
        7,
        "Her name, date of birth, safe contact details; the incident and any earlier call-outs; the checklist.",
        "The allocated IDVA tells the referring officer the outcome of first contact and the safety plan agreed.",
    ),
    (
        "hospital_idva",
        "Hospital to the Domestic Abuse Service",
        "health",
        "idva",
        ["standard", "medium"],
        2,
        10,
        "Her name, safe contact details, the injuries seen and what she disclosed; the checklist.",
        "The IDVA tells the ward's safeguarding lead whether she accepted support.",
    ),
)

# Who acts for each agency here.
SENDERS = {"police": "police.referrer", "health": "health.referrer"}
RECEIVERS = {"harbour": "harbour.idva", "idva": "idva"}

STORIES = {
    "awaiting": "Seen at the emergency department with bruising to both arms; said her partner grabbed her when she "
    "tried to leave the flat. Asked for someone to talk to about her options.",
    "overdue": "Neighbours called the police to shouting. She says he smashed her phone so she could not call her "
    "sister. First report to the police; no injuries seen.",
    "fed_back": "He pushed her into a door during an argument about money; he controls her bank card. She wants "
    "advice about her tenancy and her finances.",
    "declined": "Second call-out in a month: he turned up drunk at her flat in breach of her request not to come. "
    "She is frightened of what he will do when he finds out she has reported it.",
    "proposed": "Verbal abuse and threats after she ended the relationship; he keeps messaging her work phone. "
    "She asked for support from a local service.",
}


@dataclass(frozen=True)
class Story:
    key: str
    pathway: str
    days_ago: float
    yes: int
    status: str


def build_pathways(demo: Demo) -> None:
    rng = random.Random(data.SEED + 12)
    now = demo.now
    coordinator = demo.users["coordinator"]
    RoutingSettings.objects.create(
        locality=demo.locality, marac_from_level="high", updated_at=now, updated_by=coordinator
    )
    pathways = {
        key: Pathway.objects.create(
            locality=demo.locality,
            name=name,
            from_agency=demo.agencies[sender],
            to_agency=demo.agencies[receiver],
            proposed_for_levels=levels,
            information_shared=shared,
            response_days=response_days,
            feedback_days=feedback_days,
            feedback_arrangement=feedback,
            created_at=now - dt.timedelta(days=120),
            created_by=coordinator,
        )
        for key, name, sender, receiver, levels, response_days, feedback_days, shared, feedback in PATHWAYS
    }
    cases = {}
    referrals = {}
    for story in (
        Story("awaiting", "hospital_idva", 0.2, 11, PathwayReferralStatus.AWAITING),
        Story("overdue", "police_harbour", 4, 4, PathwayReferralStatus.AWAITING),
        Story("fed_back", "police_harbour", 9, 5, PathwayReferralStatus.ACCEPTED),
        Story("declined", "police_idva", 12, 10, PathwayReferralStatus.DECLINED),
        Story("proposed", "police_harbour", 20, 6, PathwayReferralStatus.ACCEPTED),
    ):
        sent_at = _working_time(now - dt.timedelta(days=story.days_ago), now)
        case = _case_for(demo, rng, sent_at)
        cases[story.key] = case
        referrals[story.key] = _referral(demo, story, pathways[story.pathway], case, sent_at, yes=story.yes)
    # Declined by the IDVA service, then sent along Harbour's pathway with the routing's other choice explained;
    # accepted, and its feedback is now a day late.
    declined = referrals["declined"]
    resent_at = declined.responded_at + dt.timedelta(hours=3)
    referrals["resent"] = _referral(
        demo,
        Story("declined", "police_harbour", 0, 10, PathwayReferralStatus.ACCEPTED),
        pathways["police_harbour"],
        cases["declined"],
        resent_at,
        yes=10,
        answer_after=dt.timedelta(hours=20),
        routing_reason="The Domestic Abuse Service declined: she asked for Harbour, near her work.",
    )
    PathwayReferral.objects.filter(pk=referrals["resent"].pk).update(feedback_due_at=now - dt.timedelta(days=1))
    # Her risk rose: Harbour's new assessment yesterday is high, so the routing proposes a MARAC referral.
    proposed = referrals["proposed"]
    _assessment(
        demo,
        proposed.case,
        yes=15,
        by=demo.users["harbour.idva"],
        agency=demo.agencies["harbour"],
        at=_working_time(now - dt.timedelta(days=1), now),
    )
    for case in cases.values():
        case_review_refresh(case=case)
    demo.counts["pathways"] = len(pathways)
    demo.counts["pathway_referrals"] = len(referrals)


def _working_time(moment: dt.datetime, now: dt.datetime) -> dt.datetime:
    """Office hours on the day, never later than a few minutes ago."""
    local = timezone.localtime(moment)
    candidate = local.replace(hour=min(max(local.hour, 9), 16), minute=20, second=0, microsecond=0)
    return min(candidate, now - dt.timedelta(minutes=10))


def _case_for(demo: Demo, rng: random.Random, opened: dt.datetime) -> Case:
    background = rng.choices(data.BACKGROUNDS, weights=data.BACKGROUND_WEIGHTS)[0]
    female, male = background.family[rng.randrange(len(background.family))][::-1]
    victim = Person.objects.create(
        locality=demo.locality,
        given_name=rng.choice(background.female),
        family_name=female,
        date_of_birth=demo.today - dt.timedelta(days=365 * rng.randint(21, 48) + rng.randint(0, 364)),
        gender=Gender.FEMALE,
        ethnicity=background.ethnicity,
        phone=f"07700 900{rng.randint(100, 999)}",
        safe_to_call=rng.random() < 0.7,
        best_time_to_call=rng.choice(("Weekday mornings", "After 6 pm, texts first", "Lunchtimes at work")),
        address=f"{rng.randint(1, 90)} {rng.choice(('Mill Lane', 'Orchard Close', 'Station Road', 'Quay Street'))}, "
        "Riverside",
        postcode=f"RV{rng.randint(1, 9)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJ')}{rng.choice('LNPQRSTU')}",
    )
    perpetrator = Person.objects.create(
        locality=demo.locality,
        given_name=rng.choice(background.male),
        family_name=male,
        date_of_birth=demo.today - dt.timedelta(days=365 * rng.randint(23, 52)),
        gender=Gender.MALE,
    )
    year = timezone.localtime(opened).year
    stem = f"{reference_prefix(demo.locality)}-{year}-"
    used = Case.objects.filter(reference__startswith=stem).values_list("reference", flat=True)
    number = max((int(reference.rsplit("-", 1)[1]) for reference in used), default=0) + 1
    case = Case.objects.create(
        locality=demo.locality,
        reference=f"{stem}{number:04d}",
        victim=victim,
        status=CaseStatus.ON_PATHWAY,
        opened_at=opened,
        last_referred_at=opened,
    )
    CaseParty.objects.create(
        case=case,
        person=perpetrator,
        role=PartyRole.PERPETRATOR,
        relationship_to_victim=rng.choice(("Ex-partner", "Partner", "Husband")),
    )
    return case


def _assessment(demo: Demo, case: Case, *, yes: int, by, agency, at: dt.datetime) -> Assessment:
    instrument = demo.instrument
    answers = {
        item.id: {"answer": Answer.YES if index < yes else Answer.NO, "note": "Her account" if index < yes else ""}
        for index, item in enumerate(instrument.items)
    }
    result = score_answers(instrument, {item_id: entry["answer"] for item_id, entry in answers.items()})
    scale = SCALES[demo.locality.risk_scale]
    level = result.level_on(instrument, scale.code)
    return Assessment.objects.create(
        case=case,
        instrument=demo.instrument_version,
        instrument_code=demo.instrument_version.code,
        instrument_version=demo.instrument_version.version,
        safety={
            "safe_to_talk": SafeToTalk.YES.value,
            "safe_contact": "Her mobile, texts first.",
            "perpetrator_whereabouts": "Not at the address.",
            "children_whereabouts": "",
        },
        answers=answers,
        score=result.score,
        screened_in=result.screened_in,
        scale=scale.code,
        computed_level=level,
        final_level=level,
        assessed_by=by,
        agency=agency,
        assessed_at=at,
        next_review_due=review_due_for(locality=demo.locality, level=level, assessed_at=at),
    )


def _referral(
    demo: Demo,
    story: Story,
    pathway: Pathway,
    case: Case,
    sent_at: dt.datetime,
    *,
    yes: int,
    answer_after: dt.timedelta = dt.timedelta(hours=22),
    routing_reason: str = "",
) -> PathwayReferral:
    sender_key = demo.agency_key(pathway.from_agency)
    receiver_key = demo.agency_key(pathway.to_agency)
    sender, receiver = demo.users[SENDERS[sender_key]], demo.users[RECEIVERS[receiver_key]]
    assessment = _assessment(demo, case, yes=yes, by=sender, agency=pathway.from_agency, at=sent_at)
    level = assessment.final_level
    proposed = level in pathway.proposed_for_levels
    referral = PathwayReferral.objects.create(
        pathway=pathway,
        case=case,
        assessment=assessment,
        submission_token=uuid.uuid4(),
        from_agency=pathway.from_agency,
        to_agency=pathway.to_agency,
        sent_by=sender,
        sent_at=sent_at,
        protocol=pathway.protocol_terms(),
        response_due_at=timezone.localtime(sent_at) + dt.timedelta(days=pathway.response_days),
        risk_summary=STORIES[story.key],
        children_in_household=0,
        incidents_in_escalation_window=1,
        consent=Consent.GIVEN,
        proposed_route=ProposedRoute.THIS_PATHWAY if proposed else ProposedRoute.OTHER_PATHWAY,
        routing_reason="" if proposed else routing_reason,
    )
    events = [
        PathwayEvent(
            referral=referral, kind=EventKind.SENT, occurred_at=sent_at, by=sender, agency=referral.from_agency
        )
    ]
    if story.status != PathwayReferralStatus.AWAITING:
        answered = min(sent_at + answer_after, demo.now - dt.timedelta(minutes=30))
        referral.responded_at, referral.responded_by, referral.status = answered, receiver, story.status
        if story.status == PathwayReferralStatus.DECLINED:
            referral.decline_reason = "She has asked for support from Harbour Women's Aid, nearer her work."
            referral.closed_at = answered
            events.append(
                PathwayEvent(
                    referral=referral,
                    kind=EventKind.DECLINED,
                    occurred_at=answered,
                    by=receiver,
                    agency=referral.to_agency,
                    text=referral.decline_reason,
                )
            )
        else:
            referral.feedback_due_at = timezone.localtime(answered) + dt.timedelta(days=pathway.feedback_days)
            events.append(
                PathwayEvent(
                    referral=referral,
                    kind=EventKind.ACCEPTED,
                    occurred_at=answered,
                    by=receiver,
                    agency=referral.to_agency,
                )
            )
            fed_back = answered + dt.timedelta(days=3)
            if story.key in ("fed_back", "proposed") and fed_back < demo.now:
                referral.first_feedback_at = fed_back
                events.append(
                    PathwayEvent(
                        referral=referral,
                        kind=EventKind.FEEDBACK,
                        occurred_at=fed_back,
                        by=receiver,
                        agency=referral.to_agency,
                        text="Spoke to her by phone at a safe time. She accepted outreach support and a safety plan; "
                        "we meet again next week.",
                    )
                )
        referral.save()
    PathwayEvent.objects.bulk_create(events)
    return referral
