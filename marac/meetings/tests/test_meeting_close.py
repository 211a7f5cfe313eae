"""Closing a meeting sets each case's outcome and status and gives each IDVA a report-back task."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from marac.actions.models import ActionStatus
from marac.actions.tests.factories import ActionFactory
from marac.idva.models import ReportBack
from marac.meetings.models import AgendaItem, CaseOutcome, MeetingStatus
from marac.meetings.services import meeting_close, meeting_start
from marac.meetings.tests.factories import confirm_declarations
from marac.referrals.models import CaseStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def started(locale, meeting, list_case):
    """A meeting in progress with two cases: one with an IDVA service and an open action, one with neither."""
    with_idva = list_case(meeting)
    with_idva.case.idva_agency = locale.idva_service
    with_idva.case.save()
    ActionFactory(case=with_idva.case, owner_agency=locale.police)
    without = list_case(meeting)
    ActionFactory(case=without.case, owner_agency=locale.housing, status=ActionStatus.DONE)
    meeting_start(actor=locale.actor("chair"), meeting=meeting)
    confirm_declarations(locale, meeting, "chair", "coordinator")
    return meeting, with_idva, without


def test_the_form_proposes_monitoring_for_open_actions_and_closed_otherwise(locale, started):
    meeting, with_idva, without = started
    form = locale.client("chair").get(reverse("meetings:close", kwargs={"pk": meeting.pk})).context["form"]
    assert form[f"outcome_{with_idva.pk}"].initial == CaseOutcome.MONITORING
    assert form[f"outcome_{without.pk}"].initial == CaseOutcome.CLOSED


def test_closing_sets_outcomes_statuses_and_report_backs(locale, started):
    meeting, with_idva, without = started
    response = locale.client("chair").post(
        reverse("meetings:close", kwargs={"pk": meeting.pk}),
        {f"outcome_{with_idva.pk}": CaseOutcome.MONITORING, f"outcome_{without.pk}": CaseOutcome.CLOSED},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    with_idva.refresh_from_db()
    without.refresh_from_db()
    assert meeting.status == MeetingStatus.CLOSED and meeting.closed_at is not None
    assert with_idva.outcome == CaseOutcome.MONITORING
    assert without.outcome == CaseOutcome.CLOSED
    assert with_idva.case.status == CaseStatus.MONITORING and with_idva.case.closed_at is None
    assert without.case.status == CaseStatus.CLOSED and without.case.closed_at is not None

    report_back = ReportBack.objects.get()
    assert report_back.case == with_idva.case
    assert report_back.agency == locale.idva_service
    assert report_back.meeting == meeting
    assert report_back.due_date == timezone.localdate() + dt.timedelta(days=locale.locality.report_back_due_days)


def test_an_existing_report_back_is_not_duplicated(locale, started):
    meeting, with_idva, without = started
    ReportBack.objects.create(
        case=with_idva.case, meeting=meeting, agency=locale.idva_service, due_date=timezone.localdate()
    )
    meeting_close(
        actor=locale.actor("chair"),
        meeting=meeting,
        outcomes={with_idva.pk: CaseOutcome.MONITORING, without.pk: CaseOutcome.CLOSED},
    )
    assert ReportBack.objects.count() == 1


def test_every_case_needs_an_outcome_and_nothing_changes_otherwise(locale, started):
    meeting, with_idva, without = started
    with pytest.raises(ValidationError) as refusal:
        meeting_close(actor=locale.actor("chair"), meeting=meeting, outcomes={with_idva.pk: CaseOutcome.MONITORING})
    assert without.case.reference in str(refusal.value)
    meeting.refresh_from_db()
    with_idva.refresh_from_db()
    assert meeting.status == MeetingStatus.IN_PROGRESS
    assert with_idva.outcome == ""
    assert not ReportBack.objects.exists()


def test_a_meeting_closes_only_once_and_only_after_it_started(locale, meeting, list_case):
    item = list_case(meeting)
    with pytest.raises(ValidationError):
        meeting_close(actor=locale.actor("chair"), meeting=meeting, outcomes={item.pk: CaseOutcome.CLOSED})
    meeting_start(actor=locale.actor("chair"), meeting=meeting)
    meeting_close(actor=locale.actor("chair"), meeting=meeting, outcomes={item.pk: CaseOutcome.CLOSED})
    with pytest.raises(ValidationError):
        meeting_close(actor=locale.actor("chair"), meeting=meeting, outcomes={item.pk: CaseOutcome.CLOSED})


@pytest.mark.parametrize("persona", ["housing_rep", "idva"])
def test_agencies_cannot_close_the_meeting(locale, started, persona):
    meeting, with_idva, without = started
    response = locale.client(persona).post(
        reverse("meetings:close", kwargs={"pk": meeting.pk}),
        {f"outcome_{with_idva.pk}": CaseOutcome.CLOSED, f"outcome_{without.pk}": CaseOutcome.CLOSED},
    )
    assert response.status_code == 404
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.IN_PROGRESS


def test_the_close_page_names_cases_whose_discussion_was_drafted_but_not_saved(locale, started):
    meeting, with_idva, without = started
    AgendaItem.objects.filter(pk=with_idva.pk).update(discussion="Draft only")
    body = locale.client("chair").get(reverse("meetings:close", kwargs={"pk": meeting.pk})).content.decode()
    section = body[body.index('id="unsaved-discussions"') :]
    assert with_idva.case.reference in section[: section.index("</div>")]
    assert without.case.reference not in section[: section.index("</div>")]
