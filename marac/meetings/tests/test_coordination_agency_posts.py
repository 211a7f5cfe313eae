"""Co-ordination by deadline, the invited agencies' side: one page per case, their update and their own actions,
until the deadline."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from marac.actions.models import Action, CatalogueAction
from marac.actions.tests.factories import ActionFactory
from marac.agencies.models import AgencyType
from marac.audit.models import AuditAction, AuditEvent
from marac.meetings.coordination import coordination_action_add, coordination_update_post
from marac.meetings.models import MeetingStatus, Research, ResearchFinding
from marac.meetings.tests.coordination_factories import coordination_meeting
from marac.meetings.tests.factories import AgendaItemFactory, MeetingFactory, ResearchFactory, confirm_declarations

pytestmark = pytest.mark.django_db

POSTERS = ("police_rep", "housing_rep", "health_rep", "idva")


def list_on(locale, meeting):
    return AgendaItemFactory(meeting=meeting, referral__referring_agency=locale.police)


@pytest.fixture
def item(locale):
    """A case on a co-ordination that is open, due in three days; the invited agencies have confirmed the
    declaration."""
    meeting = coordination_meeting(locale, status=MeetingStatus.IN_PROGRESS, due_in=dt.timedelta(days=3))
    confirm_declarations(locale, meeting, *POSTERS, "coordinator")
    return list_on(locale, meeting)


def case_url(item) -> str:
    return reverse("meetings:coordination_case", kwargs={"pk": item.pk})


def action_url(item) -> str:
    return reverse("meetings:coordination_action_add", kwargs={"pk": item.pk})


def due_date() -> str:
    return (timezone.localdate() + dt.timedelta(days=14)).isoformat()


def test_the_case_page_shows_the_deadline_what_others_shared_and_the_risk_summary(locale, item):
    ResearchFactory(
        agenda_item=item, agency=locale.police, finding=ResearchFinding.KNOWN, details="Called out twice in May."
    )
    item.risk_summary = "Escalating threats since the separation."
    item.save()

    response = locale.client("housing_rep").get(case_url(item))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Updates and actions due by" in body
    assert "Called out twice in May." in body
    assert "Escalating threats since the separation." in body
    assert item.case.reference in body


def test_health_findings_keep_their_details_from_other_agencies(locale, item):
    item.case.idva_agency = locale.idva_service
    item.case.save()
    ResearchFactory(agenda_item=item, agency=locale.health, finding=ResearchFinding.KNOWN, details="Seen at A&E")

    housing = locale.client("housing_rep").get(case_url(item)).content.decode()
    idva = locale.client("idva").get(case_url(item)).content.decode()

    assert "Seen at A&amp;E" not in housing
    assert "Health details: shared with" in housing
    assert "Seen at A&amp;E" in idva  # the IDVA service allocated to the case sees the case in full


def test_an_agency_posts_its_update_and_posting_again_replaces_it(locale, item):
    client = locale.client("housing_rep")

    response = client.post(case_url(item), {"finding": ResearchFinding.KNOWN, "details": "Rent arrears since March."})
    assert response.status_code == 302
    client.post(case_url(item), {"finding": ResearchFinding.KNOWN, "details": "Arrears cleared; repairs pending."})

    research = Research.objects.get(agenda_item=item, agency=locale.housing)
    assert research.details == "Arrears cleared; repairs pending."
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE, object_type="meetings.research").exists()


def test_an_agency_posts_an_action_for_itself_from_the_catalogue_or_in_its_own_words(locale, item):
    client = locale.client("housing_rep")
    entry = CatalogueAction.objects.filter(agency_type=AgencyType.HOUSING, is_active=True).first()

    client.post(
        action_url(item), {"owner_agency": locale.housing.pk, "catalogue_action": entry.pk, "due_date": due_date()}
    )
    response = client.post(
        action_url(item), {"owner_agency": locale.housing.pk, "text": "Fit a door viewer", "due_date": due_date()}
    )

    assert response.status_code == 302
    actions = Action.objects.filter(agenda_item=item).order_by("pk")
    assert [action.text for action in actions] == [entry.text, "Fit a door viewer"]
    assert {action.owner_agency for action in actions} == {locale.housing}
    assert actions[0].catalogue_action == entry


def test_another_agency_as_owner_is_refused_by_the_page_and_the_service(locale, item):
    response = locale.client("housing_rep").post(
        action_url(item), {"owner_agency": locale.police.pk, "text": "Police to visit", "due_date": due_date()}
    )
    assert response.status_code == 200
    assert not Action.objects.exists()
    assert AuditEvent.objects.filter(action=AuditAction.DENIED, summary="Refused a choice the form never offered")

    with pytest.raises(ValidationError) as refused:
        coordination_action_add(
            actor=locale.actor("housing_rep"),
            agenda_item=item,
            owner_agency=locale.police,
            text="Police to visit",
            due_date=timezone.localdate(),
        )
    assert "each agency posts its own actions" in refused.value.message_dict["owner_agency"][0]
    assert not Action.objects.exists()


def test_after_the_deadline_nothing_more_is_posted_and_the_page_says_why(locale):
    meeting = coordination_meeting(locale, status=MeetingStatus.IN_PROGRESS, due_in=-dt.timedelta(hours=1))
    confirm_declarations(locale, meeting, "housing_rep")
    item = list_on(locale, meeting)
    client = locale.client("housing_rep")

    page = client.get(case_url(item)).content.decode()
    update = client.post(case_url(item), {"finding": ResearchFinding.NO_TRACE, "details": ""})
    action = client.post(action_url(item), {"owner_agency": locale.housing.pk, "text": "Late", "due_date": due_date()})

    assert "The deadline for updates and actions was" in page
    assert "Save your update" not in page
    for response in (update, action):
        assert response.status_code == 200
        assert "The deadline for updates and actions was" in response.content.decode()
    assert not Research.objects.exists()
    assert not Action.objects.exists()


def test_the_services_refuse_after_the_deadline(locale):
    meeting = coordination_meeting(locale, status=MeetingStatus.IN_PROGRESS, due_in=-dt.timedelta(minutes=1))
    item = list_on(locale, meeting)
    actor = locale.actor("police_rep")

    with pytest.raises(ValidationError, match="deadline for updates and actions was"):
        coordination_update_post(actor=actor, agenda_item=item, finding=ResearchFinding.NO_TRACE, details="")
    with pytest.raises(ValidationError, match="deadline for updates and actions was"):
        coordination_action_add(
            actor=actor, agenda_item=item, owner_agency=locale.police, text="Visit", due_date=timezone.localdate()
        )


def test_before_it_opens_the_agency_is_sent_to_its_research_and_after_it_closes_nothing_is_posted(locale):
    scheduled = coordination_meeting(locale, due_in=dt.timedelta(days=5))
    closed = coordination_meeting(locale, status=MeetingStatus.CLOSED, due_in=-dt.timedelta(days=5))
    before, after = list_on(locale, scheduled), list_on(locale, closed)
    client = locale.client("police_rep")

    page = client.get(case_url(before)).content.decode()
    assert "has not opened this co-ordination yet" in page
    assert reverse("meetings:research", kwargs={"pk": before.pk}) in page

    client.post(case_url(after), {"finding": ResearchFinding.NO_TRACE, "details": ""})
    assert "has closed" in client.get(case_url(after)).content.decode()
    assert not Research.objects.exists()


def test_an_agency_sees_its_own_actions_not_another_agencys(locale, item):
    ActionFactory(case=item.case, agenda_item=item, owner_agency=locale.police, text="Police: flag the address")
    ActionFactory(case=item.case, agenda_item=item, owner_agency=locale.housing, text="Housing: change the locks")

    body = locale.client("housing_rep").get(case_url(item)).content.decode()

    assert "Housing: change the locks" in body
    assert "Police: flag the address" not in body


@pytest.mark.parametrize("url", [case_url, action_url])
def test_an_agency_not_invited_gets_404(locale, item, url):
    client = locale.client("social_care_rep")
    response = client.get(url(item)) if url is case_url else client.post(url(item), {})

    assert response.status_code == 404
    assert AuditEvent.objects.filter(action=AuditAction.DENIED, actor=locale.memberships["social_care_rep"].user)


def test_the_service_refuses_an_agency_not_invited(locale, item):
    with pytest.raises(ValidationError, match="Only agencies invited"):
        coordination_update_post(
            actor=locale.actor("social_care_rep"), agenda_item=item, finding=ResearchFinding.NO_TRACE, details=""
        )


def test_the_coordinator_and_chair_do_not_post_as_an_agency(locale, item):
    for persona in ("coordinator", "chair"):
        assert locale.client(persona).get(case_url(item)).status_code == 404
        with pytest.raises(PermissionDenied):
            coordination_action_add(
                actor=locale.actor(persona),
                agenda_item=item,
                owner_agency=locale.actor(persona).agency,
                text="Anything",
                due_date=timezone.localdate(),
            )


def test_a_live_meeting_has_no_coordination_pages(locale):
    live = MeetingFactory(locality=locale.locality, status=MeetingStatus.IN_PROGRESS)
    confirm_declarations(locale, live, "police_rep")
    item = list_on(locale, live)
    client = locale.client("police_rep")

    assert client.get(case_url(item)).status_code == 404
    assert client.post(action_url(item), {}).status_code == 404
    assert client.get(reverse("meetings:coordination", kwargs={"pk": live.pk})).status_code == 404


def test_the_declaration_comes_first_while_the_coordination_is_open(locale):
    meeting = coordination_meeting(locale, status=MeetingStatus.IN_PROGRESS, due_in=dt.timedelta(days=1))
    item = list_on(locale, meeting)
    client = locale.client("police_rep")

    for response in (
        client.get(case_url(item)),
        client.get(reverse("meetings:coordination", kwargs={"pk": meeting.pk})),
        client.post(action_url(item), {"owner_agency": locale.police.pk, "text": "Visit", "due_date": due_date()}),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("meetings:declare", kwargs={"pk": meeting.pk}))
    assert not Action.objects.exists()


def test_the_case_list_shows_what_the_agency_has_posted(locale, item):
    ResearchFactory(agenda_item=item, agency=locale.police, finding=ResearchFinding.NO_TRACE)
    ActionFactory(case=item.case, agenda_item=item, owner_agency=locale.police)

    response = locale.client("police_rep").get(reverse("meetings:coordination", kwargs={"pk": item.meeting_id}))

    assert response.status_code == 200
    assert response.context["rows"][0][1] == 1
    assert response.context["rows"][0][0].own_research is not None
    assert case_url(item) in response.content.decode()
