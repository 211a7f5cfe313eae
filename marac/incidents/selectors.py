"""Reads of incidents, referral flags and the repeat referrals made from incidents, scoped by the access rules.

An agency sees the incidents it recorded; the coordinator every incident of the locality. A flag is shown to the
agencies that recorded one of its incidents and to those who can see a case of the flagged person; the coordinator
sees them all. The "must not see" list reaches here too: a user barred from a case sees no incident and no flag
about its victim or any party to it.
"""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery

from marac.access import policy
from marac.access.actor import Actor
from marac.access.models import CaseExclusion
from marac.access.rules import INCIDENTS_LOCALITY_WIDE, Detail
from marac.incidents.models import AutoReferral, Incident, ReferralFlag
from marac.referrals.models import Case, CaseParty, Referral

# How many incidents the case page lists, newest first.
CASE_PAGE_INCIDENTS = 20


def _barred_people(actor: Actor) -> tuple[QuerySet, QuerySet]:
    """The victims and the parties of the cases the actor is barred from, as two subqueries of person ids."""
    barred_cases = CaseExclusion.objects.filter(user_id=actor.user.pk).values("case_id")
    return (
        Case.objects.filter(pk__in=barred_cases).values("victim_id"),
        CaseParty.objects.filter(case_id__in=barred_cases).values("person_id"),
    )


def _about_barred_person(actor: Actor, *fields: str) -> Q:
    if not actor.barred_from_cases:
        return Q()
    victims, parties = _barred_people(actor)
    about = Q()
    for name in fields:
        about |= Q(**{f"{name}__in": victims}) | Q(**{f"{name}__in": parties})
    return about


def _may_read(actor: Actor, permission: str) -> bool:
    return policy.receives_case_information(actor) and policy.has_permission(actor, permission)


def visible_incidents(actor: Actor) -> QuerySet[Incident]:
    if not _may_read(actor, "incident.list"):
        return Incident.objects.none()
    incidents = (
        Incident.objects.filter(locality=actor.locality)
        .exclude(_about_barred_person(actor, "victim_id", "perpetrator_id"))
        .select_related("victim", "perpetrator", "source_agency", "recorded_by")
    )
    if actor.role in INCIDENTS_LOCALITY_WIDE:
        return incidents
    return incidents.filter(source_agency=actor.agency)


def incident_list(*, actor: Actor) -> QuerySet[Incident]:
    return visible_incidents(actor).order_by("-occurred_at", "-pk")


def visible_flags(actor: Actor) -> QuerySet[ReferralFlag]:
    """Flags the actor may see, annotated with `incident_count`, `own_incident_count` (recorded by the actor's
    agency) and `referred_since` (the first referral of the person since the flag was raised, if any)."""
    if not _may_read(actor, "flag.list"):
        return ReferralFlag.objects.none()
    flags = ReferralFlag.objects.filter(locality=actor.locality).exclude(_about_barred_person(actor, "person_id"))
    if actor.role not in INCIDENTS_LOCALITY_WIDE:
        own_incidents = Incident.objects.filter(referral_flags=OuterRef("pk"), source_agency=actor.agency)
        on_visible_case = policy.visible_cases(actor).filter(victim_id=OuterRef("person_id"))
        flags = flags.filter(Exists(own_incidents) | Exists(on_visible_case))
    referred_since = (
        Referral.objects.filter(case__victim_id=OuterRef("person_id"), referred_at__gte=OuterRef("raised_at"))
        .order_by("referred_at", "pk")
        .values("pk")[:1]
    )
    return flags.select_related("person", "resolved_by").annotate(
        incident_count=Count("incidents", distinct=True),
        own_incident_count=Count("incidents", filter=Q(incidents__source_agency=actor.agency), distinct=True),
        referred_since=Subquery(referred_since),
    )


def flag_list(*, actor: Actor, resolved: bool = False) -> QuerySet[ReferralFlag]:
    """The open flags, newest first; or the resolved ones, most recently resolved first."""
    if resolved:
        return visible_flags(actor).filter(resolved_at__isnull=False).order_by("-resolved_at", "-pk")
    return visible_flags(actor).filter(resolved_at__isnull=True).order_by("-raised_at", "-pk")


def flag_incidents(*, actor: Actor, flag: ReferralFlag) -> list[Incident]:
    """The flag's incidents the actor may read: all of them for the coordinator, their agency's for the others."""
    return list(visible_incidents(actor).filter(referral_flags=flag).order_by("-occurred_at", "-pk"))


def auto_referral_list(*, actor: Actor) -> QuerySet[AutoReferral]:
    """The repeat referrals the rules made, as in-app notices: to the coordinator all of the locality's, to an IDVA
    those on her service's cases, to an agency those made on its behalf."""
    if not _may_read(actor, "flag.list"):
        return AutoReferral.objects.none()
    return (
        AutoReferral.objects.filter(referral__in=policy.visible_referrals(actor))
        .select_related("referral__case", "referral__referring_agency")
        .annotate(incident_count=Count("incidents"))
        .order_by("-created_at", "-pk")
    )


def case_incidents(*, case: Case, detail: Detail) -> list[Incident]:
    """Incidents about the victim of a case fetched through `guard.fetch_case`, from any agency, for readers with
    SHARED detail or more (one query; none below)."""
    if detail < Detail.SHARED:
        return []
    return list(
        Incident.objects.filter(locality_id=case.locality_id, victim_id=case.victim_id)
        .select_related("perpetrator", "source_agency")
        .order_by("-occurred_at", "-pk")[:CASE_PAGE_INCIDENTS]
    )
