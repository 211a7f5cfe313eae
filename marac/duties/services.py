"""Writes for referral-back duties: raising a duty when an agency records an event on a known case, answering it
(refer the case back, or say why not), recording a disclosure or a move, and setting the protocol's duties.

When a duty arises
------------------
An agency records an event (a new incident, a breach of an order, a risk assessment that changes the case's level,
a disclosure, the victim's move) and the locality's protocol lists that event for the agency's type. The event must
concern a case the mechanism knows: not transferred, not anonymised, referred within the locality's repeat window
before the event (so that a referral back is a repeat referral), and not referred since (a later referral covers
the event, as it does for the repeat rule). Events recorded by the coordinator or the chair raise no duty: they run
the mechanism the case would be referred back to.

How it is met
-------------
- The repeat rule may already have referred the case back from the same incident (or the incident of a breach): the
  duty is then recorded as met by that referral, never answered twice.
- The agency refers back from the duty (`duty_refer_back`): a repeat referral on the case, made the way the repeat
  rule makes one (consent not sought, with the protocol as the reason; the IDVA seeks the victim's views).
- Any referral the agency makes on the case (the referral form included) meets every duty it still has open there
  (`duties_met_by_referral`).
- Or the agency says why it does not refer back (`duty_decline`): the reason is required and audited.

A duty with neither past the locality's answer time is unmet (see `selectors.UNMET`); nothing changes on the row.
"""

import datetime as dt
from collections.abc import Iterable, Mapping

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import dateformat, timezone, translation
from django.utils.translation import gettext

from marac.access import policy
from marac.access.actor import Actor
from marac.access.rules import Detail
from marac.agencies.models import AgencyType, Role
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.duties.models import (
    CASE_FORM_EVENTS,
    DEFAULT_ANSWER_WITHIN_HOURS,
    LONGEST_ANSWER_WITHIN_HOURS,
    Duty,
    DutySettings,
    DutyStatus,
    EventKind,
    ProtocolDuty,
    ReportedEvent,
)
from marac.incidents.models import Incident
from marac.people.ages import age_on
from marac.people.models import Person
from marac.perpetrators.models import Breach
from marac.referrals.models import Case, CaseParty, CaseStatus, Consent, PartyRole, Referral
from marac.referrals.services import case_referred_again, months_before
from marac.risk.models import Assessment
from marac.risk.scales import SCALES
from marac.webhooks.outbox import referral_received

# Those who run the mechanism: what they record is already known to it.
MECHANISM_ROLES = frozenset({Role.COORDINATOR, Role.CHAIR})

NOTE_LIMIT = 2000

REFERRAL_BACK_CONSENT_REASON = (
    "Referred back under the protocol's referral-back duty: the agency must refer the case back to the {mechanism} "
    "after this event whatever the threshold. The IDVA seeks the victim's views."
)


# Raising duties


def _owes_duties(actor: Actor) -> bool:
    return actor.user is not None and actor.agency is not None and actor.role not in MECHANISM_ROLES


def hours_to_answer(locality_id: int) -> int:
    """The locality's time for answering a duty."""
    hours = DutySettings.objects.filter(locality_id=locality_id).values_list("answer_within_hours", flat=True).first()
    return hours or DEFAULT_ANSWER_WITHIN_HOURS


def case_is_known(case: Case, *, event_at: dt.datetime, met_by: Referral | None) -> bool:
    """Referred within the repeat window before the event, and not since (the referral that meets the duty aside)."""
    if case.status == CaseStatus.TRANSFERRED or case.erased_at is not None:
        return False
    referrals = Referral.objects.filter(case=case)
    if met_by is not None:
        referrals = referrals.exclude(pk=met_by.pk)
    last_before = (
        referrals.filter(referred_at__lte=event_at).order_by("-referred_at").values_list("referred_at", flat=True)
    ).first()
    if last_before is None or last_before < months_before(event_at, case.locality.repeat_window_months):
        return False
    return not referrals.filter(referred_at__gt=event_at).exists()


