"""Subject access: everything marac holds about one person, as a page for the coordinator and a file for the person.

Who may answer
--------------
Only the coordinator (`person.subject_access`), only for a person of their own locality, and only when every case
the person is linked to is visible to them (and there is at least one): a coordinator on the "must not see" list of
one of the person's cases cannot answer for that person at all (a partial file would look complete), nor can one
whose agency may not receive case information. Anyone else gets the audited 404.

What the subject sees of the other parties
------------------------------------------
A MARAC case is about one victim's safety; everyone else in it is a third party to her, and she is a third party to
them. The file carries, per case, what the subject's part in it allows:

1. **The subject's own record** (names, other names, date of birth, equality monitoring) always.
   Their own **contact and location details** (phone, address, postcode, school) only when they are the victim on
   every case they are linked to: a perpetrator's, child's or household member's "own" address is often the
   victim's, and a request made for a child may come from the perpetrator. Withheld details are listed in the file
   under `withheld` so the coordinator can decide by hand.
2. **A safe address** (a refuge) only when the coordinator may see it under the access rules (`may_see_safe_address`):
   a download is held to the same rule as a page.
3. **Cases where the subject is the victim**: the whole case file (referrals, assessments, meetings and agencies'
   research, actions and their updates, contact with her, report-backs, review events, legal hold dates) and the
   access log of who saw or changed the case. Other parties appear by **role, name and relationship only**: never
   their date of birth, other names, address, phone, school or equality details, in the person records or in what
   a referral submitted. Where an assessment recorded where the perpetrator and the children were, that is left out.
4. **Cases where the subject is the perpetrator, a child or another household member**: the case reference, their
   role and relationship only. The narrative is about the victim's safety and names where she is and who helps her;
   release of any part of it is a decision for the data protection officer, not an automatic export. The file says
   so under `withheld`.
5. **Who looked at the subject's own record** (this page, earlier exports) always.

Free text written by professionals (risk summaries, reasons, research, discussion, notes, action wording) can
mention other people in ways no rule can see: the file lists those fields under `review_before_release`, and the
coordinator reads them before handing the file over.

The file
--------
One JSON document, `format` "marac.subject_access", `format_version` 1; dates and times in ISO 8601 with offset;
codes replaced by their labels. Top level: `generated` (when, by whom, for what purpose), `subject`, `cases` (one
entry per case, `released` true or false), `record_access_log`, `withheld`, `review_before_release`, and
`about` (these rules in words). Producing it writes one `export` audit event with the purpose.
"""

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from marac.access import policy
from marac.access.actor import Actor
from marac.access.rules import Detail
from marac.actions.models import Action, ActionUpdate
from marac.agencies.models import Role
from marac.audit.models import AuditAction, AuditEvent, AuditPurpose
from marac.audit.services import audit_record
from marac.idva.models import ReportBack, VictimContact
from marac.meetings.models import AgendaItem, Research
from marac.people.models import Alias, Person
from marac.people.normalise import normalise_name
from marac.referrals.models import Case, CaseParty, LegalHold, PartyRole, Referral
from marac.referrals.submitted import SubmittedDetails, SubmittedPerson
from marac.risk.assessment_selectors import assessment_display
from marac.risk.models import Answer, Assessment, ReviewTrigger
from marac.risk.scales import all_level_labels
from marac.risk.services import SafeToTalk

FORMAT = "marac.subject_access"
FORMAT_VERSION = 1

VICTIM = "victim"
ROLE_LABELS = {VICTIM: "Victim", **dict(PartyRole.choices)}

# What an assessment asked first; only her own answers go in the file.
SAFETY_RELEASED = ("safe_to_talk", "safe_contact")

CONTACT_FIELDS = ("phone", "safe_to_call", "best_time_to_call", "address", "postcode", "address_is_safe_address")

WITHHELD_CONTACT = (
    "The person is linked to a case other than as its victim, where their address and phone may be the victim's. "
    "Release them only after checking by hand."
)
WITHHELD_SAFE_ADDRESS = (
    "A safe address is shown only to the IDVA service and the police. Ask them to add it if the person asks for it."
)
WITHHELD_CASE = (
    "This case is about the safety of another person. Its records name where she is and who helps her; releasing "
    "any part of them is a decision for the data protection officer."
)

