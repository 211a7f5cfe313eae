"""No notice names anyone: every kind, produced the way the scheduler produces it for a meeting with named people,
carries no name, case reference, address, postcode, date of birth, action text, MATAC profile or the place a
perpetrator was released from; nor does its audit event."""

import datetime as dt

import pytest
from django.utils import timezone

from marac.actions.followup import action_notices_send
from marac.actions.tests.factories import ActionFactory
from marac.audit.models import AuditEvent
from marac.circulation.minutes import minutes_notices_send
from marac.circulation.reminders import research_reminders_due
from marac.circulation.services import circulate_due
from marac.incidents.rules import incidents_evaluate
from marac.incidents.tests.factories import IncidentFactory, perpetrator_of
from marac.matac.followup import matac_action_notices_send
from marac.matac.models import Nomination, NominationStatus, TacticCategory
from marac.matac.tests.factories import listing_of, matac_action, matac_meeting, nomination_of
from marac.meetings.models import MeetingStatus
from marac.meetings.tests.factories import AgendaItemFactory, MeetingFactory, add_child, add_perpetrator
from marac.notifications.models import EmailNotice, NoticeKind
from marac.people.models import Alias
from marac.perpetrators.alerts import order_expiry_alerts
from marac.perpetrators.tests.factories import order_on
from marac.rights.models import CustodyEventKind
from marac.rights.services import custody_event_record
from marac.rights.tests.factories import choice

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(dt.datetime(2026, 3, 2, 9, 0))
ACTION_TEXT = "Fit new locks at 12 Willow Lane for Nadia"
MATAC_ACTION_TEXT = "Visit Tomasz at his mother's flat on Alder Row every week"
MATAC_PROFILE = "Works nights at the Alder Row depot; new partner expecting"
RELEASED_FROM = "HMP Northgate"


def list_named_case(locale, meeting, *, reference: str, given: str, family: str, dob: dt.date, postcode: str):
    item = AgendaItemFactory(meeting=meeting, referral__referring_agency=locale.police, case__reference=reference)
    victim = item.case.victim
    victim.given_name, victim.family_name, victim.date_of_birth = given, family, dob
    victim.address, victim.postcode = f"12 Willow Lane, Riverside {postcode}", postcode
    victim.save()
    Alias.objects.create(person=victim, name=f"{given} Kovalchuk")
    add_perpetrator(item.case, "Tomasz", "Brennan", date_of_birth=dt.date(1988, 7, 9), aliases=["Tom Brennan"])
    add_child(item.case, "Lily", "Brennan", date_of_birth=dt.date(2019, 4, 1))
    return item


def personal_data(item) -> list[str]:
    victim = item.case.victim
    dob = victim.date_of_birth
    return [
        item.case.reference,
        victim.given_name,
        victim.family_name,
        "Kovalchuk",
        "Tomasz",
        "Brennan",
        "Lily",
        "Willow Lane",
        victim.postcode,
        dob.isoformat(),
        f"{dob.day} {dob:%B %Y}",
        f"{dob:%d/%m/%Y}",
        f"{dob.day} {dob:%b %Y}",
        "1988",
        "2019",
        ACTION_TEXT,
        MATAC_ACTION_TEXT,
        "Alder Row",
        MATAC_PROFILE,
        RELEASED_FROM,
    ]


