"""Subject access: everything marac holds about one person, as a page for the coordinator and a file for the person.

Who may answer
--------------
Only the coordinator (`person.subject_access`), only for a person of their own locality, and only when every case
the person is linked to is visible to them: a coordinator on the "must not see" list of one of the person's cases
cannot answer for that person at all (a partial file would look complete), nor can one whose agency may not receive
case information. The person must be known through a case the coordinator sees, an incident or a MATAC nomination
(the coordinator sees every incident and nomination of the locality): incidents are imported about people no case
knows. Anyone else gets the audited 404.

What the subject sees of the other parties
------------------------------------------
A MARAC case is about one victim's safety; everyone else in it is a third party to her, and she is a third party to
them. The file carries, per case, what the subject's part in it allows:

1. **The subject's own record** (names, other names, date of birth, equality monitoring) always.
   Their own **contact and location details** (phone, address, postcode, school) only when they are the victim
   wherever they appear: on every case they are linked to, and named as the perpetrator of no incident, no order,
   no programme, no MATAC nomination and no release or escape from custody. A perpetrator's, child's or household
   member's "own" address is often the victim's, and a request made for a child may come from the perpetrator.
   Withheld details are listed in the file under `withheld` so the coordinator can decide by hand.
2. **A safe address** (a refuge) only when the coordinator may see it under the access rules (`may_see_safe_address`):
   a download is held to the same rule as a page.
3. **Cases where the subject is the victim**: the whole case file (referrals, assessments, meetings and agencies'
   research, actions and their updates, contact with her, report-backs, review events, legal hold dates; the
   pathway referrals between two agencies with each step, the reason for a decline and the feedback; the
   disclosures and moves agencies recorded and the referral-back duties raised on the case; her rights log: the
   information she was given, her choices about being told of the perpetrator's release, the notifications, and
   every version of her individual needs assessment) and the access log of who saw or changed the case. Other
   parties appear by **role, name and relationship only**: never their date of birth, other names, address, phone,
   school or equality details, in the person records or in what a referral submitted. Where an assessment recorded
   where the perpetrator and the children were, that is left out; a release notification gives the kind and date
   of his release, never where he was held.
4. **Cases where the subject is the perpetrator, a child or another household member**: the case reference, their
   role and relationship only. The narrative is about the victim's safety and names where she is and who helps her;
   release of any part of it is a decision for the data protection officer, not an automatic export. The file says
   so under `withheld`.
5. **Who looked at the subject's own record** (this page, earlier exports) always, and at the records merged into it.
6. **Records merged into the subject's** (`merged_records`): each is the subject's own, under rules 1 and 2; and
   **every merge** that involved the subject's record or one merged into it (`merges`): the two record ids, when,
   by whom, whether and when it was undone. Ids only: a merge that was undone may have joined the subject's record
   to someone else's. A merge moved every row of the merged record to the kept one, so what was recorded under a
   merged record is found under the subject's own and is in the file with it.
7. **Incidents** where the subject is the victim or the perpetrator: date, type, gravity, the recording agency and
   the other party by role and name only. **Referral flags** on the subject: reason, raised, resolved, resolution.
8. **Orders** (on cases the coordinator sees) by the subject's part in them:
   - protecting the subject, the victim of its case: the whole order (type, reference, issuer, dates, requirements,
     owner, conditions, breaches and the responses to them), the perpetrator and the others it protects by name;
   - made against the subject: the same, the people it protects by role and name only; its **conditions** often
     name the places the victim lives or goes, so they are listed under `review_before_release`, never released to
     the perpetrator unread;
   - protecting the subject as one of the victim's household (a child, a relative): its type, issuer and dates only;
     the conditions and breaches are about the victim's safety, withheld as under rule 4.
   **Court-ordered programmes** the subject was referred to: the programme, the sessions expected and attended, the
   outcome and the programme's reports. A perpetrator's programme is his: it is not in the victim's file.
   **Releases and escapes** recorded against the subject: the kind, when, the establishment he left, the day he is
   due back and the reporting agency. Which victims were told of it, and whether they had asked to be, is about
   their safety: withheld (listed under `withheld`).
9. **MATAC nominations** of the subject: when and how nominated, the decision, the exit and its reason, the scores
   taken (at referral, at entry, at exit) and the change between entry and exit. What MATAC meetings discussed and
   the actions agreed there are withheld (listed under `withheld`): they are the agencies' plans to disrupt
   offending, and their release is a decision for the data protection officer with the police.

Free text written by professionals (risk summaries, reasons, research, discussion, notes, action wording, incident
summaries, breach descriptions, programme reports, MATAC profiles and referral reasons, pathway feedback, disclosures,
needs assessments' findings) can mention other people in ways no rule can see: the file lists those fields under
`review_before_release`, and the coordinator reads them before handing the file over.

The file
--------
One JSON document, `format` "marac.subject_access", `format_version` 1; dates and times in ISO 8601 with offset;
codes replaced by their labels. Top level: `generated` (when, by whom, for what purpose), `subject`,
`merged_records`, `merges`, `cases` (one entry per case, `released` true or false), `incidents`, `referral_flags`,
`orders_against_you`, `orders_protecting_you` (each with `released`), `programmes`, `custody_events`,
`matac_nominations`, `record_access_log` (each event with the record it was about), `withheld`,
`review_before_release`, and `about` (these rules in words). Producing it writes one `export` audit event with the
purpose and the ids of what it covers. The page and the file read the same report, in a fixed number of queries
however much is held.
"""

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marac.access import policy
from marac.access.actor import Actor
from marac.access.rules import Detail
from marac.actions.models import Action, ActionUpdate
from marac.agencies.models import Role
from marac.audit.models import AuditAction, AuditEvent, AuditPurpose
from marac.audit.services import audit_record
from marac.duties.models import Duty, ReportedEvent
from marac.idva.models import ReportBack, VictimContact
from marac.incidents.models import Incident, ReferralFlag
from marac.matac.models import Nomination, NominationReferral, RfgvSnapshot, ScoreOccasion
from marac.meetings.models import AgendaItem, Research
from marac.pathways.models import PathwayEvent, PathwayReferral
from marac.people.models import Alias, Person, PersonMerge
from marac.perpetrators.models import Breach, Order, ProgrammeReferral, ProgrammeUpdate
from marac.referrals.models import Case, CaseParty, LegalHold, PartyRole, Referral
from marac.referrals.submitted import SubmittedDetails, SubmittedPerson
from marac.rights.models import CustodyEvent, InformationGiven, NeedsAssessment, NotificationChoice, ReleaseNotification
from marac.risk.assessment_selectors import assessment_display
from marac.risk.models import Answer, Assessment, ReviewTrigger
from marac.risk.scales import all_level_labels
from marac.risk.services import SafeToTalk

