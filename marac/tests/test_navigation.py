"""The menu offers each role exactly the sections the rulebook lets it open."""

import pytest
from django.test import Client
from django.urls import reverse

from conftest import PERSONAS


@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_every_section_in_the_menu_opens(locale, persona):
    client = locale.client(persona)
    menu = client.get(reverse("home")).context["nav_items"]
    assert menu, "every role has at least its home page"
    for label, url, _current in menu:
        assert client.get(url).status_code == 200, f"{persona} is offered {label} but refused it"


def test_roles_without_case_content_are_offered_no_case_sections(locale):
    labels = {label for label, _url, _current in locale.client("analyst").get(reverse("home")).context["nav_items"]}
    # The data return is aggregates only for the analyst: suppressed counts, no link to a case.
    assert labels == {"Home", "Reports", "Protocol and agreement"}


def test_only_the_longest_matching_section_is_current(locale):
    menu = locale.client("police_referrer").get(reverse("referrals:new")).context["nav_items"]
    assert [label for label, _url, current in menu if current] == ["Make a referral"]


def test_no_menu_between_the_password_and_the_second_step(locale):
    client = Client()
    client.force_login(locale.memberships["coordinator"].user)
    response = client.get(reverse("accounts:set_up"))
    assert response.status_code == 200
    assert response.context["nav_items"] == []