def _raise(
    *,
    actor: Actor,
    case: Case,
    event_kind: EventKind,
    event_at: dt.datetime,
    met_by: Referral | None = None,
    incident: Incident | None = None,
    breach: Breach | None = None,
    assessment: Assessment | None = None,
    reported_event: ReportedEvent | None = None,
) -> Duty | None:
    """The duty the event raises for the actor's agency, or None when the protocol asks for none here."""
    if not _owes_duties(actor):
        return None
    listed = ProtocolDuty.objects.filter(
        locality_id=case.locality_id, agency_type=actor.agency.agency_type, event_kind=event_kind
    ).exists()
    if not listed or not case_is_known(case, event_at=event_at, met_by=met_by):
        return None
    now = timezone.now()
    with transaction.atomic():
        duty = Duty.objects.create(
            locality_id=case.locality_id,
            case=case,
            agency=actor.agency,
            event_kind=event_kind,
            event_at=event_at,
            incident=incident,
            breach=breach,
            assessment=assessment,
            reported_event=reported_event,
            status=DutyStatus.MET_AUTOMATICALLY if met_by else DutyStatus.OPEN,
            referral=met_by,
            answered_at=now if met_by else None,
            raised_at=now,
            raised_by=actor.user,
            request_id=actor.request_id or "",
            due_at=now + dt.timedelta(hours=hours_to_answer(case.locality_id)),
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target=duty,
            case=case,
            summary=f"The protocol asks {actor.agency} to refer the case back after this event"
            + (": met by the automatic repeat referral" if met_by else ""),
            detail={
                "event_kind": event_kind.value,
                "event_at": event_at.isoformat(),
                "status": duty.status,
                "referral": met_by.pk if met_by else None,
                "due_at": duty.due_at.isoformat(),
            },
        )
    return duty


def _auto_referral_of(incident: Incident | None) -> Referral | None:
    """The repeat referral the repeat rule made, or joined, from this incident."""
    if incident is None:
        return None
    referral_id = Incident.objects.filter(pk=incident.pk).values_list("auto_referral__referral_id", flat=True).first()
    return Referral.objects.select_related("case__locality").get(pk=referral_id) if referral_id else None


def duty_after_incident(*, actor: Actor, incident: Incident) -> Duty | None:
    """After an agency records an incident (and the repeat rule has run on it): the duty for a new incident on the
    victim's case, met already if the rule referred the case back."""
    if not _owes_duties(actor):
        return None
    met_by = _auto_referral_of(incident)
    if met_by is not None:
        case = met_by.case
    else:
        case = (
            Case.objects.filter(locality_id=incident.locality_id, victim_id=incident.victim_id, erased_at__isnull=True)
            .exclude(status=CaseStatus.TRANSFERRED)
            .select_related("locality")
            .order_by("-last_referred_at", "-pk")
            .first()
        )
    if case is None:
        return None
    return _raise(
        actor=actor,
        case=case,
        event_kind=EventKind.NEW_INCIDENT,
        event_at=incident.occurred_at,
        met_by=met_by,
        incident=incident,
    )


def duty_after_breach(*, actor: Actor, breach: Breach) -> Duty | None:
    """After an agency records a breach of an order (with its incident, on which the repeat rule has run)."""
    met_by = _auto_referral_of(breach.incident)
    case = Case.objects.select_related("locality").get(pk=breach.order.case_id)
    return _raise(
        actor=actor, case=case, event_kind=EventKind.BREACH, event_at=breach.occurred_at, met_by=met_by, breach=breach
    )


def duty_after_assessment(*, actor: Actor, assessment: Assessment, level_before: str) -> Duty | None:
    """After a risk assessment, once the case's level is brought up to date: a duty when the case's level changed
    (a first assessment changes nothing; one dated before the latest leaves the case's level as it was)."""
    if not level_before:
        return None
    case = Case.objects.select_related("locality").get(pk=assessment.case_id)
    if case.risk_level == level_before:
        return None
    return _raise(
        actor=actor,
        case=case,
        event_kind=EventKind.RISK_CHANGE,
        event_at=assessment.assessed_at,
        assessment=assessment,
    )


# Meeting duties by referring back


