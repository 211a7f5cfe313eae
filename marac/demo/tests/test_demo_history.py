"""The demo's year of past meetings (builder/history.py): regular meetings with realistic volumes and mixes, actions
and report-backs with a record to show, breaches across the year, and report settings, so that the reports have a
history. The draw depends on the day the demo is built, so mixes are checked against ranges."""

import datetime as dt
from collections import Counter
from itertools import pairwise

import pytest
from django.utils import timezone

from marac.actions.models import INCOMPLETE_STATUSES, Action, ActionStatus
from marac.agencies.models import AgencyType, Locality
from marac.demo import data
from marac.demo.builder import demo_build
from marac.idva.models import ReportBack, VictimContact
from marac.meetings.models import AgendaItem, Attendance, Meeting, MeetingPurpose, MeetingStatus
from marac.people.models import Gender, SexualOrientation
from marac.perpetrators.models import Breach
from marac.referrals.models import Case, CaseParty, CaseStatus, PartyRole, Referral, TriageStatus
from marac.reports.calculation import count_return
from marac.reports.models import ReportSettings
from marac.reports.quarters import Quarter

PAST_MEETINGS = 14
INVITED = len(data.AGENCIES) - 1  # all but the recovery service, which joined the partnership later


@pytest.fixture
def demo(db) -> Locality:
    demo_build()
    return Locality.objects.get(name=data.LOCALITY_NAME)


def past_meetings(demo: Locality) -> list[Meeting]:
    closed = Meeting.objects.filter(locality=demo, purpose=MeetingPurpose.MARAC, status=MeetingStatus.CLOSED)
    return list(closed.order_by("scheduled_for"))[:-2]  # the last two are the current story's


def age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def past_items(demo: Locality):
    return AgendaItem.objects.filter(meeting__in=past_meetings(demo)).select_related(
        "referral__referring_agency", "referral__previous_referral", "case__victim", "meeting"
    )


def past_cases(demo: Locality):
    """Every past case opened before the last past meeting; the current story's open four weeks after it."""
    return Case.objects.filter(locality=demo, opened_at__lt=past_meetings(demo)[-1].scheduled_for)


def test_fourteen_meetings_every_four_weeks_over_the_year_before_the_first_held(demo):
    past = past_meetings(demo)
    first_held = Meeting.objects.filter(
        locality=demo,
        purpose=MeetingPurpose.MARAC,
        status=MeetingStatus.CLOSED,
        scheduled_for__gt=past[-1].scheduled_for,
    ).earliest("scheduled_for")
    days = [timezone.localtime(meeting.scheduled_for) for meeting in [*past, first_held]]
    assert len(past) == PAST_MEETINGS
    assert [(later.date() - earlier.date()).days for earlier, later in pairwise(days)] == [28] * PAST_MEETINGS
    assert {(day.weekday(), day.hour, day.minute) for day in days} == {(1, 10, 0)}  # Tuesdays at ten
    for meeting in past:
        assert meeting.chair is not None and meeting.started_at < meeting.closed_at < timezone.now()
        assert meeting.invited_agencies.count() == INVITED
        assert not meeting.invited_agencies.filter(name="Riverside Drug and Alcohol Recovery Service").exists()
        attendance = Attendance.objects.filter(meeting=meeting)
        assert attendance.count() == INVITED
        assert attendance.filter(status="present").count() >= INVITED - 3


def test_each_meeting_hears_ten_to_eighteen_cases_referred_in_the_weeks_before(demo):
    items = list(past_items(demo))
    per_meeting = Counter(item.meeting_id for item in items)
    assert len(per_meeting) == PAST_MEETINGS
    assert all(10 <= heard <= 18 for heard in per_meeting.values())
    for item in items:
        assert item.outcome in ("monitoring", "closed")
        assert item.referral.case_id == item.case_id and item.referral.triage_status == TriageStatus.LISTED
        waited = timezone.localdate(item.meeting.scheduled_for) - timezone.localdate(item.referral.referred_at)
        assert 10 <= waited.days <= 24


def test_about_a_third_repeats_and_a_third_referred_by_agencies_other_than_police(demo):
    items = list(past_items(demo))
    repeats = [item for item in items if item.referral.is_repeat]
    assert 0.25 <= len(repeats) / len(items) <= 0.40
    police = [item for item in items if item.referral.referring_agency.agency_type == AgencyType.POLICE]
    assert 0.60 <= len(police) / len(items) <= 0.70
    heard = {item.referral_id for item in items}
    for item in repeats:
        previous = item.referral.previous_referral
        assert previous.case_id == item.case_id and previous.pk in heard
        assert dt.timedelta(days=0) < item.referral.referred_at - previous.referred_at < dt.timedelta(days=365)


def test_past_cases_closed_or_monitored_and_some_referrals_stopped_at_triage(demo):
    cases = past_cases(demo)
    statuses = Counter(cases.values_list("status", flat=True))
    assert set(statuses) == {CaseStatus.CLOSED, CaseStatus.MONITORING, CaseStatus.REFERRED}
    assert statuses[CaseStatus.CLOSED] > 3 * statuses[CaseStatus.MONITORING]
    referrals = Referral.objects.filter(case__in=cases)
    assert referrals.filter(triage_status=TriageStatus.DECLINED).count() == 6
    assert referrals.filter(triage_status=TriageStatus.MORE_INFORMATION).count() == 3
    assert not referrals.filter(triage_status=TriageStatus.PENDING).exists()