FORMAT = "marac.subject_access"
FORMAT_VERSION = 1

VICTIM = "victim"
ROLE_LABELS = {VICTIM: _("Victim"), **dict(PartyRole.choices)}

# What an assessment asked first; only her own answers go in the file.
SAFETY_RELEASED = ("safe_to_talk", "safe_contact")

CONTACT_FIELDS = ("phone", "safe_to_call", "best_time_to_call", "address", "postcode", "address_is_safe_address")

WITHHELD_CONTACT = (
    "The person is linked to a case other than as its victim, or named as the perpetrator of an incident, an order "
    "or a MATAC nomination, where their address and phone may be the victim's. Release them only after checking by "
    "hand."
)
WITHHELD_SAFE_ADDRESS = (
    "A safe address is shown only to the IDVA service and the police. Ask them to add it if the person asks for it."
)
WITHHELD_CASE = (
    "This case is about the safety of another person. Its records name where she is and who helps her; releasing "
    "any part of them is a decision for the data protection officer."
)

WITHHELD_ORDER_OF_ANOTHER = (
    "The order protects the victim of another person's case, and the person as one of her household. Its conditions "
    "and breaches name where she lives and goes; releasing them is a decision for the data protection officer."
)
WITHHELD_RELEASE_NOTIFICATIONS = (
    "Which victims were told of the release or escape, and whether they had asked to be, is about their safety: "
    "releasing it is a decision for the data protection officer."
)
WITHHELD_MATAC_TACTICS = (
    "What MATAC meetings discussed and the actions agreed there are the agencies' plans to prevent and disrupt "
    "offending: releasing them may prejudice the prevention or detection of crime. A decision for the data "
    "protection officer, with the police."
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
    "cases[].pathway_referrals[].risk_summary",
    "cases[].pathway_referrals[].sharing_without_consent_reason",
    "cases[].pathway_referrals[].routing_reason",
    "cases[].pathway_referrals[].decline_reason",
    "cases[].pathway_referrals[].steps[].text",
    "cases[].disclosures_and_moves[].note",
    "cases[].referral_back_duties[].decline_reason",
    "cases[].information_given[].note",
    "cases[].release_notification_choices[].note",
    "cases[].release_notifications[].note",
    "cases[].needs_assessments[].change_description",
    "cases[].needs_assessments[].findings",
    "cases[].needs_assessments[].her_views",
    "incidents[].summary",
    "referral_flags[].resolution_note",
    # An order's conditions name the places the victim lives and goes: never released to its perpetrator unread.
    "orders_against_you[].conditions[]",
    "orders_against_you[].breaches[].description",
    "orders_against_you[].breaches[].response.reason",
    "orders_protecting_you[].breaches[].description",
    "orders_protecting_you[].breaches[].response.reason",
    "programmes[].dropout_reason",
    "programmes[].updates[].note",
    "matac_nominations[].subject_profile",
    "matac_nominations[].intelligence_profile",
    "matac_nominations[].decline_reason",
    "matac_nominations[].exit_note",
    "matac_nominations[].referrals[].reason",
    "matac_nominations[].referrals[].known",
)

