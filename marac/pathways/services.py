"""Writes for pathway referrals: send one along a pathway, answer it, feed back on it, and record a later
assessment on it. One transaction and audit event each; the MARAC referral made from one is in `escalation`.

Sending files the victim where the MARAC referral form would (design.md: a case is one victim in one locality):
her person record is matched or made, the referral joins her case referred to MARAC within the repeat window, else
her case still open, else opens a case for her; the checklist becomes an assessment on that case. Nothing about
her is kept twice: the referral points at the case and at the assessment. A case a pathway opens is "on a pathway",
not a MARAC case: no MARAC figure counts it, and a MARAC referral that later joins it makes it one.
"""

import datetime as dt
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from marac.access import policy
from marac.access.actor import Actor
from marac.agencies.models import Locality
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.pathways import policy as pathway_policy
from marac.pathways.models import (
    EventKind,
    Pathway,
    PathwayEvent,
    PathwayReferral,
    PathwayReferralStatus,
    ProposedRoute,
)
from marac.pathways.routing import MaracProposal, proposals_for, proposed_route, route_for, with_latest_assessment
from marac.people.matching import lock_identity, matching_people
from marac.people.models import Person
from marac.people.services import PersonDetails, person_create, person_find_or_create, person_update
from marac.referrals.inputs import PerpetratorInput
from marac.referrals.models import Case, CaseParty, CaseStatus, Consent, PartyRole, Referral
from marac.referrals.services import case_open, months_before
from marac.risk.levels import final_level
from marac.risk.models import Assessment, InstrumentVersion
from marac.risk.registry import current_version
from marac.risk.services import ItemAnswer, SafetyAnswers, assessment_errors, assessment_record, assessment_score

# The checklist's rules name the assessment's fields; on this form some are the referral's own.
_CHECKLIST_ERROR_FIELDS = {
    "instrument": "instrument_version",
    "answers": NON_FIELD_ERRORS,
    "assessed_at": NON_FIELD_ERRORS,
}

# A case the victim still has open in the locality is joined; these are not.
_NOT_JOINED = (CaseStatus.CLOSED, CaseStatus.TRANSFERRED)

LIMITS = {"risk_summary": 10_000, "routing_reason": 2_000, "decline_reason": 2_000, "feedback": 5_000}


@dataclass
class PathwayReferralInput:
    """One pathway referral as submitted. `submission_token` makes a resubmission return the first referral."""

    submission_token: uuid.UUID
    pathway: Pathway
    victim: PersonDetails
    perpetrators: list[PerpetratorInput]
    risk_summary: str
    consent: str
    safety: SafetyAnswers
    item_answers: dict[str, ItemAnswer]
    instrument_version: InstrumentVersion | None = None
    children: list[PersonDetails] = field(default_factory=list)
    children_in_household: int = 0
    incidents_in_escalation_window: int = 0
    referrer_phone: str = ""
    judgement_level: str = ""
    judgement_reason: str = ""
    victim_view_level: str = ""
    victim_view_reason: str = ""
    sharing_without_consent_reason: str = ""
    sharing_approved_by: str = ""
    routing_reason: str = ""


@dataclass(frozen=True)
class PathwayReferralOutcome:
    referral: PathwayReferral
    case: Case
    created: bool  # False when the same form was submitted again and the first referral is returned
    case_created: bool
    proposal: MaracProposal | None = None


def _local_days_after(moment: dt.datetime, days: int) -> dt.datetime:
    """The same time of day `days` later on the local calendar, as the review schedule counts days."""
    return timezone.localtime(moment) + dt.timedelta(days=days)


def _too_long(errors: dict[str, list[str]], name: str, value: str) -> None:
    if len(value) > LIMITS[name]:
        errors[name] = [gettext("Keep this under %(limit)s characters.") % {"limit": f"{LIMITS[name]:,}"}]


