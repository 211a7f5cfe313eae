"""Writes for incidents entered by hand, and for the coordinator's decision on a referral flag."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from marac.access import policy
from marac.access.actor import Actor
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.duties.services import duty_after_incident
from marac.incidents.models import FlagResolution, Gravity, Incident, IncidentType, ReferralFlag
from marac.incidents.rules import RulesOutcome, incidents_evaluate
from marac.people.matching import lock_identity
from marac.people.models import Person
from marac.people.services import PersonDetails, person_find_or_create
from marac.referrals.models import CaseParty, PartyRole, Referral

EARLIEST_INCIDENT = dt.datetime(1900, 1, 1, tzinfo=dt.UTC)


@dataclass
class IncidentInput:
    """One incident as an agency describes it. The perpetrator may be unknown (None). The people are None, and not
    read, when the incident is recorded between people already identified (`incident_record_between`)."""

    occurred_at: dt.datetime | None
    incident_type: str
    gravity: int | None
    victim: PersonDetails | None
    perpetrator: PersonDetails | None = None
    children_present: int = 0
    summary: str = ""
    source_reference: str = ""


@dataclass(frozen=True)
class IncidentOutcome:
    incident: Incident
    victim_matched: bool  # an existing person of the locality, rather than a new record
    perpetrator_matched: bool
    rules: RulesOutcome = field(default_factory=RulesOutcome)


def _input_errors(
    *, actor: Actor, data: IncidentInput, now: dt.datetime, people_given: bool = True
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if data.occurred_at is None:
        errors["occurred_at"] = [gettext("Enter the date and time of the incident.")]
    elif data.occurred_at > now:
        errors["occurred_at"] = [gettext("The incident cannot be in the future.")]
    elif data.occurred_at < EARLIEST_INCIDENT:
        errors["occurred_at"] = [gettext("Enter a date from 1900 onwards.")]
    if data.incident_type not in IncidentType.values:
        errors["incident_type"] = [gettext("Choose the type of incident.")]
    if data.gravity not in Gravity.values:
        errors["gravity"] = [gettext("Choose how serious the incident was.")]
    if people_given:
        errors |= _people_errors(data)
    if data.children_present < 0:
        errors["children_present"] = [gettext("The number of children cannot be negative.")]
    if not data.summary.strip():
        errors["summary"] = [gettext("Say briefly what happened.")]
    reference = data.source_reference.strip()
    if reference and Incident.objects.filter(source_agency=actor.agency, source_reference=reference).exists():
        errors["source_reference"] = [
            gettext("Your agency has already recorded an incident with the reference %(reference)s.")
            % {"reference": reference}
        ]
    return errors


def _people_errors(data: IncidentInput) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    victim = data.victim or PersonDetails(given_name="")
    if not victim.given_name.strip():
        errors["victim_given_name"] = [gettext("Enter the victim's given name.")]
    if not victim.family_name.strip():
        errors["victim_family_name"] = [gettext("Enter the victim's family name.")]
    if victim.date_of_birth is None:
        errors["victim_date_of_birth"] = [
            gettext(
                "Enter the victim's date of birth: without it the incident cannot be matched with her other records."
            )
        ]
    if data.perpetrator is not None and not data.perpetrator.given_name.strip():
        errors["perpetrator_given_name"] = [
            gettext("Enter the perpetrator's given name, or leave every perpetrator box empty.")
        ]
    return errors


def _known_perpetrators(victim: Person) -> list[Person]:
    """The perpetrators on the victim's cases: a name alone identifies one of them, as on a referral."""
    parties = CaseParty.objects.filter(case__victim=victim, role=PartyRole.PERPETRATOR).select_related("person")
    return [party.person for party in parties.prefetch_related("person__aliases").order_by("pk")]


def incident_record(*, actor: Actor, data: IncidentInput) -> IncidentOutcome:
    """Record an incident for the actor's agency: match (or record) the victim and the perpetrator among the
    locality's people, in one transaction; then apply the repeat and escalation rules to it."""
    if not policy.has_permission(actor, "incident.record") or actor.locality is None:
        raise PermissionDenied("This role cannot record incidents.")
    now = timezone.now()
    errors = _input_errors(actor=actor, data=data, now=now)
    if errors:
        raise ValidationError(errors)
    locality = actor.locality
    with transaction.atomic():
        lock_identity(locality=locality, date_of_birth=data.victim.date_of_birth)
        victim = person_find_or_create(actor=actor, locality=locality, details=data.victim)
        perpetrator = None
        if data.perpetrator is not None:
            perpetrator = person_find_or_create(
                actor=actor,
                locality=locality,
                details=data.perpetrator,
                prefer=_known_perpetrators(victim.person),
            )
            if perpetrator.person.pk == victim.person.pk:
                raise ValidationError(
                    {
                        "perpetrator_given_name": gettext(
                            "The victim and the perpetrator are the same person: check the names."
                        )
                    }
                )
        incident = _create(
            actor=actor,
            data=data,
            victim=victim.person,
            perpetrator=perpetrator.person if perpetrator else None,
            now=now,
            matched={
                "victim_matched": not victim.created,
                "perpetrator_matched": bool(perpetrator and not perpetrator.created),
            },
        )
    rules = incidents_evaluate(incidents=[incident.pk])
    # After the rules: a repeat referral they made meets the protocol's referral-back duty rather than doubling it.
    duty_after_incident(actor=actor, incident=incident)
    return IncidentOutcome(
        incident=incident,
        victim_matched=not victim.created,
        perpetrator_matched=bool(perpetrator and not perpetrator.created),
        rules=rules,
    )