REVIEW_BEFORE_RELEASE = (
    "cases[].referrals[].risk_summary",
    "cases[].referrals[].professional_judgement_reasons",
    "cases[].referrals[].sharing_without_consent_reason",
    "cases[].referrals[].triage_note",
    "cases[].assessments[].answers[].note",
    "cases[].assessments[].judgement_reason",
    "cases[].assessments[].victim_view_reason",
    "cases[].meetings[].risk_summary",
    "cases[].meetings[].discussion",
    "cases[].meetings[].research[].details",
    "cases[].actions[].text",
    "cases[].actions[].not_possible_reason",
    "cases[].actions[].updates[].note",
    "cases[].contacts_with_victim[].victim_views",
    "cases[].contacts_with_victim[].note",
    "cases[].report_backs[].note",
    "cases[].review_events[].note",
)

ABOUT = (
    "Everything the multi-agency risk assessment conference's case system holds about you, as of the time above.",
    "Where you are the victim in a case, the file holds the whole case and who looked at it. Other people in the "
    "case appear by their role, name and relationship only.",
    "Where you are named in a case about someone else's safety, the file says that you are, and why the case "
    "records are not in it.",
    "Some details may be held back to protect other people: each is listed under 'withheld' with the reason.",
)


def subject_access_people(*, actor: Actor) -> QuerySet[Person]:
    """People the actor may answer a subject access request for (see the module's rules)."""
    if actor.locality is None or not policy.has_permission(actor, "person.subject_access"):
        return Person.objects.none()
    visible = policy.visible_cases(actor).values("pk")
    seen_as_victim = Case.objects.filter(victim_id=OuterRef("pk"), pk__in=visible)
    seen_as_party = CaseParty.objects.filter(person_id=OuterRef("pk"), case_id__in=visible)
    hidden_as_victim = Case.objects.filter(victim_id=OuterRef("pk")).exclude(pk__in=visible)
    hidden_as_party = CaseParty.objects.filter(person_id=OuterRef("pk")).exclude(case_id__in=visible)
    # People come into marac only with a case; one seen through none of them is not the actor's to answer for.
    return (
        Person.objects.filter(locality=actor.locality)
        .filter(Exists(seen_as_victim) | Exists(seen_as_party))
        .exclude(Exists(hidden_as_victim) | Exists(hidden_as_party))
    )


def subject_access_search(*, actor: Actor, query: str) -> QuerySet[Person]:
    """People matching a name (or other name) or a case reference, with how many cases each is linked to."""
    query = query.strip()
    if not query:
        return Person.objects.none()
    match = Q(cases_as_victim__reference__iexact=query) | Q(case_parties__case__reference__iexact=query)
    key = normalise_name(query)
    if key:
        match |= Q(normalised_name__contains=key) | Q(aliases__normalised_name__contains=key)
    matching = Person.objects.filter(match).values("pk")
    return (
        subject_access_people(actor=actor)
        .filter(pk__in=matching)
        .annotate(
            victim_case_count=Count("cases_as_victim", distinct=True),
            party_case_count=Count("case_parties", distinct=True),
        )
        .order_by("family_name", "given_name", "pk")
    )


@dataclass
class CaseRecords:
    """One case the subject is linked to, with every record of it."""

    case: Case
    roles: list[str]
    relationship_to_victim: str = ""
    other_parties: list[CaseParty] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    agenda_items: list[AgendaItem] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    victim_contacts: list[VictimContact] = field(default_factory=list)
    report_backs: list[ReportBack] = field(default_factory=list)
    review_triggers: list[ReviewTrigger] = field(default_factory=list)
    legal_holds: list[LegalHold] = field(default_factory=list)
    access_events: list[AuditEvent] = field(default_factory=list)
    access_event_count: int = 0

    @property
    def is_victim(self) -> bool:
        return VICTIM in self.roles

    @property
    def released(self) -> bool:
        """Whether the file carries the case's records (rule 3) or withholds them (rule 4)."""
        return self.is_victim

    @property
    def role_labels(self) -> list[str]:
        return [ROLE_LABELS[role] for role in self.roles]

    @property
    def research(self) -> list[Research]:
        return [entry for item in self.agenda_items for entry in item.research.all()]

    @property
    def action_update_count(self) -> int:
        return sum(len(action.updates.all()) for action in self.actions)

    @property
    def hold_in_force(self) -> bool:
        return any(hold.in_force for hold in self.legal_holds)