def _input_errors(*, actor: Actor, data: PathwayReferralInput, pathway: Pathway | None) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if (
        pathway is None
        or not pathway.is_active
        or pathway.from_agency_id != actor.agency.pk
        or not pathway.to_agency.is_active
    ):
        errors["pathway"] = [gettext("Choose one of the active pathways your agency sends along.")]
    if not data.victim.given_name.strip():
        errors["given_name"] = [gettext("Enter the victim's given name.")]
    if not data.victim.family_name.strip():
        errors["family_name"] = [gettext("Enter the victim's family name.")]
    if not data.risk_summary.strip():
        errors["risk_summary"] = [gettext("Say what happened and why you are worried.")]
    _too_long(errors, "risk_summary", data.risk_summary)
    _too_long(errors, "routing_reason", data.routing_reason)
    if not data.perpetrators:
        errors["perpetrators"] = [gettext("Name at least one perpetrator.")]
    elif any(not entry.person.given_name.strip() for entry in data.perpetrators):
        errors["perpetrators"] = [gettext("Give each perpetrator's name.")]
    if data.consent not in Consent.values:
        errors["consent"] = [gettext("Say whether the victim consented to this referral.")]
    elif data.consent != Consent.GIVEN:
        if not data.sharing_without_consent_reason.strip():
            errors["sharing_without_consent_reason"] = [
                gettext("Give the reason for sharing the victim's information without her consent.")
            ]
        if not data.sharing_approved_by.strip():
            errors["sharing_approved_by"] = [gettext("Say who approved sharing without consent.")]
    if data.children_in_household < len(data.children):
        errors["children_in_household"] = [
            gettext("You named %(named)s children, so the number of children cannot be lower than that.")
            % {"named": len(data.children)}
        ]
    if data.incidents_in_escalation_window < 0:
        errors["incidents_in_escalation_window"] = [gettext("The number of incidents cannot be negative.")]
    return errors


def _routing_error(*, route_kind: str, level_label: str, proposed_name: str) -> str:
    if route_kind == ProposedRoute.MARAC:
        return gettext(
            "The assessment gives %(level)s risk: the routing proposes a MARAC referral. Make a MARAC referral "
            "instead, or say why you refer along this pathway (it will be proposed for MARAC at once)."
        ) % {"level": level_label}
    return gettext(
        "The assessment gives %(level)s risk: the routing proposes the pathway “%(pathway)s”. Choose it, or say "
        "why you choose this one."
    ) % {"level": level_label, "pathway": proposed_name}


def _already_sent(*, actor: Actor, token: uuid.UUID) -> PathwayReferralOutcome | None:
    referral = PathwayReferral.objects.select_related("case").filter(submission_token=token).first()
    if referral is None:
        return None
    if referral.sent_by_id != actor.user.pk:
        # A token is made for one person's form; anyone else presenting it gets no referral back.
        raise ValidationError({"submission_token": gettext("This form has already been used. Start a new referral.")})
    return PathwayReferralOutcome(referral=referral, case=referral.case, created=False, case_created=False)


def pathway_referral_send(*, actor: Actor, data: PathwayReferralInput) -> PathwayReferralOutcome:
    """Refer a victim along one of the actor's agency's pathways, with the checklist that routes her.

    The level of the checklist (raised by professional judgement or her own view, never lowered) is routed: when
    the routing proposes another pathway, or a MARAC referral, the referrer says why she chose this one.
    """
    if not policy.has_permission(actor, "pathway.refer") or not policy.receives_case_information(actor):
        raise PermissionDenied("This role or agency cannot send pathway referrals.")
    existing = _already_sent(actor=actor, token=data.submission_token)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            outcome = _send(actor=actor, data=data)
    except IntegrityError:
        # The same form submitted twice at once: the first insert won, so return its referral.
        existing = _already_sent(actor=actor, token=data.submission_token)
        if existing is None:
            raise
        return existing
    referral = with_latest_assessment(PathwayReferral.objects.select_related("case")).get(pk=outcome.referral.pk)
    proposal = proposals_for([referral], locality=actor.locality)[referral.pk]
    return PathwayReferralOutcome(
        referral=outcome.referral,
        case=outcome.case,
        created=True,
        case_created=outcome.case_created,
        proposal=proposal,
    )


def _case_to_join(*, locality: Locality, victim: Person, now: dt.datetime) -> Case | None:
    """Her case referred to MARAC within the repeat window (the MARAC repeat rule's case), else her latest case
    still open; None when she has neither."""
    recent = (
        Referral.objects.filter(
            case__locality=locality,
            case__victim=victim,
            case__erased_at__isnull=True,
            referred_at__gte=months_before(now, locality.repeat_window_months),
        )
        .exclude(case__status=CaseStatus.TRANSFERRED)
        .select_related("case")
        .order_by("-referred_at", "-pk")
        .first()
    )
    if recent is not None:
        return recent.case
    return (
        Case.objects.filter(locality=locality, victim=victim, erased_at__isnull=True)
        .exclude(status__in=_NOT_JOINED)
        .order_by("-last_referred_at", "-pk")
        .first()
    )


