"""Writes for nominations: referring a perpetrator into MATAC, selecting or declining him, and his exit.

One open nomination per person: a referral of someone already nominated (or on MATAC) is added to his open
nomination as a further referral. Each referral is scored as the ranking scores people, and the score is kept; the
selection takes the entry score and the exit the exit score, whose difference is the outcome.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from marac.access import policy
from marac.access.actor import Actor
from marac.actions.models import Action
from marac.agencies.models import Agency
from marac.audit.english import in_english
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.matac import selectors
from marac.matac.models import (
    OPEN_STATUSES,
    ExitReason,
    MatacListing,
    Nomination,
    NominationReferral,
    NominationStatus,
    ReferralSource,
    ScoreOccasion,
)
from marac.matac.scores import outcome_of, snapshot_detail, snapshot_take
from marac.meetings.models import MeetingStatus
from marac.people.models import Person
from marac.referrals.models import PartyRole


@dataclass(frozen=True)
class ReferralOutcome:
    referral: NominationReferral
    nomination: Nomination
    added_to_open: bool  # the person already had an open nomination: the referral was added to it


def _refer(
    *,
    actor: Actor,
    person: Person,
    source: str,
    agency: Agency,
    reason: str,
    known: str,
    marac_action: Action | None = None,
    case=None,
) -> ReferralOutcome:
    """Add the referral to the person's open nomination, or open one; score it. The caller holds the transaction."""
    now = timezone.now()
    # Two referrals of one person at once queue on his row: the second finds the first one's nomination.
    Person.objects.select_for_update().filter(pk=person.pk).first()
    nomination = Nomination.objects.filter(person=person, status__in=OPEN_STATUSES).first()
    added_to_open = nomination is not None
    if nomination is None:
        nomination = Nomination.objects.create(locality=person.locality, person=person, nominated_at=now)
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target=nomination,
            case=case,
            summary=f"Nominated a perpetrator for MATAC ({in_english(ReferralSource(source).label).lower()})",
            detail={"person": person.pk, "source": source},
        )
    referral = NominationReferral.objects.create(
        nomination=nomination,
        source=source,
        referring_agency=agency,
        referred_by=actor.user,
        referred_at=now,
        reason=reason,
        known=known,
        marac_action=marac_action,
    )
    score = snapshot_take(
        nomination=nomination, occasion=ScoreOccasion.REFERRAL, as_of=now, locality=person.locality, referral=referral
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        target=referral,
        case=case,
        summary=(
            f"{'Further referral' if added_to_open else 'Referral'} into MATAC by {agency}"
            + (" from a MARAC action" if marac_action else "")
        ),
        detail={
            "nomination": nomination.pk,
            "person": person.pk,
            "source": source,
            "agency": agency.pk,
            "added_to_open": added_to_open,
            "marac_action": marac_action.pk if marac_action else None,
            "score": snapshot_detail(score),
        },
    )
    return ReferralOutcome(referral=referral, nomination=nomination, added_to_open=added_to_open)


