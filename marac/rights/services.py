"""Writes for the victims' rights log, releases and escapes, and the provisions checklist.

One function per use case, one transaction each, each audited. Audit summaries stay in English; the details hold ids,
codes and dates, never what was written about her.
"""

import datetime as dt
from dataclasses import dataclass
from functools import partial

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from marac.access import perpetrator_policy, policy
from marac.access.actor import Actor
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.idva.models import ContactMethod
from marac.people.models import Person
from marac.referrals.models import Case, PartyRole
from marac.rights import selectors
from marac.rights.models import (
    CHOICE_ORDER,
    CustodyEvent,
    CustodyEventKind,
    InformationGiven,
    InformationTopic,
    NeedsAssessment,
    NeedsAssessmentReason,
    NotificationChoice,
    ProtectionNeed,
    ProvisionCheck,
    ReleaseNotification,
)
from marac.rights.notices import release_notices_email
from marac.rights.provisions import PROVISIONS_BY_CODE, ProcessPart
from marac.risk.models import ReviewEvent, ReviewTrigger
from marac.risk.review_services import NO_REVIEW_STATUSES
from marac.risk.reviews import case_review_refresh, trigger_review_due


def _require_keeper(actor: Actor, case: Case) -> None:
    """The case's IDVA service or the coordinator, seeing the case at full detail. Views fetch the case through the
    guard already; this keeps the rule when a service is called from elsewhere."""
    if not policy.has_permission(actor, "rights.record") or actor.agency is None:
        raise PermissionDenied("Only the case's IDVA service or the coordinator may keep the victim's rights log.")
    if not selectors.cases_in_full(actor).filter(pk=case.pk).exists():
        raise PermissionDenied("Only the case's IDVA service or the coordinator may keep the victim's rights log.")


def _check_method(method: str) -> None:
    if method not in ContactMethod.values:
        raise ValidationError({"method": gettext("Choose how she was told.")})


def _check_past(moment: dt.datetime, field: str, message: str) -> None:
    if moment > timezone.now():
        raise ValidationError({field: message})


# Information given


def information_given_record(
    *,
    actor: Actor,
    case: Case,
    given_at: dt.datetime,
    topics: list[str],
    method: str,
    language: str = "",
    interpreter_used: bool = False,
    in_writing: bool = False,
    note: str = "",
) -> InformationGiven:
    """Record that she was given information about her rights, and on which topics (VRD Arts 4 and 6)."""
    _require_keeper(actor, case)
    chosen = set(topics)
    if not chosen:
        raise ValidationError({"topics": gettext("Choose at least one thing she was told about.")})
    unknown = chosen - set(InformationTopic.values)
    if unknown:
        raise ValidationError({"topics": gettext("Choose only from the topics listed.")})
    _check_method(method)
    _check_past(given_at, "given_at", gettext("The information must have been given now or in the past."))
    with transaction.atomic():
        occasion = InformationGiven.objects.create(
            case=case,
            # In the order of the list, so the log reads the same whatever order the form sent.
            topics=[topic for topic in InformationTopic.values if topic in chosen],
            given_at=given_at,
            method=method,
            language=language.strip(),
            interpreter_used=interpreter_used,
            in_writing=in_writing,
            note=note.strip(),
            agency=actor.agency,
            recorded_by=actor.user,
            recorded_at=timezone.now(),
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target=occasion,
            case=case,
            summary="Recorded information given to the victim about her rights",
            detail={"topics": occasion.topics, "method": method, "given_at": given_at.isoformat()},
        )
    return occasion


# Her choice about being told of release or escape


def notification_choice_record(
    *, actor: Actor, case: Case, wants_to_be_told: bool, decided_on: dt.date, note: str = ""
) -> NotificationChoice:
    """Record whether she asked to be told when the perpetrator is released or escapes (VRD Art. 6(5)). A later
    decision replaces an earlier one; both are kept."""
    _require_keeper(actor, case)
    if decided_on > timezone.localdate():
        raise ValidationError({"decided_on": gettext("The day she decided must be today or earlier.")})
    with transaction.atomic():
        choice = NotificationChoice.objects.create(
            case=case,
            wants_to_be_told=wants_to_be_told,
            decided_on=decided_on,
            note=note.strip(),
            agency=actor.agency,
            recorded_by=actor.user,
            recorded_at=timezone.now(),
        )
        in_force = NotificationChoice.objects.filter(case=case).order_by(*CHOICE_ORDER).values_list("pk", flat=True)[0]
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target=choice,
            case=case,
            summary=(
                "Recorded that the victim wants to be told of the perpetrator's release or escape"
                if wants_to_be_told
                else "Recorded that the victim does not want to be told of the perpetrator's release or escape"
            ),
            detail={
                "wants_to_be_told": wants_to_be_told,
                "decided_on": decided_on.isoformat(),
                "in_force": in_force == choice.pk,
            },
        )
    return choice


