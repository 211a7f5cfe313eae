"""What the live meeting's script writes on the page (the ticking clock, which catalogue action Enter adds) is in
the chair's language, as the rest of the page is."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from marac.actions.models import CatalogueAction
from marac.agencies.models import AgencyType, Locality
from marac.journeys.scenario import listed, scheduled_meeting
from marac.meetings.services import meeting_start
from marac.meetings.tests.factories import confirm_declarations

WORDS = {
    "en-gb": {
        "clock": r"^\d+:\d\d of 12 min$",
        "one": "Enter adds: Police: Put a marker",
        "kind": "police",
        "many": re.compile(r"^\d+ actions match: type more of the words$"),
    },
    "es": {
        "clock": r"^\d+:\d\d de 12 min$",
        "one": "Intro añade: Policía: Put a marker",
        "kind": "policía",
        "many": re.compile(r"^\d+ acciones coinciden: escriba más palabras$"),
    },
}


@pytest.mark.parametrize("language", WORDS)
def test_the_clock_and_the_catalogue_speak_the_chairs_language(visitor, locale, language):
    Locality.objects.filter(pk=locale.locality.pk).update(language=language)
    meeting = scheduled_meeting(locale)
    item = listed(locale, meeting)
    meeting_start(actor=locale.actor("chair"), meeting=meeting)
    confirm_declarations(locale, meeting, "chair", "coordinator")
    # A browser test's database is emptied after each test, the catalogue the migrations loaded included.
    for text in (
        "Put a marker on the victim's address so that any call from it is treated as urgent",
        "Check the perpetrator's bail conditions and tell the victim what they are",
    ):
        CatalogueAction.objects.get_or_create(agency_type=AgencyType.POLICE, text=text)
    words = WORDS[language]
    page = visitor.page

    visitor.sign_in(locale.memberships["chair"].user, then=reverse("meetings:item", kwargs={"pk": item.pk}))

    # The server writes "0 min of 12"; the script's first tick replaces it with minutes and seconds.
    expect(page.locator("[data-case-clock]")).to_have_text(re.compile(words["clock"]))
    picker = page.locator("input[data-catalogue-picker]")
    status = page.locator(f"#{picker.get_attribute('id')}-match")
    picker.fill("marker")
    expect(status).to_contain_text(words["one"])
    picker.fill(words["kind"])
    expect(status).to_have_text(words["many"])