ABOUT = (
    "Everything the multi-agency risk assessment conference's case system holds about you, as of the time above.",
    "Where you are the victim in a case, the file holds the whole case and who looked at it. Other people in the "
    "case appear by their role, name and relationship only.",
    "Where you are named in a case about someone else's safety, the file says that you are, and why the case "
    "records are not in it.",
    "Incidents recorded by agencies where you were harmed or named as the one who caused harm are listed with "
    "their date, type, seriousness and the agency that recorded them; the other person by role and name only.",
    "Orders made against you or protecting you are listed with their conditions, breaches and what was done about "
    "each, and any court-ordered programme you were referred to with your attendance.",
    "Each release or escape from custody recorded against you is listed with when it was and the agency that "
    "reported it.",
    "If you were considered at a multi-agency tasking and coordination meeting (MATAC), the file says when, how it "
    "ended and your score when you were taken on and when you left.",
    "If you were recorded more than once, the records were merged into one: the file lists each merge and holds "
    "what the merged records held.",
    "Some details may be held back to protect other people: each is listed under 'withheld' with the reason.",
)


def subject_access_people(*, actor: Actor) -> QuerySet[Person]:
    """People the actor may answer a subject access request for (see the module's rules)."""
    if (
        actor.locality is None
        or not policy.has_permission(actor, "person.subject_access")
        or not policy.receives_case_information(actor)
    ):
        return Person.objects.none()
    visible = policy.visible_cases(actor).values("pk")
    seen_as_victim = Case.objects.filter(victim_id=OuterRef("pk"), pk__in=visible)
    seen_as_party = CaseParty.objects.filter(person_id=OuterRef("pk"), case_id__in=visible)
    # Incidents are imported about people no case knows, and a serial perpetrator may be nominated for MATAC from
    # them alone: the coordinator sees every incident and nomination of the locality, so these people too.
    in_incident = Incident.objects.filter(Q(victim_id=OuterRef("pk")) | Q(perpetrator_id=OuterRef("pk")))
    nominated = Nomination.objects.filter(person_id=OuterRef("pk"))
    # Whether each of the person's cases is visible is asked of that case alone: "not among the visible cases" would
    # list every case of the country the actor does not see.
    hidden_as_victim = Case.objects.filter(victim_id=OuterRef("pk")).exclude(
        Exists(policy.visible_cases(actor).filter(pk=OuterRef("pk")))
    )
    hidden_as_party = CaseParty.objects.filter(person_id=OuterRef("pk")).exclude(
        Exists(policy.visible_cases(actor).filter(pk=OuterRef("case_id")))
    )
    # People come into marac with a case, an incident or a nomination; one seen through none is not the actor's.
    return (
        Person.objects.filter(locality=actor.locality)
        .filter(Exists(seen_as_victim) | Exists(seen_as_party) | Exists(in_incident) | Exists(nominated))
        # Two exclusions rather than one of either: PostgreSQL answers each as an anti-join by index, where the
        # disjunction made it list every case of the country that the actor does not see.
        .exclude(Exists(hidden_as_victim))
        .exclude(Exists(hidden_as_party))
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
    pathway_referrals: list[PathwayReferral] = field(default_factory=list)
    reported_events: list[ReportedEvent] = field(default_factory=list)
    duties: list[Duty] = field(default_factory=list)
    information_given: list[InformationGiven] = field(default_factory=list)
    release_choices: list[NotificationChoice] = field(default_factory=list)
    release_notifications: list[ReleaseNotification] = field(default_factory=list)
    needs_assessments: list[NeedsAssessment] = field(default_factory=list)
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

    @property
    def release_choice_in_force(self) -> NotificationChoice | None:
        """Her latest decision: the choices are read oldest first (`rights.models.CHOICE_ORDER` reversed)."""
        return self.release_choices[-1] if self.release_choices else None


# The subject's part in an order.
AGAINST = "against"
PROTECTED_VICTIM = "protected_victim"
ALSO_PROTECTED = "also_protected"
ORDER_PART_LABELS = {
    AGAINST: "Made against you",
    PROTECTED_VICTIM: "Protects you",
    ALSO_PROTECTED: "Protects you as one of the victim's household",
}
# The same, on the coordinator's page.
ORDER_PART_PAGE_LABELS = {
    AGAINST: _("against this person"),
    PROTECTED_VICTIM: _("protects this person, the victim"),
    ALSO_PROTECTED: _("protects this person as one of the victim's household"),
}


@dataclass
class OrderRecords:
    """An order the subject is named in, and their part in it (rule 8)."""

    order: Order
    part: str

    @property
    def part_label(self) -> str:
        return ORDER_PART_LABELS[self.part]

    @property
    def part_page_label(self) -> str:
        return ORDER_PART_PAGE_LABELS[self.part]

    @property
    def released(self) -> bool:
        """Whether the file carries its conditions and breaches: not when it protects someone else's victim."""
        return self.part != ALSO_PROTECTED

    @property
    def protected_others(self) -> list[Person]:
        return [person for person in self.order.other_protected.all() if person.pk != self.order.case.victim_id]


@dataclass
class SubjectAccessReport:
    person: Person
    aliases: list[Alias]
    cases: list[CaseRecords]
    record_events: list[AuditEvent]
    may_see_safe_address: bool
    merged_records: list[Person] = field(default_factory=list)
    merges: list[PersonMerge] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)
    flags: list[ReferralFlag] = field(default_factory=list)
    orders: list[OrderRecords] = field(default_factory=list)
    programmes: list[ProgrammeReferral] = field(default_factory=list)
    custody_events: list[CustodyEvent] = field(default_factory=list)
    nominations: list[Nomination] = field(default_factory=list)

    @property
    def contact_released(self) -> bool:
        """Rule 1: the subject's own contact and location details only if they are the victim wherever they appear:
        on every case, and named as the perpetrator of no incident, order, nomination, release or escape."""
        return (
            all(records.is_victim for records in self.cases)
            and not any(incident.perpetrator_id == self.person.pk for incident in self.incidents)
            and not any(records.part != PROTECTED_VICTIM for records in self.orders)
            and not self.programmes
            and not self.custody_events
            and not self.nominations
        )

    @property
    def safe_address_withheld(self) -> bool:
        return self.person.address_is_safe_address and not self.may_see_safe_address

    @property
    def incidents_as_victim(self) -> list[Incident]:
        return [incident for incident in self.incidents if incident.victim_id == self.person.pk]

    @property
    def incidents_as_perpetrator(self) -> list[Incident]:
        return [incident for incident in self.incidents if incident.perpetrator_id == self.person.pk]

    @property
    def orders_against(self) -> list[OrderRecords]:
        return [records for records in self.orders if records.part == AGAINST]

    @property
    def orders_protecting(self) -> list[OrderRecords]:
        return [records for records in self.orders if records.part != AGAINST]

    @property
    def release_notifications_withheld(self) -> bool:
        return any(event.notification_count for event in self.custody_events)

    @property
    def matac_withheld(self) -> bool:
        return any(nomination.listing_count or nomination.action_count for nomination in self.nominations)


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
    attach(
        "pathway_referrals",
        PathwayReferral.objects.filter(case_id__in=case_ids)
        .select_related("pathway", "from_agency", "to_agency", "assessment", "marac_referral")
        .prefetch_related(
            Prefetch("events", queryset=PathwayEvent.objects.select_related("agency").order_by("occurred_at", "pk"))
        )
        .order_by("sent_at", "pk"),
    )
    attach(
        "reported_events",
        ReportedEvent.objects.filter(case_id__in=case_ids).select_related("agency").order_by("occurred_at", "pk"),
    )
    attach(
        "duties",
        Duty.objects.filter(case_id__in=case_ids).select_related("agency", "referral").order_by("raised_at", "pk"),
    )
    attach(
        "information_given",
        InformationGiven.objects.filter(case_id__in=case_ids).select_related("agency").order_by("given_at", "pk"),
    )
    attach(
        "release_choices",
        NotificationChoice.objects.filter(case_id__in=case_ids)
        .select_related("agency")
        .order_by("decided_on", "recorded_at", "pk"),
    )
    attach(
        "release_notifications",
        ReleaseNotification.objects.filter(case_id__in=case_ids)
        .select_related("event", "event__perpetrator", "told_by_agency")
        .order_by("event__occurred_at", "pk"),
    )
    attach(
        "needs_assessments",
        NeedsAssessment.objects.filter(case_id__in=case_ids).select_related("agency").order_by("version", "pk"),
    )
    events = AuditEvent.objects.filter(case_id__in=case_ids)
    if with_access_log:
        attach("access_events", events.order_by("occurred_at", "pk"))
        for entry in records:
            entry.access_event_count = len(entry.access_events)
    else:
        for row in events.values("case_id").annotate(count=Count("pk")).order_by():
            by_case[row["case_id"]].access_event_count = row["count"]
    # A merge moved every row of the merged record to the kept one, so what was recorded under it is found under the
    # subject's own; the merged records themselves (their names, who looked at them) are the subject's too.
    merged_records = list(Person.objects.filter(merged_into=person).order_by("pk"))
    record_ids = [str(person.pk)] + [str(record.pk) for record in merged_records]
    record_events = list(
        AuditEvent.objects.filter(object_type=Person._meta.label_lower, object_id__in=record_ids).order_by(
            "occurred_at", "pk"
        )
    )
    report = SubjectAccessReport(
        person=person,
        aliases=aliases,
        cases=records,
        record_events=record_events,
        may_see_safe_address=policy.may_see_safe_address(actor, Detail.FULL),
        merged_records=merged_records,
    )
    _attach_person_records(report, actor=actor)
    return report


