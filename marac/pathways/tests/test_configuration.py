"""The coordinator and the locality administrator set pathways and routing up: validated, audited, and nobody
else may."""

import pytest
from django.urls import reverse

from marac.audit.models import AuditAction, AuditEvent
from marac.pathways.models import Pathway, RoutingSettings
from marac.pathways.tests.factories import pathway, send


def pathway_post(locale, **overrides) -> dict[str, object]:
    data = {
        "name": "Police to the IDVA service, medium risk",
        "from_agency": str(locale.police.pk),
        "to_agency": str(locale.idva_service.pk),
        "proposed_for_levels": ["medium"],
        "information_shared": "Name, safe contact details, the checklist.",
        "response_days": "1",
        "feedback_days": "7",
        "feedback_arrangement": "The IDVA calls the referring officer after first contact.",
        "is_active": "on",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("persona", ["coordinator", "admin"])
def test_a_pathway_is_added_and_audited(locale, persona):
    client = locale.client(persona)
    assert client.get(reverse("pathways:settings")).status_code == 200
    response = client.post(reverse("pathways:pathway_new"), pathway_post(locale))
    assert response.status_code == 302
    added = Pathway.objects.get()
    assert added.proposed_for_levels == ["medium"] and added.response_days == 1
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="pathways.pathway")
    assert event.actor == locale.memberships[persona].user
    assert "Police to the IDVA service" in client.get(reverse("pathways:settings")).content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"to_agency": "police"}, "to_agency", "two different agencies"),
        ({"proposed_for_levels": ["high"]}, "proposed_for_levels", "proposes a MARAC referral"),
        ({"response_days": "0"}, "response_days", ""),
        ({"information_shared": ""}, "information_shared", "shares along this pathway"),
        ({"feedback_arrangement": ""}, "feedback_arrangement", "feeds back"),
    ],
)
def test_a_pathway_is_validated(locale, overrides, field, message):
    if overrides.get("to_agency") == "police":
        overrides = {**overrides, "to_agency": str(locale.police.pk)}
    response = locale.client("coordinator").post(reverse("pathways:pathway_new"), pathway_post(locale, **overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors and message in " ".join(errors[field])
    assert not Pathway.objects.exists()


def test_one_pathway_per_sending_agency_and_level(locale):
    pathway(locale, levels=("medium",), name="Police to the IDVA service")
    response = locale.client("coordinator").post(
        reverse("pathways:pathway_new"),
        pathway_post(locale, name="Police to housing", to_agency=str(locale.housing.pk)),
    )
    assert "already has the pathway “Police to the IDVA service” proposed for medium" in " ".join(
        response.context["form"].errors["proposed_for_levels"]
    )


def test_the_agencies_of_a_pathway_in_use_never_change(locale):
    along = pathway(locale)
    send(locale, along)
    response = locale.client("coordinator").post(
        reverse("pathways:pathway_edit", args=[along.pk]),
        pathway_post(locale, name=along.name, proposed_for_levels=["standard"], to_agency=str(locale.housing.pk)),
    )
    assert "cannot change" in " ".join(response.context["form"].errors["from_agency"])
    along.refresh_from_db()
    assert along.to_agency == locale.idva_service


def test_a_change_of_protocol_is_audited_and_leaves_sent_referrals_their_terms(locale):
    along = pathway(locale, response_days=2)
    referral = send(locale, along).referral
    locale.client("admin").post(
        reverse("pathways:pathway_edit", args=[along.pk]),
        pathway_post(locale, name=along.name, proposed_for_levels=["standard"], response_days="5"),
    )
    along.refresh_from_db()
    assert along.response_days == 5
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_type="pathways.pathway")
    assert event.detail["changes"]["response_days"] == {"from": 2, "to": 5}
    referral.refresh_from_db()
    assert referral.protocol["response_days"] == 2


def test_the_marac_level_is_saved_and_audited_and_refused_when_a_pathway_would_reach_it(locale):
    pathway(locale, levels=("standard", "medium"))
    client = locale.client("coordinator")
    refused = client.post(reverse("pathways:settings"), {"marac_from_level": "medium"})
    assert "Change their levels first" in " ".join(refused.context["form"].errors["marac_from_level"])
    assert not RoutingSettings.objects.exists()
    Pathway.objects.update(proposed_for_levels=["standard"])
    assert client.post(reverse("pathways:settings"), {"marac_from_level": "medium"}).status_code == 302
    assert RoutingSettings.objects.get().marac_from_level == "medium"
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE, object_type="pathways.routingsettings").exists()


@pytest.mark.parametrize("persona", ["police_referrer", "police_rep", "idva", "chair", "analyst", "auditor"])
def test_nobody_else_configures(locale, persona):
    along = pathway(locale)
    client = locale.client(persona)
    assert client.get(reverse("pathways:settings")).status_code == 404
    assert client.post(reverse("pathways:pathway_new"), pathway_post(locale)).status_code == 404
    assert client.get(reverse("pathways:pathway_edit", args=[along.pk])).status_code == 404
    assert Pathway.objects.count() == 1


def test_another_localitys_pathway_is_not_found(locale, other_locale):
    along = pathway(locale)
    assert other_locale.client("admin").get(reverse("pathways:pathway_edit", args=[along.pk])).status_code == 404
