"""The rulebook applied to pathways: who sees a pathway referral, and who may act on it.

- A pathway referral is seen by the two agencies it is between, as it was sent (the sending and the receiving
  agency), and by the coordinator of the locality. No other agency of the locality sees it, whatever it sees of the
  victim's case otherwise; the chair does not act for an agency here.
- Without a signed information-sharing agreement an agency sees none (`policy.receives_case_information`), and the
  "must not see" list overrides everything: nothing about a case the user is barred from.
- Only the receiving agency answers a referral and feeds back on it. Either agency, and the coordinator, record a
  later assessment on it or make the MARAC referral from it.
- Pathways themselves (the configuration) are set up by the coordinator and the locality administrator; an agency
  sends along the active pathways that start from it.

Roles come from `marac.access.rules.PERMISSIONS` ("pathway.*"); the conditions on the object are here.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from marac.access import policy
from marac.access.actor import Actor
from marac.access.models import CaseExclusion
from marac.agencies.models import Role
from marac.pathways.models import Pathway, PathwayReferral

# Roles that see every pathway referral of their locality; everyone else sees their own agency's, either side.
LOCALITY_WIDE = frozenset({Role.COORDINATOR})


def may_read(actor: Actor) -> bool:
    return policy.receives_case_information(actor) and policy.has_permission(actor, "pathway.view")


def visible_pathway_referrals(actor: Actor) -> QuerySet[PathwayReferral]:
    if not may_read(actor):
        return PathwayReferral.objects.none()
    referrals = PathwayReferral.objects.filter(case__locality=actor.locality).select_related(
        "pathway", "case__victim", "from_agency", "to_agency", "sent_by", "assessment"
    )
    if actor.barred_from_cases:
        referrals = referrals.exclude(
            Exists(CaseExclusion.objects.filter(user_id=actor.user.pk, case_id=OuterRef("case_id")))
        )
    if actor.role in LOCALITY_WIDE:
        return referrals
    return referrals.filter(Q(from_agency=actor.agency) | Q(to_agency=actor.agency))


def is_sender(actor: Actor, referral: PathwayReferral) -> bool:
    return actor.agency is not None and referral.from_agency_id == actor.agency.pk


def is_receiver(actor: Actor, referral: PathwayReferral) -> bool:
    return actor.agency is not None and referral.to_agency_id == actor.agency.pk


def may_respond(actor: Actor, referral: PathwayReferral) -> bool:
    """Accept, decline and feed back: the receiving agency only."""
    return policy.has_permission(actor, "pathway.respond") and is_receiver(actor, referral)


def _either_side_or_coordinator(actor: Actor, referral: PathwayReferral) -> bool:
    return is_sender(actor, referral) or is_receiver(actor, referral) or actor.role in LOCALITY_WIDE


def may_assess(actor: Actor, referral: PathwayReferral) -> bool:
    return policy.has_permission(actor, "pathway.assess") and _either_side_or_coordinator(actor, referral)


def may_refer_to_marac(actor: Actor, referral: PathwayReferral) -> bool:
    return policy.has_permission(actor, "referral.create") and _either_side_or_coordinator(actor, referral)


def pathways_to_send_along(actor: Actor) -> QuerySet[Pathway]:
    """The active pathways the actor's agency sends along, to active agencies."""
    if not policy.receives_case_information(actor) or not policy.has_permission(actor, "pathway.refer"):
        return Pathway.objects.none()
    return (
        Pathway.objects.filter(from_agency=actor.agency, is_active=True, to_agency__is_active=True)
        .select_related("to_agency", "from_agency")
        .order_by("name", "pk")
    )


def configurable_pathways(actor: Actor) -> QuerySet[Pathway]:
    """Every pathway of the locality, for whoever configures them (configuration: no case content)."""
    if actor.locality is None or not policy.has_permission(actor, "pathway.configure"):
        return Pathway.objects.none()
    return Pathway.objects.filter(locality=actor.locality).select_related("from_agency", "to_agency")
