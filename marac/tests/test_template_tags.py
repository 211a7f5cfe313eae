"""marac_tags: status tag colours and GOV.UK date and time display."""

import datetime
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import timezone

from marac.actions.models import ActionStatus
from marac.referrals.models import CaseStatus, TriageStatus
from marac.risk.models import RiskLevel
from marac.templatetags.marac_tags import TAG_COLOURS, display_date, display_datetime, display_time, tag_colour

LONDON = zoneinfo.ZoneInfo("Europe/London")
COMPILED_TAG_COLOURS = {"green", "grey", "magenta", "orange", "purple", "red", "teal", "yellow"}


def render(source: str, **context) -> str:
    return Template("{% load marac_tags %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (RiskLevel.HIGH, "govuk-tag--red"),
        (RiskLevel.MEDIUM, "govuk-tag--orange"),
        (ActionStatus.DONE, "govuk-tag--green"),
        (ActionStatus.IN_PROGRESS, ""),
        (CaseStatus.CLOSED, "govuk-tag--grey"),
        (TriageStatus.PENDING, "govuk-tag--orange"),
        ("something new", ""),
        (None, ""),
    ],
)
def test_tag_colour(value, expected):
    assert tag_colour(value) == expected


def test_every_colour_exists_in_our_stylesheet():
    used = {colour.removeprefix("govuk-tag--") for colour in TAG_COLOURS.values() if colour}
    assert used <= COMPILED_TAG_COLOURS


def test_every_case_action_and_risk_status_has_a_deliberate_colour():
    for choices in (CaseStatus, ActionStatus, RiskLevel, TriageStatus):
        assert set(choices.values) <= set(TAG_COLOURS), choices


def test_status_tag_renders_a_whole_escaped_tag():
    assert render("{% status_tag 'high' 'High' %}") == '<strong class="govuk-tag govuk-tag--red">High</strong>'
    assert render("{% status_tag 'in_progress' label %}", label="<b>") == '<strong class="govuk-tag">&lt;b&gt;</strong>'


def test_tag_colour_filter_in_a_template():
    assert render('<strong class="govuk-tag {{ status|tag_colour }}">', status="done") == (
        '<strong class="govuk-tag govuk-tag--green">'
    )


def test_display_date():
    assert display_date(datetime.date(2026, 3, 5)) == "5 March 2026"
    assert display_date(None) == ""


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [(0, 0, "midnight"), (12, 0, "midday"), (9, 0, "9am"), (14, 30, "2:30pm"), (0, 5, "12:05am"), (23, 59, "11:59pm")],
)
def test_display_time(hour, minute, expected):
    assert display_time(datetime.time(hour, minute)) == expected


def test_aware_datetimes_show_in_local_time(settings):
    settings.TIME_ZONE = "Europe/London"
    summer_evening_utc = datetime.datetime(2026, 7, 1, 23, 30, tzinfo=datetime.UTC)
    with timezone.override(LONDON):
        assert display_datetime(summer_evening_utc) == "2 July 2026 at 12:30am"
        assert display_date(summer_evening_utc) == "2 July 2026"
        assert render("{{ when|display_datetime }}", when=summer_evening_utc) == "2 July 2026 at 12:30am"
    winter_noon_utc = datetime.datetime(2026, 1, 15, 12, 0, tzinfo=datetime.UTC)
    with timezone.override(LONDON):
        assert display_datetime(winter_noon_utc) == "15 January 2026 at midday"
