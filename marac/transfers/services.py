"""Writes for transfers: request, withdraw, accept, decline. One transaction and its audit events each.

The sending coordinator requests; until the receiving coordinator decides, the case stays as it is. Accepting
opens the case in the receiving locality (or adds to the open case it already has for the victim) with a
referral that goes to triage like any other, and marks the sending case transferred. People are copied as
records of the receiving locality: a person record never serves two localities.
"""

import re

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from marac.access import policy
from marac.access.actor import Actor
from marac.agencies.models import Locality
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.meetings.models import AgendaItem, MeetingStatus
from marac.people.ages import age_on
from marac.people.matching import lock_identity
from marac.people.services import PersonDetails, person_create, person_find_or_create, person_update
from marac.referrals.models import Case, CaseParty, CaseStatus, Consent, PartyRole, Referral
from marac.referrals.services import case_open
from marac.transfers.matching import case_to_join, victim_matches
from marac.transfers.models import Transfer, TransferStatus
from marac.transfers.pack import HistoryPack, PackPerson, history_pack_build
from marac.transfers.selectors import agenda_items_checked

# The outward code, the first half of a UK postcode: HC4, B1, SW1A.
POSTCODE_DISTRICT = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?$")


def _check_role(actor: Actor, permission: str) -> None:
    if actor.locality is None or not policy.has_permission(actor, permission):
        raise PermissionDenied("This role cannot send or receive transfers.")


def _locked(transfer: Transfer) -> Transfer:
    return (
        Transfer.objects.select_for_update(of=("self",))
        .select_related("from_locality", "to_locality")
        .get(pk=transfer.pk)
    )


def _no_longer_open(transfer: Transfer) -> ValidationError:
    return ValidationError(
        {
            NON_FIELD_ERRORS: gettext("This transfer is %(status)s already.")
            % {"status": transfer.get_status_display().lower()}
        }
    )


def transfer_request(
    *, actor: Actor, case: Case, to_locality: Locality | None, reason: str, new_postcode_district: str = ""
) -> Transfer:
    """Ask another locality to take over a case, with the history pack the sending agreement allows."""
    _check_role(actor, "transfer.send")
    if case.locality_id != actor.locality.pk:
        raise PermissionDenied("The case belongs to another locality.")
    reason = reason.strip()
    district = new_postcode_district.replace(" ", "").upper()
    errors: dict[str, str] = {}
    if to_locality is None or to_locality.pk == case.locality_id:
        errors["to_locality"] = gettext("Choose the area the case moves to.")
    if not reason:
        errors["reason"] = gettext("Say why the case moves, for example that the victim has moved to the area.")
    if district and not POSTCODE_DISTRICT.match(district):
        errors["new_postcode_district"] = gettext("Enter the first half of a postcode, such as HC4, or leave it empty.")
    if errors:
        raise ValidationError(errors)

    with transaction.atomic():
        locked = Case.objects.select_for_update(of=("self",)).select_related("locality").get(pk=case.pk)
        if locked.status == CaseStatus.TRANSFERRED:
            raise ValidationError({NON_FIELD_ERRORS: gettext("This case has already been transferred.")})
        if locked.erased_at is not None:
            raise ValidationError(
                {NON_FIELD_ERRORS: gettext("This case was anonymised: there is nothing left to transfer.")}
            )
        pending = Transfer.objects.filter(sending_case=locked, status=TransferStatus.REQUESTED).first()
        if pending is not None:
            waiting = gettext("A transfer of this case to %(locality)s is already waiting for a decision.") % {
                "locality": pending.to_locality
            }
            raise ValidationError({NON_FIELD_ERRORS: waiting})
        now = timezone.now()
        level = locked.locality.transfer_history_sharing
        transfer = Transfer.objects.create(
            sending_case=locked,
            from_locality=locked.locality,
            to_locality=to_locality,
            reason=reason,
            new_postcode_district=district,
            requested_by=actor.user,
            requested_at=now,
            sharing_level=level,
            history_pack=history_pack_build(case=locked, level=level, reason=reason, now=now),
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target=transfer,
            case=locked,
            summary=f"Asked {to_locality} to take over the case",
            detail={"to_locality": to_locality.pk, "sharing_level": level},
        )
    return transfer


def transfer_withdraw(*, actor: Actor, transfer: Transfer) -> Transfer:
    """The sending coordinator takes back a request the receiving area has not decided yet."""
    _check_role(actor, "transfer.send")
    if transfer.from_locality_id != actor.locality.pk:
        raise PermissionDenied("The transfer belongs to another locality.")
    with transaction.atomic():
        locked = _locked(transfer)
        if locked.status != TransferStatus.REQUESTED:
            raise _no_longer_open(locked)
        locked.status = TransferStatus.WITHDRAWN
        locked.decided_by = actor.user
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decided_by", "decided_at"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=locked,
            case=locked.sending_case,
            summary=f"Withdrew the request to transfer the case to {locked.to_locality}",
            detail={"status": locked.status},
        )
    return locked


