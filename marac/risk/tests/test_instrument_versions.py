"""Versions: an assessment keeps the instrument version it was made with, whatever is loaded later; a locality's
new version is in force for that locality only; a version number cannot be reused for different content."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from marac.risk.models import Assessment, InstrumentVersion
from marac.risk.registry import current_version, instrument_load, instrument_of, versions_in_force
from marac.risk.tests.instrument_data import as_text
from marac.risk.tests.instrument_uploads import local_dash
from marac.testing.factories import CaseFactory

SHIPPED_CODES = {"dash-style-24", "danger-assessment-style-20", "lethality-screen-11", "police-five-level"}


def assessment_with(version: InstrumentVersion, locale) -> Assessment:
    idva = locale.memberships["idva"]
    return Assessment.objects.create(
        case=CaseFactory(locality=locale.locality),
        instrument=version,
        instrument_code=version.code,
        instrument_version=version.version,
        answers={"injury": {"answer": "yes", "note": "Seen by the officer"}},
        score=1,
        computed_level="standard",
        final_level="standard",
        assessed_by=idva.user,
        agency=idva.agency,
        assessed_at=timezone.now(),
    )


def test_every_shipped_instrument_is_registered_and_offered_to_every_locality(locale):
    in_force = versions_in_force(locality=locale.locality)
    assert {version.code for version in in_force} == SHIPPED_CODES
    assert all(version.locality is None and version.version == "1" for version in in_force)


def test_an_assessment_keeps_the_version_it_was_made_with(locale, other_locale):
    version_1 = current_version(locality=locale.locality, code="dash-style-24")
    labels_1 = [item.label for item in instrument_of(version_1).items]
    assessment = assessment_with(version_1, locale)

    version_2 = instrument_load(
        actor=locale.actor("admin"), text=as_text(local_dash(version="2")), filename="licensed.json"
    )

    assessment.refresh_from_db()
    kept = instrument_of(assessment.instrument)
    assert kept.version == "1"
    assert [item.label for item in kept.items] == labels_1
    assert kept.items[0].label == "Is there an injury from the current incident, whether visible or not?"
    assert instrument_of(version_2).items[0].label == "Local wording, question 1?"
    assert current_version(locality=locale.locality, code="dash-style-24") == version_2
    assert current_version(locality=other_locale.locality, code="dash-style-24") == version_1


def test_the_old_version_still_reads_as_it_was_on_its_page(locale):
    version_1 = current_version(locality=locale.locality, code="dash-style-24")
    instrument_load(actor=locale.actor("admin"), text=as_text(local_dash(version="2")), filename="licensed.json")

    response = locale.client("idva").get(reverse("risk:instrument_detail", kwargs={"pk": version_1.pk}))

    assert "Is there an injury from the current incident, whether visible or not?" in response.content.decode()
    assert "Local wording" not in response.content.decode()


def test_a_version_number_cannot_be_reused_for_different_content(locale):
    admin = locale.actor("admin")
    instrument_load(actor=admin, text=as_text(local_dash(version="2")), filename="licensed.json")

    with pytest.raises(ValidationError) as refused:
        instrument_load(
            actor=admin, text=as_text(local_dash(version="2", wording="Reworded")), filename="licensed-fixed.json"
        )

    [message] = refused.value.message_dict["file"]
    assert message.startswith("licensed-fixed.json: ")
    assert "version '2' of 'dash-style-24' is already loaded with different content" in message
    assert "give the changed file a new version" in message
    in_force = current_version(locality=locale.locality, code="dash-style-24")
    assert instrument_of(in_force).items[0].label == "Local wording, question 1?"


def test_the_same_content_under_a_new_version_number_loads(locale):
    admin = locale.actor("admin")
    instrument_load(actor=admin, text=as_text(local_dash(version="2")), filename="licensed.json")
    version_3 = instrument_load(
        actor=admin, text=as_text(local_dash(version="3", wording="Reworded")), filename="licensed.json"
    )
    assert current_version(locality=locale.locality, code="dash-style-24") == version_3
    assert InstrumentVersion.objects.filter(locality=locale.locality, code="dash-style-24").count() == 2


def test_a_locality_may_reuse_a_shipped_version_number_with_its_own_wording(locale, other_locale):
    """Shipped versions and a locality's are separate series: the locality's "1" does not clash with marac's."""
    own = instrument_load(actor=locale.actor("admin"), text=as_text(local_dash(version="1")), filename="licensed.json")
    assert own.locality == locale.locality
    assert current_version(locality=locale.locality, code="dash-style-24") == own
    assert instrument_of(current_version(locality=other_locale.locality, code="dash-style-24")).items[0].label == (
        "Is there an injury from the current incident, whether visible or not?"
    )
