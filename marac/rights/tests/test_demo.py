"""The demo's rights logs, releases and provisions checklist: consistent with what the services keep, and shown on the
pages."""

import pytest
from django.urls import reverse

from marac.access.actor import SESSION_MEMBERSHIP_KEY
from marac.accounts.testing import verified_client
from marac.agencies.models import Membership, Role
from marac.demo import builder
from marac.glossary.selectors import glossary_entries
from marac.rights.models import (
    CustodyEventKind,
    NeedsAssessment,
    NotificationChoice,
    ProvisionCheck,
    ReleaseNotification,
)
from marac.rights.selectors import with_state
from marac.risk.models import ReviewEvent


@pytest.fixture
def demo(db):
    return builder.demo_build()


def client_of(username: str, role: str):
    membership = Membership.objects.select_related("user").get(user__username=username, role=role)
    client = verified_client(membership.user)
    session = client.session
    session[SESSION_MEMBERSHIP_KEY] = membership.pk
    session.save()
    return client


def test_the_demo_has_rights_logs_releases_and_a_checklist(demo):
    assert demo["rights_information_given"] > 10
    assert NotificationChoice.objects.filter(wants_to_be_told=False).exists()
    assert NeedsAssessment.objects.filter(version=2, reason="significant_change").exists()
    notifications = with_state(ReleaseNotification.objects.select_related("event", "review_trigger"))
    # One still to give, one given, one victim flagged because she did not ask.
    assert notifications.filter(outstanding=True).exists()
    assert notifications.exclude(told_at=None).exists()
    assert notifications.filter(victim_opted_in=False).exists()
    assert {notification.event.kind for notification in notifications} >= {
        CustodyEventKind.RELEASED,
        CustodyEventKind.TEMPORARY_RELEASE,
    }
    for notification in notifications:
        if notification.review_trigger is not None:
            assert notification.review_trigger.event == ReviewEvent.RELEASE_FROM_CUSTODY
            assert notification.review_trigger.case_id == notification.case_id
        if notification.told_at is not None:
            assert notification.victim_opted_in and notification.told_at >= notification.event.occurred_at
    assert ProvisionCheck.objects.filter(done=True).exists() and ProvisionCheck.objects.filter(done=False).exists()


def test_the_demo_pages_show_them(demo):
    outstanding = with_state(ReleaseNotification.objects.all()).filter(outstanding=True).first()
    coordinator = client_of("coordinator", Role.COORDINATOR)
    assert coordinator.get(reverse("rights:notifications")).context["outstanding_count"] >= 1
    log = coordinator.get(reverse("rights:log", kwargs={"case_pk": outstanding.case_id}))
    assert log.status_code == 200 and log.context["log"].outstanding
    documents = coordinator.get(reverse("governance:documents")).content.decode()
    assert "Confirmed by Joanne Feld" in documents


def test_the_demo_glossary_has_the_partnerships_own_words(demo):
    locality = builder.demo_locality()
    entries = {entry.key: entry for entry in glossary_entries(locality=locality, language="en-gb")}
    assert entries["marac"].changed and "civic centre" in entries["marac"].definition
    assert entries["daily-risk-huddle"].term == "Daily risk huddle"
    assert entries["viogen"].removed
