"""Her choice about being told of his release or escape: opt-in with the day she said so and who recorded it, kept as
a history in which the latest decision is in force."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from marac.audit.models import AuditAction, AuditEvent
from marac.rights.models import NotificationChoice
from marac.rights.services import notification_choice_record
from marac.rights.tests.factories import victim_case


def test_the_idva_records_that_she_wants_to_be_told(locale):
    case = victim_case(locale)
    day = timezone.localdate() - dt.timedelta(days=1)

    response = locale.client("idva").post(
        reverse("rights:choice_new", kwargs={"case_pk": case.pk}),
        {"wants_to_be_told": "yes", "decided_on": day.isoformat(), "note": "By phone, after 10:00."},
        follow=True,
    )

    assert "Recorded: she wants to be told when he is released or escapes." in response.content.decode()
    choice = NotificationChoice.objects.get(case=case)
    assert choice.wants_to_be_told is True
    assert choice.decided_on == day
    assert choice.recorded_by == locale.memberships["idva"].user
    assert choice.agency == locale.idva_service
    audit = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="rights.notificationchoice")
    assert audit.case_id == case.pk and audit.detail["in_force"] is True


def test_the_latest_decision_is_in_force_and_the_earlier_one_is_kept(locale):
    case = victim_case(locale)
    actor = locale.actor("idva")
    notification_choice_record(
        actor=actor, case=case, wants_to_be_told=True, decided_on=timezone.localdate() - dt.timedelta(days=30)
    )
    notification_choice_record(actor=actor, case=case, wants_to_be_told=False, decided_on=timezone.localdate())

    log = locale.client("idva").get(reverse("rights:log", kwargs={"case_pk": case.pk}))

    assert log.context["log"].current_choice.wants_to_be_told is False
    assert len(log.context["log"].choices) == 2
    assert "She does not want to be told." in log.content.decode()
    assert "Her earlier choices" in log.content.decode()


def test_an_older_decision_recorded_late_does_not_replace_the_one_in_force(locale):
    case = victim_case(locale)
    actor = locale.actor("idva")
    notification_choice_record(actor=actor, case=case, wants_to_be_told=True, decided_on=timezone.localdate())
    late = notification_choice_record(
        actor=actor, case=case, wants_to_be_told=False, decided_on=timezone.localdate() - dt.timedelta(days=60)
    )

    audit = AuditEvent.objects.filter(object_type="rights.notificationchoice", object_id=str(late.pk)).get()
    assert audit.detail["in_force"] is False


def test_a_decision_in_the_future_is_refused(locale):
    case = victim_case(locale)
    with pytest.raises(ValidationError, match="today or earlier"):
        notification_choice_record(
            actor=locale.actor("idva"),
            case=case,
            wants_to_be_told=True,
            decided_on=timezone.localdate() + dt.timedelta(days=1),
        )


def test_the_chair_reads_the_log_but_does_not_record(locale):
    case = victim_case(locale)
    assert locale.client("chair").get(reverse("rights:log", kwargs={"case_pk": case.pk})).status_code == 200
    assert locale.client("chair").get(reverse("rights:choice_new", kwargs={"case_pk": case.pk})).status_code == 404
