"""Who sees a case, and how much of it, follows the rulebook's relations."""

import pytest
from django.utils import timezone

from marac.access import policy
from marac.access.rules import Detail
from marac.actions.models import Action
from marac.circulation.models import Circulation
from marac.meetings.models import AgendaItem, Meeting, MeetingStatus
from marac.testing.factories import ReferralFactory


def detail_for(locale, persona, case):
    actor = locale.actor(persona)
    found = policy.visible_cases(actor).filter(pk=case.pk).first()
    return policy.case_detail(actor, found) if found else Detail.NONE


@pytest.fixture
def referral(locale):
    return ReferralFactory(case__locality=locale.locality, referring_agency=locale.police)


def list_on_meeting(locale, referral, *, status=MeetingStatus.SCHEDULED, invited=("housing",), circulated=True):
    meeting = Meeting.objects.create(locality=locale.locality, scheduled_for=timezone.now(), status=status)
    meeting.invited_agencies.set([getattr(locale, name) for name in invited])
    AgendaItem.objects.create(meeting=meeting, case=referral.case, referral=referral)
    if circulated:
        Circulation.objects.create(meeting=meeting, circulated_at=timezone.now())
    return meeting


def test_coordinator_and_chair_see_every_case_of_their_locality_in_full(locale, referral):
    assert detail_for(locale, "coordinator", referral.case) == Detail.FULL
    assert detail_for(locale, "chair", referral.case) == Detail.FULL


def test_nobody_sees_a_case_of_another_locality(locale, other_locale, referral):
    for persona in ("coordinator", "chair", "idva", "police_rep", "housing_rep"):
        assert detail_for(other_locale, persona, referral.case) == Detail.NONE


def test_roles_without_case_content_see_nothing(locale, referral):
    for persona in ("analyst", "admin", "auditor", "police_referrer"):
        assert detail_for(locale, persona, referral.case) == Detail.NONE


def test_uninvolved_agency_sees_nothing(locale, referral):
    assert detail_for(locale, "housing_rep", referral.case) == Detail.NONE


def test_invited_agency_sees_minimal_identifiers_before_the_meeting(locale, referral):
    list_on_meeting(locale, referral)
    assert detail_for(locale, "housing_rep", referral.case) == Detail.MINIMAL
    assert detail_for(locale, "health_rep", referral.case) == Detail.NONE


def test_invited_agency_sees_nothing_of_the_case_before_the_list_is_circulated(locale, referral):
    list_on_meeting(locale, referral, circulated=False)
    assert detail_for(locale, "housing_rep", referral.case) == Detail.NONE
    assert detail_for(locale, "coordinator", referral.case) == Detail.FULL


def test_invited_agency_sees_shared_information_once_the_meeting_is_held(locale, referral):
    list_on_meeting(locale, referral, status=MeetingStatus.CLOSED)
    assert detail_for(locale, "housing_rep", referral.case) == Detail.SHARED


def test_owner_of_an_action_sees_shared_information(locale, referral):
    Action.objects.create(
        case=referral.case,
        owner_agency=locale.health,
        text="Flag the records",
        due_date=timezone.localdate(),
        created_by=locale.memberships["coordinator"].user,
        created_at=timezone.now(),
    )
    assert detail_for(locale, "health_rep", referral.case) == Detail.SHARED


def test_idva_sees_cases_allocated_to_her_service_in_full(locale, referral):
    assert detail_for(locale, "idva", referral.case) == Detail.NONE
    referral.case.idva_agency = locale.idva_service
    referral.case.save()
    assert detail_for(locale, "idva", referral.case) == Detail.FULL


def test_safe_address_only_for_idva_and_police_with_shared_detail(locale):
    assert policy.may_see_safe_address(locale.actor("idva"), Detail.SHARED)
    assert policy.may_see_safe_address(locale.actor("police_rep"), Detail.SHARED)
    assert not policy.may_see_safe_address(locale.actor("police_rep"), Detail.MINIMAL)
    assert not policy.may_see_safe_address(locale.actor("housing_rep"), Detail.SHARED)
    assert not policy.may_see_safe_address(locale.actor("coordinator"), Detail.FULL)


def test_referrer_sees_only_their_agency_referrals(locale, referral):
    other = ReferralFactory(case__locality=locale.locality, referring_agency=locale.health)
    visible = set(policy.visible_referrals(locale.actor("police_referrer")))
    assert visible == {referral}
    assert set(policy.visible_referrals(locale.actor("coordinator"))) == {referral, other}


def test_roles_without_case_content_see_no_referrals(locale, referral):
    for persona in ("analyst", "admin", "auditor"):
        assert not policy.visible_referrals(locale.actor(persona)).exists()


def test_actions_each_agency_sees(locale, referral):
    def action_for(agency):
        return Action.objects.create(
            case=referral.case,
            owner_agency=agency,
            text=f"Action for {agency}",
            due_date=timezone.localdate(),
            created_by=locale.memberships["coordinator"].user,
            created_at=timezone.now(),
        )

    housing, police = action_for(locale.housing), action_for(locale.police)
    assert set(policy.visible_actions(locale.actor("housing_rep"))) == {housing}
    assert set(policy.visible_actions(locale.actor("coordinator"))) == {housing, police}
    assert set(policy.visible_actions(locale.actor("idva"))) == set()
    referral.case.idva_agency = locale.idva_service
    referral.case.save()
    assert set(policy.visible_actions(locale.actor("idva"))) == {housing, police}
    assert set(policy.visible_actions(locale.actor("analyst"))) == set()


def test_health_research_details_stay_within_full_detail_and_health_services(locale, referral):
    from django.urls import reverse

    from marac.meetings.models import Research

    meeting = list_on_meeting(locale, referral, status=MeetingStatus.CLOSED, invited=("housing", "health"))
    item = meeting.agenda_items.get()
    for agency, details in ((locale.health, "Seen in A&E with a fractured wrist"), (locale.housing, "Rent arrears")):
        Research.objects.create(
            agenda_item=item,
            agency=agency,
            finding="known",
            details=details,
            submitted_by=locale.memberships["coordinator"].user,
            submitted_at=timezone.now(),
        )
    url = reverse("referrals:case_detail", args=[referral.case.pk])
    housing_view = locale.client("housing_rep").get(url).content.decode()
    assert "Rent arrears" in housing_view
    assert "fractured wrist" not in housing_view
    assert "Health details: shared with" in housing_view
    assert "fractured wrist" in locale.client("health_rep").get(url).content.decode()
    assert "fractured wrist" in locale.client("coordinator").get(url).content.decode()