# Releases and escapes


@dataclass(frozen=True)
class CustodyEventOutcome:
    event: CustodyEvent
    notifications: list[ReleaseNotification]

    @property
    def opted_in(self) -> int:
        return sum(notification.victim_opted_in for notification in self.notifications)


def _affected_cases(perpetrator: Person) -> list[Case]:
    """Every case of his locality that names him as its perpetrator and is not anonymised."""
    return list(
        Case.objects.filter(
            locality_id=perpetrator.locality_id,
            erased_at__isnull=True,
            parties__person=perpetrator,
            parties__role=PartyRole.PERPETRATOR,
        )
        .distinct()
        .select_related("locality")
        .order_by("pk")
    )


def _choices_in_force(cases: list[Case]) -> dict[int, NotificationChoice]:
    in_force: dict[int, NotificationChoice] = {}
    for choice in NotificationChoice.objects.filter(case__in=cases).order_by("case_id", *CHOICE_ORDER):
        in_force.setdefault(choice.case_id, choice)
    return in_force


def _bring_review_forward(*, actor: Actor, case: Case, event: CustodyEvent, now: dt.datetime) -> ReviewTrigger | None:
    """His leaving custody changes the risk to her: bring her case's risk review forward, as a breach does, whoever
    records it. A closed or transferred case is reviewed through a new referral or by its new area."""
    if case.status in NO_REVIEW_STATUSES:
        return None
    with translation.override(None):  # the note is stored, for every reader: in English
        kind = event.get_kind_display().lower()
    trigger = ReviewTrigger.objects.create(
        case=case,
        event=ReviewEvent.RELEASE_FROM_CUSTODY,
        event_at=event.occurred_at,
        review_due=trigger_review_due(
            locality=case.locality, event=ReviewEvent.RELEASE_FROM_CUSTODY, event_at=event.occurred_at, recorded_at=now
        ),
        note=f"Perpetrator {kind} (release or escape {event.pk}), reported by {event.reporting_agency}.",
        recorded_by=actor.user,
        agency=actor.agency,
        recorded_at=now,
    )
    case_review_refresh(case=case)
    return trigger


def custody_event_record(
    *,
    actor: Actor,
    perpetrator: Person,
    kind: str,
    occurred_at: dt.datetime,
    establishment: str,
    returns_on: dt.date | None = None,
) -> CustodyEventOutcome:
    """Record that the perpetrator was released or escaped. Every victim's case naming him gets a notification:
    outstanding where she had asked to be told, flagged where she had not; and its risk review is brought forward.
    Once committed, the IDVA service of each victim who asked to be told is e-mailed (`notices`)."""
    if not policy.has_permission(actor, "custody_event.record") or actor.agency is None:
        raise PermissionDenied("Your role may not record a perpetrator's release or escape.")
    if not perpetrator_policy.visible_perpetrators(actor).filter(pk=perpetrator.pk).exists():
        raise PermissionDenied("Only an agency shown this perpetrator may record his release or escape.")
    if kind not in CustodyEventKind.values:
        raise ValidationError({"kind": gettext("Choose whether he was released, released for a time, or escaped.")})
    _check_past(occurred_at, "occurred_at", gettext("The release or escape must have happened already."))
    establishment = establishment.strip()
    if not establishment:
        raise ValidationError({"establishment": gettext("Enter the prison, police station or hospital he left.")})
    if kind == CustodyEventKind.TEMPORARY_RELEASE:
        if returns_on is None:
            raise ValidationError({"returns_on": gettext("Enter the day he is due back.")})
        if returns_on < timezone.localdate(occurred_at):
            raise ValidationError({"returns_on": gettext("He cannot be due back before the day he was released.")})
    else:
        returns_on = None
    with transaction.atomic():
        # One row per perpetrator: two agencies recording the same release at once are serialised here.
        Person.objects.select_for_update().filter(pk=perpetrator.pk).first()
        same_day = CustodyEvent.objects.filter(
            perpetrator=perpetrator, kind=kind, occurred_at__date=timezone.localdate(occurred_at)
        ).select_related("reporting_agency")
        duplicate = same_day.first()
        if duplicate is not None:
            raise ValidationError(
                {
                    NON_FIELD_ERRORS: gettext(
                        "%(agency)s already recorded this on %(day)s. Open that record rather than adding a second."
                    )
                    % {
                        "agency": duplicate.reporting_agency,
                        "day": date_format(timezone.localtime(duplicate.occurred_at), "j F Y"),
                    }
                }
            )
        now = timezone.now()
        event = CustodyEvent.objects.create(
            locality=perpetrator.locality,
            perpetrator=perpetrator,
            kind=kind,
            occurred_at=occurred_at,
            establishment=establishment,
            returns_on=returns_on,
            reporting_agency=actor.agency,
            recorded_by=actor.user,
            recorded_at=now,
        )
        cases = _affected_cases(perpetrator)
        in_force = _choices_in_force(cases)
        notifications = []
        for case in cases:
            choice = in_force.get(case.pk)
            notification = ReleaseNotification.objects.create(
                event=event,
                case=case,
                victim_opted_in=bool(choice and choice.wants_to_be_told),
                choice=choice,
                review_trigger=_bring_review_forward(actor=actor, case=case, event=event, now=now),
            )
            notifications.append(notification)
            audit_record(
                actor=actor,
                action=AuditAction.CREATE,
                target=notification,
                case=case,
                summary=(
                    "The perpetrator's release or escape is to be told to the victim, who asked to be told"
                    if notification.victim_opted_in
                    else "The perpetrator's release or escape was recorded; the victim had not asked to be told"
                ),
                detail={
                    "event": event.pk,
                    "victim_opted_in": notification.victim_opted_in,
                    "review_trigger": notification.review_trigger_id,
                },
            )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target=event,
            summary="Recorded a perpetrator's release or escape",
            detail={
                "perpetrator": perpetrator.pk,
                "kind": kind,
                "occurred_at": occurred_at.isoformat(),
                "cases": [case.pk for case in cases],
                "opted_in": [n.case_id for n in notifications if n.victim_opted_in],
            },
        )
        if any(notification.victim_opted_in for notification in notifications):
            # Only once the record is committed, so no IDVA service is sent to a release that was rolled back. A
            # mail server that refuses does not undo the record: `release_notices` sends the notice later.
            transaction.on_commit(partial(release_notices_email, events=[event.pk]), robust=True)
    return CustodyEventOutcome(event=event, notifications=notifications)


