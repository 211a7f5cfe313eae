"""What a subject sees of the other parties: a victim's file carries no perpetrator's or child's protected details;
a perpetrator's or child's file carries none of the victim's case; a safe address follows the access rules."""

import pytest

from marac.access.rules import SAFE_ADDRESS_ROLES
from marac.agencies.models import Role
from marac.people.subject_access import WITHHELD_CASE, WITHHELD_CONTACT, WITHHELD_SAFE_ADDRESS
from marac.people.tests.factories import (
    CHILD_PROTECTED,
    FREE_TEXT,
    PERPETRATOR_PROTECTED,
    VICTIM_DETAILS,
    case_with_everything,
)
from marac.people.tests.subject_access_helpers import exported
from marac.referrals.models import CaseParty, PartyRole
from marac.testing.factories import CaseFactory, PersonFactory


@pytest.mark.django_db
def test_a_victims_file_carries_no_protected_detail_of_the_others(locale):
    everything = case_with_everything(locale)
    _data, text = exported(locale, everything.victim)
    assert "Darren Pike" in text, "the perpetrator is named"
    assert [detail for detail in PERPETRATOR_PROTECTED + CHILD_PROTECTED if detail in text] == []


@pytest.mark.django_db
@pytest.mark.parametrize("party", ["perpetrator", "child"])
def test_another_partys_file_names_the_case_and_withholds_it(locale, party):
    everything = case_with_everything(locale)
    data, text = exported(locale, getattr(everything, party))

    [case] = data["cases"]
    assert case == {
        "reference": everything.case.reference,
        "your_role": ["Perpetrator" if party == "perpetrator" else "Child in the household"],
        "relationship_to_victim": "Former partner" if party == "perpetrator" else "Daughter",
        "released": False,
        "why_not_released": WITHHELD_CASE,
    }
    victim_details = tuple(detail for detail in VICTIM_DETAILS if detail != "Okafor")  # the child shares it
    assert [detail for detail in victim_details + FREE_TEXT if detail in text] == []
    assert data["subject"]["contact"] is None and data["subject"]["school"] is None
    withheld = {entry["why"] for entry in data["withheld"]}
    assert {WITHHELD_CASE, WITHHELD_CONTACT} <= withheld


@pytest.mark.django_db
def test_the_perpetrators_own_address_is_withheld_as_it_may_be_hers(locale):
    everything = case_with_everything(locale)
    _data, text = exported(locale, everything.perpetrator)
    assert "9 Quarry Lane" not in text and "07700 900999" not in text
    assert "1985-02-03" in text, "his own date of birth is his"


@pytest.mark.django_db
def test_someone_who_is_victim_here_and_perpetrator_there_gets_only_her_own_case(locale):
    everything = case_with_everything(locale)
    other_victim = PersonFactory(locality=locale.locality, given_name="Erin", family_name="Vale", address="2 Elm Row")
    counter = CaseFactory(locality=locale.locality, victim=other_victim)
    CaseParty.objects.create(case=counter, person=everything.victim, role=PartyRole.PERPETRATOR)

    data, text = exported(locale, everything.victim)

    released = {case["reference"]: case["released"] for case in data["cases"]}
    assert released == {everything.case.reference: True, counter.reference: False}
    assert "Erin" not in text and "2 Elm Row" not in text
    assert data["subject"]["contact"] is None
    # Her address and phone may now be where the other woman lives: withheld from her own referrals too.
    assert "14 Larch Road" not in text and "07700 900123" not in text
    assert WITHHELD_CONTACT in {entry["why"] for entry in data["withheld"]}


@pytest.mark.django_db
def test_a_safe_address_is_withheld_from_a_coordinator_who_may_not_see_it(locale):
    assert Role.COORDINATOR not in SAFE_ADDRESS_ROLES
    everything = case_with_everything(locale, safe_address=True)
    data, text = exported(locale, everything.victim)
    assert "14 Larch Road" not in text and "RV1 2AB" not in text
    assert data["subject"]["contact"]["address"] is None
    assert data["subject"]["contact"]["phone"] == "07700 900123"
    assert WITHHELD_SAFE_ADDRESS in {entry["why"] for entry in data["withheld"]}
