"""The reports for a coordinator who reads Spanish: every page in Spanish with Spanish numbers (a decimal comma), the
exports' headings in Spanish and their numbers still machine-readable, the audit trail in English, and nothing more
asked of the database than for an English reader."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from marac.accounts.models import UserPreference
from marac.audit.models import AuditAction, AuditEvent
from marac.reports.annual import annual_review_for
from marac.reports.models import ReportSettings
from marac.reports.tests.factories import QUARTER, build_quarter
from marac.reports.tests.kpi_factories import build_kpi_data, configure
from marac.reports.tests.monitoring_factories import LAST_QUARTER, build_year
from marac.tests.html import parse

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"
RETURN = reverse("reports:return")
DASHBOARD = reverse("reports:dashboard")
MONITORING = reverse("reports:monitoring")
ANNUAL = reverse("reports:annual_review")
SETTINGS = reverse("reports:settings")
CSV_EXPORT = reverse("reports:export_csv")
XLSX_EXPORT = reverse("reports:export_xlsx")


def in_spanish(locale, persona: str = "coordinator"):
    """Her own choice of Spanish, read when she signs in."""
    UserPreference.objects.create(user=locale.memberships[persona].user, language="es")
    return locale.client(persona)


def _text(html: str, attribute: str) -> str:
    """The text of the first element carrying the attribute, e.g. 'data-value="repeat_rate"'."""
    element = html.split(attribute + ">", 1)[1]
    return re.sub(r"<[^>]+>", "", re.split(r"</(?:td|dd|span)>", element, maxsplit=1)[0]).strip()


def _h1(html: str) -> str:
    return parse(html).find("h1").text.strip()


def test_the_quarterly_return_is_in_spanish_with_a_decimal_comma(locale):
    build_quarter(locale)
    ReportSettings.objects.create(locality=locale.locality, adult_female_population=14_000)
    response = in_spanish(locale).get(RETURN, {"quarter": QUARTER.code})
    assert response.status_code == 200
    html = response.content.decode()
    assert _h1(html) == "Informe trimestral de datos: julio-septiembre de 2026"
    assert "Casos reiterados" in html and "Derivado por: Policía" in html
    assert f"Nacional 2024: 31{NBSP}%; rango esperado: entre el 28{NBSP}% y el 40{NBSP}%" in html
    assert "2 reuniones MARAC celebradas." in html
    assert "Descargar en CSV" in html and "Cifras: Total del trimestre" in html
    # 3 repeats of 7 cases; 7 × 4 × 10,000 ÷ 14,000 women.
    total = html.split('data-column="total"', 1)[1]
    assert _text(total, 'data-share="repeats"') == f"42,9{NBSP}%"
    assert _text(html, 'data-figure="expected_volume"').startswith("20,0")
    assert f"Población: 14{NBSP}000." in html
    assert "Reunión del 14 Jul 2026" in html
    for english in ("Quarterly data return", "Repeat cases", "Share of cases", "The quarter", "42.9%", "Benchmark"):
        assert english not in html, english
    # The record of the read stays in English.
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, summary="Viewed the quarterly data return").exists()


def test_the_analyst_reads_the_suppressed_cells_in_spanish(locale):
    build_quarter(locale)
    html = in_spanish(locale, "analyst").get(RETURN, {"quarter": QUARTER.code}).content.decode()
    assert "Solo agregados. Todo recuento inferior a 5 se muestra como «menos de 5»" in html
    total = html.split('data-column="total"', 1)[1]
    assert _text(total, 'data-figure="repeats"') == "menos de 5"
    assert _text(total, 'data-share="repeats"') == "reservado"
    assert "fewer than" not in html and "withheld" not in html


def test_the_cases_behind_a_figure_are_listed_in_spanish(locale):
    built = build_quarter(locale)
    url = reverse("reports:figure_cases", args=["repeats"])
    html = in_spanish(locale).get(url, {"quarter": QUARTER.code, "meeting": built.first.pk}).content.decode()
    assert _h1(html) == "Casos reiterados"
    assert "julio-septiembre de 2026, una reunión." in html
    assert "Volver al informe de datos" in html and "Q3-B" in html
    summary = AuditEvent.objects.filter(action=AuditAction.LIST).latest("pk").summary
    assert summary == "Listed the cases behind a figure of the data return: Repeat cases"


def test_the_dashboard_is_in_spanish_down_to_its_charts(locale):
    build_kpi_data(locale)
    configure(locale)
    response = in_spanish(locale).get(DASHBOARD, {"quarter": QUARTER.code})
    assert response.status_code == 200
    html = response.content.decode()
    assert _h1(html) == "Panel de indicadores: julio-septiembre de 2026"
    assert _text(html, 'data-value="repeat_rate"') == f"42,9{NBSP}%"
    assert _text(html, 'data-value="days_to_meeting"') == "13 días"
    assert _text(html, 'data-value="children_per_case"') == "1,71"
    assert _text(html, 'data-value="expected_volume"') == "20,0"
    assert _text(html, 'data-position="above"') == "Por encima del rango esperado"
    assert "Tasa de reiteración, por trimestre" in html
    assert _text(html.split('data-trend="actions_on_time"', 1)[1], 'data-quarter="2026 T2"') == f"50,0{NBSP}%"
    assert "Tratados en un plazo de 12 días" in html
    assert "Objetivo propio de la red de colaboración: tratado en un plazo de 12 días desde la derivación." in html
    # What a screen reader hears of the repeat rate's chart: its title and every value, in Spanish.
    chart = html.split('data-measure="repeat_rate"', 1)[1].split("</svg>", 1)[0]
    assert re.search(r"<title id=\"chart-\d+-title\">Tasa de reiteración</title>", chart)
    assert (
        f"2025 T4: sin valor; 2026 T1: sin valor; 2026 T2: 100,0{NBSP}%; 2026 T3: 42,9{NBSP}%. "
        f"Rango esperado sombreado: de 28,0{NBSP}% a 40,0{NBSP}%. Línea discontinua: Nacional 2024 31,0{NBSP}%."
    ) in chart
    assert "Acciones hechas a tiempo, por organismo responsable" in html and "Todos los organismos" in html
    for english in (
        "Repeat rate",
        "Above the expected range",
        "no value",
        "42.9%",
        "13 days",
        "Dashed line",
        "2026 Q3",
    ):
        assert english not in html, english
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, summary="Viewed the KPI dashboard").exists()


def test_the_monitoring_page_is_in_spanish(locale):
    build_year(locale)
    response = in_spanish(locale).get(MONITORING, {"quarter": LAST_QUARTER.code})
    assert response.status_code == 200
    html = response.content.decode()
    assert _h1(html) == "Seguimiento anual: octubre de 2025 a septiembre de 2026"
    assert "Víctimas con reiteración" in html and "Agresores reincidentes" in html
    assert _text(html, 'data-measure-share="with_repeat"') == f"57,1{NBSP}%"
    assert "Incluidas en una reunión" in html and "Progresión y abandono de los casos" in html
    assert "Resultados por origen étnico" in html and "Se desconoce" in html
    assert "Derivaciones recibidas de octubre de 2025 a septiembre de 2026 que llegan a cada etapa" in html
    assert "julio-septiembre de 2026" in html  # the link to the last quarter's return
    for english in ("Monitoring over the year", "Victims referred", "Case progression", "Not known", "57.1%"):
        assert english not in html, english


def test_the_annual_review_page_and_pack_are_in_spanish(locale):
    build_quarter(locale)
    client = in_spanish(locale)
    html = client.get(ANNUAL, {"quarter": QUARTER.code}).content.decode()
    assert _h1(html) == "Revisión anual: el año hasta septiembre de 2026"
    header = html.split('id="year-return"', 1)[1].split("</thead>", 1)[0]
    assert [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<th [^>]*>.*?</th>", header)] == [
        "Cifra",
        "2025 T4",
        "2026 T1",
        "2026 T2",
        "2026 T3",
        "Año",
    ]
    assert "Descargar el dosier de la revisión anual (PDF)" in html
    assert "Annual review" not in html and "Download the annual review pack" not in html

    with translation.override("es"):
        review = annual_review_for(actor=locale.actor("coordinator"), last=QUARTER)
        pack = render_to_string(
            "reports/annual_pack.html",
            {"review": review, "locality": locale.locality, "produced_at": timezone.now(), "produced_by": "Ana"},
        )
    assert '<html lang="es">' in pack
    assert "1. Medidas fuera de su rango esperado" in pack
    assert f"42,9{NBSP}% (por encima del rango esperado)" in pack
    assert "OFICIAL-SENSIBLE" in pack and "página" in pack
    assert "Measures outside their expected range" not in pack and "OFFICIAL" not in pack

    pdf = client.get(reverse("reports:annual_pack"), {"quarter": QUARTER.code})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, summary="Downloaded the annual review pack").exists()


def test_the_settings_page_is_in_spanish_and_takes_a_decimal_comma(locale):
    client = in_spanish(locale)
    html = client.get(SETTINGS).content.decode()
    assert _h1(html) == "Configuración de los informes"
    assert "Umbral de ocultación" in html and "La población de la zona" in html
    assert "Los recuentos por debajo de este valor se muestran a la persona analista como «menos de N»" in html
    assert "Suppression threshold" not in html and "Report settings" not in html

    refused = client.post(SETTINGS, {"referral_to_meeting_target_days": "", "suppression_threshold": "5"})
    assert "Introduzca el objetivo de días de la derivación a la reunión." in refused.content.decode()

    saved = client.post(
        SETTINGS,
        {
            "population_minoritised_percent": "18,5",
            "idva_fte": "2,5",
            "referral_to_meeting_target_days": "21",
            "actions_on_time_target_percent": "85",
            "suppression_threshold": "5",
        },
        follow=True,
    )
    settings = ReportSettings.objects.get(locality=locale.locality)
    assert (settings.population_minoritised_percent, settings.idva_fte) == (Decimal("18.5"), Decimal("2.5"))
    page = saved.content.decode()
    assert "Se ha guardado la configuración de los informes." in page
    assert 'name="population_minoritised_percent" value="18,5"' in page
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE, summary="Changed the report settings").exists()


def test_her_exports_have_spanish_headings_and_machine_readable_numbers(locale):
    build_quarter(locale)
    client = in_spanish(locale)
    response = client.get(CSV_EXPORT, {"quarter": QUARTER.code})
    reader = csv.DictReader(io.StringIO(response.content.decode()))
    assert reader.fieldnames == [
        "Trimestre",
        "Reunión",
        "Cifra",
        "Recuento",
        "Proporción de los casos tratados",
        "Definición",
        "Referencia",
    ]
    rows = {(row["Reunión"], row["Cifra"]): row for row in reader}
    repeats = rows[("Total del trimestre", "Casos reiterados")]
    assert (repeats["Recuento"], repeats["Proporción de los casos tratados"]) == ("3", "42.9")
    assert repeats["Definición"].startswith("Casos tratados cuya derivación a esa reunión era reiterada")
    assert ("14 Jul 2026", "Derivado por: Policía") in rows

    workbook = load_workbook(io.BytesIO(client.get(XLSX_EXPORT, {"quarter": QUARTER.code}).content))
    sheet = workbook["Informe de datos"]
    header, *body = list(sheet.iter_rows(values_only=True))
    assert header[:4] == ("Trimestre", "Reunión", "Cifra", "Recuento")
    cells = {(row[1], row[2]): (row[3], row[4]) for row in body}
    assert cells[("Total del trimestre", "Casos reiterados")] == (3, pytest.approx(42.9))


def test_an_english_reader_still_reads_english(locale):
    build_kpi_data(locale)
    configure(locale)
    in_spanish(locale, "analyst")  # a colleague's choice is hers alone
    client = locale.client("coordinator")
    html = client.get(DASHBOARD, {"quarter": QUARTER.code}).content.decode()
    assert _h1(html) == "KPI dashboard: July to September 2026"
    assert _text(html, 'data-value="repeat_rate"') == "42.9%"
    assert _text(html, 'data-position="above"') == "Above the expected range"
    assert "2026 Q2: 100.0%; 2026 Q3: 42.9%." in html
    assert "Tasa de reiteración" not in html and "Panel de indicadores" not in html
    header = next(csv.reader(io.StringIO(client.get(CSV_EXPORT, {"quarter": QUARTER.code}).content.decode())))
    assert header[:4] == ["Quarter", "Meeting", "Figure", "Count"]


@pytest.mark.parametrize(
    ("url", "build"),
    [(RETURN, build_quarter), (DASHBOARD, build_kpi_data), (MONITORING, build_year), (ANNUAL, build_quarter)],
    ids=["return", "dashboard", "monitoring", "annual"],
)
def test_spanish_costs_no_more_queries_than_english(locale, url, build):
    build(locale)
    english = locale.client("coordinator")  # signed in before she chose Spanish
    spanish = in_spanish(locale)
    counts = []
    for client in (english, spanish):
        client.get(url, {"quarter": QUARTER.code})  # warm the session
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, {"quarter": QUARTER.code})
        assert response.status_code == 200
        counts.append(len(queries))
    assert response.headers["Content-Language"] == "es"
    assert counts[0] == counts[1]
