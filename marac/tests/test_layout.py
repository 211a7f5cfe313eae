"""The page layout: our header, service navigation, agency switcher, handling notice, messages and footer."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse

from marac.agencies.models import Role
from marac.testing.factories import MembershipFactory
from marac.tests.html import Element, parse


def page_of(response) -> Element:
    assert response.status_code == 200
    return parse(response.content.decode())


def assert_no_inline_script_or_style(page: Element) -> None:
    scripts = page.find_all("script")
    assert [script.attrs for script in scripts] == [{"type": "module", "src": "/static/marac/marac.js"}]
    assert all(not script.text for script in scripts)
    assert not page.find_all("style")
    assert not [element.tag for element in page.iter() if "style" in element.attrs]
    assert not [element.tag for element in page.iter() if any(name.startswith("on") for name in element.attrs)]


@pytest.fixture
def home(locale) -> Element:
    return page_of(locale.client("police_rep").get(reverse("home")))


@pytest.fixture
def sign_in() -> Element:
    return page_of(Client().get(reverse("login")))


def test_page_structure_follows_the_govuk_template(home):
    html = home.find("html")
    assert html.attrs["lang"] == "en-GB"
    assert "govuk-template" in html.classes
    assert "govuk-template__body" in home.find("body").classes
    skip_link = home.find("a", class_="govuk-skip-link")
    assert skip_link.attrs["href"] == "#main-content"
    assert home.find("main").attrs["id"] == "main-content"
    assert home.find("title").text == "Home – marac"


def test_header_is_ours_with_the_signed_in_user_and_sign_out(home, locale):
    header = home.find("header", class_="marac-header")
    name = header.find("a", class_="marac-header__name")
    assert name.text == "marac"
    assert name.attrs["href"] == reverse("home")
    assert not header.find_all("svg")
    assert not header.find_all("img")
    user = locale.memberships["police_rep"].user
    assert header.find(class_="marac-header__user").text == f"Signed in as {user.get_full_name()}"
    sign_out = header.find("form", class_="marac-header__sign-out")
    assert sign_out.attrs["method"] == "post"
    assert sign_out.attrs["action"] == reverse("logout")
    assert sign_out.find("input", name="csrfmiddlewaretoken")
    assert sign_out.find("button").text == "Sign out"


def test_handling_notice_is_on_every_page(home, sign_in):
    for page in (home, sign_in):
        banner = page.find(class_="govuk-phase-banner")
        assert banner.text == "Restricted – handle under your information-sharing agreement"


def test_no_inline_script_or_style_attributes(home, sign_in):
    assert_no_inline_script_or_style(home)
    assert_no_inline_script_or_style(sign_in)


def test_sign_in_page_has_no_navigation_switcher_or_sign_out(sign_in):
    assert not sign_in.find_all(class_="govuk-service-navigation")
    assert not sign_in.find_all(class_="marac-agency-switcher")
    assert not sign_in.find_all(class_="marac-header__sign-out")
    assert sign_in.find("a", class_="marac-header__name").text == "marac"


def test_service_navigation_lists_nav_items_and_marks_the_current_one(rf: RequestFactory):
    request = rf.get("/meetings/")
    request.user = AnonymousUser()
    nav_items = [("Home", "/", False), ("Meetings", "/meetings/", True), ("Actions", "/actions/", False)]
    page = parse(render_to_string("base.html", {"nav_items": nav_items}, request=request))
    navigation = page.find("section", class_="govuk-service-navigation")
    assert navigation.attrs["data-module"] == "govuk-service-navigation"
    links = navigation.find_all("a", class_="govuk-service-navigation__link")
    assert [(link.text, link.attrs["href"]) for link in links] == [
        ("Home", "/"),
        ("Meetings", "/meetings/"),
        ("Actions", "/actions/"),
    ]
    current = [link for link in links if link.attrs.get("aria-current") == "page"]
    assert [link.text for link in current] == ["Meetings"]
    assert "govuk-service-navigation__item--active" in current[0].parent.classes
    assert sum("govuk-service-navigation__item--active" in link.parent.classes for link in links) == 1


def test_no_nav_items_means_no_navigation_bar(rf: RequestFactory):
    request = rf.get("/")
    request.user = AnonymousUser()
    page = parse(render_to_string("base.html", {}, request=request))
    assert not page.find_all(class_="govuk-service-navigation")


def test_one_membership_shows_the_agency_without_a_switch_form(home, locale):
    switcher = home.find("section", class_="marac-agency-switcher")
    assert "moj-organisation-nav" in switcher.classes
    assert switcher.find(class_="moj-organisation-nav__title").text == f"{locale.police.name} Agency representative"
    assert not switcher.find_all("form")


def test_several_memberships_get_a_switch_form(locale):
    police_rep = locale.memberships["police_rep"]
    MembershipFactory(user=police_rep.user, agency=locale.housing, role=Role.REFERRER)
    page = page_of(locale.client("police_rep").get(reverse("home") + "?from=test"))
    form = page.find("form", class_="marac-agency-switcher__form")
    assert form.attrs["method"] == "post"
    assert form.attrs["action"] == reverse("switch_agency")
    assert form.find("input", name="next").attrs["value"] == "/?from=test"
    select = form.find("select", name="membership")
    assert page.find("label", **{"for": select.attrs["id"]}).text == "Act for"
    options = select.find_all("option")
    assert len(options) == 2
    selected = [option for option in options if "selected" in option.attrs]
    assert [option.attrs["value"] for option in selected] == [str(police_rep.pk)]


def test_messages_show_as_notification_banners(locale):
    police_rep = locale.memberships["police_rep"]
    housing = MembershipFactory(user=police_rep.user, agency=locale.housing, role=Role.REFERRER)
    client = locale.client("police_rep")
    response = client.post(reverse("switch_agency"), {"membership": housing.pk, "next": "/"}, follow=True)
    banner = page_of(response).find(class_="govuk-notification-banner")
    assert "govuk-notification-banner--success" in banner.classes
    assert banner.attrs["role"] == "alert"
    assert banner.attrs["data-module"] == "govuk-notification-banner"
    title = banner.find(class_="govuk-notification-banner__title")
    assert banner.attrs["aria-labelledby"] == title.attrs["id"]
    assert title.text == "Success"
    assert locale.housing.name in banner.find(class_="govuk-notification-banner__heading").text

    response = client.post(reverse("switch_agency"), {"membership": "0"}, follow=True)
    banner = page_of(response).find(class_="govuk-notification-banner")
    assert "marac-notification-banner--error" in banner.classes
    assert banner.find(class_="govuk-notification-banner__title").text == "There is a problem"


def test_sign_in_error_shows_the_summary_linked_to_the_first_field(db):
    client = Client()
    response = client.post(reverse("login"), {"username": "nobody", "password": "wrong password"})
    page = parse(response.content.decode())
    summary = page.find(class_="govuk-error-summary")
    link = summary.find("a")
    assert link.attrs["href"] == "#id_username"
    assert page.by_id("id_username").tag == "input"
    assert page.find("title").text == "Error: Sign in – marac"


def test_footer_is_ours(home):
    footer = home.find("footer")
    assert "marac-footer" in footer.classes
    assert "information-sharing agreement" in footer.text