@dataclass
class SubjectAccessReport:
    person: Person
    aliases: list[Alias]
    cases: list[CaseRecords]
    record_events: list[AuditEvent]
    may_see_safe_address: bool

    @property
    def contact_released(self) -> bool:
        """Rule 1: the subject's own contact and location details only if they are the victim wherever they appear."""
        return all(records.is_victim for records in self.cases)

    @property
    def safe_address_withheld(self) -> bool:
        return self.person.address_is_safe_address and not self.may_see_safe_address


def _group(rows, key: str = "case_id") -> dict[int, list]:
    grouped: dict[int, list] = {}
    for row in rows:
        grouped.setdefault(getattr(row, key), []).append(row)
    return grouped


def subject_access_report(*, actor: Actor, person: Person, with_access_log: bool) -> SubjectAccessReport:
    """Everything held about a person fetched from `subject_access_people`, in a fixed number of queries.

    `with_access_log` loads each case's audit events (the file); without it they are only counted (the page).
    """
    aliases = list(Alias.objects.filter(person=person).order_by("name"))
    cases = list(
        policy.visible_cases(actor)
        .filter(Q(victim=person) | Q(parties__person=person))
        .select_related("locality")
        .distinct()
        .order_by("opened_at", "pk")
    )
    case_ids = [case.pk for case in cases]
    parties = _group(
        CaseParty.objects.filter(case_id__in=case_ids).select_related("person").order_by("role", "person__family_name")
    )
    records = []
    for case in cases:
        own = [party for party in parties.get(case.pk, []) if party.person_id == person.pk]
        roles = ([VICTIM] if case.victim_id == person.pk else []) + [party.role for party in own]
        records.append(
            CaseRecords(
                case=case,
                roles=roles,
                relationship_to_victim=next((party.relationship_to_victim for party in own), ""),
                other_parties=[party for party in parties.get(case.pk, []) if party.person_id != person.pk],
            )
        )
    by_case = {entry.case.pk: entry for entry in records}

    def attach(name: str, queryset: QuerySet) -> None:
        for case_id, rows in _group(queryset).items():
            setattr(by_case[case_id], name, rows)

    attach(
        "referrals",
        Referral.objects.filter(case_id__in=case_ids)
        .select_related("referring_agency", "triaged_by")
        .order_by("referred_at", "pk"),
    )
    attach(
        "assessments",
        Assessment.objects.filter(case_id__in=case_ids)
        .select_related("agency", "instrument", "case")
        .order_by("assessed_at", "pk"),
    )
    attach(
        "agenda_items",
        AgendaItem.objects.filter(case_id__in=case_ids)
        .select_related("meeting")
        .prefetch_related(
            Prefetch("research", queryset=Research.objects.select_related("agency").order_by("agency__name", "pk"))
        )
        .order_by("meeting__scheduled_for", "pk"),
    )
    attach(
        "actions",
        Action.objects.filter(case_id__in=case_ids)
        .select_related("owner_agency")
        .prefetch_related(
            Prefetch("updates", queryset=ActionUpdate.objects.select_related("agency").order_by("created_at", "pk"))
        )
        .order_by("created_at", "pk"),
    )
    attach(
        "victim_contacts",
        VictimContact.objects.filter(case_id__in=case_ids).select_related("agency").order_by("contacted_at", "pk"),
    )
    attach(
        "report_backs",
        ReportBack.objects.filter(case_id__in=case_ids).select_related("meeting", "agency").order_by("due_date", "pk"),
    )
    attach(
        "review_triggers",
        ReviewTrigger.objects.filter(case_id__in=case_ids).select_related("agency").order_by("event_at", "pk"),
    )
    attach("legal_holds", LegalHold.objects.filter(case_id__in=case_ids).order_by("placed_at", "pk"))
    events = AuditEvent.objects.filter(case_id__in=case_ids)
    if with_access_log:
        attach("access_events", events.order_by("occurred_at", "pk"))
        for entry in records:
            entry.access_event_count = len(entry.access_events)
    else:
        for row in events.values("case_id").annotate(count=Count("pk")).order_by():
            by_case[row["case_id"]].access_event_count = row["count"]
    record_events = list(
        AuditEvent.objects.filter(object_type=Person._meta.label_lower, object_id=str(person.pk)).order_by(
            "occurred_at", "pk"
        )
    )
    return SubjectAccessReport(
        person=person,
        aliases=aliases,
        cases=records,
        record_events=record_events,
        may_see_safe_address=policy.may_see_safe_address(actor, Detail.FULL),
    )