def nomination_refer(*, actor: Actor, person: Person, source: str, reason: str, known: str = "") -> ReferralOutcome:
    """Nominate a perpetrator the actor may see: from the ranking (coordinator and chair), or as a partner
    referral from the actor's agency (reason and what the agency knows, in words)."""
    if not policy.has_permission(actor, "matac.refer"):
        raise PermissionDenied("This role cannot refer people into MATAC.")
    reason, known = reason.strip(), known.strip()
    errors: dict[str, str] = {}
    if source not in ReferralSource.values:
        errors["source"] = gettext("Choose whether the nomination comes from the ranking or is your agency's referral.")
    elif source == ReferralSource.RANKING and not policy.has_permission(actor, "matac.rank"):
        errors["source"] = gettext("Only the coordinator and the chair nominate from the ranking.")
    if not selectors.nominable_people(actor).filter(pk=person.pk).exists():
        errors["person"] = gettext("Choose a perpetrator you can see on a case or an incident of this area.")
    if not reason:
        errors["reason"] = gettext("Say why you refer him into MATAC.")
    if source == ReferralSource.PARTNER and not known:
        errors["known"] = gettext("Say what your agency knows of him and his behaviour.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return _refer(actor=actor, person=person, source=source, agency=actor.agency, reason=reason, known=known)


def nominations_refer_from_marac_action(*, actor: Actor, action: Action) -> list[ReferralOutcome]:
    """The MARAC agreed "consider the perpetrator for MATAC": refer each perpetrator of the action's case into MATAC,
    on behalf of the owner agency, in the caller's transaction (the action's own)."""
    case = action.case
    perpetrators = list(
        Person.objects.filter(
            case_parties__case=case,
            case_parties__role=PartyRole.PERPETRATOR,
            merged_into__isnull=True,
            erased_at__isnull=True,
        )
        .distinct()
        .order_by("pk")
    )
    meeting = action.agenda_item.meeting if action.agenda_item_id else None
    agreed = f"at the {meeting}" if meeting else "on the case"
    reason = (
        f"The MARAC agreed {agreed} that {action.owner_agency} considers the perpetrator for MATAC "
        f"(MARAC action {action.pk}, case {case.reference})."
    )
    known = "Named as a perpetrator on a MARAC case."
    return [
        _refer(
            actor=actor,
            person=person,
            source=ReferralSource.PARTNER,
            agency=action.owner_agency,
            reason=reason,
            known=known,
            marac_action=action,
            case=case,
        )
        for person in perpetrators
    ]


def _require_select(actor: Actor, nomination: Nomination) -> None:
    if not policy.has_permission(actor, "matac.select"):
        raise PermissionDenied("Only the coordinator and the chair decide on nominations.")
    if nomination.locality_id != actor.locality.pk:
        raise PermissionDenied("The nomination belongs to another area.")


def _already(nomination: Nomination) -> str:
    return gettext("This nomination is already %(status)s.") % {"status": nomination.get_status_display().lower()}


def _locked(nomination: Nomination) -> Nomination:
    return Nomination.objects.select_for_update().get(pk=nomination.pk)


def _refresh(nomination: Nomination, locked: Nomination) -> Nomination:
    for field in locked._meta.concrete_fields:
        setattr(nomination, field.attname, getattr(locked, field.attname))
    return nomination


def nomination_select(
    *, actor: Actor, nomination: Nomination, subject_profile: str, intelligence_profile: str
) -> Nomination:
    """Take the nominee on: record his subject and intelligence profiles and his entry score."""
    _require_select(actor, nomination)
    subject_profile, intelligence_profile = subject_profile.strip(), intelligence_profile.strip()
    errors: dict[str, str] = {}
    if not subject_profile:
        errors["subject_profile"] = gettext(
            "Write the subject profile: who he is, his circumstances and what drives him."
        )
    if not intelligence_profile:
        errors["intelligence_profile"] = gettext("Write the intelligence profile: what partners hold on him.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _locked(nomination)
        if locked.status != NominationStatus.NOMINATED:
            raise ValidationError({"decision": _already(locked)})
        now = timezone.now()
        locked.status = NominationStatus.SELECTED
        locked.decided_at, locked.decided_by = now, actor.user
        locked.subject_profile, locked.subject_profile_by, locked.subject_profile_at = subject_profile, actor.user, now
        locked.intelligence_profile = intelligence_profile
        locked.intelligence_profile_by, locked.intelligence_profile_at = actor.user, now
        locked.save()
        entry = snapshot_take(nomination=locked, occasion=ScoreOccasion.ENTRY, as_of=now, locality=locked.locality)
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=locked,
            summary="Selected for MATAC",
            detail={"status": locked.status, "entry_score": snapshot_detail(entry)},
        )
    return _refresh(nomination, locked)


def nomination_decline(*, actor: Actor, nomination: Nomination, reason: str) -> Nomination:
    """Decline the nomination, with the reason; the person may be nominated again later."""
    _require_select(actor, nomination)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"decline_reason": gettext("Say why the nomination is declined.")})
    with transaction.atomic():
        locked = _locked(nomination)
        if locked.status != NominationStatus.NOMINATED:
            raise ValidationError({"decision": _already(locked)})
        locked.status = NominationStatus.DECLINED
        locked.decided_at, locked.decided_by, locked.decline_reason = timezone.now(), actor.user, reason
        locked.save(update_fields=["status", "decided_at", "decided_by", "decline_reason"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=locked,
            summary="Declined the MATAC nomination",
            detail={"status": locked.status},
        )
    return _refresh(nomination, locked)


def nomination_exit(*, actor: Actor, nomination: Nomination, reason: str, note: str = "") -> Nomination:
    """End the nominee's time on MATAC: take the exit score, whose change from the entry score is the outcome.

    He comes off the agenda of MATAC meetings that have not started; while a meeting he is on is in progress, the
    meeting must close first.
    """
    _require_select(actor, nomination)
    note = note.strip()
    errors: dict[str, str] = {}
    if reason not in ExitReason.values:
        errors["exit_reason"] = gettext("Choose why he leaves MATAC.")
    elif reason == ExitReason.OTHER and not note:
        errors["exit_note"] = gettext("Say why he leaves MATAC.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _locked(nomination)
        if locked.status != NominationStatus.SELECTED:
            raise ValidationError({"exit_reason": gettext("Only a selected nominee exits MATAC.")})
        listings = MatacListing.objects.filter(nomination=locked).exclude(meeting__status=MeetingStatus.CLOSED)
        if listings.filter(meeting__status=MeetingStatus.IN_PROGRESS).exists():
            raise ValidationError(
                {
                    "exit_reason": gettext(
                        "He is on a MATAC meeting in progress: close that meeting first, then record the exit."
                    )
                }
            )
        removed = list(listings.values_list("meeting_id", flat=True))
        listings.delete()
        now = timezone.now()
        locked.status = NominationStatus.EXITED
        locked.exited_at, locked.exited_by, locked.exit_reason, locked.exit_note = now, actor.user, reason, note
        locked.save(update_fields=["status", "exited_at", "exited_by", "exit_reason", "exit_note"])
        exit_score = snapshot_take(nomination=locked, occasion=ScoreOccasion.EXIT, as_of=now, locality=locked.locality)
        entry = locked.scores.filter(occasion=ScoreOccasion.ENTRY).first()
        outcome = outcome_of(entry, exit_score)
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=locked,
            summary=f"Exited MATAC: {in_english(ExitReason(reason).label).lower()}",
            detail={
                "status": locked.status,
                "exit_reason": reason,
                "exit_score": snapshot_detail(exit_score),
                "change": {change.name: str(change.change) for change in outcome.changes} if outcome else None,
                "taken_off_meetings": removed,
            },
        )
    return _refresh(nomination, locked)
