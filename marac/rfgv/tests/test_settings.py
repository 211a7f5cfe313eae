"""The locality administrator's RFGV settings: defaults, the page, each rule on the values, and the audit."""

import html
from decimal import Decimal

import pytest
from django.urls import reverse

from marac.audit.models import AuditAction, AuditEvent
from marac.incidents.models import IncidentType
from marac.rfgv.forms import bands_text
from marac.rfgv.models import RfgvSettings, default_gravity_type_factors
from marac.rfgv.rules import settings_for

pytestmark = pytest.mark.django_db

URL = reverse("rfgv:settings")


def _form(**changes) -> dict:
    """The page's form as the defaults fill it, with some fields changed."""
    data = {
        "window_months": "36",
        "minimum_age": "16",
        "minimum_victims": "2",
        "recency_weight": "1.00",
        "frequency_weight": "1.00",
        "gravity_weight": "1.00",
        "victims_weight": "1.00",
        "recency_bands": "3 = 10\n6 = 8\n12 = 6\n24 = 4\n36 = 2",
        "frequency_bands": "1 = 2\n2 = 4\n3 = 6\n5 = 8\n10 = 10",
        "victims_bands": "1 = 2\n2 = 5\n3 = 8\n4 = 10",
        "gravity_cap": "20",
        "gravity_points_1": "1",
        "gravity_points_2": "2",
        "gravity_points_3": "4",
        "gravity_points_4": "6",
        **{f"type_factor_{kind}": factor for kind, factor in default_gravity_type_factors().items()},
    }
    data.update(changes)
    return data


def _text(response) -> str:
    return html.unescape(response.content.decode())


def test_a_locality_gets_the_documented_defaults(locale):
    settings = settings_for(locale.locality)
    assert (settings.window_months, settings.minimum_age, settings.minimum_victims) == (36, 16, 2)
    assert bands_text(settings.recency_bands) == "3 = 10\n6 = 8\n12 = 6\n24 = 4\n36 = 2"
    assert settings.gravity_points == {"1": 1, "2": 2, "3": 4, "4": 6}
    assert settings.gravity_type_factors[IncidentType.STRANGULATION] == "1.50"
    assert settings.gravity_cap == 20
    assert settings_for(locale.locality).pk == settings.pk  # one row per locality


def test_the_administrator_sees_the_settings_filled_in(locale):
    text = _text(locale.client("admin").get(URL))
    assert "RFGV scoring settings" in text
    assert "3 = 10\n6 = 8" in text
    assert "shipped defaults" in text


def test_the_administrator_saves_new_settings_and_the_change_is_audited(locale):
    response = locale.client("admin").post(
        URL,
        _form(
            window_months="24",
            recency_weight="1.5",
            recency_bands="2 = 12\n 12 : 6 \n\n24=1",
            gravity_cap="",
            type_factor_verbal="0.25",
        ),
    )
    assert response.status_code == 302 and response["Location"] == URL
    settings = RfgvSettings.objects.get(locality=locale.locality)
    assert settings.window_months == 24
    assert settings.recency_weight == Decimal("1.50")
    assert settings.recency_bands == [[2, 12], [12, 6], [24, 1]]
    assert settings.gravity_cap is None
    assert settings.gravity_type_factors[IncidentType.VERBAL] == "0.25"
    assert settings.updated_by == locale.memberships["admin"].user
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_type="rfgv.rfgvsettings")
    assert event.actor == locale.memberships["admin"].user
    assert event.detail["changes"]["window_months"] == {"from": 36, "to": 24}
    assert event.detail["changes"]["recency_weight"] == {"from": "1.00", "to": "1.50"}
    assert set(event.detail["changes"]) == {
        "window_months",
        "recency_weight",
        "recency_bands",
        "gravity_cap",
        "gravity_type_factors",
    }


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"window_months": "0"}, "window_months", "Enter a look-back window between 1 and 120 months."),
        ({"window_months": "two"}, "window_months", "Enter look-back window, in months as a whole number."),
        ({"minimum_age": "8"}, "minimum_age", "Enter a minimum age between 10 and 25."),
        ({"minimum_victims": "0"}, "minimum_victims", "Enter a minimum number of victims between 1 and 20."),
        ({"gravity_weight": "11"}, "gravity_weight", "Enter a weight for gravity between 0 and 10."),
        ({"victims_weight": "1.255"}, "victims_weight", "Use 2 decimal places at most, for example 1.25."),
        ({"recency_bands": "3 = 10\n6 - 8"}, "recency_bands", "Line 2 (“6 - 8”): write a whole number, “=” and"),
        ({"recency_bands": ""}, "recency_bands", "Enter at least one recency band, for example 6 = 8."),
        ({"recency_bands": "6 = 8\n3 = 10"}, "recency_bands", "Band 2: list the bands from the fewest months"),
        ({"recency_bands": "3 = 8\n6 = 10"}, "recency_bands", "Band 2: an older last incident cannot score more"),
        ({"frequency_bands": "1 = 5\n3 = 2"}, "frequency_bands", "Band 2: more incidents cannot score fewer"),
        ({"victims_bands": "0 = 5"}, "victims_bands", "Band 1: the victims must be between 1 and 100."),
        ({"victims_bands": "2 = 101"}, "victims_bands", "Band 1: the points must be between 0 and 100."),
        ({"gravity_points_3": "1"}, "gravity_points_3", "A more serious incident cannot score fewer points"),
        ({"gravity_points_4": ""}, "gravity_points_4", "Enter the points for a life-threatening incident."),
        ({"type_factor_sexual": "-1"}, "type_factor_sexual", "Enter a factor between 0 and 10."),
        ({"gravity_cap": "0"}, "gravity_cap", "Enter a cap between 1 and 10,000, or leave it empty for no cap."),
    ],
)
def test_a_bad_value_is_refused_on_its_field_and_nothing_is_saved(locale, changes, field, message):
    response = locale.client("admin").post(URL, _form(**changes))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field], errors
    assert errors[field][0].startswith(message), errors[field]
    assert message in _text(response)  # in the error summary and on the field
    assert not RfgvSettings.objects.filter(locality=locale.locality, updated_at__isnull=False).exists()
    assert not AuditEvent.objects.filter(action=AuditAction.UPDATE, object_type="rfgv.rfgvsettings").exists()


def test_every_weight_zero_is_refused(locale):
    response = locale.client("admin").post(
        URL, _form(recency_weight="0", frequency_weight="0", gravity_weight="0.00", victims_weight="0")
    )
    assert response.context["form"].errors == {
        "recency_weight": ["At least one component must weigh more than 0, or every score would be 0."]
    }


def test_a_bad_type_factor_opens_its_section(locale):
    response = locale.client("admin").post(URL, _form(type_factor_other="lots"))
    assert '<details class="govuk-details" open>' in response.content.decode()


@pytest.mark.parametrize("persona", ["coordinator", "chair", "police_rep", "analyst", "auditor"])
def test_nobody_else_may_open_the_settings(locale, persona):
    client = locale.client(persona)
    assert client.get(URL).status_code == 404
    assert client.post(URL, _form(window_months="24")).status_code == 404
    assert not RfgvSettings.objects.filter(locality=locale.locality, window_months=24).exists()
    user = locale.memberships[persona].user
    assert AuditEvent.objects.filter(action=AuditAction.DENIED, actor=user).count() == 2


def test_each_locality_has_its_own_settings(locale, other_locale):
    other_locale.client("admin").post(URL, _form(window_months="24"))
    assert settings_for(other_locale.locality).window_months == 24
    assert settings_for(locale.locality).window_months == 36