def transfer_decline(*, actor: Actor, transfer: Transfer, reason: str) -> Transfer:
    """The receiving coordinator refuses the case; the sending case carries on as it was."""
    _check_role(actor, "transfer.receive")
    if transfer.to_locality_id != actor.locality.pk:
        raise PermissionDenied("The transfer is addressed to another locality.")
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"decline_reason": gettext("Say why the case is declined, so the sending area knows what to do.")}
        )
    with transaction.atomic():
        locked = _locked(transfer)
        if locked.status != TransferStatus.REQUESTED:
            raise _no_longer_open(locked)
        locked.status = TransferStatus.DECLINED
        locked.decline_reason = reason
        locked.decided_by = actor.user
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decline_reason", "decided_by", "decided_at"])
        # The only case is the sending one: its trail shows who in the other area declined, and when.
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=locked,
            case=locked.sending_case,
            summary=f"{locked.to_locality} declined to take over the case",
            detail={"status": locked.status},
        )
    return locked


def _person_details(person: PackPerson) -> PersonDetails:
    return PersonDetails(
        given_name=person.given_name,
        family_name=person.family_name,
        date_of_birth=person.date_of_birth,
        aliases=list(person.aliases),
    )


def _receiving_case(*, actor: Actor, transfer: Transfer, pack: HistoryPack, now) -> tuple[Case, bool]:
    """The victim's open case in the receiving locality, brought up to date; else a new case for her."""
    locality = transfer.to_locality
    details = _person_details(pack.victim)
    joined = case_to_join(locality=locality, victim=pack.victim)
    if joined is not None:
        person_update(actor=actor, person=joined.victim, details=details, case=joined)
        status_before = joined.status
        joined.last_referred_at = now
        if joined.status in (CaseStatus.MONITORING, CaseStatus.ON_PATHWAY):
            # A new referral puts a monitored case back in front of the coordinator, as a repeat would.
            joined.status = CaseStatus.REFERRED
        joined.save(update_fields=["last_referred_at", "status"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=joined,
            case=joined,
            summary=f"Transfer in from {transfer.from_locality} joined the case",
            detail={"transfer": transfer.pk, "status_before": status_before, "status_after": joined.status},
        )
        return joined, False
    victim = victim_matches(locality=locality, victim=pack.victim).first()
    if victim is None:
        victim = person_create(actor=actor, locality=locality, details=details)
        case = case_open(locality=locality, victim=victim, now=now)
    else:
        case = case_open(locality=locality, victim=victim, now=now)
        person_update(actor=actor, person=victim, details=details, case=case)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        target=case,
        case=case,
        summary=f"Opened case {case.reference} for a transfer in from {transfer.from_locality}",
        detail={"transfer": transfer.pk, "victim": victim.pk},
    )
    return case, True


def _add_perpetrators(*, actor: Actor, case: Case, pack: HistoryPack) -> list[int]:
    known = [party.person for party in case.parties.filter(role=PartyRole.PERPETRATOR).select_related("person")]
    person_ids = []
    for entry in pack.perpetrators:
        match = person_find_or_create(
            actor=actor, locality=case.locality, details=_person_details(entry), prefer=known, case=case
        )
        CaseParty.objects.get_or_create(
            case=case,
            person=match.person,
            role=PartyRole.PERPETRATOR,
            defaults={"relationship_to_victim": entry.relationship_to_victim},
        )
        known.append(match.person)
        person_ids.append(match.person.pk)
    return person_ids


def _submitted_person(person: PackPerson, person_id: int, on) -> dict:
    return {
        "given_name": person.given_name,
        "family_name": person.family_name,
        "aliases": list(person.aliases),
        "date_of_birth": person.date_of_birth.isoformat() if person.date_of_birth else None,
        "age_at_referral": age_on(person.date_of_birth, on) if person.date_of_birth else None,
        "person_id": person_id,
    }


