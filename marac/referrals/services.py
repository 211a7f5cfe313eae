"""Writes for referrals and cases: receive a referral, and triage it. One transaction and audit trail each."""

import calendar
import datetime as dt
import uuid

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marac.access import policy
from marac.access.actor import Actor
from marac.agencies.models import Agency, AgencyType, Locality, Membership, Role
from marac.audit.english import in_english
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.meetings.models import AgendaItem, Meeting, MeetingMode, MeetingStatus
from marac.meetings.services import agenda_item_add, meeting_schedule
from marac.people.ages import is_child_on
from marac.people.matching import lock_identity, matching_people
from marac.people.models import Person
from marac.people.normalise import normalise_name
from marac.people.services import PersonDetails, person_create, person_find_or_create, person_update
from marac.referrals.inputs import ReferralInput, ReferralOutcome, submitted_details_json
from marac.referrals.models import Case, CaseParty, CaseStatus, Consent, PartyRole, Referral, TriageStatus
from marac.risk.assessment_selectors import high_risk_from
from marac.risk.registry import current_version
from marac.risk.scales import Scale
from marac.risk.services import ScoredAnswers, assessment_errors, assessment_record, assessment_score
from marac.webhooks.outbox import referral_received

# A new MARAC referral on an existing case puts it in front of the coordinator ("referred") from these: a case that
# had left active management (a repeat re-opens it), and a case a pathway opened that no MARAC referral had reached
# until now (marac.pathways: from this referral on it is a MARAC case).
REOPENED_BY_REPEAT = (CaseStatus.MONITORING, CaseStatus.CLOSED, CaseStatus.ON_PATHWAY)


def case_referred_again(*, actor: Actor, case: Case, now: dt.datetime, reopened_by: str) -> None:
    """A new referral on an existing case: its repeat window starts again, and a monitored, closed or pathway-only
    case is back in front of the coordinator. `reopened_by` begins the audit line of a change of status, in English."""
    status_before = case.status
    case.last_referred_at = now
    if case.status in REOPENED_BY_REPEAT:
        case.status, case.closed_at = CaseStatus.REFERRED, None
    case.save(update_fields=["last_referred_at", "status", "closed_at"])
    if status_before != case.status:
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=case,
            case=case,
            summary=f"{reopened_by} re-opened the case ({status_before} to {case.status})",
            detail={"status_before": status_before, "status_after": case.status},
        )


# The visible high risk criterion: the referral instrument's result, on the locality's scale, at this level or above.
VISIBLE_HIGH_RISK_FROM = "high"

# The checklist's rules name the assessment's fields; on a referral some of them are the referral's own.
_CHECKLIST_ERROR_FIELDS = {
    "judgement_reason": "professional_judgement_reasons",
    "judgement_level": NON_FIELD_ERRORS,
    "instrument": "instrument_version",
    "answers": NON_FIELD_ERRORS,
    "assessed_at": NON_FIELD_ERRORS,
}

# How often a clash of case references (two referrals numbered at the same moment) is retried.
_REFERENCE_ATTEMPTS = 10


