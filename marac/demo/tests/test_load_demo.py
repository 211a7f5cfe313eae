"""`load_demo` builds a realistic, consistent locality once, and rebuilds it only when asked."""

import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.utils import timezone

from marac.actions.models import INCOMPLETE_STATUSES, Action, ActionStatus, ActionUpdate
from marac.agencies.models import AgencyType, Locality, Membership, Role
from marac.audit.models import AuditEvent
from marac.audit.verify import first_break
from marac.demo import data
from marac.idva.models import ReportBack, VictimContact
from marac.meetings.models import AgendaItem, Meeting, MeetingPurpose, MeetingStatus, Research
from marac.people.models import Gender, Person
from marac.referrals.models import Case, CaseParty, CaseStatus, PartyRole, Referral
from marac.risk.models import Assessment, ReviewEvent, ReviewTrigger

REQUIRED_AGENCY_TYPES = {
    AgencyType.POLICE,
    AgencyType.IDVA_SERVICE,
    AgencyType.HOUSING,
    AgencyType.CHILDRENS_SOCIAL_CARE,
    AgencyType.ADULT_SOCIAL_CARE,
    AgencyType.HEALTH,
    AgencyType.MENTAL_HEALTH,
    AgencyType.EDUCATION,
    AgencyType.PROBATION,
    AgencyType.PERPETRATOR_PROGRAMME,
}
COUNTED = (
    Locality,
    Membership,
    Person,
    Case,
    Referral,
    Assessment,
    Meeting,
    AgendaItem,
    Research,
    Action,
    ActionUpdate,
    ReportBack,
    VictimContact,
    AuditEvent,
)


def load_demo(*args: str) -> str:
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED} | {"users": get_user_model().objects.count()}


@pytest.fixture
def demo(db) -> Locality:
    load_demo()
    return Locality.objects.get(name=data.LOCALITY_NAME)


def test_agencies_with_research_duties_have_a_named_point_of_contact(demo):
    invited = Meeting.objects.get(
        locality=demo, purpose=MeetingPurpose.MARAC, status=MeetingStatus.SCHEDULED
    ).invited_agencies.all()
    with_contact = [agency for agency in invited if agency.contact_name and agency.contact_email]
    assert len(with_contact) >= len(invited) - 1
    assert demo.coordinator_email


def test_agencies_users_and_roles(demo):
    agencies = demo.agencies.all()
    assert agencies.count() >= 10
    assert set(agencies.values_list("agency_type", flat=True)) >= REQUIRED_AGENCY_TYPES
    memberships = Membership.objects.filter(agency__locality=demo)
    assert set(memberships.values_list("role", flat=True)) == set(Role.values)
    assert memberships.values("user").annotate(n=Count("pk")).filter(n__gt=1).exists(), "the agency switcher shows"
    user = get_user_model().objects.get(username="coordinator")
    assert user.check_password(data.DEMO_PASSWORD)
    assert get_user_model().objects.get(username="admin").is_superuser


def test_cases_cover_every_status_and_are_consistent_with_meetings(demo):
    cases = Case.objects.filter(locality=demo)
    assert cases.count() >= 40
    assert set(cases.values_list("status", flat=True)) == set(CaseStatus.values)
    assert len(set(cases.values_list("reference", flat=True))) == cases.count()
    scheduled = Meeting.objects.get(locality=demo, purpose=MeetingPurpose.MARAC, status=MeetingStatus.SCHEDULED)
    for case in cases.filter(status=CaseStatus.LISTED):
        assert case.agenda_items.filter(meeting=scheduled).exists()
    for case in cases.filter(status__in=[CaseStatus.MONITORING, CaseStatus.CLOSED]).exclude(
        referrals__triage_status="declined"
    ):
        last = case.agenda_items.order_by("-meeting__scheduled_for").first()
        assert last.meeting.status == MeetingStatus.CLOSED
        assert last.outcome == case.status
    for case in cases.filter(status=CaseStatus.HEARD):
        assert case.agenda_items.filter(meeting__status=MeetingStatus.IN_PROGRESS, discussed_at__isnull=False).exists()
    assert not cases.filter(status=CaseStatus.CLOSED, closed_at__isnull=True).exists()


def test_two_closed_meetings_and_one_about_a_week_ahead(demo):
    closed = Meeting.objects.filter(locality=demo, purpose=MeetingPurpose.MARAC, status=MeetingStatus.CLOSED)
    # The current story's two (eight and four weeks before the next); the past year's end four weeks before them.
    assert closed.filter(scheduled_for__gte=timezone.now() - dt.timedelta(weeks=9)).count() == 2
    upcoming = Meeting.objects.get(locality=demo, purpose=MeetingPurpose.MARAC, status=MeetingStatus.SCHEDULED)
    assert 5 <= (timezone.localdate(upcoming.scheduled_for) - timezone.localdate()).days <= 11
    assert upcoming.agenda_items.count() >= 8
    assert Research.objects.filter(agenda_item__meeting=upcoming).exists()
    # Agencies posted research, so its case list has gone out; never before the research it explains.
    assert upcoming.circulation.circulated_at <= timezone.now()
    assert (
        upcoming.circulation.circulated_at
        <= Research.objects.filter(agenda_item__meeting=upcoming).earliest("submitted_at").submitted_at
    )
    assert not AgendaItem.objects.filter(meeting__in=closed, outcome="").exists()
    for item in AgendaItem.objects.filter(meeting__in=closed).select_related("meeting"):
        assert item.meeting.started_at < item.discussion_started_at < item.discussion_ended_at
        assert item.discussion_ended_at <= item.meeting.closed_at


