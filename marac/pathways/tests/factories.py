"""Pathways for tests: the locality's pathways, referrals sent along them, and form posts."""

import datetime as dt
import uuid

from django.utils import timezone

from marac.pathways.configuration import PathwayInput, pathway_create
from marac.pathways.models import Pathway, PathwayReferral
from marac.pathways.services import (
    Decision,
    PathwayReferralInput,
    PathwayReferralOutcome,
    pathway_assessment_record,
    pathway_referral_respond,
    pathway_referral_send,
)
from marac.referrals.models import Consent
from marac.referrals.tests.factories import CHECKLIST, answers, form_data, perpetrator, safety, victim
from marac.risk.models import Assessment
from marac.risk.registry import current_version

# The shipped checklist: 0-9 "yes" standard, 10-13 medium, 14 or more high.
STANDARD, MEDIUM, HIGH = 3, 11, 15


def pathway(
    locale,
    *,
    sender: str = "police",
    receiver: str = "idva_service",
    levels: tuple[str, ...] = ("standard",),
    name: str = "",
    response_days: int = 2,
    feedback_days: int = 10,
) -> Pathway:
    """A pathway set up by the coordinator, as the configuration page would."""
    from_agency, to_agency = getattr(locale, sender), getattr(locale, receiver)
    return pathway_create(
        actor=locale.actor("coordinator"),
        data=PathwayInput(
            name=name or f"{from_agency} to {to_agency}",
            from_agency=from_agency,
            to_agency=to_agency,
            proposed_for_levels=list(levels),
            information_shared="Her name, safe contact details, the checklist and the incident.",
            response_days=response_days,
            feedback_days=feedback_days,
            feedback_arrangement="The receiving service's duty worker tells the referring officer the outcome.",
        ),
    )


def referral_input(along: Pathway, *, yes: int = STANDARD, **overrides) -> PathwayReferralInput:
    values = {
        "submission_token": uuid.uuid4(),
        "pathway": along,
        "victim": victim(),
        "perpetrators": [perpetrator()],
        "risk_summary": "Pushed her against a wall during an argument; first report to the police.",
        "consent": Consent.GIVEN,
        "safety": safety(),
        "item_answers": answers(yes),
        "children_in_household": 1,
        "incidents_in_escalation_window": 1,
    }
    values.update(overrides)
    return PathwayReferralInput(**values)


def send(locale, along: Pathway, *, persona: str = "police_referrer", yes: int = STANDARD, **overrides):
    outcome: PathwayReferralOutcome = pathway_referral_send(
        actor=locale.actor(persona), data=referral_input(along, yes=yes, **overrides)
    )
    return outcome


def accept(locale, referral: PathwayReferral, *, persona: str = "idva") -> PathwayReferral:
    return pathway_referral_respond(actor=locale.actor(persona), referral=referral, decision=Decision.ACCEPT)


def assess(locale, referral: PathwayReferral, *, persona: str = "idva", yes: int = HIGH, **levels) -> Assessment:
    version = current_version(locality=locale.locality, code=CHECKLIST.code)
    return pathway_assessment_record(
        actor=locale.actor(persona),
        referral=referral,
        version=version,
        safety=safety(),
        answers=answers(yes),
        **levels,
    )


def overdue(referral: PathwayReferral, **fields) -> None:
    """Move a referral's due dates into the past, as time passing would."""
    past = timezone.now() - dt.timedelta(hours=1)
    PathwayReferral.objects.filter(pk=referral.pk).update(**{name: past for name in fields or ("response_due_at",)})


def form_post(along: Pathway, *, yes: int = STANDARD, **overrides) -> dict[str, str]:
    """What the pathway referral page posts: the referral form's victim, perpetrator, child and checklist, with the
    pathway and the assessment's own judgement fields instead of the MARAC criteria."""
    data = form_data(yes=yes)
    for name in ("professional_judgement", "professional_judgement_reasons"):
        data.pop(name)
    data |= {
        "pathway": str(along.pk),
        "risk_summary": "Pushed her against a wall during an argument; first report to the police.",
        "judgement_level": "",
        "judgement_reason": "",
        "victim_view_level": "",
        "victim_view_reason": "",
        "routing_reason": "",
    }
    data.update(overrides)
    return data