def months_before(moment: dt.datetime, months: int) -> dt.datetime:
    """The same moment `months` calendar months earlier, on the month's last day if the day does not exist."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def reference_prefix(locality: Locality) -> str:
    letters = normalise_name(locality.name).replace(" ", "")
    return (letters[:3] or "mar").upper()


def _next_reference(locality: Locality, year: int) -> str:
    """The next free reference such as RIV-2026-0042. The unique constraint decides a race; callers retry."""
    stem = f"{reference_prefix(locality)}-{year}-"
    last = (
        Case.objects.filter(reference__startswith=stem)
        .order_by(Length("reference").desc(), "-reference")
        .values_list("reference", flat=True)
        .first()
    )
    sequence = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{stem}{sequence:04d}"


def case_open(*, locality: Locality, victim: Person, now: dt.datetime, status: str = CaseStatus.REFERRED) -> Case:
    """Open a case for the victim with the locality's next reference; a reference taken concurrently is retried.

    A MARAC referral opens it "referred"; a pathway referral opens it "on a pathway" (not a MARAC case until a MARAC
    referral joins it).
    """
    for attempt in range(_REFERENCE_ATTEMPTS):
        try:
            with transaction.atomic():
                return Case.objects.create(
                    locality=locality,
                    reference=_next_reference(locality, timezone.localtime(now).year),
                    victim=victim,
                    status=status,
                    opened_at=now,
                    last_referred_at=now,
                )
        except IntegrityError:
            if attempt == _REFERENCE_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _latest_referral_of_victim(*, locality: Locality, victim: PersonDetails) -> Referral | None:
    """The most recent referral in the locality of anyone who is the same person as `victim`."""
    candidates = matching_people(locality=locality, names=victim.all_names, date_of_birth=victim.date_of_birth)
    return (
        Referral.objects.filter(case__locality=locality, case__victim__in=candidates)
        .select_related("case__victim")
        .order_by("-referred_at", "-pk")
        .first()
    )


def _pathway_case_of_victim(*, locality: Locality, victim: PersonDetails) -> Case | None:
    """The case a pathway opened for anyone who is the same person as `victim`, still on its pathway (never referred
    to MARAC), locked: a MARAC referral joins it rather than open a second case for her (one victim, one case in a
    locality). The lock orders this against the pathway closing the case when its last referral ends: whichever
    comes second sees what the first did."""
    candidates = matching_people(locality=locality, names=victim.all_names, date_of_birth=victim.date_of_birth)
    return (
        Case.objects.select_for_update(of=("self",))
        .filter(locality=locality, victim__in=candidates, status=CaseStatus.ON_PATHWAY, erased_at__isnull=True)
        .select_related("victim")
        .order_by("-last_referred_at", "-pk")
        .first()
    )


def meets_visible_high_risk(*, scale: Scale, computed_level: str) -> bool:
    """High or above (high, or extreme on a five-level scale) is visible high risk."""
    return scale.rank(computed_level) >= scale.rank(VISIBLE_HIGH_RISK_FROM)


def _input_errors(
    *, data: ReferralInput, locality: Locality, scored: ScoredAnswers, meets_escalation: bool, is_repeat: bool
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not data.victim.given_name.strip():
        errors["given_name"] = [gettext("Enter the victim's given name.")]
    if not data.victim.family_name.strip():
        errors["family_name"] = [gettext("Enter the victim's family name.")]
    if not data.risk_summary.strip():
        errors["risk_summary"] = [gettext("Say what happened and why you are worried.")]
    if any(not entry.person.given_name.strip() for entry in data.perpetrators):
        errors["perpetrators"] = [gettext("Give each perpetrator's name.")]
    if data.professional_judgement and not data.professional_judgement_reasons.strip():
        errors["professional_judgement_reasons"] = [
            gettext(
                "Write down the concerns behind your professional judgement: they are the reason for this referral."
            )
        ]
    if data.consent not in Consent.values:
        errors["consent"] = [gettext("Say whether the victim consented to this referral.")]
    elif not data.consent_given:
        if not data.sharing_without_consent_reason.strip():
            errors["sharing_without_consent_reason"] = [
                gettext("Give the reason for sharing the victim's information without her consent.")
            ]
        if not data.sharing_approved_by.strip():
            errors["sharing_approved_by"] = [gettext("Say who approved sharing without consent.")]
    if not data.perpetrators:
        errors["perpetrators"] = [gettext("Name at least one perpetrator.")]
    if data.children_in_household < len(data.children):
        errors["children_in_household"] = [
            gettext("You named %(named)s children, so the number of children cannot be lower than that.")
            % {"named": len(data.children)}
        ]
    if data.incidents_in_escalation_window < 0:
        errors["incidents_in_escalation_window"] = [gettext("The number of incidents cannot be negative.")]
    meets_high_risk = meets_visible_high_risk(scale=scored.scale, computed_level=scored.computed_level)
    meets_any = (
        meets_high_risk
        or (data.professional_judgement and data.professional_judgement_reasons.strip())
        or meets_escalation
        or is_repeat
    )
    if not meets_any and "professional_judgement_reasons" not in errors:
        errors[NON_FIELD_ERRORS] = [
            gettext(
                "This referral meets none of the criteria. It needs at least one of: "
                "visible high risk (%(high_risk_from)s; this one scores %(score)s, %(level)s risk); "
                "professional judgement (tick it and write down your concerns); "
                "potential escalation (%(incidents)s or more incidents in the last %(escalation_months)s months); "
                "or a repeat (the same victim referred in the last %(repeat_months)s months, which the system "
                "checks for you)."
            )
            % {
                "high_risk_from": high_risk_from(instrument=scored.instrument, scale_code=locality.risk_scale),
                "score": scored.result.score,
                "level": str(scored.scale.label(scored.computed_level)).lower(),
                "incidents": locality.escalation_incident_count,
                "escalation_months": locality.escalation_window_months,
                "repeat_months": locality.repeat_window_months,
            }
        ]
    return errors


def _already_submitted(*, actor: Actor, token: uuid.UUID) -> ReferralOutcome | None:
    referral = Referral.objects.select_related("case").filter(submission_token=token).first()
    if referral is None:
        return None
    if referral.referred_by_id != actor.user.pk:
        # A token is made for one person's form; anyone else presenting it gets no referral back.
        raise ValidationError({"submission_token": gettext("This form has already been used. Start a new referral.")})
    return ReferralOutcome(referral=referral, case=referral.case, created=False, case_created=False)


def _add_party(*, actor: Actor, case: Case, details: PersonDetails, role: str, relationship: str = "") -> Person:
    known = [party.person for party in case.parties.filter(role=role).select_related("person")]
    match = person_find_or_create(actor=actor, locality=case.locality, details=details, prefer=known, case=case)
    party, created = CaseParty.objects.get_or_create(
        case=case, person=match.person, role=role, defaults={"relationship_to_victim": relationship}
    )
    if not created and relationship and party.relationship_to_victim != relationship:
        party.relationship_to_victim = relationship
        party.save(update_fields=["relationship_to_victim"])
    return match.person


def referral_create(*, actor: Actor, data: ReferralInput) -> ReferralOutcome:
    """Receive a referral: match the people, detect a repeat, evaluate the criteria, and open or join a case.

    A referral of the same victim within the locality's repeat window of her most recent referral is a
    repeat: it joins that case. Past the window it is a new referral (the MARAC model counts it as such):
    the same person record is reused, and it joins the case a pathway opened for her if she is still on it (it
    becomes a MARAC case from here), else a new case is opened.
    """
    if not policy.has_permission(actor, "referral.create") or actor.locality is None:
        raise PermissionDenied("This role cannot make referrals.")
    existing = _already_submitted(actor=actor, token=data.submission_token)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return _referral_create(actor=actor, data=data)
    except IntegrityError:
        # The same form submitted twice at once: the first insert won, so return its referral.
        existing = _already_submitted(actor=actor, token=data.submission_token)
        if existing is None:
            raise
        return existing


def _referral_create(*, actor: Actor, data: ReferralInput) -> ReferralOutcome:
    locality: Locality = actor.locality
    now = timezone.now()
    today = timezone.localdate(now)
    version = data.instrument_version or current_version(locality=locality, code=locality.referral_instrument_code)

    lock_identity(locality=locality, date_of_birth=data.victim.date_of_birth)
    latest = _latest_referral_of_victim(locality=locality, victim=data.victim)
    is_repeat = latest is not None and latest.referred_at >= months_before(now, locality.repeat_window_months)
    scored = assessment_score(locality=locality, version=version, answers=data.item_answers)
    meets_high_risk = meets_visible_high_risk(scale=scored.scale, computed_level=scored.computed_level)
    meets_escalation = data.incidents_in_escalation_window >= locality.escalation_incident_count
    judgement = bool(data.professional_judgement)
    # Judgement on a referral says high risk; where the checklist already says high or more, it keeps that level.
    judgement_level = scored.scale.highest(VISIBLE_HIGH_RISK_FROM, scored.computed_level) if judgement else ""
    judgement_reason = data.professional_judgement_reasons if judgement else ""
    errors = _input_errors(
        data=data, locality=locality, scored=scored, meets_escalation=meets_escalation, is_repeat=is_repeat
    )
    checklist_errors = assessment_errors(
        locality=locality,
        version=version,
        scored=scored,
        safety=data.safety,
        answers=data.item_answers,
        judgement_level=judgement_level,
        judgement_reason=judgement_reason,
    )
    for key, messages in checklist_errors.items():
        key = _CHECKLIST_ERROR_FIELDS.get(key, key)
        if key not in errors or key == NON_FIELD_ERRORS:
            errors.setdefault(key, []).extend(messages)
    if errors:
        raise ValidationError(errors)

    case_created = False
    pathway_case = None if is_repeat else _pathway_case_of_victim(locality=locality, victim=data.victim)
    if is_repeat or pathway_case is not None:
        case = latest.case if is_repeat else pathway_case
        person_update(actor=actor, person=case.victim, details=data.victim, case=case)
        case_referred_again(
            actor=actor,
            case=case,
            now=now,
            reopened_by="Repeat referral" if is_repeat else "A MARAC referral",
        )
    else:
        case_created = True
        victim = (
            latest.case.victim
            if latest is not None
            else matching_people(
                locality=locality, names=data.victim.all_names, date_of_birth=data.victim.date_of_birth
            ).first()
        )
        if victim is None:
            victim = person_create(actor=actor, locality=locality, details=data.victim)
            case = case_open(locality=locality, victim=victim, now=now)
        else:
            case = case_open(locality=locality, victim=victim, now=now)
            person_update(actor=actor, person=victim, details=data.victim, case=case)

    if actor.agency.agency_type == AgencyType.IDVA_SERVICE and case.idva_agency_id is None:
        case.idva_agency = actor.agency
        case.save(update_fields=["idva_agency"])

    if case_created:
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target=case,
            case=case,
            summary=f"Opened case {case.reference}",
            detail={"victim": case.victim_id, "previous_case": latest.case_id if latest else None},
        )

    perpetrator_ids = [
        _add_party(
            actor=actor,
            case=case,
            details=entry.person,
            role=PartyRole.PERPETRATOR,
            relationship=entry.relationship_to_victim.strip(),
        ).pk
        for entry in data.perpetrators
    ]
    child_ids = [_add_party(actor=actor, case=case, details=child, role=PartyRole.CHILD).pk for child in data.children]

    assessment = assessment_record(
        actor=actor,
        case=case,
        version=version,
        safety=data.safety,
        answers=data.item_answers,
        judgement_level=judgement_level,
        judgement_reason=judgement_reason,
    )
    referral = Referral.objects.create(
        case=case,
        submission_token=data.submission_token,
        referring_agency=actor.agency,
        referred_by=actor.user,
        referrer_phone=data.referrer_phone.strip(),
        referred_at=now,
        assessment=assessment,
        meets_visible_high_risk=meets_high_risk,
        meets_professional_judgement=judgement,
        professional_judgement_reasons=data.professional_judgement_reasons.strip() if judgement else "",
        meets_potential_escalation=meets_escalation,
        incidents_in_escalation_window=data.incidents_in_escalation_window,
        is_repeat=is_repeat,
        previous_referral=latest if is_repeat else None,
        consent=data.consent,
        sharing_without_consent_reason="" if data.consent_given else data.sharing_without_consent_reason.strip(),
        sharing_approved_by="" if data.consent_given else data.sharing_approved_by.strip(),
        risk_summary=data.risk_summary.strip(),
        children_in_household=data.children_in_household,
        submitted_details=submitted_details_json(
            data, victim_id=case.victim_id, perpetrator_ids=perpetrator_ids, child_ids=child_ids, on=today
        ),
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        target=referral,
        case=case,
        summary=f"Referral to {case.reference}" + (" (repeat)" if is_repeat else ""),
        detail={
            "criteria": referral.criteria_met,
            "score": scored.result.score,
            "computed_level": scored.computed_level,
            "previous_referral": latest.pk if is_repeat else None,
            "case_created": case_created,
            "joined_pathway_case": pathway_case is not None,
        },
    )
    referral_received(referral, now=now)
    # Imported here: the duties app builds on this one. The agency's referral meets its open referral-back duties.
    from marac.duties.services import duties_met_by_referral

    duties_met_by_referral(actor=actor, referral=referral)
    young = tuple(
        entry.person.full_name for entry in data.perpetrators if is_child_on(entry.person.date_of_birth, today)
    )
    return ReferralOutcome(
        referral=referral, case=case, created=True, case_created=case_created, young_perpetrators=young
    )


class TriageDecision(models.TextChoices):
    LIST = "list", _("List on a scheduled meeting")
    EMERGENCY = "emergency", _("List on a new emergency meeting")
    DECLINE = "decline", _("Decline the referral")
    MORE_INFORMATION = "more_information", _("Ask the referrer for more information")


TRIAGE_OPEN = (TriageStatus.PENDING, TriageStatus.MORE_INFORMATION)


def _status_after_decline(case: Case) -> str:
    """Where a case stands once a referral is declined, from what remains on it.

    With no other referral awaiting triage, the case returns to what its meetings made of it. A case never
    listed (a declined first referral) goes back on its pathway while a pathway referral on it is still open (the
    agencies' work with her goes on, and the pathway closes the case when it ends), and is closed otherwise.
    """
    # Imported here: the pathways app builds on this one.
    from marac.pathways.models import OPEN_STATUSES

    latest_item = (
        AgendaItem.objects.filter(case=case)
        .select_related("meeting")
        .order_by("-meeting__scheduled_for", "-pk")
        .first()
    )
    if latest_item is None:
        if case.pathway_referrals.filter(status__in=OPEN_STATUSES).exists():
            return CaseStatus.ON_PATHWAY
        return CaseStatus.CLOSED
    if latest_item.meeting.status == MeetingStatus.SCHEDULED:
        return CaseStatus.LISTED
    if latest_item.outcome:
        return latest_item.outcome
    return CaseStatus.HEARD


def _check_idva_allocation(
    *, actor: Actor, idva_agency: Agency | None, idva: AbstractBaseUser | None
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if idva_agency is not None and (
        idva_agency.locality_id != actor.locality.pk
        or idva_agency.agency_type != AgencyType.IDVA_SERVICE
        or not idva_agency.is_active
    ):
        errors["idva_agency"] = [gettext("Choose one of this locality's IDVA services.")]
    if idva is not None:
        if idva_agency is None:
            errors["idva_agency"] = [gettext("Choose the IDVA service the named IDVA works for.")]
        elif not Membership.objects.filter(user=idva, agency=idva_agency, role=Role.IDVA, is_active=True).exists():
            errors["idva"] = [gettext("Choose an IDVA who works for %(agency)s.") % {"agency": idva_agency}]
    return errors


def referral_triage(
    *,
    actor: Actor,
    referral: Referral,
    decision: str,
    meeting: Meeting | None = None,
    emergency_at: dt.datetime | None = None,
    decline_reason: str = "",
    information_needed: str = "",
    idva_agency: Agency | None = None,
    idva: AbstractBaseUser | None = None,
) -> Referral:
    """The coordinator's decision on a referral, with the IDVA allocation for the case.

    Listing (on a scheduled or a new emergency meeting) puts the case on the agenda; asking for more
    information keeps it in the queue; declining closes a case that nothing else keeps open.
    """
    if not policy.has_permission(actor, "referral.triage"):
        raise PermissionDenied("This role cannot triage referrals.")
    case: Case = referral.case
    if case.locality_id != actor.locality.pk:
        raise PermissionDenied("The referral belongs to another locality.")
    errors: dict[str, list[str]] = {}
    if referral.triage_status not in TRIAGE_OPEN:
        errors["decision"] = [
            gettext("This referral has already been triaged: %(status)s.")
            % {"status": referral.get_triage_status_display()}
        ]
    if decision not in TriageDecision.values:
        errors["decision"] = [gettext("Choose what happens to this referral.")]
    if decision == TriageDecision.LIST and meeting is None:
        errors["meeting"] = [gettext("Choose the meeting to list the case on.")]
    if decision == TriageDecision.EMERGENCY:
        if emergency_at is None:
            errors["emergency_at"] = [gettext("Give the date and time of the emergency meeting.")]
        elif emergency_at < timezone.now() - dt.timedelta(hours=1):
            errors["emergency_at"] = [gettext("An emergency meeting cannot be in the past.")]
    if decision == TriageDecision.DECLINE and not decline_reason.strip():
        errors["decline_reason"] = [gettext("Give the reason for declining, so the referrer knows what to do next.")]
    if decision == TriageDecision.MORE_INFORMATION and not information_needed.strip():
        errors["information_needed"] = [gettext("Say what information the referrer needs to add.")]
    if decision != TriageDecision.DECLINE:
        errors.update(_check_idva_allocation(actor=actor, idva_agency=idva_agency, idva=idva))
    if errors:
        raise ValidationError(errors)

    with transaction.atomic():
        referral = Referral.objects.select_for_update().select_related("case").get(pk=referral.pk)
        case = referral.case
        if referral.triage_status not in TRIAGE_OPEN:
            raise ValidationError({"decision": gettext("Someone else has just triaged this referral.")})
        detail: dict[str, object] = {"decision": decision}
        if decision == TriageDecision.EMERGENCY:
            meeting = meeting_schedule(actor=actor, scheduled_for=emergency_at, mode=MeetingMode.EMERGENCY)
        if decision in (TriageDecision.LIST, TriageDecision.EMERGENCY):
            agenda_item_add(actor=actor, meeting=meeting, referral=referral)
            referral.triage_status = TriageStatus.LISTED
            referral.triage_note = ""
            detail["meeting"] = meeting.pk
            summary = f"Triage: listed on {in_english(meeting)}"
        elif decision == TriageDecision.DECLINE:
            referral.triage_status = TriageStatus.DECLINED
            referral.triage_note = decline_reason.strip()
            summary = "Triage: declined"
        else:
            referral.triage_status = TriageStatus.MORE_INFORMATION
            referral.triage_note = information_needed.strip()
            summary = "Triage: more information requested"
        referral.triaged_by = actor.user
        referral.triaged_at = timezone.now()
        referral.save(update_fields=["triage_status", "triage_note", "triaged_by", "triaged_at"])

        case.refresh_from_db(fields=["status", "closed_at", "idva_agency", "idva"])
        case_fields: list[str] = []
        if decision == TriageDecision.DECLINE:
            others_open = case.referrals.exclude(pk=referral.pk).filter(triage_status__in=TRIAGE_OPEN).exists()
            new_status = case.status if others_open else _status_after_decline(case)
            if new_status != case.status:
                detail["case_status"] = [case.status, new_status]
                case.status = new_status
                case.closed_at = referral.triaged_at if new_status == CaseStatus.CLOSED else None
                case_fields += ["status", "closed_at"]
        else:
            if idva_agency is not None and case.idva_agency_id != idva_agency.pk:
                case.idva_agency = idva_agency
                case.idva = None
                case_fields += ["idva_agency", "idva"]
            if idva is not None and case.idva_id != idva.pk:
                case.idva = idva
                case_fields.append("idva")
            if case_fields:
                detail["idva_agency"] = case.idva_agency_id
                detail["idva"] = case.idva_id
        if case_fields:
            case.save(update_fields=sorted(set(case_fields)))
        audit_record(actor=actor, action=AuditAction.UPDATE, target=referral, case=case, summary=summary, detail=detail)
    return referral
