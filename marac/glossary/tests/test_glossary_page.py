"""Every signed-in member reads the glossary, linked from the footer: marac's shipped terms in the language of the
page, until the locality changes them."""

import pytest
from django.test import Client
from django.urls import reverse

from conftest import PERSONAS
from marac.accounts.models import UserPreference
from marac.glossary.defaults import SHIPPED_TERMS
from marac.tests.html import parse

URL = reverse("glossary:list")


@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_every_member_reads_the_shipped_terms(locale, persona):
    response = locale.client(persona).get(URL)

    assert response.status_code == 200
    terms = [entry.term for entry in response.context["entries"]]
    assert len(terms) == len(SHIPPED_TERMS)
    for expected in ("MARAC", "IDVA", "DASH checklist", "MATAC", "Protection order"):
        assert expected in terms


def test_the_terms_are_in_alphabetical_order_with_an_anchor_each(locale):
    response = locale.client("police_referrer").get(URL)

    terms = [entry.term for entry in response.context["entries"]]
    assert terms == sorted(terms, key=str.casefold)
    assert 'id="term-marac"' in response.content.decode()


def test_the_footer_links_to_the_glossary_for_someone_signed_in(locale):
    signed_in = locale.client("analyst").get(reverse("home")).content.decode()
    assert f'href="{URL}"' in signed_in
    assert f'href="{URL}"' not in Client().get(reverse("login")).content.decode()


def test_someone_not_signed_in_is_sent_to_sign_in(db):
    response = Client().get(URL)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_the_shipped_terms_read_in_spanish_for_a_reader_who_chose_spanish(locale):
    UserPreference.objects.create(user=locale.memberships["housing_rep"].user, language="es")

    response = locale.client("housing_rep").get(URL)

    page = parse(response.content.decode())
    assert page.find("h1").text.strip() == "Glosario"
    terms = {entry.key: entry for entry in response.context["entries"]}
    assert terms["protection_order"].term == "Orden de protección"
    assert terms["idva"].definition.startswith("Asesora independiente")


def test_readers_see_no_editing_links(locale):
    page = locale.client("idva").get(URL).content.decode()
    assert reverse("glossary:new") not in page
    assert reverse("glossary:edit", kwargs={"key": "marac"}) not in page