def _attach_person_records(report: SubjectAccessReport, *, actor: Actor) -> None:
    """What hangs off the person rather than one case of theirs, in a fixed number of queries."""
    person = report.person
    visible = policy.visible_cases(actor).values("pk")
    report.merges = list(
        PersonMerge.objects.filter(
            Q(kept=person) | Q(merged=person) | Q(kept__merged_into=person) | Q(merged__merged_into=person)
        )
        .select_related("merged_by", "undone_by")
        .order_by("merged_at", "pk")
    )
    report.incidents = list(
        Incident.objects.filter(Q(victim=person) | Q(perpetrator=person), locality_id=person.locality_id)
        .select_related("source_agency", "victim", "perpetrator")
        .order_by("occurred_at", "pk")
    )
    report.flags = list(
        ReferralFlag.objects.filter(person=person, locality_id=person.locality_id).order_by("raised_at", "pk")
    )
    orders = (
        Order.objects.filter(case__in=visible)
        .filter(Q(perpetrator=person) | Q(case__victim=person) | Q(other_protected=person))
        .distinct()
        .select_related("case", "perpetrator", "owner_agency", "case__victim")
        .prefetch_related(
            "conditions",
            Prefetch("other_protected", queryset=Person.objects.order_by("family_name", "given_name", "pk")),
            Prefetch(
                "breaches",
                queryset=Breach.objects.select_related("reporting_agency", "response", "response__agency").order_by(
                    "occurred_at", "pk"
                ),
            ),
        )
        .order_by("starts_on", "pk")
    )
    report.orders = [OrderRecords(order=order, part=_order_part(order, person)) for order in orders]
    report.programmes = list(
        ProgrammeReferral.objects.filter(perpetrator=person, case__in=visible)
        .select_related("case", "programme_agency")
        .prefetch_related(
            Prefetch("updates", queryset=ProgrammeUpdate.objects.select_related("agency").order_by("recorded_at", "pk"))
        )
        .order_by("referred_on", "pk")
    )
    # Who was told of each release is the victims' (rule 8): only counted, to say in the file that it is withheld.
    report.custody_events = list(
        CustodyEvent.objects.filter(perpetrator=person, locality_id=person.locality_id)
        .select_related("reporting_agency")
        .annotate(notification_count=Count("notifications"))
        .order_by("occurred_at", "pk")
    )
    report.nominations = list(
        Nomination.objects.filter(person=person, locality_id=person.locality_id)
        .annotate(listing_count=Count("listings", distinct=True), action_count=Count("actions", distinct=True))
        .prefetch_related(
            Prefetch(
                "referrals",
                queryset=NominationReferral.objects.select_related("referring_agency").order_by("referred_at", "pk"),
            ),
            Prefetch("scores", queryset=RfgvSnapshot.objects.order_by("taken_at", "pk")),
        )
        .order_by("nominated_at", "pk")
    )


