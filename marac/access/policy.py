"""Applying the rulebook: scoped querysets, the level of detail on a case, and permission checks."""

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet, Value

from marac.access.actor import Actor
from marac.access.models import CaseExclusion
from marac.access.rules import (
    ACTIONS_ALL_ON_CASE,
    ACTIONS_ALL_ON_OWN_IDVA_CASES,
    CASE_DETAIL_BY_ROLE,
    HEALTH_AGENCY_TYPES,
    MEETINGS_LOCALITY_WIDE,
    MEETINGS_WHEN_INVITED,
    PERMISSIONS,
    REFERRALS_LOCALITY_WIDE,
    SAFE_ADDRESS_AGENCY_TYPES,
    SAFE_ADDRESS_ROLES,
    Detail,
    Relation,
)
from marac.actions.models import Action
from marac.agencies.models import Role
from marac.idva.models import ReportBack
from marac.meetings.models import AgendaItem, Meeting, MeetingStatus
from marac.referrals.models import Case, Referral

RELATION_FIELD = {relation: f"rel_{relation.value}" for relation in Relation}


def _not_excluded(actor: Actor, case_field: str = "pk") -> Q:
    """The "must not see" list overrides every other rule: no case the actor is excluded from, at any level."""
    if not actor.barred_from_cases:
        return Q()
    return ~Q(Exists(CaseExclusion.objects.filter(case_id=OuterRef(case_field), user_id=actor.user.pk)))


def receives_case_information(actor: Actor) -> bool:
    """No membership, or an agency that has not signed the current sharing agreement: no case data at all."""
    return actor.membership is not None and actor.may_receive_case_information


def has_permission(actor: Actor, permission: str) -> bool:
    if permission not in PERMISSIONS:
        raise KeyError(f"No rule for permission {permission!r}: add it to access.rules.PERMISSIONS")
    return actor.role in PERMISSIONS[permission]


def _relation_expression(actor: Actor, relation: Relation):
    agency = actor.agency
    if relation is Relation.LOCALITY:
        return Q(locality=actor.locality)
    if relation is Relation.IDVA_SERVICE:
        return Q(idva_agency=agency)
    if relation in (Relation.INVITED_HELD, Relation.INVITED_UPCOMING):
        scheduled = relation is Relation.INVITED_UPCOMING
        items = AgendaItem.objects.filter(case=OuterRef("pk"), meeting__invited_agencies=agency)
        items = (
            # Before the case list is circulated an invited agency has not been told of the case at all.
            items.filter(meeting__status=MeetingStatus.SCHEDULED, meeting__circulation__isnull=False)
            if scheduled
            else items.exclude(meeting__status=MeetingStatus.SCHEDULED)
        )
        return Exists(items)
    if relation is Relation.ACTION_OWNER:
        return Exists(Action.objects.filter(case=OuterRef("pk"), owner_agency=agency))
    raise ValueError(relation)


def _case_relations(actor: Actor) -> dict[Relation, Detail]:
    if not receives_case_information(actor):
        return {}
    return CASE_DETAIL_BY_ROLE.get(actor.role, {})


def visible_cases(actor: Actor) -> QuerySet[Case]:
    """Cases the actor may see at any level, annotated with each relation so detail needs no more queries."""
    relations = _case_relations(actor)
    if not relations:
        return Case.objects.none()
    annotations = {}
    for relation in relations:
        expression = _relation_expression(actor, relation)
        annotations[RELATION_FIELD[relation]] = (
            expression if isinstance(expression, Exists) else ExpressionWrapper(expression, output_field=BooleanField())
        )
    any_relation = Q()
    for name in annotations:
        any_relation |= Q(**{name: True})
    return (
        Case.objects.filter(_not_excluded(actor), locality=actor.locality)
        .annotate(**annotations)
        .filter(any_relation)
        .select_related("victim", "idva_agency", "idva")
    )