def release_notification_record(
    *, actor: Actor, notification: ReleaseNotification, told_at: dt.datetime, method: str, note: str = ""
) -> ReleaseNotification:
    """Record that she was told of his release or escape: who, when, how. Only for a victim who asked to be told
    and still wants to be; once only."""
    _require_keeper(actor, notification.case)
    _check_method(method)
    _check_past(told_at, "told_at", gettext("The time she was told must be now or in the past."))
    with transaction.atomic():
        # Locking the row makes a second, simultaneous submission wait and then see the first one.
        current = (
            ReleaseNotification.objects.select_for_update(of=("self",))
            .select_related("event", "case", "told_by")
            .get(pk=notification.pk)
        )
        if not current.victim_opted_in:
            raise ValidationError(
                {
                    NON_FIELD_ERRORS: gettext(
                        "She had not asked to be told of his release or escape when it was recorded, so no "
                        "notification is recorded under the scheme. If the risk means she must be warned, agree it "
                        "in her safety plan and record the contact with her."
                    )
                }
            )
        latest = NotificationChoice.objects.filter(case=current.case).order_by(*CHOICE_ORDER).first()
        if latest is None or not latest.wants_to_be_told:
            raise ValidationError(
                {NON_FIELD_ERRORS: gettext("She has since said she does not want to be told of his release or escape.")}
            )
        if current.told_at is not None:
            by = current.told_by.get_full_name() or current.told_by.get_username()
            raise ValidationError(
                {
                    NON_FIELD_ERRORS: gettext("%(by)s already recorded that she was told, on %(when)s.")
                    % {"by": by, "when": date_format(timezone.localtime(current.told_at), "j F Y")}
                }
            )
        if told_at < current.event.occurred_at:
            raise ValidationError({"told_at": gettext("She cannot have been told before he was released or escaped.")})
        current.told_at = told_at
        current.told_by = actor.user
        current.told_by_agency = actor.agency
        current.method = method
        current.note = note.strip()
        current.recorded_at = timezone.now()
        current.save(update_fields=["told_at", "told_by", "told_by_agency", "method", "note", "recorded_at"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=current,
            case=current.case,
            summary="Recorded that the victim was told of the perpetrator's release or escape",
            detail={"event": current.event_id, "method": method, "told_at": told_at.isoformat()},
        )
    return current


# The individual needs assessment


def needs_assessment_record(
    *,
    actor: Actor,
    case: Case,
    reason: str,
    assessed_on: dt.date,
    needs: list[str],
    findings: str,
    her_views: str = "",
    change_description: str = "",
) -> NeedsAssessment:
    """Record a new version of her individual needs assessment (VRD Art. 22): the first is the initial one; each
    later one says why it was made, and a significant change says what changed."""
    _require_keeper(actor, case)
    if reason not in NeedsAssessmentReason.values:
        raise ValidationError({"reason": gettext("Choose why the assessment was made.")})
    if set(needs) - set(ProtectionNeed.values):
        raise ValidationError({"needs": gettext("Choose only from the measures listed.")})
    findings = findings.strip()
    if not findings:
        raise ValidationError({"findings": gettext("Enter what the assessment found.")})
    change_description = change_description.strip()
    if reason == NeedsAssessmentReason.SIGNIFICANT_CHANGE and not change_description:
        raise ValidationError({"change_description": gettext("Say what changed in her circumstances.")})
    if assessed_on > timezone.localdate():
        raise ValidationError({"assessed_on": gettext("The assessment must be dated today or earlier.")})
    with transaction.atomic():
        # The case row is the lock that numbers the versions: two assessments saved at once cannot both be version 2.
        Case.objects.select_for_update().filter(pk=case.pk).first()
        last = NeedsAssessment.objects.filter(case=case).aggregate(version=Max("version"), day=Max("assessed_on"))
        if last["version"] is None and reason != NeedsAssessmentReason.INITIAL:
            raise ValidationError({"reason": gettext("Her first assessment is the initial assessment.")})
        if last["version"] is not None and reason == NeedsAssessmentReason.INITIAL:
            raise ValidationError(
                {"reason": gettext("She already has an initial assessment: say why this new version was made.")}
            )
        if last["day"] is not None and assessed_on < last["day"]:
            raise ValidationError(
                {
                    "assessed_on": gettext("The latest version is dated %(day)s: a new version cannot be earlier.")
                    % {"day": date_format(last["day"], "j F Y")}
                }
            )
        try:
            assessment = NeedsAssessment.objects.create(
                case=case,
                version=(last["version"] or 0) + 1,
                reason=reason,
                change_description=change_description if reason != NeedsAssessmentReason.INITIAL else "",
                assessed_on=assessed_on,
                needs=[need for need in ProtectionNeed.values if need in set(needs)],
                findings=findings,
                her_views=her_views.strip(),
                agency=actor.agency,
                recorded_by=actor.user,
                recorded_at=timezone.now(),
            )
        except IntegrityError as error:  # only if the lock above were bypassed
            raise ValidationError(
                {NON_FIELD_ERRORS: gettext("Another version was saved at the same moment. Reload the log.")}
            ) from error
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target=assessment,
            case=case,
            summary=f"Recorded version {assessment.version} of the victim's individual needs assessment",
            detail={"version": assessment.version, "reason": reason, "assessed_on": assessed_on.isoformat()},
        )
    return assessment


