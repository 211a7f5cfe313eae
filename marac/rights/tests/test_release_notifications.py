"""Being told of the perpetrator's release or escape (VRD Art. 6(5), Istanbul Convention Art. 56): a release recorded
against him lists every victim whose case names him; the one who asked to be told is notified and the record says who
told her, when and how; the one who did not ask is flagged, and a notification for her is refused."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from marac.audit.models import AuditAction, AuditEvent
from marac.idva.models import ContactMethod
from marac.incidents.tests.factories import IncidentFactory
from marac.rights.models import CustodyEventKind, ReleaseNotification
from marac.rights.services import custody_event_record, notification_choice_record, release_notification_record
from marac.rights.tests.factories import choice, told_form, victim_case
from marac.risk.models import ReviewEvent, ReviewTrigger
from marac.testing.factories import PersonFactory


@pytest.fixture
def perpetrator(locale):
    return PersonFactory(locality=locale.locality, given_name="Darren", family_name="Vale")


@pytest.fixture
def opted_in(locale, perpetrator):
    case = victim_case(locale, perpetrator=perpetrator, victim__given_name="Amara", reference="T-OPTED-IN")
    choice(locale, case, wants=True)
    return case


@pytest.fixture
def not_opted_in(locale, perpetrator):
    """A second victim of his, who was asked and said no."""
    case = victim_case(locale, perpetrator=perpetrator, victim__given_name="Beth", reference="T-NOT-ASKED")
    choice(locale, case, wants=False)
    return case


def record_release(locale, perpetrator, persona="coordinator", **overrides):
    return custody_event_record(
        actor=locale.actor(persona),
        perpetrator=perpetrator,
        kind=overrides.pop("kind", CustodyEventKind.RELEASED),
        occurred_at=overrides.pop("occurred_at", timezone.now() - dt.timedelta(hours=4)),
        establishment=overrides.pop("establishment", "HMP Northgate"),
        **overrides,
    )


def test_a_release_lists_every_victim_and_flags_the_one_who_did_not_ask(locale, perpetrator, opted_in, not_opted_in):
    outcome = record_release(locale, perpetrator)

    by_case = {notification.case: notification for notification in outcome.notifications}
    assert set(by_case) == {opted_in, not_opted_in}
    assert by_case[opted_in].victim_opted_in is True
    assert by_case[not_opted_in].victim_opted_in is False
    assert outcome.opted_in == 1
    assert outcome.event.reporting_agency == locale.idva_service


def test_the_notification_given_to_a_victim_who_opted_in_is_recorded(locale, perpetrator, opted_in):
    outcome = record_release(locale, perpetrator)
    notification = outcome.notifications[0]
    told_at = timezone.now() - dt.timedelta(minutes=20)

    response = locale.client("idva").post(
        reverse("rights:notification_told", kwargs={"pk": notification.pk}),
        told_form(told_at, method=ContactMethod.IN_PERSON),
        follow=True,
    )

    assert response.redirect_chain[-1][0].startswith(reverse("rights:log", kwargs={"case_pk": opted_in.pk}))
    notification.refresh_from_db()
    assert notification.told_at == told_at.replace(second=0, microsecond=0)
    assert notification.told_by == locale.memberships["idva"].user
    assert notification.told_by_agency == locale.idva_service
    assert notification.method == ContactMethod.IN_PERSON
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_type="rights.releasenotification")
    assert event.case_id == opted_in.pk
    assert "She will stay" not in str(event.detail)


def test_a_notification_for_a_victim_who_did_not_opt_in_is_refused(locale, perpetrator, not_opted_in):
    notification = record_release(locale, perpetrator).notifications[0]

    with pytest.raises(ValidationError, match="had not asked to be told"):
        release_notification_record(
            actor=locale.actor("idva"),
            notification=notification,
            told_at=timezone.now(),
            method=ContactMethod.PHONE,
        )

    notification.refresh_from_db()
    assert notification.told_at is None


def test_the_database_refuses_a_notification_for_a_victim_who_did_not_opt_in(locale, perpetrator, not_opted_in):
    notification = record_release(locale, perpetrator).notifications[0]
    notification.told_at = timezone.now()
    notification.told_by = locale.memberships["idva"].user
    notification.told_by_agency = locale.idva_service
    notification.method = ContactMethod.PHONE
    with pytest.raises(IntegrityError), transaction.atomic():
        notification.save()


def test_the_form_shows_the_refusal_for_a_victim_who_did_not_opt_in(locale, perpetrator, not_opted_in):
    notification = record_release(locale, perpetrator).notifications[0]

    response = locale.client("idva").post(
        reverse("rights:notification_told", kwargs={"pk": notification.pk}), told_form()
    )

    assert response.status_code == 200
    assert "She had not asked to be told of his release or escape" in response.content.decode()


def test_a_victim_never_asked_is_flagged_as_not_opted_in(locale, perpetrator):
    case = victim_case(locale, perpetrator=perpetrator)

    notification = record_release(locale, perpetrator).notifications[0]

    assert notification.case == case
    assert notification.victim_opted_in is False
    assert notification.choice is None


def test_the_log_and_the_list_show_the_outstanding_notification_then_the_record(locale, perpetrator, opted_in):
    notification = record_release(locale, perpetrator).notifications[0]
    client = locale.client("idva")
    log_url = reverse("rights:log", kwargs={"case_pk": opted_in.pk})

    log = client.get(log_url).content.decode()
    assert "1 notification is still to give." in log
    assert reverse("rights:notification_told", kwargs={"pk": notification.pk}) in log
    listing = client.get(reverse("rights:notifications"))
    assert listing.context["outstanding_count"] == 1

    client.post(reverse("rights:notification_told", kwargs={"pk": notification.pk}), told_form())

    log = client.get(log_url).content.decode()
    assert "still to give" not in log
    assert "Told" in log
    assert client.get(reverse("rights:notifications")).context["outstanding_count"] == 0


def test_she_is_told_once_only(locale, perpetrator, opted_in):
    notification = record_release(locale, perpetrator).notifications[0]
    release_notification_record(
        actor=locale.actor("idva"), notification=notification, told_at=timezone.now(), method=ContactMethod.PHONE
    )

    with pytest.raises(ValidationError, match="already recorded that she was told"):
        release_notification_record(
            actor=locale.actor("coordinator"),
            notification=notification,
            told_at=timezone.now(),
            method=ContactMethod.TEXT,
        )


def test_she_cannot_be_told_before_he_was_released(locale, perpetrator, opted_in):
    notification = record_release(locale, perpetrator).notifications[0]

    with pytest.raises(ValidationError, match="before he was released"):
        release_notification_record(
            actor=locale.actor("idva"),
            notification=notification,
            told_at=timezone.now() - dt.timedelta(days=1),
            method=ContactMethod.PHONE,
        )


def test_a_victim_who_withdrew_her_request_is_no_longer_outstanding(locale, perpetrator, opted_in):
    notification = record_release(locale, perpetrator).notifications[0]
    notification_choice_record(
        actor=locale.actor("idva"), case=opted_in, wants_to_be_told=False, decided_on=timezone.localdate()
    )

    listing = locale.client("idva").get(reverse("rights:notifications"))

    assert listing.context["outstanding_count"] == 0
    with pytest.raises(ValidationError, match="does not want to be told"):
        release_notification_record(
            actor=locale.actor("idva"), notification=notification, told_at=timezone.now(), method=ContactMethod.PHONE
        )


def test_his_release_brings_each_open_case_review_forward(locale, perpetrator, opted_in, not_opted_in):
    outcome = record_release(locale, perpetrator)

    triggers = ReviewTrigger.objects.filter(event=ReviewEvent.RELEASE_FROM_CUSTODY)
    assert {trigger.case for trigger in triggers} == {opted_in, not_opted_in}
    assert all(notification.review_trigger is not None for notification in outcome.notifications)
    opted_in.refresh_from_db()
    assert opted_in.next_review_due is not None


def test_a_closed_case_is_listed_without_a_review(locale, perpetrator):
    closed = victim_case(locale, perpetrator=perpetrator, status="closed")
    choice(locale, closed, wants=True)

    notification = record_release(locale, perpetrator).notifications[0]

    assert notification.victim_opted_in is True
    assert notification.review_trigger is None


def test_a_temporary_release_needs_the_day_he_is_due_back(locale, perpetrator, opted_in):
    with pytest.raises(ValidationError) as refused:
        record_release(locale, perpetrator, kind=CustodyEventKind.TEMPORARY_RELEASE)
    assert "returns_on" in refused.value.message_dict

    outcome = record_release(
        locale,
        perpetrator,
        kind=CustodyEventKind.TEMPORARY_RELEASE,
        returns_on=timezone.localdate() + dt.timedelta(days=2),
    )
    assert outcome.event.returns_on == timezone.localdate() + dt.timedelta(days=2)


def test_the_same_release_is_not_recorded_twice(locale, perpetrator, opted_in):
    record_release(locale, perpetrator)

    with pytest.raises(ValidationError, match="already recorded this"):
        record_release(locale, perpetrator, persona="idva")
    assert ReleaseNotification.objects.count() == 1


def test_a_release_in_the_future_is_refused(locale, perpetrator, opted_in):
    with pytest.raises(ValidationError, match="happened already"):
        record_release(locale, perpetrator, occurred_at=timezone.now() + dt.timedelta(hours=1))


def test_the_police_record_a_release_through_the_form(locale, perpetrator, opted_in):
    # The police are shown him through an incident they recorded.
    IncidentFactory(locality=locale.locality, source_agency=locale.police, perpetrator=perpetrator)
    when = timezone.localtime(timezone.now() - dt.timedelta(hours=2))

    response = locale.client("police_rep").post(
        reverse("rights:custody_event_new", kwargs={"person_pk": perpetrator.pk}),
        {
            "kind": CustodyEventKind.ESCAPED,
            "occurred_at": when.strftime("%Y-%m-%d"),
            "occurred_at_time": when.strftime("%H:%M"),
            "establishment": "Riverside Police Station",
        },
        follow=True,
    )

    assert response.status_code == 200
    notification = ReleaseNotification.objects.get()
    assert notification.event.kind == CustodyEventKind.ESCAPED
    assert notification.event.reporting_agency == locale.police
    page = response.content.decode()
    # The police do not keep her rights log: her case is counted, never named.
    assert opted_in.reference not in page
    assert "1 victim's case you do not keep names him; 1 asked to be told." in page


def test_an_agency_not_shown_the_perpetrator_cannot_record_his_release(locale, perpetrator, opted_in):
    response = locale.client("housing_rep").get(
        reverse("rights:custody_event_new", kwargs={"person_pk": perpetrator.pk})
    )
    assert response.status_code == 404


def test_the_event_page_names_the_victims_to_those_who_keep_their_logs(locale, perpetrator, opted_in, not_opted_in):
    outcome = record_release(locale, perpetrator)

    page = locale.client("idva").get(reverse("rights:custody_event", kwargs={"pk": outcome.event.pk}))

    text = page.content.decode()
    assert opted_in.reference in text and not_opted_in.reference in text
    assert "To tell her" in text
    assert "She had not asked to be told" in text
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, object_type="rights.custodyevent").exists()


def test_recording_a_release_is_audited_on_each_case(locale, perpetrator, opted_in, not_opted_in):
    outcome = record_release(locale, perpetrator)

    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="rights.custodyevent")
    assert event.object_id == str(outcome.event.pk)
    on_cases = AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="rights.releasenotification")
    assert {audit.case_id for audit in on_cases} == {opted_in.pk, not_opted_in.pk}