# The file


def _when(value: dt.datetime | dt.date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat()
    return value.isoformat()


def _yes_no(value: bool | None) -> str:
    return {True: "Yes", False: "No"}.get(value, "Not known")


def _level(value: str) -> str:
    return all_level_labels().get(value, value)


# What a referral recorded as codes, given in words (the labels `SubmittedPerson` reads them with).
_SUBMITTED_IN_WORDS = ("gender", "ethnicity", "sexual_orientation", "has_disability", "is_trans", "safe_to_call")
_ANSWER_LABELS = dict(Answer.choices)
_ROLE_LABELS = dict(Role.choices)
_SAFE_TO_TALK_LABELS = dict(SafeToTalk.choices)


def _subject_json(report: SubjectAccessReport, withheld: list[dict[str, str]]) -> dict[str, Any]:
    person = report.person
    subject: dict[str, Any] = {
        "record_id": person.pk,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "other_names": [alias.name for alias in report.aliases],
        "date_of_birth": _when(person.date_of_birth),
        "gender": person.get_gender_display(),
        "ethnicity": person.get_ethnicity_display(),
        "sexual_orientation": person.get_sexual_orientation_display(),
        "disability": _yes_no(person.has_disability),
        "trans": _yes_no(person.is_trans),
        "religion": person.religion,
        "migration_status": person.migration_status,
        "first_language": person.first_language,
        "interpreter_needed": person.interpreter_needed,
        "recorded_on": _when(person.created_at),
        "anonymised_on": _when(person.erased_at),
        "contact": None,
        "school": None,
    }
    if not report.contact_released:
        withheld.append({"what": "subject.contact, subject.school", "why": WITHHELD_CONTACT})
        return subject
    contact = {
        "phone": person.phone,
        "safe_to_call": _yes_no(person.safe_to_call),
        "best_time_to_call": person.best_time_to_call,
        "address": person.address,
        "postcode": person.postcode,
        "address_is_safe_address": person.address_is_safe_address,
    }
    if report.safe_address_withheld:
        contact["address"] = contact["postcode"] = None
        withheld.append({"what": "subject.contact.address, subject.contact.postcode", "why": WITHHELD_SAFE_ADDRESS})
    subject["contact"] = contact
    subject["school"] = person.school
    return subject


def _submitted_json(referral: Referral, *, may_see_safe_address: bool) -> dict[str, Any]:
    """What the referral said, as it said it: all of her own part, the others by name and relationship only."""
    submitted = SubmittedDetails.from_referral(referral)

    def other(person: SubmittedPerson) -> dict[str, str]:
        return {"name": person.full_name, "relationship_to_victim": person.relationship_to_victim}

    victim = None
    if submitted.victim is not None:
        own = submitted.victim
        victim = {
            "given_name": own.given_name,
            "family_name": own.family_name,
            "other_names": list(own.aliases),
            "date_of_birth": _when(own.date_of_birth),
            "age_at_referral": own.age_at_referral,
            **{
                key: getattr(own, key) if key in _SUBMITTED_IN_WORDS else value
                for key, value in own.extra.items()
                if key not in ("address", "postcode") or may_see_safe_address or not own.address_is_safe_address
            },
        }
    return {
        "victim": victim,
        "perpetrators": [other(person) for person in submitted.perpetrators],
        "children": [{"name": person.full_name} for person in submitted.children],
    }


def _assessment_json(assessment: Assessment) -> dict[str, Any]:
    display = assessment_display(assessment)
    safety = assessment.safety or {}
    return {
        "assessed_at": _when(assessment.assessed_at),
        "agency": assessment.agency.name,
        "instrument": display.instrument_name,
        "instrument_version": assessment.instrument_version,
        "score": assessment.score,
        "screened_in": assessment.screened_in,
        "computed_level": _level(assessment.computed_level),
        "judgement_level": _level(assessment.judgement_level),
        "judgement_reason": assessment.judgement_reason,
        "victim_view_level": _level(assessment.victim_view_level),
        "victim_view_reason": assessment.victim_view_reason,
        "final_level": _level(assessment.final_level),
        "safety": {
            key: _SAFE_TO_TALK_LABELS.get(safety[key], safety[key]) if key == "safe_to_talk" else safety[key]
            for key in SAFETY_RELEASED
            if key in safety
        },
        "answers": [
            {"question": row.label, "answer": _ANSWER_LABELS.get(row.answer, row.answer), "note": row.note}
            for row in display.rows
        ],
    }


def _event_json(event: AuditEvent) -> dict[str, Any]:
    return {
        "at": _when(event.occurred_at),
        "user": event.actor_username,
        "agency": event.agency_name,
        "role": _ROLE_LABELS.get(event.role, event.role),
        "action": event.get_action_display(),
        "what": event.summary,
    }


def _case_json(records: CaseRecords, *, may_see_safe_address: bool) -> dict[str, Any]:
    case = records.case
    entry: dict[str, Any] = {
        "reference": case.reference,
        "your_role": records.role_labels,
        "relationship_to_victim": records.relationship_to_victim,
        "released": records.released,
    }
    if not records.released:
        entry["why_not_released"] = WITHHELD_CASE
        return entry
    entry |= {
        "status": case.get_status_display(),
        "opened_on": _when(case.opened_at),
        "last_referred_on": _when(case.last_referred_at),
        "closed_on": _when(case.closed_at),
        "risk_level": _level(case.risk_level),
        "anonymised_on": _when(case.erased_at),
        "other_people": [
            {
                "role": party.get_role_display(),
                "name": party.person.full_name,
                "relationship_to_victim": party.relationship_to_victim,
            }
            for party in records.other_parties
        ],
        "referrals": [
            {
                "referred_at": _when(referral.referred_at),
                "referring_agency": referral.referring_agency.name,
                "criteria_met": referral.criteria_met,
                "professional_judgement_reasons": referral.professional_judgement_reasons,
                "incidents_in_escalation_window": referral.incidents_in_escalation_window,
                "consent": referral.get_consent_display(),
                "sharing_without_consent_reason": referral.sharing_without_consent_reason,
                "sharing_approved_by": referral.sharing_approved_by,
                "risk_summary": referral.risk_summary,
                "children_in_household": referral.children_in_household,
                "triage": referral.get_triage_status_display(),
                "triage_note": referral.triage_note,
                "triaged_at": _when(referral.triaged_at),
                "as_referred": _submitted_json(referral, may_see_safe_address=may_see_safe_address),
            }
            for referral in records.referrals
        ],
        "assessments": [_assessment_json(assessment) for assessment in records.assessments],
        "meetings": [
            {
                "meeting_on": _when(item.meeting.scheduled_for),
                "meeting": item.meeting.get_mode_display(),
                "meeting_status": item.meeting.get_status_display(),
                "risk_summary": item.risk_summary,
                "discussion": item.discussion,
                "outcome": item.get_outcome_display(),
                "research": [
                    {
                        "agency": research.agency.name,
                        "finding": research.get_finding_display(),
                        "details": research.details,
                        "submitted_at": _when(research.submitted_at),
                    }
                    for research in item.research.all()
                ],
            }
            for item in records.agenda_items
        ],
        "actions": [
            {
                "agency": action.owner_agency.name,
                "text": action.text,
                "due_on": _when(action.due_date),
                "status": action.get_status_display(),
                "completed_at": _when(action.completed_at),
                "not_possible_reason": action.not_possible_reason,
                "updates": [
                    {
                        "at": _when(update.created_at),
                        "agency": update.agency.name,
                        "status_before": update.get_status_before_display(),
                        "status_after": update.get_status_after_display(),
                        "note": update.note,
                    }
                    for update in action.updates.all()
                ],
            }
            for action in records.actions
        ],
        "contacts_with_victim": [
            {
                "at": _when(contact.contacted_at),
                "agency": contact.agency.name,
                "method": contact.get_method_display(),
                "reached": contact.successful,
                "victim_views": contact.victim_views,
                "note": contact.note,
            }
            for contact in records.victim_contacts
        ],
        "report_backs": [
            {
                "meeting_on": _when(report_back.meeting.scheduled_for),
                "agency": report_back.agency.name,
                "due_on": _when(report_back.due_date),
                "completed_at": _when(report_back.completed_at),
                "method": report_back.get_method_display(),
                "victim_told_at": _when(report_back.victim_told_at),
                "note": report_back.note,
            }
            for report_back in records.report_backs
        ],
        "review_events": [
            {
                "event": trigger.get_event_display(),
                "event_at": _when(trigger.event_at),
                "review_due": _when(trigger.review_due),
                "agency": trigger.agency.name,
                "note": trigger.note,
            }
            for trigger in records.review_triggers
        ],
        "legal_holds": [
            {"placed_at": _when(hold.placed_at), "lifted_at": _when(hold.lifted_at)} for hold in records.legal_holds
        ],
        "access_log": [_event_json(event) for event in records.access_events],
    }
    return entry


def subject_access_document(
    report: SubjectAccessReport, *, actor: Actor, purpose: str, generated_at: dt.datetime
) -> dict[str, Any]:
    """The file's content (see the module's rules); `report` must have been read `with_access_log`."""
    withheld: list[dict[str, str]] = []
    subject = _subject_json(report, withheld)
    cases = [_case_json(records, may_see_safe_address=report.may_see_safe_address) for records in report.cases]
    withheld += [
        {"what": f"cases[{case['reference']}]", "why": WITHHELD_CASE} for case in cases if not case["released"]
    ]
    if any(records.released and records.assessments for records in report.cases):
        withheld.append(
            {
                "what": "cases[].assessments[].safety",
                "why": "Where the perpetrator and the children were when she was asked is about them, not her.",
            }
        )
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "about": list(ABOUT),
        "generated": {
            "at": _when(generated_at),
            "by": actor.user.get_username() if actor.user else "",
            "agency": actor.agency.name if actor.agency else "",
            "locality": str(actor.locality) if actor.locality else "",
            "purpose": purpose,
        },
        "subject": subject,
        "cases": cases,
        "record_access_log": [_event_json(event) for event in report.record_events],
        "withheld": withheld,
        "review_before_release": list(REVIEW_BEFORE_RELEASE),
    }


