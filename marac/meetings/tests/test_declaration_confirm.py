"""Confirming the confidentiality declaration: recorded once, with the wording confirmed, and audited."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from marac.audit.models import AuditAction, AuditEvent
from marac.meetings.declarations import CURRENT_DECLARATION, DECLARATION_TEXTS
from marac.meetings.models import Declaration, MeetingStatus
from marac.meetings.services import declaration_confirm, meeting_start

pytestmark = pytest.mark.django_db


@pytest.fixture
def started(locale, meeting, list_case):
    list_case(meeting)
    meeting_start(actor=locale.actor("chair"), meeting=meeting)
    return meeting


def declare_url(meeting) -> str:
    return reverse("meetings:declare", kwargs={"pk": meeting.pk})


def declaration_events():
    return AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="meetings.declaration")


def test_the_page_shows_the_declaration_and_the_button(locale, started):
    page = locale.client("housing_rep").get(declare_url(started)).content.decode()
    for statement in CURRENT_DECLARATION.statements:
        assert statement.replace("'", "&#x27;") in page
    assert f"Declaration version {CURRENT_DECLARATION.version}" in page
    assert "I confirm" in page


def test_confirming_records_who_for_which_agency_in_which_role_and_the_wording(locale, started):
    response = locale.client("housing_rep").post(declare_url(started))
    assert response.status_code == 302
    declaration = Declaration.objects.get()
    membership = locale.memberships["housing_rep"]
    assert (declaration.meeting, declaration.user, declaration.agency, declaration.role) == (
        started,
        membership.user,
        locale.housing,
        membership.role,
    )
    assert declaration.text_version == CURRENT_DECLARATION.version
    assert declaration.text == DECLARATION_TEXTS[declaration.text_version]
    assert declaration.confirmed_at >= started.started_at


def test_confirming_twice_records_once_and_audits_once(locale, started):
    client = locale.client("idva")
    client.post(declare_url(started))
    first = Declaration.objects.get()
    client.post(declare_url(started))
    again = Declaration.objects.get()
    assert (again.pk, again.confirmed_at) == (first.pk, first.confirmed_at)
    event = declaration_events().get()
    assert event.actor == locale.memberships["idva"].user
    assert event.object_id == str(first.pk)
    assert event.detail == {"meeting": started.pk, "text_version": CURRENT_DECLARATION.version}
    assert declaration_confirm(actor=locale.actor("idva"), meeting=started) == first
    assert declaration_events().count() == 1


def test_after_confirming_the_page_says_so_and_continues_where_asked(locale, started):
    client = locale.client("coordinator")
    agenda = reverse("meetings:detail", kwargs={"pk": started.pk})
    response = client.post(declare_url(started), {"next": agenda}, follow=True)
    assert response.redirect_chain == [(agenda, 302)]
    assert "You have confirmed the confidentiality declaration" in response.content.decode()
    page = client.get(declare_url(started), {"next": agenda}).content.decode()
    assert "You have confirmed this declaration" in page
    assert f'href="{agenda}"' in page
    assert "I confirm" not in page


@pytest.mark.parametrize(
    "next_url", ["https://elsewhere.example/steal", "//elsewhere.example/steal", "javascript:alert(1)"]
)
def test_a_return_address_off_this_site_is_refused_and_audited(locale, started, next_url):
    response = locale.client("housing_rep").post(declare_url(started), {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:detail", kwargs={"pk": started.pk})
    assert Declaration.objects.count() == 1
    refusal = AuditEvent.objects.get(action=AuditAction.DENIED)
    assert refusal.detail["next"] == next_url


def test_without_a_return_address_it_goes_to_the_meeting(locale, started):
    response = locale.client("housing_rep").post(declare_url(started))
    assert response["Location"] == reverse("meetings:detail", kwargs={"pk": started.pk})
    assert not AuditEvent.objects.filter(action=AuditAction.DENIED).exists()


def test_the_service_refuses_an_agency_that_was_not_invited(locale, started):
    with pytest.raises(ValidationError):
        declaration_confirm(actor=locale.actor("health_rep"), meeting=started)
    assert not Declaration.objects.exists()


def test_the_chair_confirms_though_her_agency_might_not_be_invited(locale, started):
    started.invited_agencies.remove(locale.police)
    declaration = declaration_confirm(actor=locale.actor("chair"), meeting=started)
    assert declaration.agency == locale.police


def test_nothing_is_confirmed_before_the_start_or_after_the_close(locale, meeting, list_case):
    list_case(meeting)
    client = locale.client("housing_rep")
    before = client.post(declare_url(meeting))
    assert before.status_code == 200
    assert "The meeting has not started" in before.content.decode()
    meeting.status = MeetingStatus.CLOSED
    meeting.save()
    after = client.post(declare_url(meeting))
    assert after.status_code == 200
    assert "This meeting has closed" in after.content.decode()
    assert not Declaration.objects.exists()
    assert not declaration_events().exists()
