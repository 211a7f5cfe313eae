"""Retention: anonymising cases whose retention period has passed, and the legal holds that stop it.

When a case expires
-------------------
Each locality agrees its own periods (`Locality.retention_years_closed_case`, default 6 years, and
`Locality.retention_years_declined_referral`, default 2 years; both locally agreed values [U]).

- A case **closed or transferred** more than `retention_years_closed_case` years ago. The clock starts at
  `Case.closed_at`; a transferred case without a closing date starts at its last referral or the last meeting
  it was listed at, whichever is later.
- A case whose **every referral was declined**, the last decision more than `retention_years_declined_referral`
  years ago. Such a case was never heard; the coordinator's decision closed it.
- Only a case that is closed or transferred now: a case re-opened by a new referral is live again.
- **Never** a case with an order in force (`perpetrators.Order` with no end date, or ending today or later): its
  conditions are what the police enforce, and a breach of them is an offence to prove. A protection order may have
  no maximum duration (domain.md §4); the case waits until the order is given an end and that day has passed.
- **Never** a case with a legal hold in force (`LegalHold`, placed and lifted by the coordinator). The command
  reports it as held and leaves it whole.

What anonymising does
---------------------
Nothing of a case is deleted: only what hangs off a person alone goes with them (`DELETED_WITH_PERSON`: their
other names, the records of comparing and merging their records, the incidents about them and their referral
flags, their MATAC records). Every row of a case stays, so the counts the partnership reports
(cases, repeats, referrals by agency, levels, actions, equality monitoring) stay right. `ERASURE` below is the
table, model by model: free text written about the case is replaced by "[erased]" (or stays empty if nothing
was written, so the record still shows whether anything was said); contact and location details are emptied;
structured facts stay (dates, statuses, levels, agency and agency type, criteria, consent decision, counts).

People are anonymised with the last of their cases: a person linked to any case that is not anonymised (a live
case, a case still within its period, a held case) keeps their details until that case is anonymised too. Linked
means the victim of it, a party to it, the perpetrator of an order or a court-ordered programme on it, or a person
an order on it also protects; an incident still held, or a MATAC nomination still open, links a person as a case
does.

Orders, their conditions, breaches and the responses to them, programme referrals and their updates belong to the
case of the victim the order protects (`ERASURE`): they are anonymised with that case, never deleted with the
perpetrator, so the breach counts and response times the partnership reports stay right and no case loses the
record of what a court ordered. MATAC records (nominations, referrals, scores, listings, MATAC actions) are about
the perpetrator and no case: they are deleted with him (`marac.matac.retention`), as his incidents are.

An anonymised person keeps gender, ethnicity, sexual orientation, disability, trans status, religion, migration
status and first language: the equality monitoring the partnership reports on. Their name becomes "[erased]",
their other names are deleted, and their **date of birth is removed, not cut to the year**: the counts that need
an age (victims aged 16-17, perpetrators 17 or under) read the age at referral, which the referral keeps as a
number, while a year of birth beside a gender, an ethnicity and a case reference can single a person out in a
small area, and a stored "1 January" would read as a real date.

Audit events are never altered: the trail is append-only and chained by hash. They carry ids, actions and
agencies, not the people's details. Each anonymised case gets one event of its own, with the rule applied, the
date the clock started and the number of rows touched, and no personal details.

Running it
----------
`python manage.py apply_retention [--dry-run]`: idempotent (an anonymised case is marked `erased_at` and never
touched again, so a second run changes nothing and writes no event). See docs/retention.md for scheduling.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import (
    BooleanField,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models import Case as CaseWhen
from django.db.models.functions import Coalesce, Greatest
from django.utils import dateformat, timezone
from django.utils.translation import gettext

from marac.access import policy
from marac.access.actor import Actor
from marac.actions.models import Action, CatalogueAction
from marac.agencies.models import Locality
from marac.audit.models import AuditAction, AuditPurpose
from marac.audit.services import audit_record
from marac.duplicates.models import DuplicateCandidate
from marac.incidents.models import Incident, ReferralFlag
from marac.matac.models import OPEN_STATUSES as OPEN_NOMINATION_STATUSES
from marac.matac.models import Nomination
from marac.matac.retention import MATAC_MODELS, matac_records_delete
from marac.meetings.models import AgendaItem
from marac.people.models import Alias, Person, PersonMerge
from marac.perpetrators.models import Order, ProgrammeReferral
from marac.referrals.models import Case, CaseParty, CaseStatus, LegalHold, Referral, TriageStatus
from marac.referrals.services import months_before
from marac.risk.models import Assessment

ERASED = "[erased]"

# Only a case in one of these states can expire: any other state is a live case.
ENDED_STATUSES = (CaseStatus.CLOSED, CaseStatus.TRANSFERRED)


class RetentionRule:
    CLOSED_CASE = "closed_case"
    DECLINED_REFERRAL = "declined_referral"


@dataclass(frozen=True)
class ModelErasure:
    """How the rows of one model that belong to an expired case are anonymised.

    Every text field of the model (character, text or JSON, without fixed choices) is listed once: erased, emptied,
    rewritten, or kept with the reason. A test fails when a model linked to a case gains a field this table does
    not place, so a new field cannot quietly survive retention.
    """

    case_path: str  # the lookup from a row to its case's id
    erase: tuple[str, ...] = ()  # free text: "[erased]" where anything was written
    empty: tuple[str, ...] = ()  # contact and location details: emptied
    rewrite: tuple[str, ...] = ()  # structured values with personal details inside: rewritten in code, below
    keep: dict[str, str] = field(default_factory=dict)  # text that stays, and why


ERASURE: dict[str, ModelErasure] = {
    "referrals.case": ModelErasure(
        case_path="pk",
        keep={
            "reference": "the system's number for the case, not a personal detail",
            "risk_level": "a level code",
        },
    ),
    "referrals.caseparty": ModelErasure(case_path="case_id", erase=("relationship_to_victim",)),
    "referrals.referral": ModelErasure(
        case_path="case_id",
        erase=(
            "professional_judgement_reasons",
            "sharing_without_consent_reason",
            "sharing_approved_by",
            "risk_summary",
            "triage_note",
        ),
        empty=("referrer_phone",),
        rewrite=("submitted_details",),
    ),
    "referrals.legalhold": ModelErasure(
        case_path="case_id",
        keep={
            "reason": "why erasure was suspended: an accountability record, written without personal details",
            "lift_reason": "why erasure was resumed: an accountability record, written without personal details",
        },
    ),
    "risk.assessment": ModelErasure(
        case_path="case_id",
        erase=("judgement_reason", "victim_view_reason"),
        rewrite=("answers", "safety"),
        keep={
            "instrument_code": "which instrument was used",
            "instrument_version": "which version of it",
            "computed_level": "a level code",
            "judgement_level": "a level code",
            "victim_view_level": "a level code",
            "final_level": "a level code",
        },
    ),
    "risk.reviewtrigger": ModelErasure(case_path="case_id", erase=("note",)),
    "meetings.agendaitem": ModelErasure(case_path="case_id", erase=("discussion", "risk_summary")),
    "meetings.research": ModelErasure(case_path="agenda_item__case_id", erase=("details",)),
    "actions.action": ModelErasure(case_path="case_id", erase=("not_possible_reason",), rewrite=("text",)),
    "actions.actionnotice": ModelErasure(case_path="action__case_id"),
    "actions.actionchase": ModelErasure(case_path="action__case_id", erase=("note",)),
    "actions.actionupdate": ModelErasure(case_path="action__case_id", erase=("note",)),
    "actions.actionreview": ModelErasure(case_path="action__case_id", erase=("note",)),
    "idva.victimcontact": ModelErasure(case_path="case_id", erase=("victim_views", "note")),
    "idva.reportback": ModelErasure(case_path="case_id", erase=("note",)),
    "access.caseexclusion": ModelErasure(case_path="case_id", erase=("reason",)),
    # A transfer goes with the case that sent it; the receiving case keeps its own copies of what it took in.
    "transfers.transfer": ModelErasure(
        case_path="sending_case_id",
        erase=("reason", "decline_reason"),
        empty=("new_postcode_district", "history_pack"),
    ),
    # The mark that the repeat rule made a referral: ids and a date only.
    "incidents.autoreferral": ModelErasure(case_path="referral__case_id"),
    # Pathway referrals (marac.pathways) go with the victim's case they were filed on.
    "pathways.pathwayreferral": ModelErasure(
        case_path="case_id",
        erase=(
            "risk_summary",
            "sharing_without_consent_reason",
            "sharing_approved_by",
            "routing_reason",
            "decline_reason",
        ),
        empty=("referrer_phone",),
        keep={"protocol": "the pathway's working protocol as it was sent under: configuration, no personal details"},
    ),
    "pathways.pathwayevent": ModelErasure(case_path="referral__case_id", erase=("text",)),
    # Orders and programmes are records of the case whose victim the order protects, about its perpetrator: they are
    # anonymised with that case and never deleted with him. The rows and their structured facts (type, dates, who
    # owns the order, each breach's times and the kind of response, sessions attended, the outcome) stay, so breach
    # counts and response times stay right; a perpetrator still linked to another live case keeps his own record,
    # and that case its own orders. What was written stays only where it names an institution.
    "perpetrators.order": ModelErasure(
        case_path="case_id",
        erase=("reference",),  # the court's or the force's number: it leads to the proceedings and their parties
        keep={"issued_by": "the court or police force that made the order: an institution, not a person"},
    ),
    # Conditions name the places she lives and goes, and the people he must not approach.
    "perpetrators.ordercondition": ModelErasure(case_path="order__case_id", erase=("text",)),
    "perpetrators.breach": ModelErasure(case_path="order__case_id", erase=("description",)),
    "perpetrators.breachresponse": ModelErasure(case_path="breach__order__case_id", erase=("reason",)),
    "perpetrators.programmereferral": ModelErasure(
        case_path="case_id",
        erase=("dropout_reason",),
        keep={
            "programme_name": "the behaviour-change programme's name: a service, not a person",
            "ordered_by": "the court that ordered it: an institution, not a person",
        },
    ),
    "perpetrators.programmeupdate": ModelErasure(case_path="programme__case_id", erase=("note",)),
    # The victim's rights log (marac.rights): what was written about her goes; topics, measures, choices, dates,
    # methods and agencies stay, so the partnership can still show it informed and assessed her.
    "rights.informationgiven": ModelErasure(
        case_path="case_id",
        erase=("note",),
        keep={
            "topics": "codes from the fixed list of topics",
            "language": "the language she was told in, kept as her first language is, for equality monitoring",
        },
    ),
    "rights.notificationchoice": ModelErasure(case_path="case_id", erase=("note",)),
    "rights.releasenotification": ModelErasure(case_path="case_id", erase=("note",)),
    "rights.needsassessment": ModelErasure(
        case_path="case_id",
        erase=("change_description", "findings", "her_views"),
        keep={"needs": "codes from the fixed list of protection measures"},
    ),
    # A release or escape is about the perpetrator and holds no free text about anyone: it stays, as his orders do.
    "rights.custodyevent": ModelErasure(
        case_path="notifications__case_id",
        keep={"establishment": "the prison, police station or hospital he left: an institution, not a person"},
    ),
    # Referral-back duties and the disclosures and moves agencies record: what was written about the case goes; the
    # event kinds, dates, agencies and answers stay for the coordinator's and the partnership's counts.
    "duties.reportedevent": ModelErasure(case_path="case_id", erase=("note",)),
    "duties.duty": ModelErasure(
        case_path="case_id",
        erase=("decline_reason",),
        keep={"request_id": "the id of the request that raised the duty, as the audit trail names it"},
    ),
}

# People are anonymised apart from their cases (with the last of them); their other names are deleted.
PERSON_ERASURE = ModelErasure(
    case_path="",
    erase=("given_name",),
    empty=(
        "family_name",
        "normalised_name",
        "date_of_birth",
        "phone",
        "safe_to_call",
        "best_time_to_call",
        "address",
        "postcode",
        "address_is_safe_address",
        "school",
    ),
    keep={
        "religion": "equality monitoring",
        "migration_status": "equality monitoring",
        "first_language": "equality monitoring and the need for an interpreter",
    },
)
# The aliases are deleted outright: a name is all they hold. So are the records of merges and of possible
# duplicates: they hold names (of rows set aside by a merge) and the coordinator's notes, and an anonymised record
# is neither matched nor unmerged again.
DELETED_WITH_PERSON = ("people.alias", "people.personmerge", "duplicates.duplicatecandidate")
# Incidents and referral flags are about people, not cases: deleted outright, never anonymised in place. An incident
# still held keeps its victim and perpetrator from being anonymised; it expires on its own clock
# (`marac.incidents.retention`), and those it leaves linked to nothing are anonymised then. Should a person be
# anonymised all the same, the incidents about her and her flags go with her.
DELETED_WITH_PERSON += ("incidents.incident", "incidents.referralflag")
# MATAC records are about a perpetrator, not a case (a nominee may have no case at all), and no case's clock applies
# to them: they go with him, deleted outright. He is not anonymised while a nomination of his is open (nominated or
# selected: MATAC work in progress), nor while any case or incident still links him, so nothing another live case
# relies on goes. What a MARAC case holds about a MATAC referral (the action "consider the perpetrator for MATAC")
# is the case's own and stays with it.
DELETED_WITH_PERSON += MATAC_MODELS
# Append-only and chained by hash; they hold ids, never the people's details.
NEVER_ALTERED = ("audit.auditevent",)

# What the referral's record of the people it described keeps: the facts the partnership counts.
SUBMITTED_FACTS_KEPT = (
    "person_id",
    "age_at_referral",
    "gender",
    "ethnicity",
    "sexual_orientation",
    "has_disability",
    "is_trans",
    "religion",
    "migration_status",
    "first_language",
    "interpreter_needed",
)
SAFETY_KEPT = ("safe_to_talk",)


def _empty_value(model_field) -> object:
    if model_field.get_internal_type() == "BooleanField" and not model_field.null:
        return False
    return None if model_field.null else ""


def _erased_unless_blank(name: str) -> CaseWhen:
    """Show that something was written and is gone, or that nothing was written."""
    return CaseWhen(When(**{name: ""}, then=Value("")), default=Value(ERASED))


def _text_updates(model, rule: ModelErasure) -> dict[str, object]:
    updates: dict[str, object] = {name: _erased_unless_blank(name) for name in rule.erase}
    for name in rule.empty:
        updates[name] = _empty_value(model._meta.get_field(name))
    return updates


def _erased_person_facts(entry: dict) -> dict:
    facts = {key: entry[key] for key in SUBMITTED_FACTS_KEPT if key in entry}
    facts |= {"given_name": ERASED, "family_name": "", "aliases": [], "date_of_birth": None}
    if "relationship_to_victim" in entry:
        facts["relationship_to_victim"] = ERASED if entry["relationship_to_victim"] else ""
    return facts


def erased_submitted_details(details: dict) -> dict:
    """The people a referral described, reduced to the facts that are counted."""
    erased = dict(details)
    if details.get("victim"):
        erased["victim"] = _erased_person_facts(details["victim"])
    for group in ("perpetrators", "children"):
        if group in details:
            erased[group] = [_erased_person_facts(entry) for entry in details[group]]
    return erased


def erased_answers(answers: dict) -> dict:
    """Each question's answer stays (it makes the score); where the answer came from goes."""
    return {
        item_id: {**answer, "note": ERASED if answer.get("note") else ""} if isinstance(answer, dict) else answer
        for item_id, answer in answers.items()
    }


