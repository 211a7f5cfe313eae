"""The secret calendar link: made, replaced and revoked by its user; the feed behind it works without a session,
holds only the meetings the user may see, names no one, and is audited."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from marac.accounts.calendar_tokens import calendar_token_issue, token_hash
from marac.accounts.models import CalendarToken
from marac.accounts.tests.helpers import enter_password, with_authenticator
from marac.agencies.models import Role
from marac.audit.models import AuditAction, AuditEvent
from marac.meetings.models import MeetingMode
from marac.meetings.tests.factories import AgendaItemFactory, MeetingFactory
from marac.testing.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def feed_url(token: str) -> str:
    return reverse("meetings:calendar_subscribed_feed", kwargs={"token": token})


def uids(response) -> set[str]:
    return {str(event["uid"]) for event in Calendar.from_ical(response.content).walk("VEVENT")}


def uid(meeting) -> str:
    return f"meeting-{meeting.pk}@marac"


def test_the_link_is_shown_once_and_only_its_hash_is_kept(locale):
    client = locale.client("housing_rep")

    response = client.post(reverse("meetings:calendar_subscription_new"))
    assert response.status_code == 302
    shown = client.get(reverse("meetings:calendar_subscription")).context["fresh_link"]
    token = shown.rsplit("/", 1)[1].removesuffix(".ics")

    assert shown == f"http://testserver{feed_url(token)}"
    assert client.get(reverse("meetings:calendar_subscription")).context["fresh_link"] is None
    stored = CalendarToken.objects.get()
    assert stored.token_hash == token_hash(token) != token
    assert not CalendarToken.objects.filter(token_hash__contains=token).exists()
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="accounts.calendartoken").exists()


def test_the_feed_works_with_the_link_and_no_session(locale):
    meeting = MeetingFactory(locality=locale.locality, invited=[locale.housing])
    token = calendar_token_issue(actor=locale.actor("housing_rep"))

    response = Client().get(feed_url(token))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert uids(response) == {uid(meeting)}


def test_a_session_stopped_at_the_password_does_not_get_in_the_way(locale):
    meeting = MeetingFactory(locality=locale.locality, invited=[locale.housing])
    token = calendar_token_issue(actor=locale.actor("housing_rep"))
    user = locale.memberships["coordinator"].user
    with_authenticator(user)
    client = Client()
    enter_password(client, user.username)

    assert uids(client.get(feed_url(token))) == {uid(meeting)}


def test_a_new_link_replaces_the_old_and_a_revoked_link_is_404(locale):
    actor = locale.actor("housing_rep")
    old = calendar_token_issue(actor=actor)
    new = calendar_token_issue(actor=actor)

    assert Client().get(feed_url(old)).status_code == 404
    assert Client().get(feed_url(new)).status_code == 200

    response = locale.client("housing_rep").post(reverse("meetings:calendar_subscription_revoke"))
    assert response.status_code == 302
    assert Client().get(feed_url(new)).status_code == 404
    assert CalendarToken.objects.filter(revoked_at__isnull=True).count() == 0
    refused = AuditEvent.objects.filter(action=AuditAction.DENIED, actor=actor.user)
    assert refused.count() == 2  # the old link, then the revoked one


def test_an_unknown_link_and_an_inactive_user_get_404(locale):
    token = calendar_token_issue(actor=locale.actor("housing_rep"))

    assert Client().get(feed_url("not-a-real-token-but-the-right-shape-00000000")).status_code == 404
    user = locale.memberships["housing_rep"].user
    user.is_active = False
    user.save()
    assert Client().get(feed_url(token)).status_code == 404


def test_the_feed_names_no_case_and_no_person_even_with_cases_listed(locale):
    meeting = MeetingFactory(locality=locale.locality, location="Room 4, Civic Centre")
    items = [AgendaItemFactory(meeting=meeting, referral__referring_agency=locale.police) for _ in range(2)]
    actor = locale.actor("coordinator")
    token = calendar_token_issue(actor=actor)

    text = Client().get(feed_url(token)).content.decode()

    for item in items:
        assert item.case.reference not in text
        assert item.case.victim.given_name not in text
        assert item.case.victim.family_name not in text
    assert actor.user.get_username() not in text
    assert "Room 4" in text
    assert locale.locality.name in text


def test_the_feed_holds_only_the_meetings_the_user_may_see(locale, other_locale):
    invited = MeetingFactory(locality=locale.locality, invited=[locale.housing, locale.police])
    not_invited = MeetingFactory(locality=locale.locality, invited=[locale.police])
    elsewhere = MeetingFactory(locality=other_locale.locality)
    token = calendar_token_issue(actor=locale.actor("housing_rep"))

    response = Client().get(feed_url(token))

    assert uids(response) == {uid(invited)}
    assert uid(not_invited) not in uids(response)
    assert uid(elsewhere) not in uids(response)


def test_the_feed_spans_every_active_membership_of_the_user(locale, other_locale):
    here = MeetingFactory(locality=locale.locality, invited=[locale.housing])
    there = MeetingFactory(locality=other_locale.locality, invited=[other_locale.police])
    user = locale.memberships["housing_rep"].user
    other_membership = MembershipFactory(user=user, agency=other_locale.police, role=Role.AGENCY_REP)
    token = calendar_token_issue(actor=locale.actor("housing_rep"))

    assert uids(Client().get(feed_url(token))) == {uid(here), uid(there)}

    other_membership.is_active = False
    other_membership.save()
    assert uids(Client().get(feed_url(token))) == {uid(here)}


def test_each_fetch_is_audited_as_a_list_by_the_user(locale):
    meeting = MeetingFactory(locality=locale.locality, invited=[locale.housing])
    actor = locale.actor("housing_rep")
    token = calendar_token_issue(actor=actor)

    Client().get(feed_url(token))

    event = AuditEvent.objects.get(action=AuditAction.LIST)
    assert event.actor == actor.user
    assert event.detail == {"ids": [meeting.pk]}


def test_a_coordination_appears_as_its_deadline(locale):
    meeting = MeetingFactory(
        locality=locale.locality, mode=MeetingMode.COORDINATION, scheduled_for=timezone.now() + dt.timedelta(days=3)
    )
    token = calendar_token_issue(actor=locale.actor("coordinator"))

    events = Calendar.from_ical(Client().get(feed_url(token)).content).walk("VEVENT")

    assert [str(event["uid"]) for event in events] == [uid(meeting)]
    assert str(events[0]["summary"]) == f"{locale.locality.name} MARAC – co-ordination: updates and actions due"
    assert "updates and actions" in str(events[0]["description"])


def test_the_page_offers_a_new_link_or_to_stop_the_one_in_use(locale):
    client = locale.client("idva")
    page = client.get(reverse("meetings:calendar_subscription")).content.decode()
    assert "Make a calendar link" in page
    assert "Stop the link working" not in page

    calendar_token_issue(actor=locale.actor("idva"))
    page = client.get(reverse("meetings:calendar_subscription")).content.decode()
    assert "Make a new link" in page
    assert "Stop the link working" in page
