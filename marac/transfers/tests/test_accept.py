"""Accepting a transfer: the case opens (or joins the open one) in the receiving area and the sender's ends."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from marac.meetings.models import AgendaItem
from marac.people.models import Person
from marac.referrals.models import Case, CaseParty, CaseStatus, Consent, PartyRole, Referral, TriageStatus
from marac.testing.factories import CaseFactory, PersonFactory, ReferralFactory
from marac.transfers.models import TransferStatus
from marac.transfers.services import transfer_accept, transfer_request, transfer_withdraw
from marac.transfers.tests.factories import case_with_history, circulate, list_case, meeting_of


@pytest.fixture
def requested(locale, other_locale):
    """Riverside asks Hillcrest to take over Leah Marsh's case."""
    case = case_with_history(locale)
    return transfer_request(
        actor=locale.actor("coordinator"),
        case=case,
        to_locality=other_locale.locality,
        reason="She has moved to live with her sister.",
        new_postcode_district="hc4",
    )


def test_accepting_opens_a_case_here_with_a_referral_for_triage(other_locale, requested):
    transfer = transfer_accept(actor=other_locale.actor("coordinator"), transfer=requested)

    assert transfer.status == TransferStatus.ACCEPTED
    assert transfer.decided_by == other_locale.memberships["coordinator"].user
    assert transfer.new_postcode_district == "HC4"
    case = transfer.receiving_case
    assert case.locality == other_locale.locality
    assert case.status == CaseStatus.REFERRED
    assert case.reference.startswith("HIL-")
    referral = transfer.receiving_referral
    assert referral.case == case
    assert referral.triage_status == TriageStatus.PENDING
    assert referral.referring_agency == other_locale.idva_service
    assert referral.consent == Consent.GIVEN
    assert referral.children_in_household == 2
    assert requested.sending_case.reference in referral.risk_summary
    assert referral.submitted_details["victim"]["given_name"] == "Leah"


def test_people_are_copied_as_records_of_the_receiving_area(locale, other_locale, requested):
    transfer = transfer_accept(actor=other_locale.actor("coordinator"), transfer=requested)
    victim = transfer.receiving_case.victim
    sender_victim = requested.sending_case.victim
    assert victim.pk != sender_victim.pk
    assert victim.locality == other_locale.locality
    assert (victim.given_name, victim.family_name, victim.date_of_birth) == ("Leah", "Marsh", dt.date(1991, 3, 4))
    assert [alias.name for alias in victim.aliases.all()] == ["Leah Ashdown"]
    (party,) = CaseParty.objects.filter(case=transfer.receiving_case)
    assert party.role == PartyRole.PERPETRATOR
    assert party.person.locality == other_locale.locality
    assert party.person.full_name == "Owen Marsh"
    # Nobody in Hillcrest is a Riverside record, and the children went as a number only.
    assert not Person.objects.filter(locality=locale.locality, cases_as_victim__locality=other_locale.locality)
    assert not Person.objects.filter(locality=other_locale.locality, given_name="Mia").exists()


def test_the_sending_case_is_transferred_and_closed(other_locale, requested):
    transfer_accept(actor=other_locale.actor("coordinator"), transfer=requested)
    sending = Case.objects.get(pk=requested.sending_case_id)
    assert sending.status == CaseStatus.TRANSFERRED
    assert sending.closed_at is not None


def test_until_accepted_the_sending_case_stays_as_it_was(requested):
    assert Case.objects.get(pk=requested.sending_case_id).status == CaseStatus.MONITORING


def test_accepting_twice_opens_one_case(other_locale, requested):
    actor = other_locale.actor("coordinator")
    first = transfer_accept(actor=actor, transfer=requested)
    second = transfer_accept(actor=actor, transfer=requested)
    assert second.receiving_case_id == first.receiving_case_id
    assert Case.objects.filter(locality=other_locale.locality).count() == 1
    assert Referral.objects.filter(case__locality=other_locale.locality).count() == 1


def test_an_open_case_for_the_same_victim_gets_the_referral(other_locale, requested):
    victim = PersonFactory(
        locality=other_locale.locality, given_name="Leah", family_name="Ashdown", date_of_birth=dt.date(1991, 3, 4)
    )
    existing = CaseFactory(locality=other_locale.locality, victim=victim, status=CaseStatus.MONITORING)
    ReferralFactory(case=existing)

    transfer = transfer_accept(actor=other_locale.actor("coordinator"), transfer=requested)

    assert transfer.receiving_case == existing
    existing.refresh_from_db()
    assert existing.status == CaseStatus.REFERRED
    assert existing.referrals.count() == 2
    assert Case.objects.filter(locality=other_locale.locality).count() == 1
    # Her record here learns the name she was known by there.
    assert {alias.name for alias in victim.aliases.all()} == {"Leah Ashdown", "Leah Marsh"} - {victim.full_name}


def test_a_closed_case_for_the_same_victim_keeps_her_record_but_a_new_case_opens(other_locale, requested):
    victim = PersonFactory(
        locality=other_locale.locality, given_name="Leah", family_name="Marsh", date_of_birth=dt.date(1991, 3, 4)
    )
    closed = CaseFactory(locality=other_locale.locality, victim=victim, status=CaseStatus.CLOSED)
    transfer = transfer_accept(actor=other_locale.actor("coordinator"), transfer=requested)
    assert transfer.receiving_case != closed
    assert transfer.receiving_case.victim == victim


def test_the_case_leaves_agendas_here_quietly_unless_the_agencies_have_it(locale, other_locale):
    case = case_with_history(locale)
    quiet = list_case(case, meeting_of(locale.locality, days=7))
    announced = list_case(case, meeting_of(locale.locality, days=14))
    circulate(announced.meeting)
    transfer = transfer_request(
        actor=locale.actor("coordinator"), case=case, to_locality=other_locale.locality, reason="Moved."
    )
    transfer_accept(actor=other_locale.actor("coordinator"), transfer=transfer)
    assert not AgendaItem.objects.filter(pk=quiet.pk).exists()
    assert AgendaItem.objects.filter(pk=announced.pk).exists()


def test_only_the_receiving_coordinator_accepts(locale, other_locale, requested):
    with pytest.raises(PermissionDenied):
        transfer_accept(actor=locale.actor("coordinator"), transfer=requested)
    with pytest.raises(PermissionDenied):
        transfer_accept(actor=other_locale.actor("chair"), transfer=requested)
    assert Case.objects.filter(locality=other_locale.locality).count() == 0


def test_a_withdrawn_transfer_cannot_be_accepted(locale, other_locale, requested):
    transfer_withdraw(actor=locale.actor("coordinator"), transfer=requested)
    with pytest.raises(ValidationError, match="withdrawn already"):
        transfer_accept(actor=other_locale.actor("coordinator"), transfer=requested)