def _meet(*, actor: Actor, duties: Iterable[Duty], referral: Referral, now: dt.datetime) -> list[int]:
    met = []
    for duty in duties:
        duty.status = DutyStatus.REFERRED
        duty.referral = referral
        duty.answered_by = actor.user
        duty.answered_at = now
        duty.save(update_fields=["status", "referral", "answered_by", "answered_at"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=duty,
            case=referral.case,
            summary="Referral-back duty met: the agency referred the case back",
            detail={"referral": referral.pk, "late": duty.due_at < now},
        )
        met.append(duty.pk)
    return met


def duties_met_by_referral(*, actor: Actor, referral: Referral) -> list[int]:
    """A referral an agency makes on a case meets every duty it still has open there. Call inside the referral's
    transaction."""
    open_duties = Duty.objects.select_for_update().filter(
        case_id=referral.case_id, agency_id=referral.referring_agency_id, status=DutyStatus.OPEN
    )
    return _meet(actor=actor, duties=list(open_duties.order_by("pk")), referral=referral, now=referral.referred_at)


def _may_answer(actor: Actor, duty: Duty) -> None:
    if not policy.has_permission(actor, "duty.respond") or actor.agency is None:
        raise PermissionDenied("Your role may not answer referral-back duties.")
    if duty.agency_id != actor.agency.pk or not policy.receives_case_information(actor):
        raise PermissionDenied("Only the agency that owes the duty answers it.")


def _locked_open(duty: Duty) -> Duty:
    locked = Duty.objects.select_for_update().get(pk=duty.pk)
    if locked.status != DutyStatus.OPEN:
        answered = gettext("This duty has already been answered: %(status)s.") % {"status": locked.get_status_display()}
        raise ValidationError({NON_FIELD_ERRORS: answered})
    return locked


# Referring back


def _day(moment: dt.datetime) -> str:
    return dateformat.format(timezone.localtime(moment), "j F Y")


def _event_description(duty: Duty) -> str:
    """What happened, in English: the referral is stored for every agency to read, whatever the page's language."""
    if duty.incident is not None:
        incident = duty.incident
        return f"{incident.get_incident_type_display()}, recorded by {incident.source_agency}. {incident.summary}"
    if duty.breach is not None:
        return f"Breach of {duty.breach.order.get_order_type_display().lower()}. {duty.breach.description}"
    if duty.assessment is not None:
        assessment = duty.assessment
        scale = SCALES[assessment.scale]
        earlier = (
            Assessment.objects.filter(case_id=assessment.case_id, assessed_at__lt=assessment.assessed_at)
            .order_by("-assessed_at", "-pk")
            .values_list("final_level", flat=True)
            .first()
        )
        level = scale.label(assessment.final_level)
        text = f"A new risk assessment ({assessment.instrument_code}) puts the risk at {level}"
        return f"{text}, from {scale.label(earlier)}." if earlier else f"{text}."
    if duty.reported_event is not None:
        return duty.reported_event.note
    return ""


def _risk_summary(*, duty: Duty, note: str) -> str:
    with translation.override(None):
        event = duty.get_event_kind_display().lower()
        lines = [
            f"Referred back by {duty.agency} under the {duty.case.locality.mechanism_name} protocol's referral-back "
            f"duty, after this event: {event} ({_day(duty.event_at)}).",
            "",
            _event_description(duty),
        ]
    if note:
        lines += ["", f"{duty.agency} adds: {note}"]
    return "\n".join(lines).strip()


def _person_facts(person: Person, on: dt.date, **extra: str) -> dict:
    """A person as the records hold them now, in the shape referrals keep (`Referral.submitted_details`)."""
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


def _submitted_details(case: Case, on: dt.date) -> dict:
    parties = (
        CaseParty.objects.filter(case=case, role__in=[PartyRole.PERPETRATOR, PartyRole.CHILD])
        .select_related("person")
        .prefetch_related("person__aliases")
        .order_by("pk")
    )
    victim = Person.objects.prefetch_related("aliases").get(pk=case.victim_id)
    return {
        "victim": _person_facts(victim, on),
        "perpetrators": [
            _person_facts(party.person, on, relationship_to_victim=party.relationship_to_victim)
            for party in parties
            if party.role == PartyRole.PERPETRATOR
        ],
        "children": [
            _person_facts(party.person, on, school=party.person.school)
            for party in parties
            if party.role == PartyRole.CHILD
        ],
    }


def _referral_back(*, actor: Actor, duty: Duty, note: str, now: dt.datetime) -> Referral:
    """A repeat referral on the duty's case, made as the repeat rule makes one, for the actor's agency."""
    case = Case.objects.select_for_update(of=("self",)).select_related("locality").get(pk=duty.case_id)
    if case.status == CaseStatus.TRANSFERRED or case.erased_at is not None:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: gettext(
                    "This case has been transferred to another area or anonymised: it cannot be referred back here. "
                    "Say why you do not refer it back instead."
                )
            }
        )
    previous = Referral.objects.filter(case=case).order_by("-referred_at", "-pk").first()
    window = case.locality.repeat_window_months
    if previous is None or previous.referred_at < months_before(now, window):
        raise ValidationError(
            {
                NON_FIELD_ERRORS: gettext(
                    "The case was last referred more than %(months)s months ago, so this would be a new referral, "
                    "not a referral back: make it with the referral form."
                )
                % {"months": window}
            }
        )
    duty.case = case
    referral = Referral.objects.create(
        case=case,
        referring_agency=actor.agency,
        referred_by=actor.user,
        referred_at=now,
        is_repeat=True,
        previous_referral=previous,
        consent=Consent.NOT_SOUGHT,
        sharing_without_consent_reason=REFERRAL_BACK_CONSENT_REASON.format(mechanism=case.locality.mechanism_name),
        sharing_approved_by=f"The referral-back duty of the {case.locality.mechanism_name} protocol",
        risk_summary=_risk_summary(duty=duty, note=note),
        children_in_household=previous.children_in_household,
        submitted_details=_submitted_details(case, timezone.localdate(now)),
    )
    case_referred_again(actor=actor, case=case, now=now, reopened_by="Repeat referral")
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        target=referral,
        case=case,
        summary=f"Referral to {case.reference} (repeat), made back under the protocol's referral-back duty",
        detail={
            "criteria": referral.criteria_met,
            "duty": duty.pk,
            "event_kind": duty.event_kind,
            "previous_referral": previous.pk,
        },
    )
    referral_received(referral, now=now)
    return referral


