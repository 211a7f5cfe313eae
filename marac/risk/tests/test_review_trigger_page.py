"""The page for recording an event: who may use it, what it saves, and how it refuses bad input."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from marac.audit.models import AuditAction, AuditEvent
from marac.risk.models import ReviewEvent, ReviewTrigger
from marac.risk.tests.review_factories import hear_case, make_assessment, make_case

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


@pytest.fixture
def case(locale):
    case = make_case(locale, idva_agency=locale.idva_service)
    hear_case(locale, case, invited=[locale.police, locale.idva_service])
    make_assessment(case, level="medium", agency=locale.police, assessed_at=timezone.now() - 20 * DAY)
    return case


def url(case) -> str:
    return reverse("risk:trigger_new", kwargs={"case_pk": case.pk})


def form_data(event: str, at: dt.datetime, note: str = "") -> dict:
    local = timezone.localtime(at)
    return {"event": event, "event_at": local.strftime("%Y-%m-%d"), "event_time": local.strftime("%H:%M"), "note": note}


def test_the_form_offers_every_event(locale, case):
    response = locale.client("idva").get(url(case))
    assert response.status_code == 200
    html = response.content.decode()
    for event in ReviewEvent:
        assert f'value="{event.value}"' in html
    assert 'type="radio"' in html
    assert 'type="date"' in html and 'type="time"' in html


def test_recording_an_incident_moves_the_review_and_says_when(locale, case):
    happened = timezone.now() - 2 * DAY
    response = locale.client("idva").post(url(case), form_data(ReviewEvent.NEW_INCIDENT, happened, "Police called."))
    assert response.status_code == 302
    assert response.url == reverse("referrals:case_detail", kwargs={"pk": case.pk})
    trigger = ReviewTrigger.objects.get(case=case)
    assert trigger.event == ReviewEvent.NEW_INCIDENT
    assert trigger.event_at == timezone.localtime(happened).replace(second=0, microsecond=0)
    assert trigger.note == "Police called."
    case.refresh_from_db()
    assert case.next_review_due == trigger.recorded_at
    [message] = [str(message) for message in get_messages(response.wsgi_request)]
    assert message == "New incident recorded. The next risk review is due now: arrange it as soon as you can."


def test_an_event_on_a_case_already_overdue_says_since_when(locale, case):
    make_assessment(case, level="high", agency=locale.police, assessed_at=timezone.now() - 10 * DAY)
    case.refresh_from_db()
    due = timezone.localtime(case.next_review_due)
    response = locale.client("idva").post(url(case), form_data(ReviewEvent.SEPARATION, timezone.now() - DAY))
    assert response.status_code == 302
    [message] = [str(message) for message in get_messages(response.wsgi_request)]
    assert message == (
        f"Separation recorded. The next risk review has been overdue since {due:%-d %B %Y} at {due:%H:%M}: "
        "arrange it now."
    )


def test_recording_a_court_date_says_the_review_is_due_before_it(locale, case):
    hearing = timezone.now() + 10 * DAY
    response = locale.client("police_rep").post(url(case), form_data(ReviewEvent.COURT_DATE, hearing))
    assert response.status_code == 302
    [message] = [str(message) for message in get_messages(response.wsgi_request)]
    before = timezone.localtime(hearing).replace(second=0, microsecond=0) - 2 * DAY
    assert message == f"Court date recorded. The next risk review is due by {before:%-d %B %Y} at {before:%H:%M}."


def test_an_event_in_the_future_shows_an_error_and_saves_nothing(locale, case):
    response = locale.client("coordinator").post(url(case), form_data(ReviewEvent.SEPARATION, timezone.now() + DAY))
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "The event must have happened already" in html
    assert response.context["form"].errors["event_at"]
    assert not ReviewTrigger.objects.exists()


def test_a_court_date_in_the_past_shows_an_error_and_saves_nothing(locale, case):
    response = locale.client("coordinator").post(url(case), form_data(ReviewEvent.COURT_DATE, timezone.now() - DAY))
    assert response.status_code == 200
    assert "A court date must be in the future" in response.content.decode()
    assert not ReviewTrigger.objects.exists()


def test_missing_answers_show_errors_and_save_nothing(locale, case):
    response = locale.client("coordinator").post(url(case), {"event": "", "event_at": "31/02/2026", "event_time": ""})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"event", "event_at", "event_time"}
    assert "Choose what has happened." in response.content.decode()
    assert not ReviewTrigger.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_housing_rep_with_no_view_of_the_case_gets_404(locale, case, method):
    data = form_data(ReviewEvent.NEW_INCIDENT, timezone.now() - DAY) if method == "post" else None
    response = getattr(locale.client("housing_rep"), method)(url(case), data)
    assert response.status_code == 404
    refusal = AuditEvent.objects.get(action=AuditAction.DENIED, actor=locale.memberships["housing_rep"].user)
    assert refusal.detail == {"object_type": "referrals.case", "object_id": str(case.pk)}
    assert not ReviewTrigger.objects.exists()
