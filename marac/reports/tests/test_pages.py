"""The return's page, its links to cases, its exports read back, and who may see what (audited)."""

import csv
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from marac.audit.models import AuditAction, AuditEvent
from marac.reports.models import ReportSettings
from marac.reports.tests.factories import QUARTER, build_quarter, case, listed, local, meeting
from marac.testing.queries import audit_lock_queries

pytestmark = pytest.mark.django_db
RETURN = reverse("reports:return")


def _figure(html: str, column: str, key: str) -> str:
    """The text of one count cell: in the table of one meeting (its pk) or of the quarter ('total')."""
    table = html.split(f'data-column="{column}"', 1)[1].split("</table>", 1)[0]
    cell = table.split(f'data-figure="{key}">', 1)[1].split("</td>", 1)[0]
    return re.sub(r"<[^>]+>", "", cell).strip()


def test_coordinator_sees_every_figure_with_links_to_its_cases(locale):
    built = build_quarter(locale)
    response = locale.client("coordinator").get(RETURN, {"quarter": QUARTER.code})
    assert response.status_code == 200
    html = response.content.decode()
    assert _figure(html, "total", "cases") == "7"
    assert _figure(html, "total", "repeats") == "3"
    assert _figure(html, str(built.first.pk), "repeats") == "2"
    assert _figure(html, str(built.second.pk), "disabled") == "3"
    link = reverse("reports:figure_cases", args=["repeats"]) + f"?quarter={QUARTER.code}&amp;meeting={built.first.pk}"
    assert link in html
    assert "Repeat cases" in html and "National 2024: 31%" in html  # the explanation's table carries the benchmark
    event = AuditEvent.objects.filter(action=AuditAction.VIEW, summary="Viewed the quarterly data return").get()
    assert event.detail == {"quarter": "2026-Q3", "suppressed": False}


def test_the_cases_behind_a_figure(locale):
    built = build_quarter(locale)
    client = locale.client("chair")
    url = reverse("reports:figure_cases", args=["repeats"])
    quarter = client.get(url, {"quarter": QUARTER.code}).content.decode()
    assert all(reference in quarter for reference in ("Q3-A", "Q3-B", "Q3-C"))
    assert "Q3-D" not in quarter and "Q3-F" not in quarter
    july = client.get(url, {"quarter": QUARTER.code, "meeting": built.first.pk}).content.decode()
    assert "Q3-B" in july and "Q3-C" in july and "Q3-A" not in july
    event = AuditEvent.objects.filter(action=AuditAction.LIST).latest("pk")
    assert sorted(event.detail["ids"]) == sorted([built.cases["B"].pk, built.cases["C"].pk])
    children = client.get(reverse("reports:figure_cases", args=["children"]), {"quarter": QUARTER.code})
    listed_cases = children.content.decode()
    assert all(f"Q3-{x}" in listed_cases for x in "ACDF") and "Q3-B" not in listed_cases and "Q3-E" not in listed_cases
    assert client.get(reverse("reports:figure_cases", args=["nonsense"]), {"quarter": QUARTER.code}).status_code == 404


def test_analyst_sees_suppressed_aggregates_and_no_case_link(locale):
    build_quarter(locale)
    client = locale.client("analyst")
    response = client.get(RETURN, {"quarter": QUARTER.code})
    html = response.content.decode()
    assert _figure(html, "total", "cases") == "7"
    assert _figure(html, "total", "repeats") == "fewer than 5"
    assert "/reports/return/figures/" not in html
    assert "Q3-A" not in html and "VictimA" not in html
    assert AuditEvent.objects.filter(summary="Viewed the quarterly data return").get().detail["suppressed"] is True
    refused = client.get(reverse("reports:figure_cases", args=["repeats"]), {"quarter": QUARTER.code})
    assert refused.status_code == 404
    assert AuditEvent.objects.filter(action=AuditAction.DENIED, summary="Lacks report.cases").exists()


@pytest.mark.parametrize("persona", ["police_rep", "idva", "housing_rep", "admin", "auditor", "police_referrer"])
def test_other_roles_are_refused(locale, persona):
    assert locale.client(persona).get(RETURN).status_code == 404


