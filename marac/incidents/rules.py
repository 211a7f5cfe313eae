"""The duty to refer, applied to incidents: repeat and potential escalation (domain.md §2, criteria 3 and 4).

Repeat
------
An incident is a repeat when it happened after the victim's last referral and within the locality's
`repeat_window_months` of it, and its perpetrator is a perpetrator party on that referral's case. Any agency must
re-refer a repeat, so the rule does it for them: a repeat referral on the case (criterion "repeat", linked to the
previous referral), made on behalf of the agency that recorded the incident, by the person who recorded it (or
started the import that brought it). The case goes back to triage as a repeat referral's would: a monitored or
closed case is re-opened as referred. The coordinator and the case's IDVA service are told in the application
(`selectors.auto_referral_list`) and by an e-mail without personal data.

- Every incident leads to one repeat referral at most (`Incident.auto_referral`): evaluating it again adds nothing.
- The incidents of one evaluation for one case make one referral, which lists them all. Later incidents join that
  referral while it still waits for triage, rather than making another.
- An incident older than a referral an agency made since is not a repeat of anything: that referral came after it
  (an import of last year's records does not re-refer what was referred since). The rules' own referrals cover only
  the incidents they list.
- A transferred or anonymised case takes no repeat referral. An incident with no perpetrator, or another
  perpetrator, is not a repeat (the escalation rule still counts it).
- Where nobody is known to have recorded the incidents (an import run without a user), the referral would have
  no referrer: the victim is flagged for a repeat referral instead, for the agency to make by hand.

Potential escalation
--------------------
`escalation_incident_count` incidents or more about the same victim, from any agencies, in the locality's last
`escalation_window_months` (the window ends now, as the referral form counts them), with no referral of her in
that window, flag her for referral (`ReferralFlag`, reason "escalation"). While a flag is open new incidents join
it; an incident that was part of an escalation flag never raises another, so evaluating again adds nothing, and a
flag the coordinator closed as "no referral needed" stays closed until a new incident arrives.

Flags are resolved as "referred" by the first referral of the person made after they were raised, whenever the
rules next run; the coordinator may also resolve them by hand (`services.flag_resolve`).

Queries
-------
`incidents_evaluate` takes a queryset (or ids) and runs a constant number of set-based queries per locality,
however many incidents it is given; only each referral it makes or extends costs queries of its own (bounded by
the cases, not the incidents). Pass a queryset rather than a long list of ids: it is used as a subquery.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Window
from django.db.models.functions import Coalesce
from django.utils import dateformat, timezone, translation

from marac.access.actor import Actor
from marac.agencies.models import Agency, Locality
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.incidents.models import AutoReferral, FlagReason, FlagResolution, Incident, ReferralFlag
from marac.notifications.content import locality_facts, site_link
from marac.notifications.models import NoticeKind
from marac.notifications.services import Notice, SendReport, notices_send
from marac.people.ages import age_on
from marac.people.models import Person
from marac.referrals.models import Case, CaseParty, CaseStatus, Consent, PartyRole, Referral
from marac.referrals.services import TRIAGE_OPEN, case_referred_again, months_before
from marac.webhooks.outbox import referral_received

# Repeat referrals made in this many days whose e-mails did not go out are e-mailed by a later run.
EMAIL_CATCH_UP_DAYS = 7

# Up to this many people or cases, the rules look them up by id; beyond it, they read the locality's rows in one pass.
LOOKUP_BY_ID_LIMIT = 1000

REPEAT_CONSENT_REASON = (
    "Made automatically from an incident record: a repeat must be referred back to the MARAC whatever the "
    "threshold. The IDVA seeks the victim's views."
)


@dataclass
class RulesOutcome:
    """What one evaluation did: ids only, no personal details."""

    referrals_created: list[int] = field(default_factory=list)
    referrals_extended: list[int] = field(default_factory=list)
    flags_raised: list[int] = field(default_factory=list)
    flags_extended: list[int] = field(default_factory=list)
    flags_resolved: list[int] = field(default_factory=list)
    emails: SendReport = field(default_factory=SendReport)


@dataclass(frozen=True)
class _Candidate:
    pk: int
    victim_id: int
    perpetrator_id: int
    occurred_at: dt.datetime
    source_agency_id: int
    recorder_id: int | None


@dataclass(frozen=True)
class _ReferralRow:
    pk: int
    case_id: int
    victim_id: int
    referred_at: dt.datetime
    is_auto: bool
    case_status: str
    case_erased: bool

    @property
    def order(self) -> tuple[dt.datetime, int]:
        return (self.referred_at, self.pk)


def _selected(incidents: QuerySet[Incident] | Iterable[int]) -> QuerySet[Incident]:
    if isinstance(incidents, QuerySet):
        return Incident.objects.filter(pk__in=incidents.values("pk"))
    return Incident.objects.filter(pk__in=list(incidents))


def incidents_evaluate(
    *, incidents: QuerySet[Incident] | Iterable[int], now: dt.datetime | None = None
) -> RulesOutcome:
    """Apply the repeat and escalation rules to these incidents (and the flags of their localities); idempotent.

    Call it after the incidents are committed, outside any transaction of your own: each referral it makes is its
    own transaction, and the e-mails go once those are committed.
    """
    now = now or timezone.now()
    actor = Actor(user=None, membership=None)  # the rules act, on behalf of the recording agency
    selected = _selected(incidents)
    outcome = RulesOutcome()
    for locality in Locality.objects.filter(pk__in=selected.values("locality_id")).order_by("pk"):
        in_locality = selected.filter(locality=locality)
        unrecorded = _repeats(actor=actor, locality=locality, selected=in_locality, now=now, outcome=outcome)
        if unrecorded:
            _flags_raise(
                actor=actor, locality=locality, reason=FlagReason.REPEAT, incidents=unrecorded, now=now, outcome=outcome
            )
        _escalations(actor=actor, locality=locality, selected=in_locality, now=now, outcome=outcome)
        outcome.flags_resolved += flags_resolve_referred(locality=locality, now=now)
    if outcome.referrals_created:
        outcome.emails = repeat_notices_email(
            auto_referrals=AutoReferral.objects.filter(referral_id__in=outcome.referrals_created), now=now
        )
    return outcome


# Repeat


def _repeat_candidates(selected: QuerySet[Incident], locality: Locality) -> list[_Candidate]:
    """Incidents with a perpetrator, not yet part of a repeat referral or flag, about a victim who has a case."""
    rows = (
        selected.filter(
            perpetrator__isnull=False,
            auto_referral__isnull=True,
            victim_id__in=Case.objects.filter(locality=locality).values("victim_id"),
        )
        .exclude(referral_flags__reason=FlagReason.REPEAT)
        .annotate(recorder=Coalesce(F("recorded_by"), F("imported_by__started_by")))
        .order_by("occurred_at", "pk")
        .values_list("pk", "victim_id", "perpetrator_id", "occurred_at", "source_agency_id", "recorder")
    )
    return [_Candidate(*row) for row in rows]


def _among(field: str, ids: set[int]) -> Q:
    """Rows whose `field` is one of `ids`: by index for a few ids; for many, every row of the locality, the caller
    keeping those it needs. A long literal list would outgrow the database's parameter limit and mislead its
    planner."""
    return Q(**{f"{field}__in": ids}) if len(ids) <= LOOKUP_BY_ID_LIMIT else Q()


def _referrals_of(locality: Locality, victim_ids: set[int]) -> dict[int, list[_ReferralRow]]:
    rows = (
        Referral.objects.filter(_among("case__victim_id", victim_ids), case__locality=locality)
        .annotate(is_auto=Exists(AutoReferral.objects.filter(referral_id=OuterRef("pk"))))
        .values_list(
            "pk",
            "case_id",
            "case__victim_id",
            "referred_at",
            "is_auto",
            "case__status",
            "case__erased_at",
        )
    )
    by_victim: dict[int, list[_ReferralRow]] = defaultdict(list)
    for *values, erased_at in rows:
        row = _ReferralRow(*values, case_erased=erased_at is not None)
        by_victim[row.victim_id].append(row)
    for referrals in by_victim.values():
        referrals.sort(key=lambda row: row.order)
    return by_victim


def _repeat_case(
    candidate: _Candidate, referrals: list[_ReferralRow], *, window_months: int, perpetrators: set[tuple[int, int]]
) -> int | None:
    """The case the incident is a repeat on, or None."""
    before = [row for row in referrals if row.referred_at <= candidate.occurred_at]
    if not before:
        return None
    last = before[-1]
    if last.referred_at < months_before(candidate.occurred_at, window_months):
        return None
    if last.case_status == CaseStatus.TRANSFERRED or last.case_erased:
        return None
    if (last.case_id, candidate.perpetrator_id) not in perpetrators:
        return None
    # A referral an agency made since came after the incident, and covers it; the rules' own referrals cover only
    # the incidents they list.
    if any(row.referred_at > candidate.occurred_at and not row.is_auto for row in referrals):
        return None
    return last.case_id


def _repeats(
    *, actor: Actor, locality: Locality, selected: QuerySet[Incident], now: dt.datetime, outcome: RulesOutcome
) -> dict[int, list[int]]:
    """Make or extend the repeat referrals; returns the incidents, by victim, that no one is known to have recorded."""
    candidates = _repeat_candidates(selected, locality)
    if not candidates:
        return {}
    referrals = _referrals_of(locality, {candidate.victim_id for candidate in candidates})
    case_ids = {row.case_id for rows in referrals.values() for row in rows}
    perpetrators = set(
        CaseParty.objects.filter(
            _among("case_id", case_ids), case__locality=locality, role=PartyRole.PERPETRATOR
        ).values_list("case_id", "person_id")
    )
    by_case: dict[int, list[_Candidate]] = defaultdict(list)
    for candidate in candidates:
        case_id = _repeat_case(
            candidate,
            referrals.get(candidate.victim_id, []),
            window_months=locality.repeat_window_months,
            perpetrators=perpetrators,
        )
        if case_id is not None:
            by_case[case_id].append(candidate)
    unrecorded: dict[int, list[int]] = defaultdict(list)
    if not by_case:
        return unrecorded
    agencies = {agency.pk: agency for agency in Agency.objects.filter(locality=locality)}
    for case_id, group in by_case.items():
        result, referral_id = _repeat_referral(actor=actor, case_id=case_id, group=group, agencies=agencies, now=now)
        if result == _Repeat.CREATED:
            outcome.referrals_created.append(referral_id)
        elif result == _Repeat.EXTENDED:
            outcome.referrals_extended.append(referral_id)
        elif result == _Repeat.UNRECORDED:
            unrecorded[group[0].victim_id].extend(candidate.pk for candidate in group)
    return unrecorded


class _Repeat(StrEnum):
    CREATED = "created"
    EXTENDED = "extended"
    UNRECORDED = "unrecorded"  # nobody is known to have recorded the incidents: no referrer for a referral
    TAKEN = "taken"  # a concurrent evaluation took the incidents


def _repeat_referral(
    *, actor: Actor, case_id: int, group: list[_Candidate], agencies: dict[int, Agency], now: dt.datetime
) -> tuple[_Repeat, int | None]:
    """One case's repeat: extend the rules' referral still waiting for triage, or make a new one."""
    with transaction.atomic():
        case = Case.objects.select_for_update(of=("self",)).select_related("locality").get(pk=case_id)
        # Checked again under the lock: a concurrent evaluation may have taken these incidents already.
        fresh = list(
            Incident.objects.filter(pk__in=[candidate.pk for candidate in group], auto_referral__isnull=True)
            .order_by("occurred_at", "pk")
            .values_list("pk", flat=True)
        )
        if not fresh:
            return _Repeat.TAKEN, None
        pending = (
            AutoReferral.objects.filter(referral__case=case, referral__triage_status__in=TRIAGE_OPEN)
            .select_related("referral")
            .order_by("-created_at", "-pk")
            .first()
        )
        if pending is not None:
            _extend(actor=actor, case=case, auto=pending, incident_ids=fresh, agencies=agencies)
            return _Repeat.EXTENDED, pending.referral_id
        fresh_set = set(fresh)
        recorders = [c.recorder_id for c in reversed(group) if c.pk in fresh_set and c.recorder_id is not None]
        if not recorders:
            return _Repeat.UNRECORDED, None
        latest = next(c for c in reversed(group) if c.pk in fresh_set)
        referral = _create(
            actor=actor,
            case=case,
            incident_ids=fresh,
            agency=agencies[latest.source_agency_id],
            referred_by_id=recorders[0],
            agencies=agencies,
            now=now,
        )
    return _Repeat.CREATED, referral.pk


def _incident_lines(incidents: list[Incident], agencies: dict[int, Agency]) -> list[str]:
    lines = []
    for incident in incidents:
        when = dateformat.format(timezone.localtime(incident.occurred_at), "j F Y, H:i")
        line = (
            f"- {when}: {incident.get_incident_type_display()} ({incident.get_gravity_display().split(':')[0]}), "
            f"recorded by {agencies[incident.source_agency_id]}"
        )
        if incident.children_present:
            line += f"; {incident.children_present} child{'ren' if incident.children_present != 1 else ''} present"
        if incident.summary:
            line += f". {incident.summary}"
        lines.append(line)
    return lines


def _risk_summary(*, case: Case, incidents: list[Incident], agencies: dict[int, Agency], previous: Referral) -> str:
    window = case.locality.repeat_window_months
    last = dateformat.format(timezone.localtime(previous.referred_at), "j F Y")
    heading = (
        f"Made automatically by the repeat rule: {len(incidents)} incident{'s' if len(incidents) != 1 else ''} "
        f"between the victim and a perpetrator on this case within {window} months of the last referral "
        f"({last})."
    )
    return "\n".join([heading, "", *_incident_lines(incidents, agencies)])


def _person_json(person: Person, on: dt.date, **extra: str) -> dict:
    return {
        "given_name": person.given_name,
        "family_name": person.family_name,
        "aliases": [alias.name for alias in person.aliases.all()],
        "date_of_birth": person.date_of_birth.isoformat() if person.date_of_birth else None,
        "age_at_referral": age_on(person.date_of_birth, on) if person.date_of_birth else None,
        "person_id": person.pk,
        "gender": person.gender,
        **extra,
    }


def _submitted_details(*, case: Case, incidents: list[Incident], on: dt.date) -> dict:
    """The victim and the perpetrators the incidents name, as the person records hold them now."""
    perpetrator_ids = {incident.perpetrator_id for incident in incidents}
    parties = (
        CaseParty.objects.filter(case=case, role=PartyRole.PERPETRATOR, person_id__in=perpetrator_ids)
        .select_related("person")
        .prefetch_related("person__aliases")
        .order_by("pk")
    )
    victim = Person.objects.prefetch_related("aliases").get(pk=case.victim_id)
    return {
        "victim": _person_json(victim, on),
        "perpetrators": [
            _person_json(party.person, on, relationship_to_victim=party.relationship_to_victim) for party in parties
        ],
        "children": [],
    }


def _create(
    *,
    actor: Actor,
    case: Case,
    incident_ids: list[int],
    agency: Agency,
    referred_by_id: int,
    agencies: dict[int, Agency],
    now: dt.datetime,
) -> Referral:
    incidents = list(Incident.objects.filter(pk__in=incident_ids).order_by("occurred_at", "pk"))
    previous = Referral.objects.filter(case=case).order_by("-referred_at", "-pk").first()
    # The referral is stored for every agency to read: in English, whatever the language of the page that ran the rule.
    with translation.override(None):
        risk_summary = _risk_summary(case=case, incidents=incidents, agencies=agencies, previous=previous)
    referral = Referral.objects.create(
        case=case,
        referring_agency=agency,
        referred_by_id=referred_by_id,
        referred_at=now,
        is_repeat=True,
        previous_referral=previous,
        consent=Consent.NOT_SOUGHT,
        sharing_without_consent_reason=REPEAT_CONSENT_REASON,
        sharing_approved_by=f"The repeat rule of the {case.locality.mechanism_name} protocol",
        risk_summary=risk_summary,
        children_in_household=max(
            [previous.children_in_household, *(incident.children_present for incident in incidents)]
        ),
        submitted_details=_submitted_details(case=case, incidents=incidents, on=timezone.localdate(now)),
    )
    auto = AutoReferral.objects.create(referral=referral, created_at=now)
    Incident.objects.filter(pk__in=incident_ids).update(auto_referral=auto)
    case_referred_again(actor=actor, case=case, now=now, reopened_by="Repeat referral")
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        target=referral,
        case=case,
        summary=f"Repeat referral to {case.reference} made automatically from incidents recorded by {agency}",
        detail={
            "criteria": referral.criteria_met,
            "incidents": incident_ids,
            "source_agency": agency.pk,
            "referred_by": referred_by_id,
            "previous_referral": previous.pk,
        },
    )
    referral_received(referral, now=now)
    return referral


def _extend(*, actor: Actor, case: Case, auto: AutoReferral, incident_ids: list[int], agencies: dict[int, Agency]):
    """Add incidents to the rules' referral still waiting for triage, and rewrite its summary to list them all."""
    Incident.objects.filter(pk__in=incident_ids).update(auto_referral=auto)
    referral = auto.referral
    incidents = list(Incident.objects.filter(auto_referral=auto).order_by("occurred_at", "pk"))
    previous = referral.previous_referral or referral
    referral.risk_summary = _risk_summary(case=case, incidents=incidents, agencies=agencies, previous=previous)
    referral.children_in_household = max(
        [referral.children_in_household, *(incident.children_present for incident in incidents)]
    )
    referral.save(update_fields=["risk_summary", "children_in_household"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        target=referral,
        case=case,
        summary=f"Added {len(incident_ids)} incident{'s' if len(incident_ids) != 1 else ''} to the automatic "
        "repeat referral",
        detail={"incidents": incident_ids},
    )


# Notices


def _repeat_notices(auto: AutoReferral) -> list[Notice]:
    referral = auto.referral
    case = referral.case
    locality = case.locality
    facts = {
        **locality_facts(locality),
        "referral_id": referral.pk,
        "source_agency": referral.referring_agency.name,
        "incident_count": auto.incident_count,
        "repeat_window_months": locality.repeat_window_months,
        "link": site_link("referrals:detail", pk=referral.pk),
    }
    notices = [
        Notice(
            kind=NoticeKind.REPEAT_REFERRAL,
            key=f"repeat-referral:{referral.pk}:coordinator",
            locality=locality,
            facts=facts,
            case=case,
        )
    ]
    if case.idva_agency is not None:
        notices.append(
            Notice(
                kind=NoticeKind.REPEAT_REFERRAL,
                key=f"repeat-referral:{referral.pk}:agency:{case.idva_agency_id}",
                locality=locality,
                agency=case.idva_agency,
                facts=facts,
                case=case,
            )
        )
    return notices


def repeat_notices_email(
    *, auto_referrals: QuerySet[AutoReferral] | None = None, now: dt.datetime | None = None
) -> SendReport:
    """E-mail the coordinator mailbox and the case's IDVA service about each repeat referral the rules made (by
    default those of the last `EMAIL_CATCH_UP_DAYS` days); each notice goes once."""
    now = now or timezone.now()
    if auto_referrals is None:
        auto_referrals = AutoReferral.objects.filter(created_at__gte=now - dt.timedelta(days=EMAIL_CATCH_UP_DAYS))
    rows = auto_referrals.select_related(
        "referral__case__locality", "referral__case__idva_agency", "referral__referring_agency"
    ).annotate(incident_count=Count("incidents"))
    notices = [notice for auto in rows.order_by("created_at", "pk") for notice in _repeat_notices(auto)]
    return notices_send(actor=Actor(user=None, membership=None), notices=notices, now=now)


# Flags


def _flags_raise(
    *,
    actor: Actor,
    locality: Locality,
    reason: str,
    incidents: dict[int, list[int]],
    now: dt.datetime,
    outcome: RulesOutcome,
) -> None:
    """Open a flag for each person in `incidents` (person id: incident ids), or add the incidents to the open one."""
    person_ids = set(incidents)
    open_flags = ReferralFlag.objects.filter(
        _among("person_id", person_ids), locality=locality, reason=reason, resolved_at__isnull=True
    )
    through = ReferralFlag.incidents.through
    with transaction.atomic():
        already_open = set(open_flags.values_list("person_id", flat=True)) & person_ids
        # A flag opened meanwhile by a concurrent run wins; its incidents are added below.
        ReferralFlag.objects.bulk_create(
            [
                ReferralFlag(locality=locality, person_id=person_id, reason=reason, raised_at=now)
                for person_id in sorted(person_ids - already_open)
            ],
            ignore_conflicts=True,
        )
        flags = {
            person_id: pk for person_id, pk in open_flags.values_list("person_id", "pk") if person_id in person_ids
        }
        through.objects.bulk_create(
            [
                through(referralflag_id=flags[person_id], incident_id=incident_id)
                for person_id, incident_ids in incidents.items()
                for incident_id in incident_ids
            ],
            ignore_conflicts=True,
        )
        raised = sorted(flags[person_id] for person_id in person_ids - already_open)
        extended = sorted(flags[person_id] for person_id in already_open)
        with translation.override(None):  # the audit trail is kept in English
            reason_words = FlagReason(reason).label.lower()
        audit_record(
            actor=actor,
            summary=f"Flagged {len(raised)} people for referral ({reason_words}); "
            f"{len(extended)} open flags took new incidents",
            action=AuditAction.CREATE,
            detail={"locality": locality.pk, "reason": reason, "raised": raised, "extended": extended},
        )
    outcome.flags_raised += raised
    outcome.flags_extended += extended


def _escalations(
    *, actor: Actor, locality: Locality, selected: QuerySet[Incident], now: dt.datetime, outcome: RulesOutcome
) -> None:
    window_start = months_before(now, locality.escalation_window_months)
    in_window = {"locality": locality, "occurred_at__gte": window_start, "occurred_at__lte": now}
    counted = ReferralFlag.incidents.through.objects.filter(
        incident_id=OuterRef("pk"), referralflag__reason=FlagReason.ESCALATION
    )
    # Only a victim with one of these incidents in the window, not yet counted by an escalation flag, can be flagged
    # because of this evaluation.
    touched = set(
        selected.filter(**in_window).exclude(Exists(counted)).order_by().values_list("victim_id", flat=True).distinct()
    )
    if not touched:
        return
    referred_in_window = Referral.objects.filter(case__locality=locality, referred_at__gte=window_start).values(
        "case__victim_id"
    )
    # Each victim's incidents in the window, counted by a window function in the same pass.
    window_incidents = (
        Incident.objects.filter(_among("victim_id", touched), **in_window)
        .exclude(victim_id__in=referred_in_window)
        .annotate(victim_incidents=Window(Count("pk"), partition_by=[F("victim_id")]))
        .filter(victim_incidents__gte=locality.escalation_incident_count)
        .values_list("pk", "victim_id")
    )
    incidents: dict[int, list[int]] = defaultdict(list)
    for pk, victim_id in window_incidents:
        if victim_id in touched:
            incidents[victim_id].append(pk)
    if not incidents:
        return
    _flags_raise(
        actor=actor, locality=locality, reason=FlagReason.ESCALATION, incidents=incidents, now=now, outcome=outcome
    )


def flags_resolve_referred(*, locality: Locality, now: dt.datetime | None = None) -> list[int]:
    """Close the locality's open flags of people referred since the flag was raised, naming that referral."""
    now = now or timezone.now()
    referred_since = (
        Referral.objects.filter(case__victim_id=OuterRef("person_id"), referred_at__gte=OuterRef("raised_at"))
        .order_by("referred_at", "pk")
        .values("pk")[:1]
    )
    flags = list(
        ReferralFlag.objects.filter(locality=locality, resolved_at__isnull=True)
        .annotate(referred_since=Subquery(referred_since))
        .filter(referred_since__isnull=False)
        .order_by("pk")
    )
    if not flags:
        return []
    for flag in flags:
        flag.resolved_at = now
        flag.resolution = FlagResolution.REFERRED
        flag.referral_id = flag.referred_since
    ReferralFlag.objects.bulk_update(flags, ["resolved_at", "resolution", "referral"])
    resolved = [flag.pk for flag in flags]
    audit_record(
        actor=Actor(user=None, membership=None),
        action=AuditAction.UPDATE,
        summary=f"Resolved {len(resolved)} referral flags: the people have been referred",
        detail={"locality": locality.pk, "flags": resolved, "referrals": [flag.referral_id for flag in flags]},
    )
    return resolved