def erased_safety(safety: dict) -> dict:
    return {key: value if key in SAFETY_KEPT or not value else ERASED for key, value in safety.items()}


def _people_of(case_ids) -> Q:
    """The victim and parties of the cases, and the people their orders and programmes are against or protect (the
    service records those among the parties; one removed from the case since is still the case's)."""
    return (
        Q(cases_as_victim__in=case_ids)
        | Q(case_parties__case__in=case_ids)
        | Q(orders_against__case__in=case_ids)
        | Q(orders_protecting__case__in=case_ids)
        | Q(programme_referrals__case__in=case_ids)
    )


def _linked_to_unerased_case(exclude_case_ids=None) -> Q:
    """The person is the victim of, or a party to, a case that is not anonymised (nor about to be), is the
    perpetrator of an order or programme on one or protected by an order on one, is named in an incident still
    held, or has a MATAC nomination still open."""
    unerased = Case.objects.filter(erased_at__isnull=True)
    if exclude_case_ids is not None:
        unerased = unerased.exclude(pk__in=exclude_case_ids)
    as_victim = unerased.filter(victim_id=OuterRef("pk"))
    as_party = CaseParty.objects.filter(person_id=OuterRef("pk"), case__in=unerased)
    ordered = Order.objects.filter(perpetrator_id=OuterRef("pk"), case__in=unerased)
    protected = Order.other_protected.through.objects.filter(person_id=OuterRef("pk"), order__case__in=unerased)
    on_programme = ProgrammeReferral.objects.filter(perpetrator_id=OuterRef("pk"), case__in=unerased)
    in_incident = Incident.objects.filter(Q(victim_id=OuterRef("pk")) | Q(perpetrator_id=OuterRef("pk")))
    on_matac = Nomination.objects.filter(person_id=OuterRef("pk"), status__in=OPEN_NOMINATION_STATUSES)
    return (
        Q(Exists(as_victim))
        | Q(Exists(as_party))
        | Q(Exists(ordered))
        | Q(Exists(protected))
        | Q(Exists(on_programme))
        | Q(Exists(in_incident))
        | Q(Exists(on_matac))
    )


