"""Invited agencies post research per case until the meeting closes; posting again updates it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from marac.audit.models import AuditAction, AuditEvent
from marac.meetings.models import MeetingStatus, Research, ResearchFinding
from marac.meetings.services import research_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(meeting, list_case):
    return list_case(meeting)


def research_url(item):
    return reverse("meetings:research", kwargs={"pk": item.pk})


def test_the_research_page_shows_identifiers_and_the_notice_but_not_the_referral(locale, item):
    page = locale.client("housing_rep").get(research_url(item)).content.decode()
    assert "Restricted information" in page
    assert item.case.victim.full_name in page
    assert item.referral.risk_summary not in page


def test_an_invited_agency_posts_no_trace(locale, item):
    response = locale.client("housing_rep").post(research_url(item), {"finding": ResearchFinding.NO_TRACE})
    assert response.status_code == 302
    research = Research.objects.get()
    assert (research.agency, research.finding, research.details) == (locale.housing, ResearchFinding.NO_TRACE, "")
    assert research.submitted_by == locale.memberships["housing_rep"].user
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="meetings.research").count() == 1


def test_known_to_agency_needs_details(locale, item):
    response = locale.client("housing_rep").post(research_url(item), {"finding": ResearchFinding.KNOWN, "details": " "})
    assert response.status_code == 200
    assert "Describe what your agency knows" in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    assert not Research.objects.exists()


def test_posting_again_updates_the_one_row_and_is_audited_as_an_update(locale, item):
    client = locale.client("idva")
    client.post(research_url(item), {"finding": ResearchFinding.NO_TRACE})
    client.post(research_url(item), {"finding": ResearchFinding.KNOWN, "details": "Open case since March."})
    research = Research.objects.get()
    assert research.finding == ResearchFinding.KNOWN
    assert research.details == "Open case since March."
    assert AuditEvent.objects.filter(object_type="meetings.research", action=AuditAction.CREATE).count() == 1
    assert AuditEvent.objects.filter(object_type="meetings.research", action=AuditAction.UPDATE).count() == 1


def test_the_form_is_prefilled_with_the_agencys_own_research(locale, item):
    research_submit(
        actor=locale.actor("police_rep"), agenda_item=item, finding=ResearchFinding.KNOWN, details="Two call-outs."
    )
    response = locale.client("police_rep").get(research_url(item))
    assert response.context["form"].initial == {"finding": ResearchFinding.KNOWN, "details": "Two call-outs."}
    # Another invited agency starts from an empty form: it never sees the police's research before the meeting.
    assert locale.client("housing_rep").get(research_url(item)).context["form"].initial == {}


def test_research_is_refused_once_the_meeting_has_closed(locale, meeting, item):
    meeting.status = MeetingStatus.CLOSED
    meeting.save()
    response = locale.client("housing_rep").post(research_url(item), {"finding": ResearchFinding.NO_TRACE})
    assert response.status_code == 200
    assert "research can no longer be posted" in response.content.decode()
    assert not Research.objects.exists()
    with pytest.raises(ValidationError):
        research_submit(
            actor=locale.actor("housing_rep"), agenda_item=item, finding=ResearchFinding.NO_TRACE, details=""
        )


def test_research_is_accepted_while_the_meeting_is_in_progress(locale, meeting, item):
    meeting.status = MeetingStatus.IN_PROGRESS
    meeting.save()
    research_submit(actor=locale.actor("housing_rep"), agenda_item=item, finding=ResearchFinding.NO_TRACE, details="")
    assert Research.objects.count() == 1


@pytest.mark.parametrize("persona", ["health_rep", "coordinator", "chair", "police_referrer"])
def test_agencies_not_invited_and_roles_without_the_permission_get_404(locale, item, persona):
    response = locale.client(persona).post(research_url(item), {"finding": ResearchFinding.NO_TRACE})
    assert response.status_code == 404
    assert not Research.objects.exists()


def test_the_service_refuses_an_agency_that_was_not_invited(locale, item):
    with pytest.raises(ValidationError):
        research_submit(
            actor=locale.actor("health_rep"), agenda_item=item, finding=ResearchFinding.NO_TRACE, details=""
        )
