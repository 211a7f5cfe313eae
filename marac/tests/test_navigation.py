"""The menu offers each role exactly the sections the rulebook lets it open; a role with more than the bar holds
finds the rest on the "All sections" page."""

import pytest
from django.test import Client
from django.urls import reverse

from conftest import PERSONAS
from marac.navigation import MENU_LIMIT, SECTIONS
from marac.tests.html import parse


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
    assert labels == {"Home", "Reports", "Protocol and agreement", "Glossary"}


def test_only_the_longest_matching_section_is_current(locale):
    menu = locale.client("police_referrer").get(reverse("referrals:new")).context["nav_items"]
    assert [label for label, _url, current in menu if current] == ["Make a referral"]


def test_no_menu_between_the_password_and_the_second_step(locale):
    client = Client()
    client.force_login(locale.memberships["coordinator"].user)
    response = client.get(reverse("accounts:set_up"))
    assert response.status_code == 200
    assert response.context["nav_items"] == []


def sections_page_links(client) -> list[str]:
    page = parse(client.get(reverse("sections")).content.decode())
    return [link.attrs["href"] for link in page.find("main").find_all("a", class_="govuk-link")]


@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_the_bar_holds_at_most_the_limit_and_all_sections_has_every_section_the_role_may_open(locale, persona):
    client = locale.client(persona)
    menu = client.get(reverse("home")).context["nav_items"]
    assert len(menu) <= MENU_LIMIT + 1
    role = locale.memberships[persona].role
    may_open = [reverse(section.url_name) for section in SECTIONS if role in section.roles]
    assert sections_page_links(client) == may_open
    for url in may_open:
        assert client.get(url).status_code == 200


def test_the_coordinator_finds_the_sections_outside_the_bar_on_all_sections(locale):
    client = locale.client("coordinator")
    labels = [label for label, _url, _current in client.get(reverse("home")).context["nav_items"]]
    assert labels[-1] == "All sections"
    assert "Audit trail" not in labels and "Subject access" not in labels
    assert reverse("people:subject_access_find") in sections_page_links(client)


def test_a_section_outside_the_bar_marks_all_sections_as_current(locale):
    menu = locale.client("coordinator").get(reverse("duplicates:list")).context["nav_items"]
    assert [label for label, _url, current in menu if current] == ["All sections"]
