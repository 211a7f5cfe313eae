"""The report settings page: who may change them, what is refused and why, and the audit of each change."""

from decimal import Decimal

import pytest
from django.urls import reverse

from marac.audit.models import AuditAction, AuditEvent
from marac.reports.models import ReportSettings

pytestmark = pytest.mark.django_db
SETTINGS = reverse("reports:settings")

VALID = {
    "adult_female_population": "152000",
    "population_minoritised_percent": "18.5",
    "population_lgbt_percent": "3.2",
    "population_disabled_percent": "17.0",
    "population_male_percent": "48.9",
    "population_aged_16_17_percent": "2.6",
    "idva_fte": "4.5",
    "administrator_fte": "1",
    "referral_to_meeting_target_days": "21",
    "actions_on_time_target_percent": "85",
    "suppression_threshold": "10",
}


def test_coordinator_sees_the_defaults_before_anything_is_set(locale):
    html = locale.client("coordinator").get(SETTINGS).content.decode()
    assert "Nobody has set these yet" in html
    assert 'name="referral_to_meeting_target_days" value="28"' in html
    assert 'name="actions_on_time_target_percent" value="90"' in html
    assert 'name="suppression_threshold" value="5"' in html
    assert not ReportSettings.objects.exists()


def test_saving_stores_every_figure_and_audits_the_changes(locale):
    response = locale.client("coordinator").post(SETTINGS, VALID)
    assert response.status_code == 302
    saved = ReportSettings.objects.get(locality=locale.locality)
    assert saved.adult_female_population == 152000
    assert saved.population_minoritised_percent == Decimal("18.5")
    assert saved.idva_fte == Decimal("4.5")
    assert saved.referral_to_meeting_target_days == 21
    assert saved.suppression_threshold == 10
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, summary="Changed the report settings")
    assert event.detail["changes"]["suppression_threshold"] == {"from": 5, "to": 10}
    assert event.detail["changes"]["idva_fte"] == {"from": None, "to": "4.5"}
    page = locale.client("coordinator").get(SETTINGS).content.decode()
    assert "Last changed on" in page and 'value="152000"' in page


def test_empty_optional_figures_stay_unknown(locale):
    data = {**VALID, "adult_female_population": "", "idva_fte": ""}
    locale.client("admin").post(SETTINGS, data)
    saved = ReportSettings.objects.get()
    assert saved.adult_female_population is None and saved.idva_fte is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("population_lgbt_percent", "101", "less than or equal to 100"),
        ("suppression_threshold", "0", "greater than or equal to 1"),
        ("actions_on_time_target_percent", "0", "greater than or equal to 1"),
        ("idva_fte", "-1", "greater than or equal to 0"),
        ("adult_female_population", "many", "Enter a whole number"),
        ("referral_to_meeting_target_days", "", "Enter the target number of days from referral to meeting."),
    ],
)
def test_a_bad_figure_is_named_on_its_field_and_nothing_is_saved(locale, field, value, message):
    response = locale.client("coordinator").post(SETTINGS, {**VALID, field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert field in response.context["form"].errors
    assert not ReportSettings.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.UPDATE).exists()


@pytest.mark.parametrize("persona", ["analyst", "chair", "police_rep", "idva"])
def test_others_may_not_change_the_settings(locale, persona):
    client = locale.client(persona)
    assert client.get(SETTINGS).status_code == 404
    assert client.post(SETTINGS, VALID).status_code == 404
    assert not ReportSettings.objects.exists()