def _order_part(order: Order, person: Person) -> str:
    if order.perpetrator_id == person.pk:
        return AGAINST
    if order.case.victim_id == person.pk:
        return PROTECTED_VICTIM
    return ALSO_PROTECTED


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


def _record_json(
    person: Person, *, aliases: list[str], contact_released: bool, may_see_safe_address: bool, path: str
) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """One record of the subject (their own, or one merged into it), and what rule 1 and rule 2 withhold of it."""
    record: dict[str, Any] = {
        "record_id": person.pk,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "other_names": aliases,
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
    if not contact_released:
        return record, [{"what": f"{path}.contact, {path}.school", "why": WITHHELD_CONTACT}]
    withheld = []
    contact = {
        "phone": person.phone,
        "safe_to_call": _yes_no(person.safe_to_call),
        "best_time_to_call": person.best_time_to_call,
        "address": person.address,
        "postcode": person.postcode,
        "address_is_safe_address": person.address_is_safe_address,
    }
    if person.address_is_safe_address and not may_see_safe_address:
        contact["address"] = contact["postcode"] = None
        withheld.append({"what": f"{path}.contact.address, {path}.contact.postcode", "why": WITHHELD_SAFE_ADDRESS})
    record["contact"] = contact
    record["school"] = person.school
    return record, withheld


def _subject_json(report: SubjectAccessReport, withheld: list[dict[str, str]]) -> dict[str, Any]:
    subject, held_back = _record_json(
        report.person,
        aliases=[alias.name for alias in report.aliases],
        contact_released=report.contact_released,
        may_see_safe_address=report.may_see_safe_address,
        path="subject",
    )
    withheld += held_back
    return subject


def _merged_records_json(report: SubjectAccessReport, withheld: list[dict[str, str]]) -> list[dict[str, Any]]:
    """The records found to be the subject's and merged into theirs: the same rules as their own record."""
    entries = []
    for record in report.merged_records:
        entry, held_back = _record_json(
            record,
            aliases=[],  # the merge moved them to the subject's own record
            contact_released=report.contact_released,
            may_see_safe_address=report.may_see_safe_address,
            path=f"merged_records[{record.pk}]",
        )
        entries.append(entry)
        withheld += held_back
    return entries


def _username(user) -> str:
    return user.get_username() if user is not None else ""


def _merge_json(merge: PersonMerge) -> dict[str, Any]:
    """Ids only: a merge undone may have joined the subject's record to someone else's."""
    return {
        "kept_record_id": merge.kept_id,
        "merged_record_id": merge.merged_id,
        "merged_at": _when(merge.merged_at),
        "merged_by": _username(merge.merged_by),
        "undone": merge.is_undone,
        "undone_at": _when(merge.undone_at),
        "undone_by": _username(merge.undone_by),
    }


def _incident_json(incident: Incident, person: Person) -> dict[str, Any]:
    as_victim = incident.victim_id == person.pk
    other = incident.perpetrator if as_victim else incident.victim
    return {
        "occurred_at": _when(incident.occurred_at),
        "type": incident.get_incident_type_display(),
        "gravity": incident.get_gravity_display(),
        "recorded_by_agency": incident.source_agency.name,
        "your_role": "Victim" if as_victim else "Perpetrator",
        "other_person": None
        if other is None
        else {"role": "Perpetrator" if as_victim else "Victim", "name": other.full_name},
        "summary": incident.summary,
    }


def _flag_json(flag: ReferralFlag) -> dict[str, Any]:
    return {
        "reason": flag.get_reason_display(),
        "raised_at": _when(flag.raised_at),
        "resolved_at": _when(flag.resolved_at),
        "resolution": flag.get_resolution_display(),
        "resolution_note": flag.resolution_note,
    }


def _breach_json(breach: Breach) -> dict[str, Any]:
    response = getattr(breach, "response", None)
    return {
        "occurred_at": _when(breach.occurred_at),
        "reported_at": _when(breach.reported_at),
        "reporting_agency": breach.reporting_agency.name,
        "description": breach.description,
        "response": None
        if response is None
        else {
            "kind": response.get_kind_display(),
            "responded_at": _when(response.responded_at),
            "agency": response.agency.name,
            "reason": response.reason,
        },
    }


def _order_json(records: OrderRecords) -> dict[str, Any]:
    """An order by the subject's part in it (rule 7): the other people by role and name only."""
    order = records.order
    entry: dict[str, Any] = {
        "case": order.case.reference,
        "your_part": records.part_label,
        "order_type": order.get_order_type_display(),
        "reference": order.reference,
        "issued_by": order.issued_by,
        "owner_agency": order.owner_agency.name,
        "starts_on": _when(order.starts_on),
        "ends_on": _when(order.ends_on),
        "notification_requirements": order.notification_requirements,
        "electronic_monitoring": order.electronic_monitoring,
        "released": records.released,
    }
    if not records.released:
        entry["why_not_released"] = WITHHELD_ORDER_OF_ANOTHER
        return entry
    if records.part == AGAINST:
        entry["protects"] = [{"role": "Victim", "name": order.case.victim.full_name}] + [
            {"role": "Also protected", "name": person.full_name} for person in records.protected_others
        ]
    else:
        entry["against"] = {"role": "Perpetrator", "name": order.perpetrator.full_name}
        entry["also_protects"] = [person.full_name for person in records.protected_others]
    entry["conditions"] = [condition.text for condition in order.conditions.all()]
    entry["breaches"] = [_breach_json(breach) for breach in order.breaches.all()]
    return entry


def _programme_json(programme: ProgrammeReferral) -> dict[str, Any]:
    return {
        "case": programme.case.reference,
        "programme": programme.programme_name,
        "agency": programme.programme_agency.name,
        "ordered_by": programme.ordered_by,
        "referred_on": _when(programme.referred_on),
        "sessions_expected": programme.sessions_expected,
        "sessions_attended": programme.sessions_attended,
        "status": programme.get_status_display(),
        "ended_on": _when(programme.ended_on),
        "dropout_reason": programme.dropout_reason,
        "updates": [
            {
                "at": _when(update.recorded_at),
                "agency": update.agency.name,
                "sessions_attended": update.sessions_attended,
                "status": update.get_status_display(),
                "note": update.note,
            }
            for update in programme.updates.all()
        ],
    }


def _custody_event_json(event: CustodyEvent) -> dict[str, Any]:
    """His release or escape; the victims' notifications are theirs (rule 8)."""
    return {
        "kind": event.get_kind_display(),
        "occurred_at": _when(event.occurred_at),
        "establishment": event.establishment,
        "due_back_on": _when(event.returns_on),
        "reporting_agency": event.reporting_agency.name,
    }


def _score_json(score: RfgvSnapshot) -> dict[str, Any]:
    return {
        "occasion": score.get_occasion_display(),
        "taken_at": _when(score.taken_at),
        "total": score.total,
        "recency": score.recency,
        "frequency": score.frequency,
        "gravity": score.gravity,
        "victims": score.victims,
        "incidents_counted": score.incident_count,
        "victims_counted": score.victim_count,
    }


def _nomination_json(nomination: Nomination) -> dict[str, Any]:
    scores = list(nomination.scores.all())
    at = {score.occasion: score.total for score in scores if score.occasion != ScoreOccasion.REFERRAL}
    entry, leaving = at.get(ScoreOccasion.ENTRY), at.get(ScoreOccasion.EXIT)
    return {
        "nominated_at": _when(nomination.nominated_at),
        "status": nomination.get_status_display(),
        "decided_at": _when(nomination.decided_at),
        "decline_reason": nomination.decline_reason,
        "subject_profile": nomination.subject_profile,
        "intelligence_profile": nomination.intelligence_profile,
        "exited_at": _when(nomination.exited_at),
        "exit_reason": nomination.get_exit_reason_display(),
        "exit_note": nomination.exit_note,
        "score_at_entry": entry,
        "score_at_exit": leaving,
        "change_in_score": leaving - entry if entry is not None and leaving is not None else None,
        "scores": [_score_json(score) for score in scores],
        "referrals": [
            {
                "source": referral.get_source_display(),
                "agency": referral.referring_agency.name,
                "referred_at": _when(referral.referred_at),
                "reason": referral.reason,
                "known": referral.known,
            }
            for referral in nomination.referrals.all()
        ],
    }


def _submitted_json(referral: Referral, *, may_see_safe_address: bool, contact_released: bool) -> dict[str, Any]:
    """What the referral said, as it said it: all of her own part, the others by name and relationship only. Her
    contact details as referred follow the same rule as her record's (rule 1)."""
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
                if (key not in ("address", "postcode") or may_see_safe_address or not own.address_is_safe_address)
                and (contact_released or key not in (*CONTACT_FIELDS, "school"))
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


def _pathway_referral_json(referral: PathwayReferral) -> dict[str, Any]:
    return {
        # The pathway's name as the referral was sent: a pathway renamed later does not rename what happened.
        "pathway": referral.protocol.get("name") or referral.pathway.name,
        "from_agency": referral.from_agency.name,
        "to_agency": referral.to_agency.name,
        "sent_at": _when(referral.sent_at),
        "sent_with_assessment_of": _when(referral.assessment.assessed_at),
        "risk_summary": referral.risk_summary,
        "children_in_household": referral.children_in_household,
        "incidents_in_escalation_window": referral.incidents_in_escalation_window,
        "consent": referral.get_consent_display(),
        "sharing_without_consent_reason": referral.sharing_without_consent_reason,
        "sharing_approved_by": referral.sharing_approved_by,
        "proposed_route": referral.get_proposed_route_display(),
        "routing_reason": referral.routing_reason,
        "status": referral.get_status_display(),
        "response_due_at": _when(referral.response_due_at),
        "responded_at": _when(referral.responded_at),
        "decline_reason": referral.decline_reason,
        "feedback_due_at": _when(referral.feedback_due_at),
        "first_feedback_at": _when(referral.first_feedback_at),
        "closed_at": _when(referral.closed_at),
        "referred_to_marac_at": _when(referral.marac_referral.referred_at) if referral.marac_referral else None,
        "steps": [
            {
                "at": _when(step.occurred_at),
                "step": step.get_kind_display(),
                "agency": step.agency.name,
                "text": step.text,
            }
            for step in referral.events.all()
        ],
    }


def _duty_json(duty: Duty) -> dict[str, Any]:
    return {
        "agency": duty.agency.name,
        "after": duty.get_event_kind_display(),
        "event_at": _when(duty.event_at),
        "raised_at": _when(duty.raised_at),
        "due_at": _when(duty.due_at),
        "status": duty.get_status_display(),
        "answered_at": _when(duty.answered_at),
        "referred_back_at": _when(duty.referral.referred_at) if duty.referral else None,
        "decline_reason": duty.decline_reason,
    }


def _rights_log_json(records: CaseRecords) -> dict[str, Any]:
    """Her rights log: of the perpetrator's release, its kind and date and his name only (rule 3)."""
    in_force = records.release_choice_in_force
    return {
        "information_given": [
            {
                "given_at": _when(occasion.given_at),
                "agency": occasion.agency.name,
                "method": occasion.get_method_display(),
                "topics": [str(label) for label in occasion.topic_labels],
                "language": occasion.language,
                "interpreter_used": occasion.interpreter_used,
                "in_writing": occasion.in_writing,
                "note": occasion.note,
            }
            for occasion in records.information_given
        ],
        "release_notification_choices": [
            {
                "decided_on": _when(choice.decided_on),
                "wants_to_be_told": choice.wants_to_be_told,
                "in_force": choice is in_force,
                "agency": choice.agency.name,
                "note": choice.note,
            }
            for choice in records.release_choices
        ],
        "release_notifications": [
            {
                "perpetrator": {"role": "Perpetrator", "name": notification.event.perpetrator.full_name},
                "release": notification.event.get_kind_display(),
                "released_at": _when(notification.event.occurred_at),
                "had_asked_to_be_told": notification.victim_opted_in,
                "told_at": _when(notification.told_at),
                "told_by_agency": notification.told_by_agency.name if notification.told_by_agency else None,
                "method": notification.get_method_display(),
                "note": notification.note,
            }
            for notification in records.release_notifications
        ],
        "needs_assessments": [
            {
                "version": assessment.version,
                "reason": assessment.get_reason_display(),
                "change_description": assessment.change_description,
                "assessed_on": _when(assessment.assessed_on),
                "agency": assessment.agency.name,
                "needs": [str(label) for label in assessment.need_labels],
                "findings": assessment.findings,
                "her_views": assessment.her_views,
            }
            for assessment in records.needs_assessments
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


def _case_json(records: CaseRecords, *, may_see_safe_address: bool, contact_released: bool) -> dict[str, Any]:
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
                "as_referred": _submitted_json(
                    referral, may_see_safe_address=may_see_safe_address, contact_released=contact_released
                ),
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
        "pathway_referrals": [_pathway_referral_json(referral) for referral in records.pathway_referrals],
        "disclosures_and_moves": [
            {
                "kind": event.get_kind_display(),
                "occurred_at": _when(event.occurred_at),
                "agency": event.agency.name,
                "recorded_at": _when(event.recorded_at),
                "note": event.note,
            }
            for event in records.reported_events
        ],
        "referral_back_duties": [_duty_json(duty) for duty in records.duties],
        **_rights_log_json(records),
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
    cases = [
        _case_json(records, may_see_safe_address=report.may_see_safe_address, contact_released=report.contact_released)
        for records in report.cases
    ]
    if not report.contact_released and any(case["released"] and case.get("referrals") for case in cases):
        withheld.append({"what": "cases[].referrals[].as_referred.victim contact", "why": WITHHELD_CONTACT})
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
    merged_records = _merged_records_json(report, withheld)
    orders_protecting = [_order_json(records) for records in report.orders_protecting]
    withheld += [
        {"what": f"orders_protecting_you[{index}].conditions, .breaches", "why": WITHHELD_ORDER_OF_ANOTHER}
        for index, records in enumerate(report.orders_protecting)
        if not records.released
    ]
    if report.release_notifications_withheld:
        withheld.append({"what": "custody_events[].notifications", "why": WITHHELD_RELEASE_NOTIFICATIONS})
    if report.matac_withheld:
        withheld.append(
            {"what": "matac_nominations[].meetings, matac_nominations[].actions", "why": WITHHELD_MATAC_TACTICS}
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
        "merged_records": merged_records,
        "merges": [_merge_json(merge) for merge in report.merges],
        "cases": cases,
        "incidents": [_incident_json(incident, report.person) for incident in report.incidents],
        "referral_flags": [_flag_json(flag) for flag in report.flags],
        "orders_against_you": [_order_json(records) for records in report.orders_against],
        "orders_protecting_you": orders_protecting,
        "programmes": [_programme_json(programme) for programme in report.programmes],
        "custody_events": [_custody_event_json(event) for event in report.custody_events],
        "matac_nominations": [_nomination_json(nomination) for nomination in report.nominations],
        "record_access_log": [
            {"record_id": int(event.object_id), **_event_json(event)} for event in report.record_events
        ],
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
        raise ValidationError({"purpose": gettext("Say why the file is produced, for example the request it answers.")})
    # The file is a document of record: in the site's language, whatever the language of the pages of whoever
    # produces it.
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
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
                "merged_records": [record.pk for record in report.merged_records],
                "incidents": [incident.pk for incident in report.incidents],
                "orders": [records.order.pk for records in report.orders],
                "released_orders": [records.order.pk for records in report.orders if records.released],
                "programmes": [programme.pk for programme in report.programmes],
                "custody_events": [event.pk for event in report.custody_events],
                "matac_nominations": [nomination.pk for nomination in report.nominations],
                "withheld": [entry["what"] for entry in document["withheld"]],
            },
            purpose=AuditPurpose.SUBJECT_ACCESS_REQUEST,
        )
        content = json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()
    stamp = timezone.localtime(now).strftime("%Y%m%d-%H%M")
    return ExportFile(filename=f"subject-access-{person.pk}-{stamp}.json", content=content)
