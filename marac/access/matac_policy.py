"""The rulebook applied to MATAC: scoped querysets for nominations, MATAC meetings and their listings, and the
actions agreed there.

The coordinator and the chair (who select nominees) see everything MATAC holds for their locality. Every other agency
with `matac.view` sees the nominations it referred, the nominees listed on MATAC meetings it is invited to, and the
actions it owns. The "must not see" list reaches here as it reaches incidents: a user barred from a case sees no
nomination of its victim or of anyone party to it.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from marac.access import policy
from marac.access.actor import Actor
from marac.access.models import CaseExclusion
from marac.agencies.models import Role
from marac.matac.models import MatacAction, MatacListing, Nomination, NominationReferral
from marac.meetings.models import Meeting, MeetingPurpose
from marac.referrals.models import Case, CaseParty


def sees_all_of_locality(actor: Actor) -> bool:
    """The coordinator and the chair select nominees: they see every nomination of the locality."""
    return policy.has_permission(actor, "matac.select")


def _may_read(actor: Actor) -> bool:
    return policy.receives_case_information(actor) and policy.has_permission(actor, "matac.view")


def not_about_barred_person(actor: Actor, person_field: str) -> Q:
    if not actor.barred_from_cases:
        return Q()
    barred_cases = CaseExclusion.objects.filter(user_id=actor.user.pk).values("case_id")
    victims = Case.objects.filter(pk__in=barred_cases).values("victim_id")
    parties = CaseParty.objects.filter(case_id__in=barred_cases).values("person_id")
    return ~Q(**{f"{person_field}__in": victims}) & ~Q(**{f"{person_field}__in": parties})


def visible_matac_meetings(actor: Actor) -> QuerySet[Meeting]:
    """MATAC meetings, seen as the meeting rules see any meeting: the locality's for the coordinator and chair, the
    ones the agency is invited to for everyone else."""
    if not _may_read(actor):
        return Meeting.objects.none()
    return policy.visible_meetings(actor).filter(purpose=MeetingPurpose.MATAC)


def visible_nominations(actor: Actor) -> QuerySet[Nomination]:
    if not _may_read(actor):
        return Nomination.objects.none()
    nominations = Nomination.objects.filter(
        not_about_barred_person(actor, "person_id"), locality=actor.locality
    ).select_related("person")
    if sees_all_of_locality(actor):
        return nominations
    agency = actor.agency
    referred = NominationReferral.objects.filter(nomination=OuterRef("pk"), referring_agency=agency)
    listed = MatacListing.objects.filter(
        nomination=OuterRef("pk"),
        meeting__in=Meeting.invited_agencies.through.objects.filter(agency_id=agency.pk).values("meeting_id"),
    )
    owns = MatacAction.objects.filter(nomination=OuterRef("pk"), owner_agency=agency)
    return nominations.filter(Exists(referred) | Exists(listed) | Exists(owns))


def visible_listings(actor: Actor) -> QuerySet[MatacListing]:
    """Nominees on the MATAC meetings the actor may see."""
    if not _may_read(actor):
        return MatacListing.objects.none()
    return MatacListing.objects.filter(
        not_about_barred_person(actor, "nomination__person_id"),
        meeting__in=visible_matac_meetings(actor),
    ).select_related("nomination__person", "meeting")


def visible_matac_actions(actor: Actor) -> QuerySet[MatacAction]:
    """The coordinator and chair see every MATAC action of the locality; an agency the ones it owns."""
    if not _may_read(actor):
        return MatacAction.objects.none()
    actions = MatacAction.objects.filter(
        not_about_barred_person(actor, "nomination__person_id"), nomination__locality=actor.locality
    ).select_related("nomination__person", "owner_agency")
    if sees_all_of_locality(actor):
        return actions
    return actions.filter(owner_agency=actor.agency)


def may_update_matac_action(actor: Actor, action: MatacAction) -> bool:
    """The owner agency updates its own action; the coordinator any (as with MARAC actions)."""
    if not policy.has_permission(actor, "action.update"):
        return False
    return actor.role == Role.COORDINATOR or action.owner_agency_id == actor.agency.pk
