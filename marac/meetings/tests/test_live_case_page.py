"""One screen per case at the live meeting: the risk summary first, keyboard shortcuts, actions picked from the
catalogue by typing, and a number of queries that does not grow with the case's research, actions or history."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from marac.actions.models import Action, CatalogueAction
from marac.actions.services import action_create
from marac.actions.tests.test_action_create import due
from marac.audit.models import AuditEvent
from marac.meetings.models import CaseOutcome
from marac.meetings.services import (
    agenda_item_add,
    agenda_item_record_discussion,
    meeting_close,
    meeting_start,
)
from marac.meetings.tests.factories import MeetingFactory, ResearchFactory, confirm_declarations
from marac.risk.tests.factories import AssessmentFactory
from marac.testing.factories import ReferralFactory, UserFactory
from marac.testing.queries import audit_lock_queries

pytestmark = pytest.mark.django_db

INVITED = ("police", "idva_service", "housing", "childrens_social_care")


def run(locale, meeting):
    meeting_start(actor=locale.actor("chair"), meeting=meeting)
    confirm_declarations(locale, meeting, "chair", "coordinator")


def case_page(locale, item, persona="chair"):
    response = locale.client(persona).get(reverse("meetings:item", kwargs={"pk": item.pk}))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def repeat_case(locale, list_case):
    """A case heard at an earlier meeting, referred again since, with two assessments."""
    chair = locale.actor("chair")
    earlier = MeetingFactory(locality=locale.locality, scheduled_for=timezone.now() - dt.timedelta(days=60))
    first_item = list_case(earlier, referred_at=timezone.now() - dt.timedelta(days=70))
    meeting_start(actor=chair, meeting=earlier)
    agenda_item_record_discussion(actor=chair, agenda_item=first_item, discussion="", risk_summary="High")
    meeting_close(actor=chair, meeting=earlier, outcomes={first_item.pk: CaseOutcome.MONITORING})
    case = first_item.case
    AssessmentFactory(case=case, score=12, final_level="medium", assessed_at=timezone.now() - dt.timedelta(days=70))
    AssessmentFactory(case=case, score=17, final_level="high", assessed_at=timezone.now() - dt.timedelta(days=3))
    case.risk_level = "high"
    case.save()
    repeat = ReferralFactory(
        case=case,
        referring_agency=locale.housing,
        is_repeat=True,
        previous_referral=first_item.referral,
        referred_at=timezone.now() - dt.timedelta(days=3),
    )
    meeting = MeetingFactory(locality=locale.locality, invited=[getattr(locale, name) for name in INVITED])
    return agenda_item_add(actor=locale.actor("coordinator"), meeting=meeting, referral=repeat)


def test_the_risk_summary_comes_first(locale, repeat_case):
    page = case_page(locale, repeat_case)
    summary = page[page.index('id="risk-summary"') : page.index("</dl>", page.index('id="risk-summary"'))]
    assert page.index('id="risk-summary"') < page.index("What agencies found")
    assert "High" in summary
    assert "Score 17 on the Domestic abuse risk checklist (24 items)" in summary
    assert timezone.localtime(timezone.now() - dt.timedelta(days=3)).strftime("%-d %B %Y") in summary
    assert "Score 12" not in summary
    assert "Repeat</strong>" in summary
    assert "Professional judgement</strong>" in summary
    previous = timezone.localtime(timezone.now() - dt.timedelta(days=70)).strftime("%-d %B %Y")
    assert f"Yes: referred before on {previous}" in summary
    assert "1 earlier referral; heard at 1 earlier meeting" in summary


def test_a_first_referral_without_an_assessment(locale, meeting, list_case):
    page = case_page(locale, list_case(meeting))
    assert "Not assessed" in page
    assert "None recorded" in page
    assert "0 earlier referrals; heard at 0 earlier meetings" in page


def test_keyboard_shortcuts_are_announced_and_listed(locale, meeting, list_case):
    first, second, third = (list_case(meeting) for _ in range(3))
    run(locale, meeting)
    page = case_page(locale, second)
    next_url = reverse("meetings:item", kwargs={"pk": third.pk})
    assert f'href="{next_url}?from={second.pk}" rel="next" aria-keyshortcuts="n ]"' in page
    assert f'href="{reverse("meetings:item", kwargs={"pk": first.pk})}" rel="prev" aria-keyshortcuts="p ["' in page
    assert 'name="catalogue_action"' in page
    assert 'aria-keyshortcuts="a"' in page
    assert 'aria-keyshortcuts="d"' in page
    assert 'aria-keyshortcuts="r"' in page
    assert "Keyboard shortcuts</span></summary>" in page


def test_the_catalogue_is_offered_as_a_type_ahead_list(locale, meeting, list_case):
    item = list_case(meeting)
    run(locale, meeting)
    page = case_page(locale, item)
    assert 'list="id_catalogue_action-catalogue"' in page
    assert (
        '<option value="Police: Put a marker on the victim&#x27;s address so that any call from it is treated as '
        f'urgent" data-owner="{locale.police.pk}"></option>'
    ) in page
    # Health was not invited: its catalogue is not offered.
    assert "Flag the victim" not in page


@pytest.fixture
def live_item(locale, meeting, list_case):
    item = list_case(meeting)
    run(locale, meeting)
    return item


def add_action(locale, item, **data):
    return locale.client("chair").post(
        reverse("meetings:item_action_add", kwargs={"pk": item.pk}), {"due_date": due().isoformat(), **data}
    )


def test_a_few_words_and_enter_add_the_catalogue_action_with_its_owner(locale, live_item):
    response = add_action(locale, live_item, catalogue_action="mark", owner_agency="")
    assert response.status_code == 302
    action = Action.objects.get()
    marker = CatalogueAction.objects.get(text__startswith="Put a marker on the victim's address")
    assert (action.catalogue_action, action.text, action.owner_agency) == (marker, marker.text, locale.police)


def test_the_label_picked_from_the_list_is_the_action(locale, live_item):
    label = "Housing: Carry out security repairs to the victim's home as a priority"
    assert add_action(locale, live_item, catalogue_action=label).status_code == 302
    action = Action.objects.get()
    assert action.text == "Carry out security repairs to the victim's home as a priority"
    assert action.owner_agency == locale.housing


@pytest.mark.parametrize(
    "typed, message",
    [
        ("police", "catalogue actions match “police”. Type more of the words"),
        ("helicopter", "No catalogue action matches “helicopter”."),
    ],
)
def test_words_matching_several_actions_or_none_are_the_chairs_to_correct(locale, live_item, typed, message):
    response = add_action(locale, live_item, catalogue_action=typed, owner_agency=locale.police.pk)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Action.objects.exists()
    assert not AuditEvent.objects.filter(summary="Refused a choice the form never offered").exists()


def test_an_id_never_offered_is_refused_as_tampering(locale, live_item):
    health_only = CatalogueAction.objects.filter(agency_type="health").first()
    response = add_action(locale, live_item, catalogue_action=str(health_only.pk), owner_agency=locale.police.pk)
    assert response.status_code == 200
    assert not Action.objects.exists()
    assert AuditEvent.objects.filter(summary="Refused a choice the form never offered").exists()


def test_a_written_action_still_needs_its_owner(locale, live_item):
    response = add_action(locale, live_item, text="Visit her at work", owner_agency="")
    assert response.status_code == 200
    assert "Choose the agency that owns the action." in response.content.decode()
    assert not Action.objects.exists()


def test_an_owner_chosen_by_hand_is_kept(locale, live_item):
    response = add_action(locale, live_item, text="Visit her at work", owner_agency=locale.idva_service.pk)
    assert response.status_code == 302
    assert Action.objects.get().owner_agency == locale.idva_service


def _fill_case(locale, item, *, agencies, actions: int, assessments: int):
    submitted_by = UserFactory()
    for agency in agencies:
        ResearchFactory(agenda_item=item, agency=agency, submitted_by=submitted_by)
    for number in range(actions):
        action_create(
            actor=locale.actor("chair"),
            case=item.case,
            owner_agency=locale.police,
            text=f"Action {number}",
            due_date=due(),
            agenda_item=item,
        )
    for _ in range(assessments):
        AssessmentFactory(case=item.case)
    for _ in range(assessments):
        ReferralFactory(
            case=item.case, referring_agency=locale.police, referred_at=timezone.now() - dt.timedelta(days=9)
        )


# Sign-in, the memberships bringing the agreement check (4); the item with its risk summary, counts as subqueries (1);
# its aliases, parties, own and every agency's research, actions and latest assessment (6); the audit event of the view
# (4 with its savepoint); the declaration, the agencies, the earlier actions, the catalogue, the running order and the
# owner agencies offered (6). One more than before the risk summary: the latest assessment.
CASE_PAGE_QUERIES = 21


def test_the_case_page_runs_a_constant_number_of_queries(locale, meeting, list_case, django_assert_num_queries):
    small, large = list_case(meeting), list_case(meeting)
    run(locale, meeting)
    _fill_case(locale, small, agencies=[locale.police], actions=1, assessments=1)
    _fill_case(locale, large, agencies=[getattr(locale, name) for name in INVITED], actions=6, assessments=4)
    client = locale.client("chair")
    # Open each once first, moving on from one to the other: opening a case the first time also starts its clock.
    client.get(reverse("meetings:item", kwargs={"pk": small.pk}))
    client.get(reverse("meetings:item", kwargs={"pk": large.pk}), {"from": small.pk})

    for item in (small, large):
        with django_assert_num_queries(CASE_PAGE_QUERIES + audit_lock_queries(1)):
            client.get(reverse("meetings:item", kwargs={"pk": item.pk}))
