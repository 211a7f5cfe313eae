"""Risk over time on the case page: a chart of the final levels, a timeline of assessments, the next review."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from marac.referrals.models import Case, CaseStatus
from marac.risk.chart import risk_chart
from marac.risk.reviews import case_review_refresh
from marac.risk.scales import FIVE_LEVEL, THREE_LEVEL
from marac.risk.tests.factories import AssessmentFactory, heard_case

NOW = timezone.now()


def assess(case: Case, *, days_ago: int, level: str, scale: str = THREE_LEVEL.code, **kwargs):
    return AssessmentFactory(
        case=case,
        computed_level=level,
        final_level=level,
        scale=scale,
        assessed_at=NOW - dt.timedelta(days=days_ago),
        **kwargs,
    )


def case_page(locale, persona: str, case: Case) -> str:
    response = locale.client(persona).get(reverse("referrals:case_detail", args=[case.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def case(locale):
    case = heard_case(locale)
    assess(case, days_ago=60, level="medium")
    assess(case, days_ago=30, level="high", judgement_level="high")
    assess(case, days_ago=5, level="standard")
    case_review_refresh(case=case)
    case.refresh_from_db()
    return case


def test_the_case_page_charts_every_final_level_with_a_text_alternative(locale, case):
    content = case_page(locale, "housing_rep", case)

    svg = re.search(r"<svg[^>]*>.*?</svg>", content, re.S).group(0)
    assert 'role="img"' in svg and 'aria-labelledby="risk-chart-title risk-chart-description"' in svg
    assert '<title id="risk-chart-title">Final risk level over time</title>' in svg
    description = re.search(r'<desc id="risk-chart-description">(.*?)</desc>', svg).group(1)
    dates = [timezone.localtime(NOW - dt.timedelta(days=days)).strftime("%-d %b %Y") for days in (60, 30, 5)]
    assert f"{dates[0]}: Medium; {dates[1]}: High; {dates[2]}: Standard." in description
    assert svg.count("<circle") == 3
    assert all(label in svg for label in ("Standard", "Medium", "High", "Today", "Review due"))
    assert "style=" not in svg and "<script" not in svg


def test_the_timeline_lists_assessments_newest_first_with_the_next_review(locale, case):
    content = case_page(locale, "housing_rep", case)

    assessments = list(case.assessments.order_by("-assessed_at"))
    links = [content.index(reverse("risk:assessment_detail", args=[assessment.pk])) for assessment in assessments]
    assert links == sorted(links)
    timeline = content[content.index('class="moj-timeline"') :]
    titles = re.findall(r'moj-timeline__title"><a[^>]*>(\w+) risk', timeline)
    assert titles == ["Standard", "High", "Medium"]
    assert "Domestic abuse risk checklist (24 items), version 1: score 15, result high." in timeline
    assert f"by {assessments[0].assessed_by.get_full_name()}, {assessments[0].agency}" in timeline
    assert timezone.localtime(case.next_review_due).strftime("%-d %B %Y, %H:%M") in content
    assert reverse("risk:assess", args=[case.pk]) in content


def test_an_overdue_review_is_flagged(locale, case):
    Case.objects.filter(pk=case.pk).update(next_review_due=NOW - dt.timedelta(days=1))

    content = case_page(locale, "coordinator", case)

    assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in content
    assert "Review overdue" in content


def test_a_closed_case_has_no_review_due(locale, case):
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED, next_review_due=NOW - dt.timedelta(days=1))

    content = case_page(locale, "coordinator", case)

    assert "None: the case is closed" in content
    assert "Overdue" not in content and "Review overdue" not in content and "Review due" not in content


def test_a_case_without_assessments_says_so(locale):
    content = case_page(locale, "coordinator", heard_case(locale))

    assert "No risk assessment recorded." in content
    assert "<svg" not in content.split("Risk over time")[1].split("Meetings")[0]


def test_the_chart_reads_older_levels_on_the_locality_s_scale_today(locale, case):
    locale.locality.risk_scale = FIVE_LEVEL.code
    locale.locality.save()
    assess(case, days_ago=1, level="extreme", scale=FIVE_LEVEL.code)

    svg = re.search(r"<svg.*?</svg>", case_page(locale, "coordinator", case), re.S).group(0)

    assert "Not appreciated" in svg and "Extreme" in svg
    assert ": Low; " in svg  # the three-level "standard" reads as low on the five-level scale
    assert svg.count("<circle") == 4


def test_the_line_steps_up_and_down_with_the_level():
    start = NOW - dt.timedelta(days=40)
    chart = risk_chart(
        history=[
            (start + dt.timedelta(days=20), "high"),
            (start, "standard"),
            (start + dt.timedelta(days=30), "medium"),
        ],
        scale=THREE_LEVEL,
        next_review_due=NOW + dt.timedelta(days=20),
        now=NOW,
    )

    ys = [float(point.y) for point in chart.points]
    xs = [float(point.x) for point in chart.points]
    assert [point.level_label for point in chart.points] == ["Standard", "High", "Medium"]
    assert xs == sorted(xs) and ys[1] < ys[2] < ys[0]  # higher risk is drawn higher up
    assert chart.step_path == f"M {xs[0]:.1f} {ys[0]:.1f} H {xs[1]:.1f} V {ys[1]:.1f} H {xs[2]:.1f} V {ys[2]:.1f}"
    assert float(chart.plot_left) < xs[0] < float(chart.today.x) < float(chart.review_due.x) < chart.plot_right
    assert chart.review_due.label == "Review due"
    assert risk_chart(history=[], scale=THREE_LEVEL) is None


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("persona", ["coordinator", "housing_rep"])
def test_the_case_page_runs_the_same_queries_for_one_assessment_or_many(locale, persona):
    one, many = heard_case(locale), heard_case(locale)
    assess(one, days_ago=3, level="high")
    for days in range(15):
        assess(many, days_ago=days * 7, level=("standard", "medium", "high")[days % 3])
    client = locale.client(persona)

    assert count_queries(client, reverse("referrals:case_detail", args=[one.pk])) == count_queries(
        client, reverse("referrals:case_detail", args=[many.pk])
    )
