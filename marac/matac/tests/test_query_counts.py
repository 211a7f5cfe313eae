"""Every MATAC page costs the same number of queries for one nominee as for many, and stays under a ceiling."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from marac.matac.followup import matac_action_notices_send
from marac.matac.models import MatacAction, MatacListing, Nomination, NominationStatus, ScoreOccasion
from marac.matac.tests.factories import listing_of, matac_action, matac_meeting, nomination_of, snapshot
from marac.meetings.models import MeetingStatus
from marac.meetings.tests.factories import confirm_declarations
from marac.testing.factories import PersonFactory
from marac.testing.queries import audit_lock_queries

pytestmark = pytest.mark.django_db


def _add(locale, meeting, count: int, *, start: int) -> None:
    """`count` more nominees of every kind: awaiting a decision, selected and listed with actions (one overdue),
    exited with an outcome."""
    for number in range(start, start + count):
        person = PersonFactory(locality=locale.locality, given_name=f"Waiting{number}", family_name="Hale")
        nomination_of(locale, person, score={"recency": number % 10, "frequency": 2})
        person = PersonFactory(locality=locale.locality, given_name=f"Selected{number}", family_name="Hale")
        selected = nomination_of(locale, person, status=NominationStatus.SELECTED)
        listing = listing_of(meeting, selected, position=number)
        matac_action(listing, locale.police, due_in_days=-2)
        matac_action(listing, locale.housing)
        person = PersonFactory(locality=locale.locality, given_name=f"Exited{number}", family_name="Hale")
        exited = nomination_of(locale, person, status=NominationStatus.SELECTED)
        snapshot(exited, ScoreOccasion.EXIT, recency=2)
        exited.status = NominationStatus.EXITED
        exited.save(update_fields=["status"])


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.fixture
def meeting(locale):
    return matac_meeting(locale)


def _first(model_name: str, locale, meeting):
    if model_name == "nomination":
        return Nomination.objects.filter(status=NominationStatus.SELECTED).order_by("pk").first().pk
    if model_name == "waiting":
        return Nomination.objects.filter(status=NominationStatus.NOMINATED).order_by("pk").first().pk
    if model_name == "listing":
        return MatacListing.objects.order_by("pk").first().pk
    if model_name == "action":
        return MatacAction.objects.order_by("pk").first().pk
    return meeting.pk


# (url name, what fills its pk, persona, queries on SQLite, audit events). Every signed-in request costs 4 (session,
# user, authenticator, membership with its sharing agreement) and each audit event 4 (savepoint, last hash, insert,
# release), plus the advisory lock on PostgreSQL (`audit_lock_queries`).
PAGES = [
    ("matac:overview", None, "coordinator", 17, 1),
    ("matac:overview", None, "police_rep", 15, 1),
    ("matac:selection", None, "chair", 12, 1),
    ("matac:nominations", None, "police_rep", 10, 1),
    ("matac:nomination", "nomination", "coordinator", 13, 1),
    ("matac:nomination", "nomination", "police_rep", 13, 1),
    ("matac:decide", "waiting", "chair", 13, 1),
    ("matac:exit", "nomination", "chair", 13, 1),
    ("matac:meeting", "meeting", "coordinator", 21, 2),
    ("matac:meeting", "meeting", "housing_rep", 17, 2),
    ("matac:listing", "listing", "chair", 14, 1),
    ("matac:actions", None, "coordinator", 11, 1),
    ("matac:action", "action", "police_rep", 11, 1),  # one more for the reminders (none yet)
    ("matac:action_update", "action", "police_rep", 10, 1),
    ("matac:meeting_new", None, "coordinator", 7, 0),
    ("matac:nominate", None, "police_rep", 4, 0),
]


@pytest.mark.parametrize(("name", "pk_of", "persona", "queries", "events"), PAGES)
def test_query_count_is_pinned(locale, meeting, name, pk_of, persona, queries, events, django_assert_num_queries):
    _add(locale, meeting, 1, start=1)
    kwargs = {"pk": _first(pk_of, locale, meeting)} if pk_of else {}
    url = reverse(name, kwargs=kwargs)
    client = locale.client(persona)
    client.get(url)
    one = _count(client, url)
    _add(locale, meeting, 12, start=2)
    many = _count(client, url)
    assert many == one, f"{name} for {persona}: {one} queries with one nominee of each kind, {many} with 13"
    with django_assert_num_queries(queries + audit_lock_queries(events)):
        client.get(url)


def test_the_meeting_in_progress_costs_the_same(locale):
    meeting = matac_meeting(locale, status=MeetingStatus.IN_PROGRESS, days=0)
    confirm_declarations(locale, meeting, "coordinator", "police_rep")
    _add(locale, meeting, 1, start=1)
    url = reverse("matac:meeting", args=[meeting.pk])
    for persona in ("coordinator", "police_rep"):
        client = locale.client(persona)
        client.get(url)
        one = _count(client, url)
        _add(locale, meeting, 5, start=100 if persona == "coordinator" else 200)
        assert _count(client, url) == one, persona


def test_the_action_page_costs_the_same_however_many_reminders_it_had(locale, meeting, django_assert_num_queries):
    """The reminders read two queries (the notices, then their e-mails) however many notices the action had."""
    _add(locale, meeting, 1, start=1)
    action = MatacAction.objects.filter(owner_agency=locale.police).order_by("pk").first()
    url = reverse("matac:action", args=[action.pk])
    client = locale.client("police_rep")
    matac_action_notices_send()
    one = _count(client, url)
    for days in (1, 5, 9):  # moved due dates, each earning its own reminder and escalation
        MatacAction.objects.filter(pk=action.pk).update(due_date=timezone.localdate() - dt.timedelta(days=days))
        matac_action_notices_send()
    assert action.notices.count() == 8
    assert _count(client, url) == one
    with django_assert_num_queries(12 + audit_lock_queries(1)):
        client.get(url)
