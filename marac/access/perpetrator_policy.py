"""The rulebook applied to perpetrators: who sees which orders, breaches and court-ordered programmes, who is shown a
person as a perpetrator, and who may respond to a breach or report on a programme.

- The coordinator and the chair see every record of their locality.
- Everyone else who reads these records sees those on the cases they see with shared detail or more (what was
  shared at a meeting), and those of their own agency: the orders it owns, the breaches it reported, the programmes
  it runs. Identifiers before a meeting (minimal detail) are not enough to be shown a case's orders.
- A person is shown as a perpetrator to someone who can see something linking them: a perpetrator party on a case
  she sees, an incident naming him that she sees, an order against him that she sees. The coordinator and the chair
  see every perpetrator of the locality.
- The "must not see" list overrides all of it: nothing about the victim or any party of a case a user is barred
  from, and nothing at all without a signed sharing agreement.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from marac.access import policy
from marac.access.actor import Actor
from marac.access.models import CaseExclusion
from marac.access.rules import CASE_DETAIL_BY_ROLE, PERMISSIONS, Detail
from marac.agencies.models import AgencyType, Role
from marac.incidents.models import Incident
from marac.incidents.selectors import visible_incidents
from marac.people.models import Person
from marac.perpetrators.models import Breach, Order, ProgrammeReferral
from marac.referrals.models import Case, CaseParty, PartyRole

# Who reads orders, breaches and programmes at all: whoever may view a perpetrator or record one of these records.
RECORD_READERS = (
    PERMISSIONS["perpetrator.view"]
    | PERMISSIONS["order.record"]
    | PERMISSIONS["breach.record"]
    | PERMISSIONS["programme.record"]
)
LOCALITY_WIDE = frozenset({Role.COORDINATOR, Role.CHAIR})
# Besides the coordinator and the order's owner agency, the police respond to any breach they can see.
BREACH_RESPONDING_AGENCY_TYPES = frozenset({AgencyType.POLICE})


def _reads(actor: Actor) -> bool:
    return policy.receives_case_information(actor) and actor.role in RECORD_READERS


def _barred(actor: Actor, *, case_field: str = "", person_fields: tuple[str, ...] = ()) -> Q:
    """Rows about a case the actor is barred from, or about its victim or any party of it."""
    if not actor.barred_from_cases:
        return Q()
    barred_cases = CaseExclusion.objects.filter(user_id=actor.user.pk).values("case_id")
    victims = Case.objects.filter(pk__in=barred_cases).values("victim_id")
    parties = CaseParty.objects.filter(case_id__in=barred_cases).values("person_id")
    about = Q(**{f"{case_field}__in": barred_cases}) if case_field else Q()
    for name in person_fields:
        about |= Q(**{f"{name}__in": victims}) | Q(**{f"{name}__in": parties})
    return about


def cases_shared_with(actor: Actor) -> QuerySet[Case]:
    """The cases the actor sees with shared detail or more."""
    shared = [
        relation for relation, detail in CASE_DETAIL_BY_ROLE.get(actor.role, {}).items() if detail >= Detail.SHARED
    ]
    if not shared:
        return Case.objects.none()
    any_shared = Q()
    for relation in shared:
        any_shared |= Q(**{policy.RELATION_FIELD[relation]: True})
    return policy.visible_cases(actor).filter(any_shared)


def visible_orders(actor: Actor) -> QuerySet[Order]:
    if not _reads(actor):
        return Order.objects.none()
    orders = Order.objects.filter(locality=actor.locality).exclude(
        _barred(actor, case_field="case_id", person_fields=("perpetrator_id", "case__victim_id"))
    )
    if actor.role in LOCALITY_WIDE:
        return orders
    return orders.filter(Q(owner_agency=actor.agency) | Q(case_id__in=cases_shared_with(actor).values("pk")))


def visible_breaches(actor: Actor) -> QuerySet[Breach]:
    """The breaches of the orders the actor sees, and those her agency reported."""
    if not _reads(actor):
        return Breach.objects.none()
    breaches = Breach.objects.filter(order__locality=actor.locality).exclude(
        _barred(actor, case_field="order__case_id", person_fields=("order__perpetrator_id", "order__case__victim_id"))
    )
    if actor.role in LOCALITY_WIDE:
        return breaches
    return breaches.filter(Q(order__in=visible_orders(actor).values("pk")) | Q(reporting_agency=actor.agency))


def visible_programmes(actor: Actor) -> QuerySet[ProgrammeReferral]:
    if not _reads(actor):
        return ProgrammeReferral.objects.none()
    programmes = ProgrammeReferral.objects.filter(locality=actor.locality).exclude(
        _barred(actor, case_field="case_id", person_fields=("perpetrator_id", "case__victim_id"))
    )
    if actor.role in LOCALITY_WIDE:
        return programmes
    return programmes.filter(Q(programme_agency=actor.agency) | Q(case_id__in=cases_shared_with(actor).values("pk")))


def visible_perpetrators(actor: Actor) -> QuerySet[Person]:
    """People the actor may be shown as perpetrators (see the module's rules)."""
    if not (policy.receives_case_information(actor) and policy.has_permission(actor, "perpetrator.view")):
        return Person.objects.none()
    people = Person.objects.filter(locality=actor.locality, merged_into__isnull=True).exclude(
        _barred(actor, person_fields=("pk",))
    )
    if actor.role in LOCALITY_WIDE:
        # The chair reads no incident list, yet sees every perpetrator of the locality.
        party = CaseParty.objects.filter(
            person=OuterRef("pk"), role=PartyRole.PERPETRATOR, case__locality=actor.locality
        )
        named = Incident.objects.filter(perpetrator=OuterRef("pk"), locality=actor.locality)
    else:
        party = CaseParty.objects.filter(
            person=OuterRef("pk"), role=PartyRole.PERPETRATOR, case_id__in=policy.visible_cases(actor).values("pk")
        )
        named = visible_incidents(actor).filter(perpetrator=OuterRef("pk"))
    ordered = visible_orders(actor).filter(perpetrator=OuterRef("pk"))
    return people.filter(Exists(party) | Exists(named) | Exists(ordered))


def may_record_on_case(actor: Actor, permission: str, detail: Detail) -> bool:
    """Orders and programmes are recorded on a case the actor sees with shared detail or more."""
    return policy.has_permission(actor, permission) and detail >= Detail.SHARED


def may_respond(actor: Actor, breach: Breach) -> bool:
    """The coordinator, the police, or the agency that owns the order breached (for a breach the actor can see)."""
    if not policy.has_permission(actor, "breach.respond") or actor.agency is None:
        return False
    if actor.role == Role.COORDINATOR or actor.agency.agency_type in BREACH_RESPONDING_AGENCY_TYPES:
        return True
    return breach.order.owner_agency_id == actor.agency.pk


def may_update_programme(actor: Actor, programme: ProgrammeReferral) -> bool:
    """Attendance and the outcome come from the programme itself, or from the coordinator."""
    if not policy.has_permission(actor, "programme.record") or actor.agency is None:
        return False
    return actor.role == Role.COORDINATOR or programme.programme_agency_id == actor.agency.pk