def test_every_kind_of_notice_is_free_of_personal_data(locale, mailoutbox, django_capture_on_commit_callbacks):
    for agency in (locale.police, locale.housing, locale.health):
        agency.contact_email = f"{agency.agency_type}@riverside.example.org"
        agency.save()
    locale.locality.coordinator_email = "coordinator@riverside.example.org"
    locale.locality.save()
    meeting = MeetingFactory(
        locality=locale.locality,
        scheduled_for=NOW + dt.timedelta(days=10),
        research_deadline=NOW + dt.timedelta(days=8),
        invited=[locale.police, locale.housing, locale.health],
        circulated=False,
    )
    first = list_named_case(
        locale,
        meeting,
        reference="RIV-2026-0417",
        given="Nadia",
        family="Kowalczyk",
        dob=dt.date(1991, 2, 3),
        postcode="RV1 4QX",
    )
    circulate_due(now=NOW + dt.timedelta(days=3))
    second = list_named_case(
        locale,
        meeting,
        reference="RIV-2026-0418",
        given="Marisol",
        family="Quennell",
        dob=dt.date(1979, 11, 23),
        postcode="RV9 2ZT",
    )
    circulate_due(now=NOW + dt.timedelta(days=4))
    research_reminders_due(now=NOW + dt.timedelta(days=7, hours=12))
    research_reminders_due(now=NOW + dt.timedelta(days=8, hours=1))
    for due_in in (2, -2):
        ActionFactory(
            case=first.case,
            agenda_item=first,
            owner_agency=locale.housing,
            text=ACTION_TEXT,
            due_date=timezone.localdate() + dt.timedelta(days=due_in),
        )
    action_notices_send()
    # Her perpetrator is on MATAC: housing owns a tactic due soon and another overdue.
    nomination = nomination_of(locale, perpetrator_of(first.case), status=NominationStatus.SELECTED)
    Nomination.objects.filter(pk=nomination.pk).update(
        subject_profile=MATAC_PROFILE, intelligence_profile=MATAC_PROFILE
    )
    listing = listing_of(matac_meeting(locale, days=-14), nomination)
    for due_in, category in ((2, TacticCategory.DISRUPTION), (-2, TacticCategory.DISCLOSURE)):
        matac_action(listing, locale.housing, category=category, due_in_days=due_in, text=MATAC_ACTION_TEXT)
    matac_action_notices_send()
    meeting.status, meeting.closed_at = MeetingStatus.CLOSED, timezone.now()
    meeting.save()
    minutes_notices_send()
    # A further incident between the first victim and her perpetrator: the repeat rule refers her again.
    repeat = IncidentFactory(
        locality=locale.locality,
        source_agency=locale.housing,
        victim=first.case.victim,
        perpetrator=perpetrator_of(first.case),
        recorded_by=locale.memberships["housing_rep"].user,
        occurred_at=timezone.now(),
    )
    incidents_evaluate(incidents=[repeat.pk])
    # An order protecting the first victim ends in three days: its owner and the victim's IDVA service are told.
    order_on(first.case, owner=locale.police, ends_in_days=3)
    order_expiry_alerts()
    # Her perpetrator is released; she had asked to be told: her IDVA service (here the coordinator) is e-mailed.
    choice(locale, first.case, wants=True)
    with django_capture_on_commit_callbacks(execute=True):
        custody_event_record(
            actor=locale.actor("coordinator"),
            perpetrator=perpetrator_of(first.case),
            kind=CustodyEventKind.RELEASED,
            occurred_at=timezone.now() - dt.timedelta(hours=2),
            establishment=RELEASED_FROM,
        )

    assert set(EmailNotice.objects.values_list("kind", flat=True)) == set(NoticeKind.values)
    texts = [f"{message.subject}\n{message.body}" for message in mailoutbox]
    texts += list(EmailNotice.objects.values_list("subject", flat=True))
    texts += [
        f"{event.summary} {event.detail}"
        for event in AuditEvent.objects.filter(
            object_type__in=("notifications.emailnotice", "actions.actionnotice", "matac.matacactionnotice")
        )
    ]
    for forbidden in personal_data(first) + personal_data(second):
        leaks = [text for text in texts if forbidden in text]
        assert leaks == [], f"{forbidden!r} appears in a notice"
    assert any("Riverside MARAC" in text and "2 cases" in text for text in texts)
    # The MATAC notices went, saying which action, its tactic and its owner: nothing about him.
    matac = [message for message in mailoutbox if "MATAC action" in message.subject]
    assert sorted(address for message in matac for address in message.to) == [
        "coordinator@riverside.example.org",
        "housing@riverside.example.org",
        "housing@riverside.example.org",
    ]
    assert any("Tactic: Disclosure to new partners." in message.body for message in matac)