def _add_party(*, actor: Actor, case: Case, details: PersonDetails, role: str, relationship: str = "") -> Person:
    """A perpetrator or child on the case, matched among those already on it first (as the referral form does)."""
    known = [party.person for party in case.parties.filter(role=role).select_related("person")]
    match = person_find_or_create(actor=actor, locality=case.locality, details=details, prefer=known, case=case)
    party, created = CaseParty.objects.get_or_create(
        case=case, person=match.person, role=role, defaults={"relationship_to_victim": relationship}
    )
    if not created and relationship and party.relationship_to_victim != relationship:
        party.relationship_to_victim = relationship
        party.save(update_fields=["relationship_to_victim"])
    return match.person


def _send(*, actor: Actor, data: PathwayReferralInput) -> PathwayReferralOutcome:
    locality: Locality = actor.locality
    now = timezone.now()
    pathway = (
        Pathway.objects.select_related("to_agency", "from_agency").filter(pk=data.pathway.pk, locality=locality).first()
        if data.pathway is not None
        else None
    )
    version = data.instrument_version or current_version(locality=locality, code=locality.referral_instrument_code)
    scored = assessment_score(locality=locality, version=version, answers=data.item_answers)
    errors = _input_errors(actor=actor, data=data, pathway=pathway)
    checklist_errors = assessment_errors(
        locality=locality,
        version=version,
        scored=scored,
        safety=data.safety,
        answers=data.item_answers,
        judgement_level=data.judgement_level,
        judgement_reason=data.judgement_reason,
        victim_view_level=data.victim_view_level,
        victim_view_reason=data.victim_view_reason,
    )
    for key, messages in checklist_errors.items():
        errors.setdefault(_CHECKLIST_ERROR_FIELDS.get(key, key), []).extend(messages)
    route_kind = ProposedRoute.NONE
    level_errors = {"judgement_level", "victim_view_level"} & set(checklist_errors)
    if pathway is not None and "pathway" not in errors and not level_errors:
        level = final_level(
            scale=scored.scale,
            computed=scored.computed_level,
            judgement=data.judgement_level,
            victim_view=data.victim_view_level,
        )
        route = route_for(locality=locality, agency=actor.agency, level=level)
        route_kind = proposed_route(chosen=pathway, route=route)
        if route_kind in (ProposedRoute.MARAC, ProposedRoute.OTHER_PATHWAY) and not data.routing_reason.strip():
            errors.setdefault("routing_reason", []).append(
                _routing_error(
                    route_kind=route_kind,
                    level_label=str(scored.scale.label(level)).lower(),
                    proposed_name=route.pathway.name if route.pathway else "",
                )
            )
    if errors:
        raise ValidationError(errors)

    lock_identity(locality=locality, date_of_birth=data.victim.date_of_birth)
    victim = matching_people(
        locality=locality, names=data.victim.all_names, date_of_birth=data.victim.date_of_birth
    ).first()
    case = _case_to_join(locality=locality, victim=victim, now=now) if victim is not None else None
    case_created = case is None
    if case is not None:
        person_update(actor=actor, person=case.victim, details=data.victim, case=case)
    else:
        if victim is None:
            victim = person_create(actor=actor, locality=locality, details=data.victim)
            case = case_open(locality=locality, victim=victim, now=now, status=CaseStatus.ON_PATHWAY)
        else:
            case = case_open(locality=locality, victim=victim, now=now, status=CaseStatus.ON_PATHWAY)
            person_update(actor=actor, person=victim, details=data.victim, case=case)
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target=case,
            case=case,
            summary=f"Opened case {case.reference} for a pathway referral",
            detail={"victim": case.victim_id},
        )
    for entry in data.perpetrators:
        _add_party(
            actor=actor,
            case=case,
            details=entry.person,
            role=PartyRole.PERPETRATOR,
            relationship=entry.relationship_to_victim.strip(),
        )
    for child in data.children:
        _add_party(actor=actor, case=case, details=child, role=PartyRole.CHILD)

    assessment = assessment_record(
        actor=actor,
        case=case,
        version=version,
        safety=data.safety,
        answers=data.item_answers,
        judgement_level=data.judgement_level,
        judgement_reason=data.judgement_reason,
        victim_view_level=data.victim_view_level,
        victim_view_reason=data.victim_view_reason,
        # Dated as the referral is, so the two read as one moment on the pathway's timeline.
        assessed_at=now,
    )
    consent_given = data.consent == Consent.GIVEN
    referral = PathwayReferral.objects.create(
        pathway=pathway,
        case=case,
        assessment=assessment,
        submission_token=data.submission_token,
        from_agency=pathway.from_agency,
        to_agency=pathway.to_agency,
        sent_by=actor.user,
        sent_at=now,
        referrer_phone=data.referrer_phone.strip(),
        protocol=pathway.protocol_terms(),
        response_due_at=_local_days_after(now, pathway.response_days),
        risk_summary=data.risk_summary.strip(),
        children_in_household=data.children_in_household,
        incidents_in_escalation_window=data.incidents_in_escalation_window,
        consent=data.consent,
        sharing_without_consent_reason="" if consent_given else data.sharing_without_consent_reason.strip(),
        sharing_approved_by="" if consent_given else data.sharing_approved_by.strip(),
        proposed_route=route_kind,
        routing_reason=data.routing_reason.strip() if route_kind != ProposedRoute.THIS_PATHWAY else "",
    )
    PathwayEvent.objects.create(
        referral=referral, kind=EventKind.SENT, occurred_at=now, by=actor.user, agency=actor.agency
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        target=referral,
        case=case,
        summary=f"Sent pathway referral {referral.reference} along {pathway.name}",
        detail={
            "pathway": pathway.pk,
            "to_agency": pathway.to_agency_id,
            "assessment": assessment.pk,
            "final_level": assessment.final_level,
            "proposed_route": route_kind,
            "case_created": case_created,
            "response_due_at": referral.response_due_at.isoformat(),
        },
    )
    return PathwayReferralOutcome(referral=referral, case=case, created=True, case_created=case_created)


