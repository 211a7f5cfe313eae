"""The protocol page shows which Victims' Rights Directive and Istanbul Convention provisions each part of the
locality's process serves, as a checklist the partnership completes: done or not yet, who confirmed it and when."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from marac.audit.models import AuditAction, AuditEvent
from marac.rights.models import ProvisionCheck
from marac.rights.provisions import PROVISIONS, PROVISIONS_BY_CODE, Instrument, ProcessPart
from marac.rights.selectors import provisions_checklist
from marac.rights.services import provision_check_update

DOCUMENTS = reverse("governance:documents")


def test_the_shipped_list_covers_both_instruments():
    articles = {(provision.instrument, provision.article) for provision in PROVISIONS}
    for article in (3, 4, 5, 6, 7, 8, 9, 18, 20, 21, 22, 23):
        assert (Instrument.VICTIMS_RIGHTS_DIRECTIVE, article) in articles
    for article in (18, 19, 20, 22, 23, 25, 31, 51, 52, 53, 56):
        assert (Instrument.ISTANBUL_CONVENTION, article) in articles
    assert len(PROVISIONS_BY_CODE) == len(PROVISIONS)


@pytest.mark.parametrize("persona", ["police_referrer", "analyst", "auditor", "idva"])
def test_every_member_reads_the_checklist_on_the_protocol_page(locale, persona):
    response = locale.client(persona).get(DOCUMENTS)

    page = response.content.decode()
    assert "Victims' rights: what each part of the process serves" in page
    assert "VRD Art. 22" in page and "IC Art. 51" in page
    assert f"0 of {len(PROVISIONS)} provisions confirmed as in place." in page
    assert reverse("rights:provision_edit", kwargs={"code": "vrd-22"}) not in page


def test_the_coordinator_maps_a_provision_and_confirms_it(locale):
    client = locale.client("coordinator")

    response = client.post(
        reverse("rights:provision_edit", kwargs={"code": "vrd-22"}),
        {
            "process_part": ProcessPart.FIRST_CONTACT,
            "how_served": "The IDVA completes the needs assessment at first contact (protocol, section 4).",
            "done": "on",
        },
        follow=True,
    )

    assert response.redirect_chain[-1][0] == DOCUMENTS + "#provisions"
    check = ProvisionCheck.objects.get(locality=locale.locality, provision="vrd-22")
    assert check.done is True
    assert check.process_part == ProcessPart.FIRST_CONTACT
    assert check.confirmed_by == locale.memberships["coordinator"].user
    assert check.confirmed_at is not None
    page = response.content.decode()
    assert f"1 of {len(PROVISIONS)} provisions confirmed as in place." in page
    assert "The IDVA completes the needs assessment at first contact" in page
    assert "Confirmed by" in page
    audit = AuditEvent.objects.get(object_type="rights.provisioncheck")
    assert audit.action == AuditAction.CREATE and audit.detail["after"]["done"] is True


def test_a_provision_is_listed_under_the_part_the_partnership_chose(locale):
    provision_check_update(
        actor=locale.actor("admin"),
        provision_code="ic-52",
        process_part=ProcessPart.ACTIONS,
        how_served="Police apply for a barring order as an agreed action.",
        done=False,
    )

    checklist = provisions_checklist(locality=locale.locality)

    parts = {part.part: [row.provision.code for row in part.rows] for part in checklist.parts}
    assert "ic-52" in parts[ProcessPart.ACTIONS]
    assert "ic-52" not in parts[ProcessPart.PERPETRATOR]


def test_done_needs_a_description_of_how_the_process_serves_it(locale):
    with pytest.raises(ValidationError) as refused:
        provision_check_update(
            actor=locale.actor("coordinator"),
            provision_code="vrd-4",
            process_part=ProcessPart.FIRST_CONTACT,
            how_served="  ",
            done=True,
        )
    assert "how_served" in refused.value.message_dict


def test_changing_a_done_provision_confirms_it_again_and_undoing_clears_the_confirmation(locale):
    provision_check_update(
        actor=locale.actor("coordinator"),
        provision_code="vrd-6",
        process_part=ProcessPart.KEEPING_INFORMED,
        how_served="The IDVA asks about release notifications.",
        done=True,
    )
    again = provision_check_update(
        actor=locale.actor("chair"),
        provision_code="vrd-6",
        process_part=ProcessPart.KEEPING_INFORMED,
        how_served="The IDVA asks about release notifications at first contact.",
        done=True,
    )
    assert again.confirmed_by == locale.memberships["chair"].user

    undone = provision_check_update(
        actor=locale.actor("coordinator"),
        provision_code="vrd-6",
        process_part=ProcessPart.KEEPING_INFORMED,
        how_served="The IDVA asks about release notifications at first contact.",
        done=False,
    )
    assert undone.confirmed_by is None and undone.confirmed_at is None


def test_only_those_who_run_the_partnership_complete_it(locale):
    with pytest.raises(PermissionDenied):
        provision_check_update(
            actor=locale.actor("idva"),
            provision_code="vrd-4",
            process_part=ProcessPart.FIRST_CONTACT,
            how_served="",
            done=False,
        )
    assert locale.client("idva").get(reverse("rights:provision_edit", kwargs={"code": "vrd-4"})).status_code == 404


def test_an_unknown_provision_is_not_found(locale):
    assert locale.client("admin").get(reverse("rights:provision_edit", kwargs={"code": "vrd-99"})).status_code == 404


def test_each_locality_completes_its_own_checklist(locale, other_locale):
    provision_check_update(
        actor=locale.actor("coordinator"),
        provision_code="ic-51",
        process_part=ProcessPart.RISK_ASSESSMENT,
        how_served="Every referral carries a risk checklist.",
        done=True,
    )
    page = other_locale.client("coordinator").get(DOCUMENTS).content.decode()
    assert "Every referral carries a risk checklist." not in page
