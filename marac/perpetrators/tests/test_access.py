"""`access.perpetrator_policy`: who sees which orders, breaches and programmes."""

import pytest

from marac.access.perpetrator_policy import visible_breaches, visible_orders, visible_programmes
from marac.access.tests.world import build_world
from marac.agencies.models import Role
from marac.governance.tests.factories import agreement_signed_by_every_agency
from marac.perpetrators.tests.factories import breach_of, order_on, programme_agency, programme_for
from marac.testing.factories import MembershipFactory, ReferralFactory, actor_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(locale):
    """The world's case (heard with police, housing and the IDVA service; health invited next time) with a police
    order and a programme; and a second case, heard by nobody yet, whose order the IDVA service owns."""
    world = build_world(locale)
    world.order = order_on(world.case, owner=locale.police)
    world.programme = programme_for(world.case, agency=programme_agency(locale.locality))
    unheard = ReferralFactory(case__locality=locale.locality, referring_agency=locale.health).case
    world.unheard_order = order_on(unheard, owner=locale.idva_service)
    world.unheard_breach = breach_of(world.unheard_order, agency=locale.childrens_social_care)
    return world


@pytest.mark.parametrize(
    ("persona", "orders"),
    [
        ("coordinator", {"order", "unheard_order"}),
        ("chair", {"order", "unheard_order"}),
        ("idva", {"order", "unheard_order"}),  # her service's case; her service owns the other order
        ("police_rep", {"order"}),
        ("police_referrer", {"order"}),  # her agency's order, not the case
        ("housing_rep", {"order"}),
        ("health_rep", set()),  # identifiers before the meeting are not enough
        ("social_care_rep", set()),
        ("analyst", set()),
        ("auditor", set()),
    ],
)
def test_orders_by_persona(locale, world, persona, orders):
    expected = {getattr(world, name).pk for name in orders}
    assert set(visible_orders(locale.actor(persona)).values_list("pk", flat=True)) == expected


def test_an_agency_sees_the_breach_it_reported_even_of_an_order_it_cannot_see(locale, world):
    actor = locale.actor("social_care_rep")
    assert list(visible_breaches(actor)) == [world.unheard_breach]
    assert not visible_orders(actor).exists()


def test_programmes_are_seen_by_the_programme_and_by_agencies_sharing_the_case(locale, world):
    staff = MembershipFactory(agency=world.programme.programme_agency, role=Role.AGENCY_REP)
    # Its agency has not signed the sharing agreement: nothing at all.
    assert not visible_programmes(actor_for(staff)).exists()
    agreement_signed_by_every_agency(locale.locality)
    assert list(visible_programmes(actor_for(staff))) == [world.programme]
    assert list(visible_programmes(locale.actor("housing_rep"))) == [world.programme]
    assert not visible_programmes(locale.actor("health_rep")).exists()


def test_the_must_not_see_list_overrides_ownership(locale, world):
    """The barred housing officer's agency reported the breach; she still sees nothing about the case."""
    breach = breach_of(world.order, agency=locale.housing)
    neighbour = actor_for(world.exclusion.user.memberships.get())
    assert not visible_orders(neighbour).exists()
    assert breach not in visible_breaches(neighbour)
    assert not visible_programmes(neighbour).exists()


def test_another_locality_sees_nothing(other_locale, world):
    for persona in ("coordinator", "chair", "police_rep"):
        actor = other_locale.actor(persona)
        assert not visible_orders(actor).exists()
        assert not visible_breaches(actor).exists()
        assert not visible_programmes(actor).exists()