def _order_in_force(today: dt.date) -> Exists:
    """The case has an order with no end, or one that has not ended yet: see the module's rules."""
    return Exists(Order.objects.filter(case_id=OuterRef("pk")).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today)))


def _hold_in_force() -> Exists:
    return Exists(LegalHold.objects.filter(case_id=OuterRef("pk"), lifted_at__isnull=True))


def expired_cases(*, locality: Locality, now: dt.datetime) -> QuerySet[Case]:
    """Cases of the locality past their retention period and not yet anonymised, held ones included.

    Annotated with `rule`, `clock_started` (when the period began) and `held` (a legal hold is in force). A case
    with an order in force has not expired, whatever its clock says.
    """
    last_listed = Subquery(
        AgendaItem.objects.filter(case_id=OuterRef("pk"))
        .order_by("-meeting__scheduled_for")
        .values("meeting__scheduled_for")[:1]
    )
    other_than_declined = Referral.objects.filter(case_id=OuterRef("pk")).exclude(triage_status=TriageStatus.DECLINED)
    last_declined = Subquery(
        Referral.objects.filter(case_id=OuterRef("pk"))
        .values("case_id")
        .annotate(last=Max("triaged_at"))
        .values("last")[:1]
    )
    closed_cutoff = months_before(now, 12 * locality.retention_years_closed_case)
    declined_cutoff = months_before(now, 12 * locality.retention_years_declined_referral)
    cases = Case.objects.filter(
        ~_order_in_force(timezone.localdate(now)), locality=locality, status__in=ENDED_STATUSES, erased_at__isnull=True
    ).annotate(
        ended_at=Coalesce(
            "closed_at",
            Greatest("last_referred_at", Coalesce(last_listed, "last_referred_at")),
            output_field=DateTimeField(),
        ),
        only_declined=CaseWhen(
            When(Exists(other_than_declined), then=Value(False)),
            When(Exists(Referral.objects.filter(case_id=OuterRef("pk"))), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        last_declined_at=last_declined,
        held=_hold_in_force(),
    )
    declined_expired = Q(only_declined=True, last_declined_at__lt=declined_cutoff)
    return (
        cases.filter(Q(ended_at__lt=closed_cutoff) | declined_expired)
        .annotate(
            rule=CaseWhen(
                When(declined_expired, then=Value(RetentionRule.DECLINED_REFERRAL)),
                default=Value(RetentionRule.CLOSED_CASE),
            ),
            clock_started=CaseWhen(
                When(declined_expired, then="last_declined_at"),
                default="ended_at",
                output_field=DateTimeField(),
            ),
        )
        .order_by("clock_started", "pk")
    )


@dataclass(frozen=True)
class RetentionPlan:
    """What one run would do in one locality. Ids and references only: no personal details."""

    locality: Locality
    cases: list[Case]  # to anonymise, annotated as by `expired_cases`
    held: list[Case]  # expired, but a legal hold is in force
    people_to_anonymise: list[int]
    people_kept: list[int]  # linked to a case that stays

    @property
    def is_empty(self) -> bool:
        return not self.cases and not self.held


def retention_plan(*, locality: Locality, now: dt.datetime | None = None) -> RetentionPlan:
    now = now or timezone.now()
    expired = list(expired_cases(locality=locality, now=now))
    to_anonymise = [case for case in expired if not case.held]
    case_ids = [case.pk for case in to_anonymise]
    people = (
        Person.objects.filter(_people_of(case_ids), erased_at__isnull=True)
        .distinct()
        .annotate(
            stays_linked=ExpressionWrapper(
                _linked_to_unerased_case(exclude_case_ids=case_ids), output_field=BooleanField()
            )
        )
        .order_by("pk")
        .values_list("pk", "stays_linked")
    )
    people = list(people) if case_ids else []
    return RetentionPlan(
        locality=locality,
        cases=to_anonymise,
        held=[case for case in expired if case.held],
        people_to_anonymise=[pk for pk, stays_linked in people if not stays_linked],
        people_kept=[pk for pk, stays_linked in people if stays_linked],
    )


@dataclass(frozen=True)
class CaseErasure:
    case: Case
    rule: str
    rows: dict[str, int]
    people_anonymised: list[int]
    people_kept: list[int]


def _erase_case_rows(case: Case, *, models_by_label) -> dict[str, int]:
    rows: dict[str, int] = {}
    for label, rule in ERASURE.items():
        model = models_by_label[label]
        queryset = model._default_manager.filter(**{rule.case_path: case.pk})
        updates = _text_updates(model, rule)
        changed = queryset.update(**updates) if updates else queryset.count()
        rows[label] = changed
    referrals = list(Referral.objects.filter(case=case).only("pk", "submitted_details"))
    for referral in referrals:
        referral.submitted_details = erased_submitted_details(referral.submitted_details or {})
    Referral.objects.bulk_update(referrals, ["submitted_details"])
    assessments = list(Assessment.objects.filter(case=case).only("pk", "answers", "safety"))
    for assessment in assessments:
        assessment.answers = erased_answers(assessment.answers or {})
        assessment.safety = erased_safety(assessment.safety or {})
    Assessment.objects.bulk_update(assessments, ["answers", "safety"])
    catalogue_text = CatalogueAction.objects.filter(pk=OuterRef("catalogue_action_id")).values("text")[:1]
    # An action from the catalogue keeps the catalogue's general wording; anything else was written about her.
    Action.objects.filter(case=case).update(text=Coalesce(Subquery(catalogue_text), Value(ERASED)))
    return rows


def _anonymise_people(person_ids: list[int], *, now: dt.datetime) -> list[int]:
    """Anonymise those of `person_ids` no longer linked to any case that is not anonymised."""
    people = Person.objects.filter(pk__in=person_ids, erased_at__isnull=True).exclude(_linked_to_unerased_case())
    anonymised = list(people.order_by("pk").values_list("pk", flat=True))
    # A record merged into an anonymised person is the same person's: it goes with them.
    anonymised += Person.objects.filter(merged_into__in=anonymised, erased_at__isnull=True).values_list("pk", flat=True)
    if anonymised:
        Alias.objects.filter(person_id__in=anonymised).delete()
        ReferralFlag.objects.filter(person_id__in=anonymised).delete()
        # A breach recorded with one of these incidents stays with its case, unlinked (`Breach.incident` is SET_NULL).
        Incident.objects.filter(victim_id__in=anonymised).delete()
        matac_records_delete(person_ids=anonymised)
        DuplicateCandidate.objects.filter(Q(person_a__in=anonymised) | Q(person_b__in=anonymised)).delete()
        PersonMerge.objects.filter(Q(kept__in=anonymised) | Q(merged__in=anonymised)).delete()
        updates = _text_updates(Person, PERSON_ERASURE)
        Person.objects.filter(pk__in=anonymised).update(**updates, erased_at=now)
    return anonymised


def case_anonymise(*, actor: Actor, case: Case, rule: str, clock_started: dt.datetime) -> CaseErasure | None:
    """Anonymise one expired case, and its people who are linked to nothing else that stays.

    Returns None, changing nothing, when the case was anonymised meanwhile, or a legal hold was placed or an order
    in force recorded since it was found: all three are checked again under the row lock.
    """
    models_by_label = {label: apps.get_model(label) for label in ERASURE}
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        now = timezone.now()
        if (
            locked.erased_at is not None
            or LegalHold.objects.filter(case=locked, lifted_at__isnull=True).exists()
            or Case.objects.filter(_order_in_force(timezone.localdate(now)), pk=locked.pk).exists()
        ):
            return None
        person_ids = list(
            Person.objects.filter(_people_of([locked.pk])).distinct().order_by("pk").values_list("pk", flat=True)
        )
        rows = _erase_case_rows(locked, models_by_label=models_by_label)
        locked.erased_at = now
        locked.save(update_fields=["erased_at"])
        anonymised = _anonymise_people(person_ids, now=now)
        kept = [pk for pk in person_ids if pk not in anonymised]
        years = (
            locked.locality.retention_years_declined_referral
            if rule == RetentionRule.DECLINED_REFERRAL
            else locked.locality.retention_years_closed_case
        )
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=locked,
            case=locked,
            summary="Anonymised under the retention schedule",
            detail={
                "retention": rule,
                "retention_years": years,
                "clock_started": clock_started.isoformat(),
                "rows": rows,
                "people_anonymised": anonymised,
                "people_kept_for_other_cases": kept,
            },
            purpose=AuditPurpose.RETENTION,
        )
    return CaseErasure(case=locked, rule=rule, rows=rows, people_anonymised=anonymised, people_kept=kept)


def retention_apply(*, actor: Actor, plan: RetentionPlan) -> list[CaseErasure]:
    """Carry out a plan, one transaction and one audit event per case, so an interrupted run resumes cleanly."""
    done = []
    for case in plan.cases:
        erasure = case_anonymise(actor=actor, case=case, rule=case.rule, clock_started=case.clock_started)
        if erasure is not None:
            done.append(erasure)
    return done


# Legal holds


def _check_may_hold(actor: Actor, case: Case) -> None:
    if not policy.has_permission(actor, "case.legal_hold"):
        raise PermissionDenied("This role cannot place or lift legal holds.")
    if actor.locality is None or case.locality_id != actor.locality.pk:
        raise PermissionDenied("The case belongs to another locality.")


def legal_hold_place(*, actor: Actor, case: Case, reason: str) -> LegalHold:
    """Keep a case whole past its retention period until the hold is lifted."""
    _check_may_hold(actor, case)
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": gettext("Say why the case must be kept: the claim, inquiry or review it is for.")}
        )
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if locked.erased_at is not None:
            raise ValidationError(
                {
                    "reason": gettext("This case was anonymised on %(when)s.")
                    % {"when": dateformat.format(timezone.localtime(locked.erased_at), "d F Y")}
                }
            )
        if LegalHold.objects.filter(case=locked, lifted_at__isnull=True).exists():
            raise ValidationError({"reason": gettext("This case already has a legal hold in force.")})
        hold = LegalHold.objects.create(case=locked, reason=reason, placed_by=actor.user, placed_at=timezone.now())
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target=hold,
            case=locked,
            summary="Legal hold placed: the case will not be anonymised",
            detail={"legal_hold": hold.pk},
        )
    return hold


def legal_hold_lift(*, actor: Actor, case: Case, reason: str) -> LegalHold:
    """End the hold in force on a case; the retention schedule applies to it again from the next run."""
    _check_may_hold(actor, case)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": gettext("Say why the hold is no longer needed.")})
    with transaction.atomic():
        hold = LegalHold.objects.select_for_update().filter(case=case, lifted_at__isnull=True).first()
        if hold is None:
            raise ValidationError(
                {"reason": gettext("This case has no legal hold in force: someone may have just lifted it.")}
            )
        hold.lifted_by = actor.user
        hold.lifted_at = timezone.now()
        hold.lift_reason = reason
        hold.save(update_fields=["lifted_by", "lifted_at", "lift_reason"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=hold,
            case=case,
            summary="Legal hold lifted: the retention schedule applies again",
            detail={"legal_hold": hold.pk},
        )
    return hold


def legal_holds_of(*, case: Case) -> QuerySet[LegalHold]:
    """Every hold on a case fetched through `access.guard`, newest first."""
    return LegalHold.objects.filter(case=case).select_related("placed_by", "lifted_by").order_by("-placed_at", "-pk")
