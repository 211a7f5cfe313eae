"""Incidents on the retention schedule.

Incidents belong to people, not to cases, so they have a clock of their own:

- An incident is deleted outright `Locality.retention_years_closed_case` years after it happened, unless its victim
  is the victim of, or a party to, a case that is not anonymised: then it stays while that case does, and the case's
  own schedule decides.
- While an incident is held, its victim and perpetrator are not anonymised (`people.retention`); the people an expiry
  leaves linked to nothing (no case still held, no incident) are anonymised as a case's people are.
- A referral flag goes with the last of its incidents; a person anonymised for any reason takes the incidents about
  her and her flags with her.

Nothing here is counted in the partnership's returns, so deleting rather than anonymising loses no figure. One audit
event per locality and run records how many incidents went and who was anonymised (ids only).
"""

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from marac.access.actor import Actor
from marac.agencies.models import Locality
from marac.audit.models import AuditAction, AuditPurpose
from marac.audit.services import audit_record
from marac.incidents.models import Incident, IncidentImport, ReferralFlag
from marac.people.retention import _anonymise_people
from marac.referrals.models import Case, CaseParty
from marac.referrals.services import months_before


def incident_retention_cutoff(*, locality: Locality, now: dt.datetime) -> dt.datetime:
    return months_before(now, 12 * locality.retention_years_closed_case)


def expired_incidents(*, locality: Locality, now: dt.datetime) -> QuerySet[Incident]:
    """Incidents of the locality past their retention period whose victim is on no case still held."""
    unerased = Case.objects.filter(erased_at__isnull=True)
    on_case_held = Q(Exists(unerased.filter(victim_id=OuterRef("victim_id")))) | Q(
        Exists(CaseParty.objects.filter(person_id=OuterRef("victim_id"), case__in=unerased))
    )
    return Incident.objects.filter(
        locality=locality, occurred_at__lt=incident_retention_cutoff(locality=locality, now=now)
    ).exclude(on_case_held)


@dataclass(frozen=True)
class IncidentExpiry:
    locality: Locality
    incidents_deleted: int
    flags_deleted: int
    people_anonymised: list[int]


def incidents_expire(*, actor: Actor, locality: Locality, now: dt.datetime | None = None) -> IncidentExpiry | None:
    """Delete the locality's expired incidents, and anonymise the people they leave linked to nothing. Returns None,
    changing nothing and recording nothing, when no incident has expired: a second run is silent."""
    now = now or timezone.now()
    with transaction.atomic():
        rows = list(expired_incidents(locality=locality, now=now).values_list("pk", "victim_id", "perpetrator_id"))
        if not rows:
            return None
        incident_ids = [pk for pk, _victim, _perpetrator in rows]
        people = sorted({person for _pk, *parties in rows for person in parties if person is not None})
        flag_ids = list(
            ReferralFlag.incidents.through.objects.filter(incident_id__in=incident_ids)
            .values_list("referralflag_id", flat=True)
            .distinct()
        )
        Incident.objects.filter(pk__in=incident_ids).delete()
        orphaned = list(
            ReferralFlag.objects.filter(pk__in=flag_ids, incidents__isnull=True).values_list("pk", flat=True)
        )
        ReferralFlag.objects.filter(pk__in=orphaned).delete()
        flags_deleted = len(orphaned)
        anonymised = _anonymise_people(people, now=now)
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            summary=f"Deleted {len(incident_ids)} incidents past their retention period",
            detail={
                "locality": locality.pk,
                "retention_years": locality.retention_years_closed_case,
                "occurred_before": incident_retention_cutoff(locality=locality, now=now).isoformat(),
                "incidents_deleted": len(incident_ids),
                "flags_deleted": flags_deleted,
                "people_anonymised": anonymised,
            },
            purpose=AuditPurpose.RETENTION,
        )
    return IncidentExpiry(
        locality=locality,
        incidents_deleted=len(incident_ids),
        flags_deleted=flags_deleted,
        people_anonymised=anonymised,
    )


# The bad rows an import returned hold the file's own columns (names, dates of birth): long enough to correct and
# import them again, no longer.
BAD_ROWS_KEPT_DAYS = 30


def bad_rows_files_empty(*, actor: Actor, now: dt.datetime | None = None) -> list[int]:
    """Empty the bad-rows files of imports that finished more than `BAD_ROWS_KEPT_DAYS` ago; returns the imports'
    ids. A second run finds nothing to empty and records nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        expired = IncidentImport.objects.filter(finished_at__lt=now - dt.timedelta(days=BAD_ROWS_KEPT_DAYS)).exclude(
            bad_rows_file=""
        )
        import_ids = list(expired.values_list("pk", flat=True))
        if not import_ids:
            return []
        IncidentImport.objects.filter(pk__in=import_ids).update(bad_rows_file="")
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            summary=f"Emptied the bad-rows files of {len(import_ids)} incident imports",
            detail={"ids": import_ids, "kept_days": BAD_ROWS_KEPT_DAYS},
            purpose=AuditPurpose.RETENTION,
        )
    return import_ids