def test_victims_are_diverse_and_their_households_as_nationally(demo):
    items = list(past_items(demo))
    victims = {item.case.victim for item in items}
    ages = [age_on(item.case.victim.date_of_birth, timezone.localdate(item.referral.referred_at)) for item in items]
    assert min(ages) in (16, 17) and max(ages) >= 65
    assert sum(victim.gender == Gender.MALE for victim in victims) >= 5
    assert len({victim.ethnicity for victim in victims}) >= 5
    assert sum(bool(victim.has_disability) for victim in victims) >= 10
    lgbt_orientations = (SexualOrientation.GAY_LESBIAN, SexualOrientation.BISEXUAL)
    lgbt = [victim for victim in victims if victim.is_trans or victim.sexual_orientation in lgbt_orientations]
    assert len(lgbt) >= 3
    assert len({victim.normalised_name for victim in victims}) == len(victims)
    children = [item.referral.children_in_household for item in items]
    assert 0.9 <= sum(children) / len(children) <= 1.5
    perpetrators = CaseParty.objects.filter(case__in=past_cases(demo), role=PartyRole.PERPETRATOR)
    born = {party.case_id: party.person.date_of_birth for party in perpetrators.select_related("person")}
    referred = {item.case_id: timezone.localdate(item.referral.referred_at) for item in items}
    assert sum(age_on(born[case_id], day) <= 17 for case_id, day in referred.items()) >= 2


def test_actions_in_every_state_with_lateness_differing_by_agency(demo):
    actions = Action.objects.filter(agenda_item__meeting__in=past_meetings(demo)).select_related(
        "owner_agency", "agenda_item__meeting"
    )
    assert set(actions.values_list("status", flat=True)) == set(ActionStatus.values)
    done = [action for action in actions if action.status == ActionStatus.DONE]
    late = {action.pk for action in done if timezone.localdate(action.completed_at) > action.due_date}
    assert 0.1 <= len(late) / len(done) <= 0.35
    by_agency: dict[str, list[bool]] = {}
    for action in done:
        by_agency.setdefault(action.owner_agency.name, []).append(action.pk in late)
    shares = [sum(flags) / len(flags) for flags in by_agency.values() if len(flags) >= 20]
    assert max(shares) - min(shares) >= 0.2
    # Still open only where the case is still monitored after that hearing, and all of it overdue by now.
    incomplete = actions.filter(status__in=INCOMPLETE_STATUSES)
    assert incomplete.exists()
    assert not incomplete.exclude(case__status=CaseStatus.MONITORING).exists()
    assert not incomplete.filter(due_date__gte=timezone.localdate()).exists()
    agreed = {
        (action.due_date - timezone.localdate(action.agenda_item.meeting.scheduled_for)).days for action in actions
    }
    assert min(agreed) == 14 and max(agreed) == 42
    assert not actions.filter(owner_agency__name="Riverside Drug and Alcohol Recovery Service").exists()


def test_most_victims_were_told_after_each_hearing(demo):
    items = list(past_items(demo))
    report_backs = ReportBack.objects.filter(meeting__in=past_meetings(demo))
    assert report_backs.count() == len(items)
    told = report_backs.filter(completed_at__isnull=False).count()
    assert 0.85 * len(items) <= told < len(items)
    contacts = VictimContact.objects.filter(case__in=past_cases(demo))
    assert contacts.filter(successful=True).exists() and contacts.filter(successful=False).exists()


def test_breaches_across_the_year_answered_at_different_speeds_one_not_at_all(demo):
    breaches = list(Breach.objects.filter(order__case__in=past_cases(demo)).select_related("response"))
    assert len(breaches) == 6
    occurred = sorted(breach.occurred_at for breach in breaches)
    assert occurred[-1] - occurred[0] > dt.timedelta(days=60)
    delays = [breach.response.responded_at - breach.reported_at for breach in breaches if hasattr(breach, "response")]
    assert len(delays) == 5
    assert min(delays) < dt.timedelta(hours=1) and sum(delay > dt.timedelta(hours=24) for delay in delays) == 2


def test_report_settings_give_a_mid_sized_area_short_of_staff(demo):
    settings = ReportSettings.objects.get(locality=demo)
    last = Quarter.containing(timezone.now()).previous()
    year = [last.previous().previous().previous(), last.previous().previous(), last.previous(), last]
    cases = sum(count_return(demo, quarter).total.counts["cases"] for quarter in year)
    assert 40 <= cases * 10_000 / settings.adult_female_population <= 50
    start, end = year[0].bounds()[0], last.bounds()[1]
    referrals = Referral.objects.filter(case__locality=demo, referred_at__gte=start, referred_at__lt=end).count()
    # One IDVA for 100 referrals a year and one administrator for 400 cases: the area is a little short of both.
    assert 0.7 * referrals / 100 < settings.idva_fte < referrals / 100
    assert 0.7 * cases / 400 < settings.administrator_fte < cases / 400
    assert settings.population_minoritised_percent and settings.population_aged_16_17_percent


def test_the_previous_quarters_return_has_cases(demo):
    counts = count_return(demo, Quarter.containing(timezone.now()).previous()).total.counts
    assert counts["cases"] >= 30
    assert counts["repeats"] > 0 and counts["non_police"] > 0 and counts["children"] > 0


def test_references_unique_and_numbered_in_order_of_opening_within_each_year(demo):
    references = list(Case.objects.filter(locality=demo).values_list("reference", flat=True))
    assert len(set(references)) == len(references)
    by_year: dict[int, list[tuple[dt.datetime, int]]] = {}
    for case in past_cases(demo):
        year, number = case.reference.split("-")[1:]
        assert int(year) == timezone.localtime(case.opened_at).year
        by_year.setdefault(int(year), []).append((case.opened_at, int(number)))
    for opened in by_year.values():
        numbers = [number for _opened_at, number in sorted(opened)]
        assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))