@dataclass(frozen=True)
class ExportFile:
    filename: str
    content: bytes
    content_type: str = "application/json"


def subject_access_export(*, actor: Actor, person: Person, purpose: str) -> ExportFile:
    """Produce the file for one person and record the export, with its purpose, in the audit trail."""
    if not subject_access_people(actor=actor).filter(pk=person.pk).exists():
        raise PermissionDenied("This person's records cannot be exported by this actor.")
    purpose = purpose.strip()
    if not purpose:
        raise ValidationError({"purpose": "Say why the file is produced, for example the request it answers."})
    with transaction.atomic():
        report = subject_access_report(actor=actor, person=person, with_access_log=True)
        now = timezone.now()
        document = subject_access_document(report, actor=actor, purpose=purpose, generated_at=now)
        audit_record(
            actor=actor,
            action=AuditAction.EXPORT,
            target=person,
            summary="Subject access file produced",
            detail={
                "purpose": purpose,
                "cases": [records.case.pk for records in report.cases],
                "released_cases": [records.case.pk for records in report.cases if records.released],
                "withheld": [entry["what"] for entry in document["withheld"]],
            },
            purpose=AuditPurpose.SUBJECT_ACCESS_REQUEST,
        )
    content = json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()
    stamp = timezone.localtime(now).strftime("%Y%m%d-%H%M")
    return ExportFile(filename=f"subject-access-{person.pk}-{stamp}.json", content=content)
