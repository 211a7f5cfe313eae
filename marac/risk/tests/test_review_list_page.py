"""The "reviews due and overdue" page: what each row shows, the overdue filter, and its audit event."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from marac.audit.models import AuditAction, AuditEvent
from marac.circulation.models import Circulation
from marac.meetings.models import AgendaItem, Meeting
from marac.risk.models import ReviewEvent, ReviewTrigger
from marac.risk.scales import ScaleChoice
from marac.risk.tests.review_factories import hear_case, make_assessment, make_case
from marac.testing.factories import ReferralFactory, UserFactory

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)
URL = reverse("risk:reviews")


def record_trigger(case, agency, event: str, event_at: dt.datetime) -> ReviewTrigger:
    return ReviewTrigger.objects.create(
        case=case,
        event=event,
        event_at=event_at,
        review_due=timezone.now(),
        recorded_by=UserFactory(),
        agency=agency,
        recorded_at=timezone.now(),
    )


@pytest.fixture
def five_level(locale):
    locale.locality.risk_scale = ScaleChoice.FIVE_LEVEL
    locale.locality.save()
    return locale


@pytest.fixture
def overdue_case(five_level):
    locale = five_level
    case = make_case(locale, idva_agency=locale.idva_service)
    hear_case(locale, case, invited=[locale.police, locale.idva_service])
    make_assessment(
        case,
        level="extreme",
        scale=ScaleChoice.FIVE_LEVEL,
        agency=locale.police,
        assessed_at=timezone.now() - 5 * DAY,
    )
    return case


@pytest.fixture
def due_soon_case(five_level):
    locale = five_level
    case = make_case(locale, idva_agency=locale.idva_service)
    hear_case(locale, case, invited=[locale.police, locale.idva_service])
    make_assessment(case, level="low", scale=ScaleChoice.FIVE_LEVEL, agency=locale.police, assessed_at=timezone.now())
    record_trigger(case, locale.police, ReviewEvent.RELEASE_FROM_CUSTODY, timezone.now() + 3 * DAY)
    type(case).objects.filter(pk=case.pk).update(next_review_due=timezone.now() + 3 * DAY)
    return case


def rows_of(response) -> dict[int, object]:
    return {row.case.pk: row for row in response.context["rows"]}


def test_each_row_shows_the_case_level_due_date_and_events(locale, overdue_case, due_soon_case):
    response = locale.client("coordinator").get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert [row.case.pk for row in response.context["rows"]] == [overdue_case.pk, due_soon_case.pk]
    rows = rows_of(response)
    assert rows[overdue_case.pk].level_label == "Extreme"
    assert rows[overdue_case.pk].case.is_overdue
    assert rows[due_soon_case.pk].level_label == "Low"
    assert not rows[due_soon_case.pk].case.is_overdue
    assert html.count(">Overdue</strong>") == 1
    for case in (overdue_case, due_soon_case):
        assert case.reference in html
        assert case.victim.full_name in html
        assert reverse("referrals:case_detail", kwargs={"pk": case.pk}) in html
    assert "Release from custody" in html
    assert "Extreme" in html


def test_overdue_only(locale, overdue_case, due_soon_case):
    response = locale.client("idva").get(URL, {"overdue": "on"})
    assert response.status_code == 200
    assert list(rows_of(response)) == [overdue_case.pk]
    assert response.context["overdue_only"] is True


def test_the_list_is_audited_with_the_cases_it_showed(locale, overdue_case, due_soon_case):
    locale.client("coordinator").get(URL, {"overdue": "on"})
    event = AuditEvent.objects.get(action=AuditAction.LIST, actor=locale.memberships["coordinator"].user)
    assert event.detail["ids"] == [overdue_case.pk]
    assert event.detail["filters"] == {"overdue_only": True}


def test_an_agency_that_has_not_heard_the_case_is_not_told_its_events(locale):
    case = make_case(locale)
    upcoming = Meeting.objects.create(locality=locale.locality, scheduled_for=timezone.now() + 7 * DAY)
    upcoming.invited_agencies.set([locale.health])
    Circulation.objects.create(meeting=upcoming, circulated_at=timezone.now())
    AgendaItem.objects.create(meeting=upcoming, case=case, referral=ReferralFactory(case=case))
    make_assessment(case, level="high", agency=locale.health, assessed_at=timezone.now() - 10 * DAY)
    record_trigger(case, locale.police, ReviewEvent.RELEASE_FROM_CUSTODY, timezone.now() - DAY)
    response = locale.client("health_rep").get(URL)
    html = response.content.decode()
    assert rows_of(response)[case.pk].open_triggers is None
    assert case.reference in html
    assert "Release from custody" not in html


def test_nothing_due(locale):
    response = locale.client("police_rep").get(URL)
    assert response.status_code == 200
    assert "No risk review is due in the next 7 days, and none is overdue." in response.content.decode()