def incident_record_between(
    *, actor: Actor, victim: Person, perpetrator: Person | None, data: IncidentInput
) -> IncidentOutcome:
    """Record an incident between people another record already identifies (a breach of an order names both):
    no matching by name and date of birth, which would need her date of birth and could pick another record of the
    same name. `data.victim` and `data.perpetrator` are not read. Then the rules run on it, as for any incident."""
    if not policy.has_permission(actor, "incident.record") or actor.locality is None:
        raise PermissionDenied("This role cannot record incidents.")
    if victim.locality_id != actor.locality.pk or (perpetrator and perpetrator.locality_id != actor.locality.pk):
        raise PermissionDenied("Both people must be of the actor's locality.")
    if perpetrator is not None and perpetrator.pk == victim.pk:
        raise ValidationError({"perpetrator": gettext("The victim and the perpetrator are the same person.")})
    now = timezone.now()
    errors = _input_errors(actor=actor, data=data, now=now, people_given=False)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        incident = _create(actor=actor, data=data, victim=victim, perpetrator=perpetrator, now=now, matched={})
    rules = incidents_evaluate(incidents=[incident.pk])
    return IncidentOutcome(
        incident=incident, victim_matched=True, perpetrator_matched=perpetrator is not None, rules=rules
    )


def _create(
    *,
    actor: Actor,
    data: IncidentInput,
    victim: Person,
    perpetrator: Person | None,
    now: dt.datetime,
    matched: dict[str, bool],
) -> Incident:
    incident = Incident.objects.create(
        locality=actor.locality,
        source_agency=actor.agency,
        source_reference=data.source_reference.strip(),
        occurred_at=data.occurred_at,
        incident_type=data.incident_type,
        gravity=data.gravity,
        victim=victim,
        perpetrator=perpetrator,
        children_present=data.children_present,
        summary=data.summary.strip(),
        recorded_by=actor.user,
        recorded_at=now,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        target=incident,
        summary=f"Recorded an incident for {actor.agency}",
        detail={
            "victim": victim.pk,
            "perpetrator": perpetrator.pk if perpetrator else None,
            **matched,
            "incident_type": incident.incident_type,
            "gravity": incident.gravity,
        },
    )
    return incident


def flag_resolve(*, actor: Actor, flag: ReferralFlag, resolution: str, note: str = "") -> ReferralFlag:
    """The coordinator closes a flag: the person was referred (the referral made since the flag was raised is
    linked), or no referral is needed (the reason is required)."""
    if not policy.has_permission(actor, "flag.resolve"):
        raise PermissionDenied("This role cannot resolve referral flags.")
    if flag.locality_id != actor.locality.pk:
        raise PermissionDenied("The flag belongs to another locality.")
    note = note.strip()
    errors: dict[str, list[str]] = {}
    if resolution not in FlagResolution.values:
        errors["resolution"] = [gettext("Choose whether the person was referred or needs no referral.")]
    if resolution == FlagResolution.NOT_NEEDED and not note:
        errors["resolution_note"] = [gettext("Say why no referral is needed.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        flag = ReferralFlag.objects.select_for_update().get(pk=flag.pk)
        if flag.resolved_at is not None:
            raise ValidationError({"resolution": gettext("This flag has already been resolved.")})
        referral = None
        if resolution == FlagResolution.REFERRED:
            referral = (
                Referral.objects.filter(case__victim_id=flag.person_id, referred_at__gte=flag.raised_at)
                .order_by("referred_at", "pk")
                .first()
            )
            if referral is None:
                raise ValidationError(
                    {
                        "resolution": gettext(
                            "Nobody has referred this person since the flag was raised: make the referral first, "
                            "then resolve the flag."
                        )
                    }
                )
        flag.resolution = resolution
        flag.resolution_note = note if resolution == FlagResolution.NOT_NEEDED else ""
        flag.resolved_at = timezone.now()
        flag.resolved_by = actor.user
        flag.referral = referral
        flag.save(update_fields=["resolution", "resolution_note", "resolved_at", "resolved_by", "referral"])
        with translation.override(None):  # the audit trail is kept in English
            resolution_words = flag.get_resolution_display().lower()
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=flag,
            summary=f"Resolved a referral flag: {resolution_words}",
            detail={"resolution": resolution, "referral": referral.pk if referral else None},
        )
    return flag
