"""The banner that tells a member of an agency without a signature of the current agreement why marac shows them no
case information, and the context processor that decides whether it shows (in one query)."""

import html

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marac.access.actor import Actor
from marac.agencies.models import Membership
from marac.governance.context_processors import governance
from marac.governance.models import DocumentKind
from marac.governance.tests.factories import DocumentVersionFactory, SignatureFactory

BANNER = "Your agency has not signed the current information-sharing agreement, so marac shows you no case information"


def request_for(locale, persona: str | None):
    request = RequestFactory().get("/")
    if persona is None:
        request.user = AnonymousUser()
        request.actor = Actor(user=None, membership=None)
    else:
        request.actor = locale.actor(persona)
        request.user = request.actor.user
    return request


def banner(locale, persona: str) -> str:
    request = request_for(locale, persona)
    context = governance(request) | {"actor": request.actor}
    return html.unescape(render_to_string("components/governance_banner.html", context, request=request))


@pytest.fixture
def agreement(locale):
    return DocumentVersionFactory(document__locality=locale.locality, document__kind=DocumentKind.AGREEMENT)


def test_unsigned_agency_sees_the_banner_with_a_link_to_sign(locale, agreement):
    text = banner(locale, "housing_rep")
    assert BANNER in text
    assert "Read and sign the agreement for Riverside Housing" in text
    assert reverse("governance:documents") + "#agreement-current" in text


def test_those_who_may_not_sign_are_sent_to_read_it(locale, agreement):
    text = banner(locale, "police_referrer")
    assert BANNER in text
    assert "Read the agreement" in text
    assert "Read and sign" not in text


def test_no_banner_once_the_agency_has_signed(locale, agreement):
    SignatureFactory(version=agreement, agency=locale.housing)
    assert BANNER not in banner(locale, "housing_rep")
    assert BANNER in banner(locale, "police_rep")


def test_no_agreement_at_all_shows_the_banner(locale):
    assert BANNER in banner(locale, "coordinator")


def test_no_query_for_a_member_beyond_reading_the_memberships(locale, agreement):
    request = request_for(locale, "housing_rep")
    with CaptureQueriesContext(connection) as captured:
        context = governance(request)
    assert context == {"agency_unsigned": True, "governance_may_sign": True}
    assert len(captured) == 0


@pytest.mark.parametrize("signed", [False, True])
def test_an_actor_made_without_the_memberships_query_asks_once(locale, agreement, signed):
    membership = Membership.objects.select_related("agency", "user").get(pk=locale.actor("housing_rep").membership.pk)
    if signed:
        SignatureFactory(version=agreement, agency=membership.agency)
    actor = Actor(user=membership.user, membership=membership)
    with CaptureQueriesContext(connection) as captured:
        assert actor.may_receive_case_information is signed
        assert actor.may_receive_case_information is signed
    assert len(captured) == 1


def test_nothing_for_someone_not_signed_in(locale, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert governance(request_for(locale, None)) == {"agency_unsigned": False, "governance_may_sign": False}
