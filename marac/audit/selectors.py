"""Reading the audit trail, only through the access policy.

Two readers: the people responsible for one case (the coordinator, the case's IDVA) see who has seen or changed
it; the auditor searches every event of her locality. Neither reads case content here: events carry names of
users and agencies, actions, summaries written by the code, and identifiers.
"""

import datetime as dt
from dataclasses import asdict, dataclass

from django.db.models import CharField, Exists, F, OuterRef, Q, QuerySet
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast
from django.utils import timezone

from marac.access.actor import Actor
from marac.access.policy import has_permission
from marac.audit.models import AuditAction, AuditEvent
from marac.people.models import Alias, Person
from marac.people.normalise import normalise_name
from marac.referrals.models import Case, CaseParty

# What "who has seen this case" shows when asked for views only: opening the case or a record of it, and exporting.
SEEING_ACTIONS = (AuditAction.VIEW, AuditAction.EXPORT)


def _as_text(queryset: QuerySet) -> QuerySet:
    """Primary keys as text, to compare with `AuditEvent.object_id` (a text column: any model's key fits)."""
    return queryset.annotate(pk_text=Cast("pk", output_field=CharField())).values("pk_text")


def _with_refused_object(events: QuerySet[AuditEvent]) -> QuerySet[AuditEvent]:
    # A refusal (`access.guard.deny`) names what was asked for in its detail: the record may not exist.
    # Cast to plain text, so that comparisons are between strings and not JSON values.
    return events.annotate(
        refused_type=Cast(KeyTextTransform("object_type", "detail"), output_field=CharField()),
        refused_id=Cast(KeyTextTransform("object_id", "detail"), output_field=CharField()),
    )


def _about(object_type: str, ids_as_text: QuerySet) -> Q:
    """Events whose target is one of these records, and refused attempts to reach one of them."""
    targeted = Q(object_type=object_type, object_id__in=ids_as_text)
    refused = Q(action=AuditAction.DENIED, refused_type=object_type, refused_id__in=ids_as_text)
    return targeted | refused


def _about_cases(cases: QuerySet[Case]) -> Q:
    return Q(case__in=cases.values("pk")) | _about("referrals.case", _as_text(cases))


def audit_events_for_case(*, actor: Actor, case: Case, views_only: bool = False) -> QuerySet[AuditEvent]:
    """Every event on one case, newest first, with every refused attempt to open it, from whatever locality: someone
    elsewhere trying to reach the case is what the people responsible for it most need to know.

    The caller has already fetched `case` through `access.guard.fetch_case` with FULL detail and checked the
    'case.audit_trail' permission.
    """
    case_id = str(case.pk)
    events = _with_refused_object(AuditEvent.objects.all()).filter(
        Q(case=case)
        | Q(object_type="referrals.case", object_id=case_id)
        | Q(action=AuditAction.DENIED, refused_type="referrals.case", refused_id=case_id)
    )
    if views_only:
        events = events.filter(action__in=SEEING_ACTIONS)
    return events.order_by("-occurred_at", "-pk")


def auditable_events(*, actor: Actor) -> QuerySet[AuditEvent]:
    """The events an auditor may search: those of an agency of her locality, those on a case of her locality,
    and refused attempts, from anywhere, to open a case of her locality."""
    if actor.membership is None or not has_permission(actor, "audit.search"):
        return AuditEvent.objects.none()
    locality = actor.locality
    return _with_refused_object(AuditEvent.objects.all()).filter(
        Q(agency__locality=locality)
        | Q(case__locality=locality)
        | _about("referrals.case", _as_text(Case.objects.filter(locality=locality)))
    )


@dataclass(frozen=True)
class AuditSearch:
    """What the auditor asked for. Every criterion is optional; those given must all hold."""

    person: str = ""
    case_reference: str = ""
    username: str = ""
    action: str = ""
    purpose: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def as_dict(self) -> dict[str, str]:
        """The criteria given, as text: for the audit event that records the search, and for the session."""
        return {name: str(value) for name, value in asdict(self).items() if value not in ("", None)}

    @classmethod
    def from_dict(cls, values: dict[str, str]) -> "AuditSearch":
        known = {name: values[name] for name in cls.__dataclass_fields__ if name in values}
        for name in ("date_from", "date_to"):
            if known.get(name):
                known[name] = dt.date.fromisoformat(known[name])
        return cls(**known)


@dataclass
class SearchResult:
    events: QuerySet[AuditEvent]
    # The people of the locality the name matched, when a name was given: "no event" and "no such person" are
    # different answers, and the search is recorded with these ids rather than the name (see `recorded_criteria`).
    people_ids: list[int] | None = None
    cases_matched: int | None = None

    @property
    def people_matched(self) -> int | None:
        return None if self.people_ids is None else len(self.people_ids)

    def recorded_criteria(self, search: "AuditSearch") -> dict[str, object]:
        """The criteria as the audit event records them. Events cannot be changed or erased, so a name typed into
        the search is not kept there: the ids of the people it matched are, and they lose their meaning when
        retention anonymises those people."""
        criteria: dict[str, object] = search.as_dict()
        if criteria.pop("person", None) is not None:
            criteria["person_ids"] = self.people_ids
        return criteria


def people_named(*, actor: Actor, name: str) -> QuerySet[Person]:
    """People of the actor's locality whose name or an alias contains the words given, accents and case ignored."""
    wanted = normalise_name(name)
    if not wanted:
        return Person.objects.none()
    aliases = Alias.objects.filter(person=OuterRef("pk"), normalised_name__contains=wanted)
    return Person.objects.filter(locality=actor.locality).filter(Q(normalised_name__contains=wanted) | Exists(aliases))


def _cases_of(people: QuerySet[Person]) -> QuerySet[Case]:
    parties = CaseParty.objects.filter(case=OuterRef("pk"), person__in=people.values("pk"))
    return Case.objects.filter(Q(victim__in=people.values("pk")) | Exists(parties))


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def search_events(*, actor: Actor, search: AuditSearch) -> SearchResult:
    """The auditor's search over her locality's events, newest first, each with its case's reference."""
    events = auditable_events(actor=actor)
    result = SearchResult(events=events)
    if search.person:
        people = people_named(actor=actor, name=search.person)
        result.people_ids = list(people.values_list("pk", flat=True))
        events = events.filter(_about_cases(_cases_of(people)) | _about("people.person", _as_text(people)))
    if search.case_reference:
        cases = Case.objects.filter(locality=actor.locality, reference__iexact=search.case_reference.strip())
        result.cases_matched = cases.count()
        events = events.filter(_about_cases(cases))
    if search.username:
        events = events.filter(actor_username__iexact=search.username.strip())
    if search.action:
        events = events.filter(action=search.action)
    if search.purpose:
        events = events.filter(purpose__iexact=search.purpose)
    if search.date_from:
        events = events.filter(occurred_at__gte=_start_of(search.date_from))
    if search.date_to:
        events = events.filter(occurred_at__lt=_start_of(search.date_to + dt.timedelta(days=1)))
    result.events = events.annotate(case_reference=F("case__reference")).order_by("-occurred_at", "-pk")
    return result
