"""Completing a report-back: when and how she was told, recorded once, audited."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from marac.audit.models import AuditAction, AuditEvent
from marac.idva.models import ContactMethod, ReportBack
from marac.idva.tests.factories import ClosedMeetingFactory, ReportBackFactory, allocated_case, second_idva_service


def url(report_back):
    return reverse("idva:report_back_complete", kwargs={"pk": report_back.pk})


def form_data(when, **overrides):
    when = timezone.localtime(when)
    data = {
        "victim_told_at": when.strftime("%d/%m/%Y"),
        "victim_told_time": when.strftime("%H:%M"),
        "method": ContactMethod.IN_PERSON,
        "note": "Told her about the police marker and the housing repairs.",
    }
    data.update(overrides)
    return data


@pytest.fixture
def report_back(locale):
    meeting = ClosedMeetingFactory(locality=locale.locality, scheduled_for=timezone.now() - dt.timedelta(days=3))
    return ReportBackFactory(case=allocated_case(locale), meeting=meeting)


@pytest.mark.django_db
def test_completion_is_recorded_and_audited(locale, report_back):
    told = timezone.localtime(timezone.now() - dt.timedelta(days=1)).replace(second=0, microsecond=0)

    response = locale.client("idva").post(url(report_back), form_data(told), follow=True)

    assert response.redirect_chain[-1][0] == reverse("idva:report_backs")
    report_back.refresh_from_db()
    assert report_back.victim_told_at == told
    assert report_back.method == ContactMethod.IN_PERSON
    assert report_back.note == "Told her about the police marker and the housing repairs."
    assert report_back.completed_by == locale.memberships["idva"].user
    assert report_back.completed_at is not None
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_type="idva.reportback")
    assert event.object_id == str(report_back.pk)
    assert event.case == report_back.case
    assert event.detail["method"] == ContactMethod.IN_PERSON


@pytest.mark.django_db
def test_completing_twice_is_refused_with_a_clear_message(locale, report_back):
    client = locale.client("idva")
    client.post(url(report_back), form_data(timezone.now() - dt.timedelta(days=1)))
    report_back.refresh_from_db()
    first_told = report_back.victim_told_at

    response = client.post(url(report_back), form_data(timezone.now(), method=ContactMethod.PHONE))

    assert response.status_code == 200
    assert "already completed" in response.content.decode()
    report_back.refresh_from_db()
    assert report_back.victim_told_at == first_told
    assert report_back.method == ContactMethod.IN_PERSON
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE, object_type="idva.reportback").count() == 1


@pytest.mark.django_db
def test_completed_report_back_shows_what_was_recorded(locale, report_back):
    client = locale.client("idva")
    client.post(url(report_back), form_data(timezone.now() - dt.timedelta(hours=1)))
    content = client.get(url(report_back)).content.decode()
    assert "Told her about the police marker" in content
    assert "Save report-back" not in content


@pytest.mark.django_db
def test_she_cannot_be_told_before_the_meeting(locale, report_back):
    response = locale.client("idva").post(url(report_back), form_data(timezone.now() - dt.timedelta(days=5)))
    assert "before the meeting" in response.context["form"].errors["victim_told_at"][0]
    report_back.refresh_from_db()
    assert report_back.completed_at is None


@pytest.mark.django_db
def test_she_cannot_be_told_in_the_future(locale, report_back):
    response = locale.client("idva").post(url(report_back), form_data(timezone.now() + dt.timedelta(days=1)))
    assert response.context["form"].errors["victim_told_at"]
    assert ReportBack.objects.get(pk=report_back.pk).completed_at is None


@pytest.mark.django_db
def test_bad_input_shows_the_error_summary_and_saves_nothing(locale, report_back):
    response = locale.client("idva").post(url(report_back), {"victim_told_at": "yesterday", "method": "pigeon"})
    assert set(response.context["form"].errors) == {"victim_told_at", "victim_told_time", "method"}
    assert "govuk-error-summary" in response.content.decode()
    assert ReportBack.objects.get(pk=report_back.pk).completed_at is None


@pytest.mark.django_db
def test_another_services_report_back_is_not_found(locale):
    other = ReportBackFactory(case=allocated_case(locale, idva_agency=second_idva_service(locale).agency))
    client = locale.client("idva")
    assert client.get(url(other)).status_code == 404
    assert client.post(url(other), form_data(timezone.now())).status_code == 404
    assert ReportBack.objects.get(pk=other.pk).completed_at is None


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["housing_rep", "coordinator", "chair"])
def test_other_roles_cannot_complete(locale, report_back, persona):
    assert locale.client(persona).post(url(report_back), form_data(timezone.now())).status_code == 404
    assert ReportBack.objects.get(pk=report_back.pk).completed_at is None
