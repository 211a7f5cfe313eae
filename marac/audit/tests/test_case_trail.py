"""'Who has seen this case': the coordinator and the case's own IDVA read every event on it, refusals included."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from marac.audit.models import AuditAction, AuditEvent
from marac.audit.services import audit_record
from marac.audit.tests.factories import build_trail
from marac.meetings.models import AgendaItem, Meeting, MeetingStatus
from marac.testing.factories import CaseFactory, ReferralFactory


@pytest.fixture
def trail(locale, other_locale):
    return build_trail(locale, other_locale)


def trail_of(case) -> str:
    return reverse("audit:case_trail", kwargs={"case_pk": case.pk})


@pytest.mark.parametrize("persona", ["coordinator", "idva"])
def test_every_event_on_the_case_and_every_refusal_to_open_it(trail, locale, persona):
    response = locale.client(persona).get(trail_of(trail.case))
    assert response.status_code == 200
    assert {event.pk for event in response.context["page"]} == {
        trail.housing_viewed_case.pk,
        trail.social_care_refused_case.pk,
        trail.far_police_refused_case.pk,
    }
    content = response.content.decode()
    assert "riverside-housing_rep" in content and "hillcrest-police_rep" in content
    assert "Refused access" in content and "meeting" in content


def test_views_only(trail, locale):
    response = locale.client("idva").get(trail_of(trail.case) + "?show=views")
    assert [event.pk for event in response.context["page"]] == [trail.housing_viewed_case.pk]
    assert response.context["views_only"] is True


def test_reading_the_trail_is_recorded_on_the_case(trail, locale):
    locale.client("idva").get(trail_of(trail.case))
    read = AuditEvent.objects.get(action=AuditAction.LIST, case=trail.case, actor=locale.memberships["idva"].user)
    assert read.purpose == "case management"
    assert set(read.detail["ids"]) == {
        trail.housing_viewed_case.pk,
        trail.social_care_refused_case.pk,
        trail.far_police_refused_case.pk,
    }
    # Reading the trail is not seeing the case: it does not show among the views.
    views = locale.client("coordinator").get(trail_of(trail.case) + "?show=views")
    assert read.pk not in {event.pk for event in views.context["page"]}


def test_an_idva_whose_service_is_not_allocated_is_refused(locale):
    """Her service heard the case at a meeting (shared detail), but another service supports the victim."""
    referral = ReferralFactory(case__locality=locale.locality, case__idva_agency=None, referring_agency=locale.police)
    meeting = Meeting.objects.create(
        locality=locale.locality, scheduled_for=timezone.now() - dt.timedelta(days=7), status=MeetingStatus.CLOSED
    )
    meeting.invited_agencies.set([locale.idva_service, locale.police])
    AgendaItem.objects.create(meeting=meeting, case=referral.case, referral=referral)
    assert locale.client("idva").get(reverse("referrals:case_detail", args=[referral.case.pk])).status_code == 200

    assert locale.client("idva").get(trail_of(referral.case)).status_code == 404
    refused = AuditEvent.objects.filter(action=AuditAction.DENIED, actor=locale.memberships["idva"].user).last()
    assert refused.summary == "Needs FULL detail"


def test_another_localitys_coordinator_is_refused(trail, other_locale):
    assert other_locale.client("coordinator").get(trail_of(trail.case)).status_code == 404


def test_query_count_does_not_grow_with_events(locale, django_assert_max_num_queries):
    case = CaseFactory(locality=locale.locality, idva_agency=locale.idva_service)

    def record(count: int) -> None:
        for _ in range(count):
            audit_record(actor=locale.actor("housing_rep"), action=AuditAction.VIEW, target=case, case=case)

    client = locale.client("idva")
    record(1)
    with CaptureQueriesContext(connection) as for_one:
        response = client.get(trail_of(case))
    assert len(response.context["page"].object_list) == 1
    # The page's own: the case with its relations, the count, the page, recording the reading (four); the rest is
    # what every page costs (session, user, two-factor device, membership with the sharing agreement's signature).
    assert len(for_one) <= 14 + (connection.vendor == "postgresql")

    record(60)
    with django_assert_max_num_queries(len(for_one)):
        response = client.get(trail_of(case))
    assert len(response.context["page"].object_list) == 50