def _locked(referral: PathwayReferral) -> PathwayReferral:
    return (
        PathwayReferral.objects.select_for_update(of=("self",))
        .select_related("case", "pathway", "to_agency", "from_agency")
        .get(pk=referral.pk)
    )


def _close_case_left_by_pathways(*, actor: Actor, case: Case, now: dt.datetime) -> None:
    """A case still on a pathway (opened by one, with no MARAC referral in play) with no pathway referral still open
    is closed: its retention clock starts, as a declined first MARAC referral's does. A case a MARAC referral has
    reached keeps the status its triage and meetings give it."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if locked.status != CaseStatus.ON_PATHWAY:
        return
    if PathwayReferral.objects.filter(
        case=locked, status__in=(PathwayReferralStatus.AWAITING, PathwayReferralStatus.ACCEPTED)
    ).exists():
        return
    locked.status, locked.closed_at = CaseStatus.CLOSED, now
    locked.save(update_fields=["status", "closed_at"])
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        target=locked,
        case=locked,
        summary="Closed the case: its pathway referrals ended without a MARAC referral",
        detail={"status_before": CaseStatus.ON_PATHWAY, "status_after": CaseStatus.CLOSED},
    )


class Decision:
    ACCEPT = "accept"
    DECLINE = "decline"


def pathway_referral_respond(
    *, actor: Actor, referral: PathwayReferral, decision: str, decline_reason: str = ""
) -> PathwayReferral:
    """The receiving agency accepts or declines, with its reason. An answer after the due time is still taken, and
    the audit trail records that it was late."""
    if not policy.receives_case_information(actor) or not pathway_policy.may_respond(actor, referral):
        raise PermissionDenied("Only the receiving agency answers a pathway referral.")
    errors: dict[str, list[str]] = {}
    if decision not in (Decision.ACCEPT, Decision.DECLINE):
        errors["decision"] = [gettext("Say whether your agency accepts or declines the referral.")]
    if decision == Decision.DECLINE and not decline_reason.strip():
        errors["decline_reason"] = [
            gettext("Give the reason for declining, so the referrer knows what to do for her instead.")
        ]
    _too_long(errors, "decline_reason", decline_reason)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    with transaction.atomic():
        locked = _locked(referral)
        if locked.status != PathwayReferralStatus.AWAITING:
            raise ValidationError(
                {
                    "decision": gettext("This referral has already been answered: %(status)s.")
                    % {"status": locked.get_status_display()}
                }
            )
        late = locked.response_due_at < now
        locked.responded_at, locked.responded_by = now, actor.user
        if decision == Decision.ACCEPT:
            locked.status = PathwayReferralStatus.ACCEPTED
            locked.feedback_due_at = _local_days_after(now, locked.protocol.get("feedback_days", 10))
            kind, summary, text = EventKind.ACCEPTED, "Accepted", ""
        else:
            locked.status = PathwayReferralStatus.DECLINED
            locked.decline_reason = decline_reason.strip()
            locked.closed_at = now
            kind, summary, text = EventKind.DECLINED, "Declined", locked.decline_reason
        locked.save(
            update_fields=["status", "responded_at", "responded_by", "feedback_due_at", "decline_reason", "closed_at"]
        )
        PathwayEvent.objects.create(
            referral=locked, kind=kind, occurred_at=now, by=actor.user, agency=actor.agency, text=text
        )
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=locked,
            case=locked.case,
            summary=f"{summary} pathway referral {locked.reference}" + (" after its due time" if late else ""),
            detail={"decision": decision, "late": late, "response_due_at": locked.response_due_at.isoformat()},
        )
        if decision == Decision.DECLINE:
            _close_case_left_by_pathways(actor=actor, case=locked.case, now=now)
    return locked


def pathway_feedback_record(*, actor: Actor, referral: PathwayReferral, text: str, final: bool) -> PathwayEvent:
    """The receiving agency's feedback to the referrer; the final feedback closes the referral."""
    if not policy.receives_case_information(actor) or not pathway_policy.may_respond(actor, referral):
        raise PermissionDenied("Only the receiving agency feeds back on a pathway referral.")
    errors: dict[str, list[str]] = {}
    if not text.strip():
        errors["feedback"] = [gettext("Write the feedback for the referrer.")]
    _too_long(errors, "feedback", text)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    with transaction.atomic():
        locked = _locked(referral)
        if locked.status != PathwayReferralStatus.ACCEPTED:
            message = (
                gettext("Accept the referral before you feed back on it.")
                if locked.status == PathwayReferralStatus.AWAITING
                else gettext("This referral is %(status)s: it takes no more feedback.")
                % {"status": str(locked.get_status_display()).lower()}
            )
            raise ValidationError({"feedback": message})
        late = locked.first_feedback_at is None and locked.feedback_due_at is not None and locked.feedback_due_at < now
        event = PathwayEvent.objects.create(
            referral=locked,
            kind=EventKind.FEEDBACK,
            occurred_at=now,
            by=actor.user,
            agency=actor.agency,
            text=text.strip(),
        )
        fields = []
        if locked.first_feedback_at is None:
            locked.first_feedback_at = now
            fields.append("first_feedback_at")
        if final:
            locked.status, locked.closed_at = PathwayReferralStatus.CLOSED, now
            fields += ["status", "closed_at"]
            PathwayEvent.objects.create(
                referral=locked, kind=EventKind.CLOSED, occurred_at=now, by=actor.user, agency=actor.agency
            )
        if fields:
            locked.save(update_fields=fields)
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=locked,
            case=locked.case,
            summary=f"Fed back on pathway referral {locked.reference}"
            + (" and closed it" if final else "")
            + (" after its due time" if late else ""),
            detail={"event": event.pk, "final": final, "late": late},
        )
        if final:
            _close_case_left_by_pathways(actor=actor, case=locked.case, now=now)
    return event


def pathway_assessment_record(
    *,
    actor: Actor,
    referral: PathwayReferral,
    version: InstrumentVersion,
    safety: SafetyAnswers,
    answers: dict[str, ItemAnswer],
    judgement_level: str = "",
    judgement_reason: str = "",
    victim_view_level: str = "",
    victim_view_reason: str = "",
) -> Assessment:
    """A later assessment of the victim by either agency of an open pathway referral, kept on her case with every
    other (the risk service scores, keeps and audits it). At the MARAC level it proposes the MARAC referral."""
    if not policy.receives_case_information(actor) or not pathway_policy.may_assess(actor, referral):
        raise PermissionDenied("Only the two agencies of a pathway referral, or the coordinator, assess on it.")
    if not referral.is_open:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: gettext("This referral is %(status)s. Record the assessment on her case instead.")
                % {"status": str(referral.get_status_display()).lower()}
            }
        )
    return assessment_record(
        actor=actor,
        case=referral.case,
        version=version,
        safety=safety,
        answers=answers,
        judgement_level=judgement_level,
        judgement_reason=judgement_reason,
        victim_view_level=victim_view_level,
        victim_view_reason=victim_view_reason,
    )