def test_a_bad_quarter_is_an_error_on_the_field(locale):
    client = locale.client("coordinator")
    bad = client.get(RETURN, {"quarter": "2026-Q5"}).content.decode()
    assert "Enter the quarter as the year, -Q and 1 to 4, for example 2026-Q3." in bad
    future = client.get(RETURN, {"quarter": "2027-Q1"}).content.decode()
    assert "Choose a quarter that has begun" in future
    assert client.get(reverse("reports:export_csv"), {"quarter": "bad"}).status_code == 404


def _page_cells(html: str, data_columns: list[tuple[str, str]], keys: list[str]) -> dict:
    return {(label, key): _figure(html, column, key) for label, column in data_columns for key in keys}


@pytest.mark.parametrize("persona", ["coordinator", "analyst"])
def test_exports_read_back_equal_the_page(locale, persona):
    built = build_quarter(locale)
    ReportSettings.objects.create(locality=locale.locality, adult_female_population=14_000)
    client = locale.client(persona)
    html = client.get(RETURN, {"quarter": QUARTER.code}).content.decode()
    keys = ["cases", "repeats", "non_police", "minoritised", "lgbt", "disabled", "male", "aged_16_17", "children"]
    columns = [("14 Jul 2026", str(built.first.pk)), ("11 Aug 2026", str(built.second.pk)), ("Quarter total", "total")]
    labels = {
        "cases": "Cases discussed",
        "repeats": "Repeat cases",
        "non_police": "Referrals from agencies other than police",
        "minoritised": "Victims who are racially minoritised",
        "lgbt": "Victims who are LGBT+",
        "disabled": "Victims who are disabled",
        "male": "Victims who are male",
        "aged_16_17": "Victims aged 16 or 17",
        "children": "Children in the households",
    }
    on_page = _page_cells(html, columns, keys)

    response = client.get(reverse("reports:export_csv"), {"quarter": QUARTER.code})
    assert response["Content-Disposition"] == 'attachment; filename="data-return-2026-Q3.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    in_csv = {(row["Meeting"], row["Figure"]): row["Count"] for row in rows}
    for (label, key), text in on_page.items():
        assert in_csv[(label, labels[key])] == text, (label, key)
    assert in_csv[("Quarter total", "Cases per 10,000 women aged 16 or over, a year")] == "20.0"

    response = client.get(reverse("reports:export_xlsx"), {"quarter": QUARTER.code})
    sheet = load_workbook(io.BytesIO(response.content))["Data return"]
    header, *body = list(sheet.iter_rows(values_only=True))
    assert header[:5] == ("Quarter", "Meeting", "Figure", "Count", "Share of cases discussed")
    in_xlsx = {(row[1], row[2]): row[3] for row in body}
    for (label, key), text in on_page.items():
        value = in_xlsx[(label, labels[key])]
        assert (str(value) if isinstance(value, int) else value) == text, (label, key)
    assert in_xlsx[("Quarter total", "Cases per 10,000 women aged 16 or over, a year")] == 20.0
    shares = {(row[1], row[2]): row[4] for row in body}
    if persona == "coordinator":
        assert shares[("Quarter total", "Repeat cases")] == pytest.approx(42.9)
        assert in_xlsx[("14 Jul 2026", "Repeat cases")] == 2
    else:
        assert shares[("Quarter total", "Repeat cases")] == "withheld"
        assert in_xlsx[("14 Jul 2026", "Repeat cases")] == "fewer than 5"
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT).count() == 2


@pytest.mark.parametrize("persona", ["coordinator", "analyst"])
def test_query_count_does_not_grow_with_the_data(locale, persona, django_assert_num_queries):
    build_quarter(locale)
    client = locale.client(persona)
    client.get(RETURN, {"quarter": QUARTER.code})  # warm the session
    with django_assert_num_queries(QUERIES + audit_lock_queries(1)):
        client.get(RETURN, {"quarter": QUARTER.code})
    # A third meeting, and more cases on it.
    extra = meeting(locale, local(2026, 9, 8))
    for number in range(6):
        listed(extra, case(locale, f"Q3-X{number}"), locale.housing, local(2026, 9, 1).date(), children=1)
    with django_assert_num_queries(QUERIES + audit_lock_queries(1)):
        response = client.get(RETURN, {"quarter": QUARTER.code})
    assert _figure(response.content.decode(), "total", "cases") == "13"


# Session, user, authenticator device, membership with its agreement check (the middleware); the meetings, the one
# aggregate, the report settings; the audit event (savepoint, last hash, insert, release).
QUERIES = 11
