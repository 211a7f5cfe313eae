"""The case page shows each agency only as much as the rulebook's detail level allows."""

import datetime as dt

import pytest
from django.urls import reverse

from marac.audit.models import AuditAction, AuditEvent
from marac.meetings.models import MeetingStatus
from marac.people.services import PersonDetails
from marac.referrals.models import Consent
from marac.referrals.tests.factories import refer
from marac.referrals.tests.helpers import add_action, add_contact, add_research, hold_meeting

RISK_SUMMARY = "Strangled her during an argument after she said she would leave."


@pytest.fixture
def referral(locale):
    return refer(
        locale,
        yes=15,
        consent=Consent.NOT_SOUGHT,
        sharing_without_consent_reason="Seeking consent would alert him.",
        sharing_approved_by="Detective Inspector, Riverside Police",
        children=[
            PersonDetails(
                given_name="Mia", family_name="Brack", date_of_birth=dt.date(2019, 2, 1), school="Elm Primary"
            )
        ],
        children_in_household=2,
    ).referral


def case_page(locale, persona, referral):
    return locale.client(persona).get(reverse("referrals:case_detail", args=[referral.case.pk]))


def test_before_the_meeting_an_invited_agency_sees_identifiers_only(locale, referral):
    hold_meeting(locale, referral, status=MeetingStatus.SCHEDULED)

    response = case_page(locale, "housing_rep", referral)

    content = response.content.decode()
    assert response.status_code == 200
    assert referral.case.reference in content
    assert "Zoë O&#x27;Neill" in content and "Zoe Marsh" in content and "12 April 1991" in content
    assert "Dale Brack" in content and "3 September 1988" in content
    assert "Mia Brack" in content and "1 Feb 2019" in content
    assert locale.locality.confidentiality_notice[:40] in content
    for hidden in (
        RISK_SUMMARY,
        "Agreed: high risk",
        "Willow Row",
        "Elm Primary",
        "07700",
        "Risk over",
    ):
        assert hidden not in content


def test_after_the_meeting_the_agency_sees_what_was_shared(locale, referral):
    item = hold_meeting(locale, referral)
    add_research(locale, item, "police", "Two call-outs this spring.")
    add_action(locale, referral.case, "housing", "Fit new locks")
    add_action(locale, referral.case, "police", "Flag the address")

    content = case_page(locale, "housing_rep", referral).content.decode()

    assert RISK_SUMMARY in content
    assert "Agreed: high risk of serious harm." in content
    assert "Police will flag the address" in content
    assert "Two call-outs this spring." in content
    assert "Willow Row" in content
    assert "Fit new locks" in content
    assert "Flag the address" not in content  # another agency's action
    assert "Risk over time" in content  # the level and its history are what the meeting shared
    for hidden in ("07700", "Victim&#x27;s account"):
        assert hidden not in content
    # The decision to share without consent travels with the case wherever it is shared.
    assert "Seeking consent would alert him" in content


def test_the_coordinator_sees_the_full_case(locale, referral):
    hold_meeting(locale, referral)
    add_action(locale, referral.case, "housing", "Fit new locks")
    add_action(locale, referral.case, "police", "Flag the address")
    add_contact(locale, referral.case)

    content = case_page(locale, "coordinator", referral).content.decode()

    for shown in (
        "Fit new locks",
        "Flag the address",
        "Seeking consent would alert him",
        "Detective Inspector, Riverside Police",
        "Visible high risk",
        "Risk over time",
        "She wants the locks changed first.",
        "07700 900123",
    ):
        assert shown in content
    assert reverse("audit:case_trail", args=[referral.case.pk]) in content


def test_the_coordinator_and_the_allocated_idva_get_the_audit_trail_link(locale, referral):
    trail = reverse("audit:case_trail", args=[referral.case.pk])
    hold_meeting(locale, referral)
    assert trail in case_page(locale, "coordinator", referral).content.decode()
    assert trail not in case_page(locale, "idva", referral).content.decode()  # invited, so shared detail only
    assert trail not in case_page(locale, "housing_rep", referral).content.decode()
    referral.case.idva_agency = locale.idva_service
    referral.case.save()
    assert trail in case_page(locale, "idva", referral).content.decode()


def test_the_allocated_idva_can_record_contact(locale, referral):
    referral.case.idva_agency = locale.idva_service
    referral.case.save()
    url = reverse("idva:contact_new", args=[referral.case.pk])

    assert url in case_page(locale, "idva", referral).content.decode()
    assert url not in case_page(locale, "coordinator", referral).content.decode()


def test_a_repeat_is_tagged(locale, referral):
    assert ">Repeat<" not in case_page(locale, "coordinator", referral).content.decode()
    refer(locale)
    assert ">Repeat<" in case_page(locale, "coordinator", referral).content.decode()


def test_an_uninvolved_agency_gets_a_404_and_the_refusal_is_audited(locale, referral):
    for persona in ("housing_rep", "police_referrer", "analyst"):
        assert case_page(locale, persona, referral).status_code == 404
    assert AuditEvent.objects.filter(action=AuditAction.DENIED, detail__object_id=str(referral.case.pk)).count() == 3


def test_viewing_the_case_is_audited_with_the_detail_level(locale, referral):
    case_page(locale, "coordinator", referral)
    event = AuditEvent.objects.filter(action=AuditAction.VIEW, case=referral.case).latest("pk")
    assert event.summary == "Viewed case (full detail)"
