"""Assessments as the assessment service keeps them, and each case's level and next review."""

import datetime as dt

from marac.agencies.models import Agency
from marac.demo.builder.state import CaseSpec, Demo, User
from marac.risk.engine.scoring import score_answers
from marac.risk.levels import final_level
from marac.risk.models import Assessment
from marac.risk.reviews import case_review_refresh, review_due_for
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


def refresh_case_risk(demo: Demo) -> None:
    """Each case's level and next review from its latest assessment, as the assessment service leaves them."""
    for spec in demo.specs:
        case_review_refresh(case=spec.case)