def case_detail(actor: Actor, case: Case) -> Detail:
    """The detail the actor sees on a case fetched through `visible_cases`."""
    best = Detail.NONE
    for relation, detail in _case_relations(actor).items():
        if getattr(case, RELATION_FIELD[relation], False):
            best = max(best, detail)
    return best


def may_see_safe_address(actor: Actor, detail: Detail) -> bool:
    if detail < Detail.SHARED or actor.agency is None:
        return False
    return actor.role in SAFE_ADDRESS_ROLES or actor.agency.agency_type in SAFE_ADDRESS_AGENCY_TYPES


def research_details_withheld(actor: Actor, detail: Detail):
    """A boolean expression for Research rows: true where the actor may see that research was posted but not
    its details (health services' findings, below full detail, for agencies that are not health services)."""
    if detail >= Detail.FULL or (actor.agency is not None and actor.agency.agency_type in HEALTH_AGENCY_TYPES):
        return Value(False, output_field=BooleanField())
    return ExpressionWrapper(Q(agency__agency_type__in=HEALTH_AGENCY_TYPES), output_field=BooleanField())


def visible_referrals(actor: Actor) -> QuerySet[Referral]:
    if not receives_case_information(actor):
        return Referral.objects.none()
    referrals = Referral.objects.filter(_not_excluded(actor, "case_id"), case__locality=actor.locality).select_related(
        "case__victim", "referring_agency", "referred_by"
    )
    if actor.role in REFERRALS_LOCALITY_WIDE:
        return referrals
    if actor.role not in PERMISSIONS["referral.create"]:
        return Referral.objects.none()
    own_agency = Q(referring_agency=actor.agency)
    if actor.role == Role.IDVA:
        own_agency |= Q(case__idva_agency=actor.agency)
    return referrals.filter(own_agency)


def visible_meetings(actor: Actor) -> QuerySet[Meeting]:
    if not receives_case_information(actor):
        return Meeting.objects.none()
    meetings = Meeting.objects.filter(locality=actor.locality)
    if actor.role in MEETINGS_LOCALITY_WIDE:
        return meetings
    if actor.role in MEETINGS_WHEN_INVITED:
        return meetings.filter(
            Exists(
                Meeting.invited_agencies.through.objects.filter(meeting_id=OuterRef("pk"), agency_id=actor.agency.pk)
            )
        )
    return Meeting.objects.none()


def visible_agenda_items(actor: Actor) -> QuerySet[AgendaItem]:
    return AgendaItem.objects.filter(
        _not_excluded(actor, "case_id"), meeting__in=visible_meetings(actor)
    ).select_related("case__victim", "meeting", "referral")


def visible_actions(actor: Actor) -> QuerySet[Action]:
    if not receives_case_information(actor):
        return Action.objects.none()
    actions = Action.objects.filter(_not_excluded(actor, "case_id"), case__locality=actor.locality).select_related(
        "case__victim", "owner_agency"
    )
    if actor.role in ACTIONS_ALL_ON_CASE:
        return actions
    if not _case_relations(actor):
        return Action.objects.none()
    if actor.role in ACTIONS_ALL_ON_OWN_IDVA_CASES:
        return actions.filter(Q(owner_agency=actor.agency) | Q(case__idva_agency=actor.agency))
    return actions.filter(owner_agency=actor.agency)


def visible_report_backs(actor: Actor) -> QuerySet[ReportBack]:
    if not receives_case_information(actor):
        return ReportBack.objects.none()
    report_backs = ReportBack.objects.filter(
        _not_excluded(actor, "case_id"), case__locality=actor.locality
    ).select_related("case__victim", "meeting", "agency")
    if actor.role in REFERRALS_LOCALITY_WIDE:
        return report_backs
    if actor.role == Role.IDVA:
        return report_backs.filter(agency=actor.agency)
    return ReportBack.objects.none()


def may_update_action(actor: Actor, action: Action) -> bool:
    if not has_permission(actor, "action.update"):
        return False
    return actor.role == Role.COORDINATOR or action.owner_agency_id == actor.agency.pk
