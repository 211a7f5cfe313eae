"""Who sees which nomination, meeting and action (`marac.access.matac_policy`), and the 404 for everyone else."""

import html

import pytest
from django.urls import reverse
from django.utils import timezone

from marac.access import matac_policy
from marac.access.models import CaseExclusion
from marac.accounts.testing import verified_client
from marac.agencies.models import Role
from marac.audit.models import AuditAction, AuditEvent
from marac.matac.models import NominationReferral, NominationStatus, ReferralSource
from marac.matac.tests.factories import listing_of, matac_action, matac_meeting, nomination_of
from marac.referrals.models import CaseParty, PartyRole
from marac.testing.factories import MembershipFactory, PersonFactory, ReferralFactory

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _person(locale, given_name):
    return PersonFactory(locality=locale.locality, given_name=given_name, family_name="Rook")


@pytest.fixture
def nominations(locale):
    """Referred by the police (awaiting a decision); listed on a MATAC meeting housing is invited to; one with an
    action owned by children's social care (not invited); and one referred by health."""
    referred = nomination_of(locale, _person(locale, "Referred"), agency=locale.police)
    listed = nomination_of(locale, _person(locale, "Listed"), status=NominationStatus.SELECTED, agency=locale.police)
    meeting = matac_meeting(locale, invited=[locale.housing, locale.police])
    listing_of(meeting, listed)
    owned = nomination_of(locale, _person(locale, "Owned"), status=NominationStatus.SELECTED, agency=locale.police)
    action = matac_action(listing_of(meeting, owned, position=2), locale.childrens_social_care)
    by_health = nomination_of(locale, _person(locale, "Health"), agency=locale.health, persona="health_rep")
    return {"referred": referred, "listed": listed, "owned": owned, "by_health": by_health, "action": action}


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        ("coordinator", {"referred", "listed", "owned", "by_health"}),
        ("chair", {"referred", "listed", "owned", "by_health"}),
        ("police_rep", {"referred", "listed", "owned"}),  # referred all three
        ("housing_rep", {"listed", "owned"}),  # invited to the meeting listing them
        ("social_care_rep", {"owned"}),  # owns an action for him
        ("health_rep", {"by_health"}),
        ("idva", set()),
    ],
)
def test_each_agency_sees_the_nominations_it_has_a_part_in(locale, nominations, persona, sees):
    actor = locale.actor(persona)
    visible = set(matac_policy.visible_nominations(actor))
    assert visible == {nominations[name] for name in sees}
    client = locale.client(persona)
    for name, nomination in nominations.items():
        if name == "action":
            continue
        status = client.get(reverse("matac:nomination", args=[nomination.pk])).status_code
        assert status == (200 if name in sees else 404), (persona, name)


@pytest.mark.parametrize("persona", ["police_referrer", "analyst", "admin", "auditor"])
def test_roles_without_matac_get_404_everywhere(locale, nominations, persona):
    client = locale.client(persona)
    nomination = nominations["listed"]
    for url in (
        reverse("matac:overview"),
        reverse("matac:nominations"),
        reverse("matac:actions"),
        reverse("matac:nomination", args=[nomination.pk]),
        reverse("matac:meeting", args=[nomination.listings.first().meeting_id]),
        reverse("matac:action", args=[nominations["action"].pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert AuditEvent.objects.filter(action=AuditAction.DENIED, actor=locale.memberships[persona].user).exists()


def test_another_area_sees_nothing(locale, other_locale, nominations):
    client = other_locale.client("coordinator")
    for nomination in (nominations["referred"], nominations["listed"]):
        assert client.get(reverse("matac:nomination", args=[nomination.pk])).status_code == 404
    assert client.get(reverse("matac:action", args=[nominations["action"].pk])).status_code == 404
    overview = client.get(reverse("matac:overview"))
    assert overview.context["nominees"] == [] and overview.context["awaiting_count"] == 0
    assert "Rook" not in _text(client.get(reverse("matac:nominations")))


def test_an_agency_reads_its_own_referrals_and_no_score(locale, nominations):
    nomination = nominations["listed"]
    NominationReferral.objects.create(
        nomination=nomination,
        source=ReferralSource.PARTNER,
        referring_agency=locale.housing,
        referred_by=locale.memberships["housing_rep"].user,
        referred_at=timezone.now(),
        reason="Housing's own reason: new tenancy with a partner.",
        known="Anti-social behaviour reports.",
    )
    police = _text(locale.client("police_rep").get(reverse("matac:nomination", args=[nomination.pk])))
    assert "Three partners in two years" in police and "Housing's own reason" not in police
    assert "RFGV score" not in police and "How his score is worked out" not in police
    coordinator = _text(locale.client("coordinator").get(reverse("matac:nomination", args=[nomination.pk])))
    assert "Three partners in two years" in coordinator and "Housing's own reason" in coordinator
    assert "RFGV score" in coordinator


def test_profiles_reach_partners_only_at_a_meeting_that_has_started(locale, nominations):
    nomination = nominations["listed"]
    url = reverse("matac:nomination", args=[nomination.pk])
    assert "Bail conditions not to contact" not in _text(locale.client("housing_rep").get(url))
    meeting = nomination.listings.get().meeting
    meeting.status, meeting.started_at = "closed", timezone.now()
    meeting.save()
    assert "Bail conditions not to contact" in _text(locale.client("housing_rep").get(url))


def test_a_user_barred_from_his_case_sees_no_nomination_of_him(locale, nominations):
    nomination = nominations["listed"]
    referral = ReferralFactory(case__locality=locale.locality)
    CaseParty.objects.create(case=referral.case, person=nomination.person, role=PartyRole.PERPETRATOR)
    neighbour = MembershipFactory(agency=locale.housing, role=Role.AGENCY_REP)
    CaseExclusion.objects.create(
        case=referral.case,
        user=neighbour.user,
        reason="Neighbour",
        added_by=locale.memberships["coordinator"].user,
        added_at=timezone.now(),
    )
    client = verified_client(neighbour.user)
    assert client.get(reverse("matac:nomination", args=[nomination.pk])).status_code == 404
    meeting_page = _text(client.get(reverse("matac:meeting", args=[nomination.listings.get().meeting_id])))
    assert "Listed Rook" not in meeting_page and "Owned Rook" in meeting_page
    assert "Listed Rook" not in _text(client.get(reverse("matac:overview")))
    # Housing's other representative still sees him.
    assert locale.client("housing_rep").get(reverse("matac:nomination", args=[nomination.pk])).status_code == 200