def duty_refer_back(*, actor: Actor, duty: Duty, note: str = "") -> Referral:
    """Refer the case back for the duty: a repeat referral that waits for the coordinator's triage. It meets every
    duty the agency still has open on the case."""
    _may_answer(actor, duty)
    note = note.strip()
    if len(note) > NOTE_LIMIT:
        raise ValidationError({"note": gettext("Write %(limit)s characters or fewer.") % {"limit": NOTE_LIMIT}})
    now = timezone.now()
    with transaction.atomic():
        locked = _locked_open(duty)
        locked = Duty.objects.select_related(
            "agency", "case__locality", "incident__source_agency", "breach__order", "assessment", "reported_event"
        ).get(pk=locked.pk)
        referral = _referral_back(actor=actor, duty=locked, note=note, now=now)
        open_duties = Duty.objects.select_for_update().filter(
            case_id=referral.case_id, agency_id=actor.agency.pk, status=DutyStatus.OPEN
        )
        _meet(actor=actor, duties=list(open_duties.order_by("pk")), referral=referral, now=now)
    return referral


def duty_decline(*, actor: Actor, duty: Duty, reason: str) -> Duty:
    """Answer the duty without a referral back: the agency says why, and the coordinator can read it."""
    _may_answer(actor, duty)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": gettext("Say why your agency does not refer the case back.")})
    if len(reason) > NOTE_LIMIT:
        raise ValidationError({"reason": gettext("Write %(limit)s characters or fewer.") % {"limit": NOTE_LIMIT}})
    now = timezone.now()
    with transaction.atomic():
        locked = _locked_open(duty)
        locked.status = DutyStatus.DECLINED
        locked.decline_reason = reason
        locked.answered_by = actor.user
        locked.answered_at = now
        locked.save(update_fields=["status", "decline_reason", "answered_by", "answered_at"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=locked,
            case=locked.case,
            summary="Referral-back duty answered without a referral: the agency gave its reason",
            detail={"event_kind": locked.event_kind, "late": locked.due_at < now},
        )
    return locked


# Disclosures and moves recorded on a case


def _require_may_record(actor: Actor, case: Case) -> None:
    """Views fetch the case through the guard already; this keeps the rule when the service is called elsewhere."""
    if not policy.has_permission(actor, "duty.record_event") or actor.agency is None:
        raise PermissionDenied("Your role may not record disclosures or moves on a case.")
    visible = policy.visible_cases(actor).filter(pk=case.pk).first()
    if visible is None or policy.case_detail(actor, visible) < Detail.SHARED:
        raise PermissionDenied("Only agencies that share this case's information may record events on it.")


def reported_event_record(
    *, actor: Actor, case: Case, kind: str, occurred_at: dt.datetime | None, note: str
) -> tuple[ReportedEvent, Duty | None]:
    """Record a disclosure or the victim's move on a case, and the duty it raises for the agency, if any."""
    _require_may_record(actor, case)
    note = note.strip()
    now = timezone.now()
    errors: dict[str, list[str]] = {}
    if kind not in CASE_FORM_EVENTS:
        errors["kind"] = [gettext("Choose what has happened.")]
    if occurred_at is None:
        errors["occurred_at"] = [gettext("Enter the date and time it happened.")]
    elif occurred_at > now:
        errors["occurred_at"] = [gettext("It must have happened already: give a date and time in the past.")]
    if not note:
        errors["note"] = [gettext("Say what was disclosed, or where she has moved.")]
    elif len(note) > NOTE_LIMIT:
        errors["note"] = [gettext("Write %(limit)s characters or fewer.") % {"limit": NOTE_LIMIT}]
    if case.erased_at is not None:
        errors[NON_FIELD_ERRORS] = [gettext("This case was anonymised: nothing more can be recorded on it.")]
    elif case.status == CaseStatus.TRANSFERRED:
        errors[NON_FIELD_ERRORS] = [
            gettext("This case was transferred to another area. Tell that area's coordinator what has happened.")
        ]
    if errors:
        raise ValidationError(errors)
    event_kind = EventKind(kind)
    with transaction.atomic():
        event = ReportedEvent.objects.create(
            case=case,
            kind=event_kind,
            occurred_at=occurred_at,
            note=note,
            agency=actor.agency,
            recorded_by=actor.user,
            recorded_at=now,
        )
        with translation.override(None):  # the audit trail is kept in English
            words = event.get_kind_display().lower()
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target=event,
            case=case,
            summary=f"Recorded on the case: {words}",
            detail={"kind": event_kind.value, "occurred_at": occurred_at.isoformat()},
        )
        duty = _raise(
            actor=actor,
            case=Case.objects.select_related("locality").get(pk=case.pk),
            event_kind=event_kind,
            event_at=occurred_at,
            reported_event=event,
        )
    return event, duty