def _transfer_referral(*, actor: Actor, transfer: Transfer, case: Case, pack: HistoryPack, perpetrator_ids, now):
    """The referral the transfer brings: the consent decision and people as the pack carried them."""
    today = timezone.localdate(now)
    consent_known = pack.consent in Consent.values
    consent = pack.consent if consent_known else Consent.NOT_SOUGHT
    without_consent_reason = (
        pack.sharing_without_consent_reason
        if consent_known
        else f"No consent decision came with the transfer from {transfer.from_locality}."
    )
    return Referral.objects.create(
        case=case,
        referring_agency=actor.agency,
        referred_by=actor.user,
        referred_at=now,
        consent=consent,
        sharing_without_consent_reason="" if consent == Consent.GIVEN else without_consent_reason,
        sharing_approved_by="" if consent == Consent.GIVEN else pack.sharing_approved_by,
        risk_summary=(
            f"Transferred in from {transfer.from_locality} (their case {pack.sending_reference}). "
            f"Reason given: {pack.reason}"
        ),
        children_in_household=pack.children_count,
        submitted_details={
            "victim": _submitted_person(pack.victim, case.victim_id, today),
            "perpetrators": [
                {**_submitted_person(person, person_id, today), "relationship_to_victim": person.relationship_to_victim}
                for person, person_id in zip(pack.perpetrators, perpetrator_ids, strict=True)
            ],
            "children": [],
        },
    )


def _withdraw_from_agendas(*, actor: Actor, transfer: Transfer, case: Case) -> list[dict]:
    """Take the sending case off the agendas of its locality's meetings still to come.

    Where the case list has not gone out (and no agency has researched the case) the case is removed quietly.
    Where the agencies already have it, the item stays on the list they hold and the chair tells them at the
    meeting that the case has transferred.
    """
    withdrawn = []
    items = agenda_items_checked([case.pk]).filter(meeting__status=MeetingStatus.SCHEDULED)
    for item in items:
        agencies_have_it = item.circulated_at is not None or item.research_posted
        withdrawn.append({"meeting": item.meeting_id, "removed": not agencies_have_it})
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=item,
            case=case,
            summary=(
                f"Transferred to {transfer.to_locality}: tell the agencies at {item.meeting} that the case is withdrawn"
                if agencies_have_it
                else f"Transferred to {transfer.to_locality}: removed from the agenda of {item.meeting}"
            ),
            detail={"transfer": transfer.pk, "meeting": item.meeting_id, "removed": not agencies_have_it},
        )
        if not agencies_have_it:
            AgendaItem.objects.filter(pk=item.pk).delete()
    return withdrawn


def transfer_accept(*, actor: Actor, transfer: Transfer) -> Transfer:
    """The receiving coordinator takes the case over. Accepting again changes nothing.

    The transfer row is locked first, so two acceptances at once open one case: the second finds it accepted.
    """
    _check_role(actor, "transfer.receive")
    if transfer.to_locality_id != actor.locality.pk:
        raise PermissionDenied("The transfer is addressed to another locality.")
    with transaction.atomic():
        locked = _locked(transfer)
        if locked.status == TransferStatus.ACCEPTED:
            return locked
        if locked.status != TransferStatus.REQUESTED:
            raise _no_longer_open(locked)
        if not locked.history_pack:
            raise ValidationError(
                {NON_FIELD_ERRORS: gettext("The history pack was anonymised: ask for the case again.")}
            )
        pack = HistoryPack.from_json(locked.history_pack)
        now = timezone.now()
        lock_identity(locality=locked.to_locality, date_of_birth=pack.victim.date_of_birth)

        case, case_created = _receiving_case(actor=actor, transfer=locked, pack=pack, now=now)
        perpetrator_ids = _add_perpetrators(actor=actor, case=case, pack=pack)
        referral = _transfer_referral(
            actor=actor, transfer=locked, case=case, pack=pack, perpetrator_ids=perpetrator_ids, now=now
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target=referral,
            case=case,
            summary=f"Referral to {case.reference} (transfer in from {locked.from_locality})",
            detail={"transfer": locked.pk, "case_created": case_created},
        )

        sending = Case.objects.select_for_update().get(pk=locked.sending_case_id)
        withdrawn = _withdraw_from_agendas(actor=actor, transfer=locked, case=sending)
        status_before = sending.status
        sending.status = CaseStatus.TRANSFERRED
        sending.closed_at = now
        sending.save(update_fields=["status", "closed_at"])

        locked.status = TransferStatus.ACCEPTED
        locked.decided_by = actor.user
        locked.decided_at = now
        locked.receiving_case = case
        locked.receiving_referral = referral
        locked.save(update_fields=["status", "decided_by", "decided_at", "receiving_case", "receiving_referral"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=locked,
            case=case,
            summary=f"Accepted the transfer from {locked.from_locality} into {case.reference}",
            detail={"status": locked.status, "case_created": case_created, "referral": referral.pk},
        )
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=locked,
            case=sending,
            summary=f"Transferred to {locked.to_locality}, which accepted the case",
            detail={"status_before": status_before, "status_after": sending.status, "withdrawn_from": withdrawn},
        )
    return locked
