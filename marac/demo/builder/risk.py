"""Assessments as the assessment service keeps them, and each case's level and next review."""

import datetime as dt

from marac.agencies.models import Agency
from marac.demo.builder.state import CaseSpec, Demo, User
from marac.referrals.models import CaseStatus
from marac.risk.engine.scoring import score_answers
from marac.risk.levels import final_level
from marac.risk.models import Assessment, ReviewEvent, ReviewTrigger
from marac.risk.reviews import case_review_refresh, review_due_for, trigger_review_due
from marac.risk.scales import SCALES
from marac.risk.services import SafeToTalk

PERPETRATOR_WHEREABOUTS = (
    "In custody overnight after the arrest.",
    "Staying at his mother's address, across town.",
    "Not known. He left before the police arrived.",
    "At work, due back this evening.",
    "Bailed to an address away from the family home.",
)
CHILDREN_WHEREABOUTS = ("At school.", "With their grandmother.", "At home, asleep upstairs.", "At nursery.")
SAFE_CONTACT = (
    "Her work mobile, weekdays before 4 pm.",
    "Through her sister, who will pass on a message.",
    "Texts only; he checks her call log.",
    "",
)


def safety_answers(demo: Demo, spec: CaseSpec) -> dict[str, str]:
    rng = demo.risk_rng
    return {
        "safe_to_talk": rng.choices((SafeToTalk.YES, SafeToTalk.NOT_PRESENT), weights=(85, 15))[0].value,
        "safe_contact": rng.choice(SAFE_CONTACT),
        "perpetrator_whereabouts": rng.choice(PERPETRATOR_WHEREABOUTS),
        "children_whereabouts": rng.choice(CHILDREN_WHEREABOUTS) if spec.children else "",
    }


def assessment_row(
    demo: Demo,
    spec: CaseSpec,
    *,
    answers: dict[str, dict[str, str]],
    judgement_reason: str,
    assessed_by: User,
    agency: Agency,
    assessed_at: dt.datetime,
) -> Assessment:
    """Scored with the locality's referral instrument on the locality's scale; judgement, as on a referral, says
    high risk, never lower than the checklist."""
    instrument = demo.instrument
    result = score_answers(instrument, {item_id: entry["answer"] for item_id, entry in answers.items()})
    scale = SCALES[demo.locality.risk_scale]
    computed = result.level_on(instrument, scale.code)
    judgement_level = scale.highest("high", computed) if judgement_reason else ""
    final = final_level(scale=scale, computed=computed, judgement=judgement_level)
    return Assessment(
        case=spec.case,
        instrument=demo.instrument_version,
        instrument_code=demo.instrument_version.code,
        instrument_version=demo.instrument_version.version,
        safety=safety_answers(demo, spec),
        answers=answers,
        score=result.score,
        screened_in=result.screened_in,
        scale=scale.code,
        computed_level=computed,
        judgement_level=judgement_level,
        judgement_reason=judgement_reason,
        final_level=final,
        assessed_by=assessed_by,
        agency=agency,
        assessed_at=assessed_at,
        next_review_due=review_due_for(locality=demo.locality, level=final, assessed_at=assessed_at),
    )


# Events that bring a review forward: (event, days from now, agency that records it, note).
REVIEW_EVENTS = (
    (ReviewEvent.RELEASE_FROM_CUSTODY, -3, "probation", "Released on licence to an address in the next town."),
    (ReviewEvent.COURT_DATE, 10, "police", "Trial for the assault in March; she is a witness."),
    (ReviewEvent.SEPARATION, -1, "idva", "She has asked him to leave and changed the locks."),
    (ReviewEvent.ORDER_BREACH, -2, "police", "Seen outside her workplace despite the non-contact condition."),
)


def add_review_triggers(demo: Demo) -> None:
    """A few open events on cases still under monitoring, so the reviews list shows why a review came forward."""
    monitored = [spec for spec in demo.specs if spec.case.status in (CaseStatus.MONITORING, CaseStatus.HEARD)]
    for spec, (event, days, agency_key, note) in zip(monitored[::3], REVIEW_EVENTS, strict=False):
        event_at = (demo.now + dt.timedelta(days=days)).replace(second=0, microsecond=0)
        recorded_at = min(demo.now, event_at + dt.timedelta(hours=4)) if days < 0 else demo.now - dt.timedelta(hours=1)
        ReviewTrigger.objects.create(
            case=spec.case,
            event=event,
            event_at=event_at,
            review_due=trigger_review_due(
                locality=demo.locality, event=event, event_at=event_at, recorded_at=recorded_at
            ),
            note=note,
            recorded_by=demo.voice(agency_key),
            agency=demo.agencies[agency_key],
            recorded_at=recorded_at,
        )


def refresh_case_risk(demo: Demo) -> None:
    """Each case's level and next review from its latest assessment, as the assessment service leaves them."""
    for spec in demo.specs:
        case_review_refresh(case=spec.case)