def test_actions_in_every_status_with_trails_and_some_overdue(demo):
    actions = Action.objects.filter(case__locality=demo)
    assert set(actions.values_list("status", flat=True)) == set(ActionStatus.values)
    assert actions.filter(status__in=INCOMPLETE_STATUSES, due_date__lt=timezone.localdate()).exists()
    assert not actions.filter(status=ActionStatus.NOT_POSSIBLE, not_possible_reason="").exists()
    assert not actions.filter(status=ActionStatus.DONE, completed_at__isnull=True).exists()
    assert not actions.filter(status=ActionStatus.DONE, updates__isnull=True).exists()
    for action in actions.exclude(agenda_item=None).select_related("agenda_item__meeting"):
        assert action.agenda_item.meeting.invited_agencies.filter(pk=action.owner_agency_id).exists()


def test_referrals_repeats_and_checklists(demo):
    referrals = Referral.objects.filter(case__locality=demo).select_related("assessment", "previous_referral")
    repeat = referrals.filter(is_repeat=True).first()
    assert repeat is not None and repeat.previous_referral.case_id == repeat.case_id
    assert repeat.previous_referral.referred_at < repeat.referred_at
    non_police = referrals.exclude(referring_agency__agency_type=AgencyType.POLICE).count()
    assert 0.25 <= non_police / referrals.count() <= 0.45
    assert referrals.filter(triage_status="pending").exists()
    assert referrals.filter(triage_status="more_information").exists()
    for referral in referrals:
        answers = referral.assessment.answers
        yes = sum(1 for entry in answers.values() if entry["answer"] == "yes")
        assert len(answers) == 24 and yes == referral.assessment.score
        assert referral.meets_visible_high_risk == (referral.assessment.computed_level == "high")
        assert referral.meets_visible_high_risk == (yes >= 14)
        assert referral.assessment.instrument_code == "dash-style-24"


def test_assessments_keep_their_version_and_cases_their_level_and_next_review(demo):
    assessments = Assessment.objects.filter(case__locality=demo)
    assert not assessments.filter(instrument__isnull=True).exists()
    assert not assessments.filter(next_review_due__isnull=True).exists()
    assert assessments.exclude(judgement_level="").exists()
    for case in Case.objects.filter(locality=demo).prefetch_related("assessments"):
        latest = max(case.assessments.all(), key=lambda assessment: (assessment.assessed_at, assessment.pk))
        assert case.risk_level == latest.final_level
        assert case.next_review_due is not None and case.next_review_due <= latest.next_review_due


def test_people_are_diverse_and_linked(demo):
    victims = Person.objects.filter(locality=demo, cases_as_victim__isnull=False)
    assert victims.filter(gender=Gender.MALE).exists()
    assert len(set(victims.values_list("ethnicity", flat=True))) >= 5
    serial = (
        CaseParty.objects.filter(case__locality=demo, role=PartyRole.PERPETRATOR)
        .values("person")
        .annotate(victims=Count("case__victim", distinct=True))
        .filter(victims__gte=2)
    )
    assert serial.exists()
    assert Person.objects.filter(locality=demo, address_is_safe_address=True).exists()
    assert Person.objects.filter(locality=demo, aliases__isnull=False).exists()
    assert ReportBack.objects.filter(case__locality=demo, completed_at__isnull=True).exists()
    assert ReportBack.objects.filter(case__locality=demo, completed_at__isnull=False).exists()
    assert not VictimContact.objects.filter(case__locality=demo, contacted_at__gt=timezone.now()).exists()


def test_running_again_changes_nothing(demo):
    before = counts()
    output = load_demo()
    assert counts() == before
    assert "nothing was changed" in output
    assert data.DEMO_PASSWORD in output and "police.referrer" in output


def test_reset_rebuilds_from_an_empty_database_with_an_intact_audit_chain(transactional_db):
    # Transactional: PostgreSQL will not empty tables inside the transaction an ordinary test runs in.
    load_demo()
    Case.objects.update(status="closed")
    before = counts()
    load_demo("--reset")
    after = counts()
    assert Case.objects.exclude(status="closed").exists()
    assert {name: n for name, n in after.items() if name != "AuditEvent"} == {
        name: n for name, n in before.items() if name != "AuditEvent"
    }
    assert first_break() is None


def test_refuses_to_run_in_production(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        load_demo()
    assert not Locality.objects.exists()


def test_never_takes_over_an_existing_account(db):
    someone = get_user_model().objects.create_user(username="coordinator", password="their-own-password-1")
    with pytest.raises(CommandError, match="already in use"):
        load_demo()
    assert not Locality.objects.exists()
    someone.refresh_from_db()
    assert someone.check_password("their-own-password-1")


def test_nothing_has_happened_in_the_future(demo):
    now = timezone.now()
    assert not Referral.objects.filter(case__locality=demo, referred_at__gt=now).exists()
    assert not Referral.objects.filter(case__locality=demo, triaged_at__gt=now).exists()
    assert not Research.objects.filter(agenda_item__meeting__locality=demo, submitted_at__gt=now).exists()
    assert not ActionUpdate.objects.filter(action__case__locality=demo, created_at__gt=now).exists()
    assert not ReportBack.objects.filter(case__locality=demo, completed_at__gt=now).exists()
    assert not Assessment.objects.filter(case__locality=demo, assessed_at__gt=now).exists()
    for referral in Referral.objects.filter(case__locality=demo, triaged_at__isnull=False):
        assert referral.referred_at < referral.triaged_at


def test_some_cases_have_events_awaiting_a_review(demo):
    triggers = ReviewTrigger.objects.filter(case__locality=demo, answered_by__isnull=True)
    assert {trigger.event for trigger in triggers} >= {ReviewEvent.COURT_DATE, ReviewEvent.RELEASE_FROM_CUSTODY}
    for trigger in triggers:
        assert trigger.case.next_review_due <= trigger.review_due
