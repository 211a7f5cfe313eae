"""The perpetrator page: everything linked with him that the reader may see, a 404 for whoever sees nothing linking
him, an audited read, and a fixed number of queries."""

import html

import pytest
from django.urls import reverse

from marac.access.tests.world import build_world
from marac.accounts.testing import verified_client
from marac.audit.models import AuditAction, AuditEvent
from marac.incidents.models import IncidentType
from marac.incidents.tests.factories import IncidentFactory, perpetrator_of
from marac.perpetrators.models import ResponseKind
from marac.perpetrators.tests.factories import breach_of, order_on, programme_agency, programme_for, respond
from marac.referrals.models import CaseParty, PartyRole
from marac.rights.tests.factories import custody_event
from marac.testing.factories import PersonFactory, ReferralFactory
from marac.testing.queries import audit_lock_queries

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def world(locale):
    return build_world(locale)


@pytest.fixture
def perpetrator(world):
    return perpetrator_of(world.case)


def _url(person) -> str:
    return reverse("perpetrators:detail", args=[person.pk])


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("coordinator", 200),
        ("chair", 200),
        ("idva", 200),  # her service's case
        ("police_rep", 200),  # at the held meeting
        ("housing_rep", 200),
        ("health_rep", 200),  # invited next time: the case's identifiers name him
        ("social_care_rep", 404),  # nothing links social care with him
        ("police_referrer", 404),  # no perpetrator pages for referrers
        ("analyst", 404),
    ],
)
def test_a_perpetrator_is_shown_only_to_those_who_see_something_linking_him(locale, perpetrator, persona, status):
    assert locale.client(persona).get(_url(perpetrator)).status_code == status


def test_an_incident_or_an_order_the_agency_sees_is_enough_to_link_him(locale, world):
    """Social care knows nothing of the case, but recorded an incident naming another man; health owns an order."""
    stranger = PersonFactory(locality=locale.locality, given_name="Kyle", family_name="Marsh")
    other_victim = PersonFactory(locality=locale.locality, given_name="Leanne", family_name="Hart")
    client = locale.client("social_care_rep")
    assert client.get(_url(stranger)).status_code == 404
    IncidentFactory(
        locality=locale.locality,
        source_agency=locale.childrens_social_care,
        victim=other_victim,
        perpetrator=stranger,
    )
    response = client.get(_url(stranger))
    assert response.status_code == 200
    assert "Leanne Hart" in _text(response)
    # Housing did not record that incident, and sees no case or order naming him.
    assert locale.client("housing_rep").get(_url(stranger)).status_code == 404


def test_an_order_owned_by_the_agency_links_him_without_the_case(locale):
    """A case nobody outside the coordinator's office has heard yet: the police own an order on it."""
    referral = ReferralFactory(case__locality=locale.locality, referring_agency=locale.health)
    him = perpetrator_of(referral.case)
    assert locale.client("police_rep").get(_url(him)).status_code == 404
    order_on(referral.case, owner=locale.police)
    response = locale.client("police_rep").get(_url(him))
    assert response.status_code == 200
    assert "Restraining order" in _text(response)
    # The case itself stays out of sight: the police have no relation with it.
    assert "No case you may see names him." in _text(response)
    assert referral.case.reference not in _text(response)


def test_another_locality_and_a_barred_user_get_404(locale, other_locale, world, perpetrator):
    assert other_locale.client("coordinator").get(_url(perpetrator)).status_code == 404
    assert verified_client(world.exclusion.user).get(_url(perpetrator)).status_code == 404


def test_the_page_gathers_victims_cases_incidents_orders_breaches_and_programmes(locale, world, perpetrator):
    # A second victim: he is a perpetrator on her case too, which only the coordinator (and chair) see.
    second = ReferralFactory(case__locality=locale.locality, referring_agency=locale.health)
    second.case.victim.given_name, second.case.victim.family_name = "Chloe", "Rahman"
    second.case.victim.save()
    CaseParty.objects.create(case=second.case, person=perpetrator, role=PartyRole.PERPETRATOR)
    order = order_on(world.case, owner=locale.police, ends_in_days=5)
    breach = breach_of(order, agency=locale.housing)
    respond(breach, agency=locale.police, hours=3, kind=ResponseKind.WARNING)
    programme_for(world.case, agency=programme_agency(locale.locality), perpetrator=perpetrator)
    IncidentFactory(
        locality=locale.locality,
        source_agency=locale.police,
        victim=world.case.victim,
        perpetrator=perpetrator,
        incident_type=IncidentType.STALKING,
    )

    text = _text(locale.client("coordinator").get(_url(perpetrator)))
    assert world.case.victim.full_name in text and "Chloe Rahman" in text
    assert world.case.reference in text and second.case.reference in text
    assert "Restraining order" in text and "Ends in 5 days" in text
    assert "Not to go within 100 metres of 14 Willow Row." in text
    assert "Warning" in text and "3 h 00 min" in text and "Within 24 h" in text
    assert "Respectful Relationships" in text and "0 of 24 sessions" in text
    assert "Stalking or harassment" in text

    # Housing heard the first case only; it reads no police incident.
    text = _text(locale.client("housing_rep").get(_url(perpetrator)))
    assert world.case.reference in text and "Restraining order" in text and "Warning" in text
    assert "Chloe Rahman" not in text and second.case.reference not in text
    assert "Stalking or harassment" not in text


def test_the_read_is_audited_with_what_was_shown(locale, world, perpetrator):
    order = order_on(world.case, owner=locale.police)
    locale.client("idva").get(_url(perpetrator))
    event = AuditEvent.objects.filter(action=AuditAction.VIEW, object_type="people.person").latest("pk")
    assert event.object_id == str(perpetrator.pk)
    assert event.detail["orders"] == [order.pk]
    assert event.detail["cases"] == [world.case.pk]
    assert event.actor == locale.memberships["idva"].user


# Sign-in, the memberships bringing the agreement check (4); the person through the policy (1); the settings (1); cases,
# victims, incidents, orders with their conditions, breaches and programmes (7); his releases and escapes (1); the audit
# event (4 with its savepoint).
PERPETRATOR_PAGE_QUERIES = 18


def _grow(locale, world, perpetrator, rows: int) -> None:
    for index in range(rows):
        order = order_on(world.case, owner=locale.police, ends_in_days=3 + index)
        respond(breach_of(order, agency=locale.housing), agency=locale.police, hours=index + 1)
        programme_for(world.case, agency=programme_agency(locale.locality), perpetrator=perpetrator)
        IncidentFactory(
            locality=locale.locality, source_agency=locale.police, victim=world.case.victim, perpetrator=perpetrator
        )
        other = ReferralFactory(case__locality=locale.locality, referring_agency=locale.police)
        CaseParty.objects.create(case=other.case, person=perpetrator, role=PartyRole.PERPETRATOR)
        custody_event(locale, perpetrator, hours_ago=index + 1)


@pytest.mark.parametrize("persona", ["coordinator", "police_rep"])
def test_the_page_runs_a_fixed_number_of_queries(locale, world, perpetrator, persona, django_assert_num_queries):
    client = locale.client(persona)
    _grow(locale, world, perpetrator, 1)
    with django_assert_num_queries(PERPETRATOR_PAGE_QUERIES + audit_lock_queries(1)):
        assert client.get(_url(perpetrator)).status_code == 200
    _grow(locale, world, perpetrator, 6)
    with django_assert_num_queries(PERPETRATOR_PAGE_QUERIES + audit_lock_queries(1)):
        assert client.get(_url(perpetrator)).status_code == 200