# The protocol's duties


def protocol_duties_set(*, actor: Actor, duties: Mapping[str, Iterable[str]], answer_within_hours: int | None) -> None:
    """Set which agency types owe which duties in the actor's locality, and the time they have to answer."""
    if not policy.has_permission(actor, "duty.configure") or actor.locality is None:
        raise PermissionDenied("Your role may not change the protocol's referral-back duties.")
    errors: dict[str, list[str]] = {}
    wanted: set[tuple[str, str]] = set()
    for agency_type, kinds in duties.items():
        if agency_type not in AgencyType.values:
            errors[NON_FIELD_ERRORS] = [gettext("Choose agency types from the list.")]
            continue
        for kind in kinds:
            if kind not in EventKind.values:
                errors[agency_type] = [gettext("Choose events from the list.")]
                continue
            wanted.add((agency_type, kind))
    if answer_within_hours is None or not 1 <= answer_within_hours <= LONGEST_ANSWER_WITHIN_HOURS:
        errors["answer_within_hours"] = [
            gettext("Give a whole number of hours from 1 to %(most)s.") % {"most": LONGEST_ANSWER_WITHIN_HOURS}
        ]
    if errors:
        raise ValidationError(errors)
    locality = actor.locality
    with transaction.atomic():
        current = {
            (row.agency_type, row.event_kind): row.pk
            for row in ProtocolDuty.objects.select_for_update().filter(locality=locality)
        }
        removed = sorted(set(current) - wanted)
        added = sorted(wanted - set(current))
        ProtocolDuty.objects.filter(pk__in=[current[key] for key in removed]).delete()
        ProtocolDuty.objects.bulk_create(
            [ProtocolDuty(locality=locality, agency_type=agency_type, event_kind=kind) for agency_type, kind in added]
        )
        hours_before = hours_to_answer(locality.pk)
        DutySettings.objects.update_or_create(locality=locality, defaults={"answer_within_hours": answer_within_hours})
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=locality,
            summary="Changed the protocol's referral-back duties",
            detail={
                "added": [list(key) for key in added],
                "removed": [list(key) for key in removed],
                "answer_within_hours": [hours_before, answer_within_hours],
            },
        )
