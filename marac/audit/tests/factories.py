"""A small audit trail across two localities, for the tests of who may read which events."""

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from unittest import mock

from django.utils import timezone

from marac.access import guard
from marac.audit.models import AuditAction, AuditEvent, AuditPurpose
from marac.audit.services import audit_record
from marac.people.models import Alias, Person
from marac.referrals.models import Case, CaseParty, PartyRole
from marac.testing.factories import CaseFactory, PersonFactory


@contextmanager
def recorded_at(moment: dt.datetime) -> Iterator[None]:
    """Events recorded inside carry this time."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def refuse(actor, case: Case) -> AuditEvent:
    """A refused attempt to open a case, recorded as the guard records it."""
    guard.deny(actor, object_type="referrals.case", object_id=case.pk, reason="Not visible to actor")
    return AuditEvent.objects.order_by("-pk").first()


@dataclass
class Trail:
    victim: Person
    perpetrator: Person
    case: Case
    other_case: Case
    far_case: Case
    housing_viewed_case: AuditEvent
    police_viewed_other_case: AuditEvent
    coordinator_updated_perpetrator: AuditEvent
    social_care_refused_case: AuditEvent
    far_police_refused_case: AuditEvent
    far_coordinator_viewed_far_case: AuditEvent
    far_police_refused_far_case: AuditEvent
    housing_exported: AuditEvent
    system_event: AuditEvent


def build_trail(locale, other_locale) -> Trail:
    """Riverside's case of Zoë Okafor (also known as Zoe Brightwater), with Darren Vale as perpetrator, and a case of
    Mina Patel; Hillcrest's own case. Events on them, on three days in March 2026."""
    victim = PersonFactory(locality=locale.locality, given_name="Zoë", family_name="Okafor")
    Alias.objects.create(person=victim, name="Zoe Brightwater")
    perpetrator = PersonFactory(locality=locale.locality, given_name="Darren", family_name="Vale")
    case = CaseFactory(locality=locale.locality, victim=victim, reference="RS-00001", idva_agency=locale.idva_service)
    CaseParty.objects.create(case=case, person=perpetrator, role=PartyRole.PERPETRATOR)
    other_case = CaseFactory(
        locality=locale.locality,
        reference="RS-00002",
        victim=PersonFactory(locality=locale.locality, given_name="Mina", family_name="Patel"),
    )
    far_case = CaseFactory(
        locality=other_locale.locality,
        reference="HC-00001",
        victim=PersonFactory(locality=other_locale.locality, given_name="Zoe", family_name="Okafor"),
    )

    def at(day: int, hour: int = 10) -> dt.datetime:
        return timezone.make_aware(dt.datetime(2026, 3, day, hour))

    with recorded_at(at(2)):
        housing_viewed_case = audit_record(
            actor=locale.actor("housing_rep"),
            action=AuditAction.VIEW,
            target=case,
            case=case,
            summary="Viewed case (shared detail)",
            purpose=AuditPurpose.MEETING,
        )
        police_viewed_other_case = audit_record(
            actor=locale.actor("police_rep"), action=AuditAction.VIEW, target=other_case, case=other_case
        )
    with recorded_at(at(9)):
        coordinator_updated_perpetrator = audit_record(
            actor=locale.actor("coordinator"), action=AuditAction.UPDATE, target=perpetrator, summary="Updated a person"
        )
        social_care_refused_case = refuse(locale.actor("social_care_rep"), case)
        far_police_refused_case = refuse(other_locale.actor("police_rep"), case)
        far_coordinator_viewed_far_case = audit_record(
            actor=other_locale.actor("coordinator"), action=AuditAction.VIEW, target=far_case, case=far_case
        )
        far_police_refused_far_case = refuse(other_locale.actor("police_rep"), far_case)
    with recorded_at(at(16, 23)):
        housing_exported = audit_record(
            actor=locale.actor("housing_rep"), action=AuditAction.EXPORT, summary='=HYPERLINK("x") minutes'
        )
        system = locale.actor("coordinator")
        system.user, system.membership = None, None
        system_event = audit_record(actor=system, action=AuditAction.UPDATE, summary="Nightly job")
    return Trail(
        victim=victim,
        perpetrator=perpetrator,
        case=case,
        other_case=other_case,
        far_case=far_case,
        housing_viewed_case=housing_viewed_case,
        police_viewed_other_case=police_viewed_other_case,
        coordinator_updated_perpetrator=coordinator_updated_perpetrator,
        social_care_refused_case=social_care_refused_case,
        far_police_refused_case=far_police_refused_case,
        far_coordinator_viewed_far_case=far_coordinator_viewed_far_case,
        far_police_refused_far_case=far_police_refused_far_case,
        housing_exported=housing_exported,
        system_event=system_event,
    )
