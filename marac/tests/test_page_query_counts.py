"""Every page runs the same number of queries whether the data holds one of everything or several.

The pages are those of the URL walk (`marac/access/tests/test_url_walk.py`), which has a row for every URL: each page
answered to a GET is opened by the first persona in `PERSONA_ORDER` the rulebook lets in, on the walk's world (one
case) to which `grow` has added one of everything the pages list or show (around that case, its meetings and its
locality), and counted; then `grow` adds three more of everything, and the page is counted again. A page that reads
one more query for each row (an N+1) fails here, however the data grows on a national scale. The home page (each
person's dashboard) is counted for each role that works cases.

Each count is of the page's second request in its state: the first fills what a process caches (translations,
instruments), which a running server has long done.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from marac.access.models import CaseExclusion
from marac.access.tests.test_url_walk import RULES
from marac.access.tests.world import World, build_world
from marac.actions.models import Action, ActionChase, ActionNotice, ActionStatus, ActionUpdate, NoticeKind
from marac.agencies.models import Role
from marac.idva.models import ContactMethod, ReportBack, VictimContact
from marac.incidents.models import FlagReason, FlagResolution, ReferralFlag
from marac.incidents.tests.factories import IncidentFactory, perpetrator_of
from marac.meetings.models import AgendaItem, Meeting, MeetingStatus, Research, ResearchFinding
from marac.people.models import Alias
from marac.perpetrators.tests.factories import breach_of, order_on, programme_agency, programme_for, respond
from marac.referrals.models import CaseParty, CaseStatus, LegalHold, PartyRole
from marac.risk.models import ReviewEvent, ReviewTrigger
from marac.risk.tests.factories import AssessmentFactory
from marac.testing.factories import MembershipFactory, PersonFactory, ReferralFactory
from marac.transfers.tests.factories import TransferFactory

pytestmark = pytest.mark.django_db

# Who opens each page: the first of these the rulebook lets in, those who see the most first.
PERSONA_ORDER = (
    "coordinator",
    "chair",
    "idva",
    "police_rep",
    "housing_rep",
    "health_rep",
    "social_care_rep",
    "police_referrer",
    "admin",
    "analyst",
    "auditor",
)
ONE, SEVERAL = range(0, 1), range(1, 4)  # the world with one more of everything; then with four
OTHER_SURNAMES = ("Ashby", "Colley", "Dunmore", "Eastwood", "Fairley")
PAGES = sorted(name for name, (method, _fill, _allowed) in RULES.items() if method == "get")


def grow(locale, world: World, rows: range) -> None:
    """One more of everything the pages list or show for each of `rows`, around the world's case, its meetings and
    its locality."""
    now = timezone.now()
    today = timezone.localdate()
    case = world.case
    coordinator = locale.memberships["coordinator"].user
    referrer = locale.memberships["police_referrer"].user
    idva = locale.memberships["idva"].user
    held_item = AgendaItem.objects.get(meeting=world.held_meeting, case=case)
    perpetrator = perpetrator_of(case)
    for index in rows:
        # Another case of the locality referred by the police, heard at the held meeting and listed on the next.
        other = ReferralFactory(
            case__locality=locale.locality,
            case__idva_agency=locale.idva_service,
            case__status=CaseStatus.LISTED,
            referring_agency=locale.police,
            referred_by=referrer,
        )
        other_held = AgendaItem.objects.create(
            meeting=world.held_meeting, case=other.case, referral=other, position=index + 2, outcome="monitoring"
        )
        other_next = AgendaItem.objects.create(
            meeting=world.upcoming_meeting, case=other.case, referral=other, position=index + 2
        )
        for item in (other_held, other_next):
            for agency in (locale.police, locale.housing, locale.health, locale.idva_service):
                Research.objects.create(
                    agenda_item=item,
                    agency=agency,
                    finding=ResearchFinding.KNOWN,
                    details="Known: two call-outs this year.",
                    submitted_by=coordinator,
                    submitted_at=now,
                )
        ReportBack.objects.create(
            case=other.case, meeting=world.held_meeting, agency=locale.idva_service, due_date=today
        )
        # The world's case referred again, assessed again, with more people, names, contact and reviews.
        ReferralFactory(
            case=case,
            referring_agency=locale.police,
            referred_by=referrer,
            is_repeat=True,
            previous_referral=world.referral,
        )
        AssessmentFactory(case=case, assessed_by=coordinator, assessed_at=now - dt.timedelta(days=index + 1))
        CaseParty.objects.create(case=case, person=PersonFactory(locality=locale.locality), role=PartyRole.CHILD)
        CaseParty.objects.create(case=case, person=PersonFactory(locality=locale.locality), role=PartyRole.PERPETRATOR)
        Alias.objects.create(person=case.victim, name=f"Zoe {OTHER_SURNAMES[index % len(OTHER_SURNAMES)]}")
        VictimContact.objects.create(
            case=case, agency=locale.idva_service, recorded_by=idva, contacted_at=now, method=ContactMethod.PHONE
        )
        ReviewTrigger.objects.create(
            case=case,
            event=ReviewEvent.NEW_INCIDENT,
            event_at=now,
            review_due=now + dt.timedelta(days=2),
            recorded_by=coordinator,
            agency=locale.police,
            recorded_at=now,
        )
        # Actions: housing's and the police's, on both cases, with the world's action's trail growing.
        for owner in (locale.housing, locale.police):
            for on_case, item in ((case, held_item), (other.case, other_held)):
                Action.objects.create(
                    case=on_case,
                    agenda_item=item,
                    owner_agency=owner,
                    text=f"Action {index}",
                    due_date=today + dt.timedelta(days=index - 1),
                    created_by=coordinator,
                    created_at=now,
                )
        ActionUpdate.objects.create(
            action=world.action,
            author=locale.memberships["housing_rep"].user,
            agency=locale.housing,
            created_at=now,
            status_before=ActionStatus.OPEN,
            status_after=ActionStatus.IN_PROGRESS,
            note="Locksmith booked.",
        )
        ActionChase.objects.create(
            action=world.action,
            chased_by=idva,
            chased_by_agency=locale.idva_service,
            chased_agency=locale.housing,
            note="She is still waiting.",
            chased_at=now,
        )
        ActionNotice.objects.create(
            action=world.action,
            kind=NoticeKind.REMINDER,
            recipient="owner_agency",
            agency=locale.housing,
            due_date=today + dt.timedelta(days=index + 10),
            sent_at=now,
        )
        # Meetings before and after, with the same agencies invited.
        for days, status in ((-14 * (index + 2), MeetingStatus.CLOSED), (14 * (index + 2), MeetingStatus.SCHEDULED)):
            meeting = Meeting.objects.create(
                locality=locale.locality, scheduled_for=now + dt.timedelta(days=days), status=status
            )
            meeting.invited_agencies.set(world.upcoming_meeting.invited_agencies.all())
        # Incidents about the world's victim, recorded by the police, and flags raised on her and resolved.
        incident = IncidentFactory(
            locality=locale.locality, source_agency=locale.police, victim=case.victim, perpetrator=perpetrator
        )
        flag = ReferralFlag.objects.create(
            locality=locale.locality,
            person=case.victim,
            reason=FlagReason.REPEAT,
            raised_at=now,
            resolved_at=now,
            resolution=FlagResolution.NOT_NEEDED,
            resolution_note="Already on the next meeting.",
            resolved_by=coordinator,
        )
        flag.incidents.set([incident])
        # Orders protecting her, breached and answered, and a programme for him.
        order = order_on(case, owner=locale.police, perpetrator=perpetrator, ends_in_days=30 + index)
        respond(breach_of(order, agency=locale.housing), agency=locale.police, hours=index + 1)
        programme_for(case, agency=programme_agency(locale.locality), perpetrator=perpetrator)
        # Who may not see the case, its lifted holds, and cases transferred away.
        barred = MembershipFactory(agency=locale.health, role=Role.AGENCY_REP).user
        CaseExclusion.objects.create(case=case, user=barred, reason="Related", added_by=coordinator, added_at=now)
        LegalHold.objects.create(
            case=case,
            reason="A claim was expected.",
            placed_by=coordinator,
            placed_at=now - dt.timedelta(days=10),
            lifted_by=coordinator,
            lifted_at=now - dt.timedelta(days=5),
            lift_reason="The claim was settled.",
        )
        TransferFactory(sending_case=other.case, requested_by=coordinator)


def _counted(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(queries)


def test_every_page_of_the_walk_is_counted_here():
    assert PAGES, "the URL walk lists no pages"
    assert "home" in PAGES and "referrals:case_detail" in PAGES


@pytest.mark.parametrize("url_name", PAGES)
def test_the_page_runs_as_many_queries_with_several_rows_as_with_one(locale, url_name):
    _method, fill, allowed = RULES[url_name]
    persona = next(persona for persona in PERSONA_ORDER if persona in allowed)
    world = build_world(locale)
    url = reverse(url_name, kwargs=fill(world))
    client = locale.client(persona)

    grow(locale, world, ONE)
    with_one = _counted(client, url)
    grow(locale, world, SEVERAL)
    with_several = _counted(client, url)

    assert with_several == with_one, f"{url_name} as {persona}: {with_one} queries, then {with_several}"


@pytest.mark.parametrize("persona", ["coordinator", "chair", "idva", "housing_rep", "police_referrer"])
def test_the_home_page_dashboard_runs_as_many_queries_with_several_rows_as_with_one(locale, persona):
    world = build_world(locale)
    client = locale.client(persona)
    url = reverse("home")

    grow(locale, world, ONE)
    with_one = _counted(client, url)
    grow(locale, world, SEVERAL)
    with_several = _counted(client, url)

    assert with_several == with_one
