"""Rows of the URL walk (marac/access/tests/test_url_walk.py) for this app's pages.

The world's victim was referred by the police along a pathway to her IDVA service: the police (referrer and
representative), the IDVA and the coordinator see it; only the IDVA service answers it and feeds back. Housing, health
and children's social care, though they see her MARAC case, do not see the pathway referral.
"""

import datetime as dt
import uuid

from django.utils import timezone

from marac.pathways.models import Pathway, PathwayReferral, PathwayReferralStatus, ProposedRoute
from marac.referrals.models import Consent
from marac.risk.tests.factories import AssessmentFactory

AGENCIES_THAT_REFER = frozenset(
    {"police_referrer", "police_rep", "housing_rep", "social_care_rep", "health_rep", "idva", "coordinator"}
)
ITS_TWO_AGENCIES = frozenset({"police_referrer", "police_rep", "idva", "coordinator"})
RECEIVING = frozenset({"idva", "coordinator"})  # the coordinator of the tests acts for the IDVA service
CONFIGURING = frozenset({"coordinator", "admin"})


def world_pathway(w) -> Pathway:
    police, service = w.referral.referring_agency, w.case.idva_agency
    pathway, _created = Pathway.objects.get_or_create(
        locality=w.case.locality,
        name="Police to the domestic abuse service",
        defaults={
            "from_agency": police,
            "to_agency": service,
            "proposed_for_levels": ["standard"],
            "information_shared": "Her name, safe contact details and the checklist.",
            "feedback_arrangement": "The service tells the officer the outcome of first contact.",
            "created_at": timezone.now(),
            "created_by": w.referral.referred_by,
        },
    )
    return pathway


def world_referral(w, *, status: str = PathwayReferralStatus.AWAITING) -> PathwayReferral:
    pathway = world_pathway(w)
    now = timezone.now()
    assessment = AssessmentFactory(
        case=w.case, score=3, computed_level="standard", final_level="standard", agency=pathway.from_agency
    )
    return PathwayReferral.objects.create(
        pathway=pathway,
        case=w.case,
        assessment=assessment,
        submission_token=uuid.uuid4(),
        from_agency=pathway.from_agency,
        to_agency=pathway.to_agency,
        sent_by=w.referral.referred_by,
        sent_at=now,
        protocol=pathway.protocol_terms(),
        response_due_at=now + dt.timedelta(days=2),
        risk_summary="Pushed her during an argument.",
        consent=Consent.GIVEN,
        proposed_route=ProposedRoute.THIS_PATHWAY,
        status=status,
        responded_at=now if status != PathwayReferralStatus.AWAITING else None,
        feedback_due_at=now + dt.timedelta(days=10) if status == PathwayReferralStatus.ACCEPTED else None,
    )


def _assessment_of(w) -> dict:
    referral = world_referral(w)
    return {"pk": referral.pk, "assessment_pk": referral.assessment_id}


URL_RULES: dict = {
    "pathways:list": ("get", lambda w: {}, AGENCIES_THAT_REFER),
    "pathways:new": ("get", lambda w: {}, AGENCIES_THAT_REFER),
    "pathways:detail": ("get", lambda w: {"pk": world_referral(w).pk}, ITS_TWO_AGENCIES),
    "pathways:respond": ("get", lambda w: {"pk": world_referral(w).pk}, RECEIVING),
    "pathways:feedback": (
        "get",
        lambda w: {"pk": world_referral(w, status=PathwayReferralStatus.ACCEPTED).pk},
        RECEIVING,
    ),
    "pathways:assess": ("get", lambda w: {"pk": world_referral(w).pk}, ITS_TWO_AGENCIES),
    "pathways:assessment": ("get", _assessment_of, ITS_TWO_AGENCIES),
    "pathways:refer_to_marac": ("get", lambda w: {"pk": world_referral(w).pk}, ITS_TWO_AGENCIES),
    "pathways:settings": ("get", lambda w: {}, CONFIGURING),
    "pathways:pathway_new": ("get", lambda w: {}, CONFIGURING),
    "pathways:pathway_edit": ("get", lambda w: {"pk": world_pathway(w).pk}, CONFIGURING),
}