# The provisions checklist


def provision_check_update(
    *, actor: Actor, provision_code: str, process_part: str, how_served: str, done: bool
) -> ProvisionCheck:
    """Map one provision to the part of the locality's process that serves it, and say whether that is in place.
    Marking it done, or changing what serves a done provision, confirms it in the actor's name."""
    if not policy.has_permission(actor, "provisions.confirm") or actor.locality is None:
        raise PermissionDenied("Your role may not complete the provisions checklist.")
    if provision_code not in PROVISIONS_BY_CODE:
        raise ValidationError({NON_FIELD_ERRORS: gettext("There is no such provision in the checklist.")})
    if process_part not in ProcessPart.values:
        raise ValidationError({"process_part": gettext("Choose the part of the process that serves it.")})
    how_served = how_served.strip()
    if done and not how_served:
        raise ValidationError(
            {"how_served": gettext("Say what in your process serves it before marking it as in place.")}
        )
    with transaction.atomic():
        check = (
            ProvisionCheck.objects.select_for_update().filter(locality=actor.locality, provision=provision_code).first()
        )
        before = (
            {"process_part": check.process_part, "how_served": check.how_served, "done": check.done} if check else None
        )
        now = timezone.now()
        if check is None:
            check = ProvisionCheck(locality=actor.locality, provision=provision_code)
        changed = before is None or before != {"process_part": process_part, "how_served": how_served, "done": done}
        if not changed:
            return check
        reconfirm = done and (
            before is None
            or not before["done"]
            or before["process_part"] != process_part
            or before["how_served"] != how_served
        )
        check.process_part = process_part
        check.how_served = how_served
        check.done = done
        if reconfirm:
            check.confirmed_by, check.confirmed_at = actor.user, now
        elif not done:
            check.confirmed_by, check.confirmed_at = None, None
        check.updated_by, check.updated_at = actor.user, now
        check.save()
        audit_record(
            actor=actor,
            action=AuditAction.CREATE if before is None else AuditAction.UPDATE,
            target=check,
            summary=f"Updated the provisions checklist: {provision_code} {'in place' if done else 'not yet in place'}",
            detail={
                "provision": provision_code,
                "before": before,
                "after": {"process_part": process_part, "how_served": how_served, "done": done},
            },
        )
    return check
