"""The MARAC action "consider the perpetrator for MATAC" refers the case's perpetrators into MATAC for the owner
agency, in the action's own transaction, audited, by whichever path the action is created (the live meeting, the
co-ordination by deadline). The catalogue entry is recognised by its `effect`, never by its words."""

import datetime as dt
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from marac.actions.catalogue import DEFAULT_EFFECTS, catalogue_mark_default_effects
from marac.actions.models import Action, CatalogueAction, CatalogueEffect
from marac.actions.services import action_create
from marac.agencies.models import AgencyType
from marac.audit.models import AuditAction, AuditEvent
from marac.matac import scores
from marac.matac.models import Nomination, NominationReferral, NominationStatus, ReferralSource
from marac.matac.tests.factories import nomination_of
from marac.meetings import coordination
from marac.meetings.models import MeetingStatus
from marac.meetings.services import meeting_start
from marac.meetings.tests.coordination_factories import coordination_meeting
from marac.meetings.tests.factories import AgendaItemFactory, MeetingFactory, add_perpetrator, confirm_declarations

pytestmark = pytest.mark.django_db

MATAC_TEXT = next(text for (_kind, text), effect in DEFAULT_EFFECTS.items() if effect == "matac_referral")


@pytest.fixture
def consider_for_matac():
    return CatalogueAction.objects.get(effect=CatalogueEffect.MATAC_REFERRAL)


@pytest.fixture
def item(locale):
    """A case with two perpetrators on a live meeting in progress; police, housing and the IDVA service invited."""
    meeting = MeetingFactory(locality=locale.locality, invited=[locale.police, locale.housing, locale.idva_service])
    item = AgendaItemFactory(meeting=meeting, referral__referring_agency=locale.police)
    add_perpetrator(item.case, "Darren", "Vale", date_of_birth=dt.date(1984, 2, 9))
    add_perpetrator(item.case, "Lee", "Vale", date_of_birth=dt.date(1990, 7, 1))
    meeting_start(actor=locale.actor("chair"), meeting=meeting)
    confirm_declarations(locale, meeting, "chair", "coordinator")
    return item


def _due() -> str:
    return (timezone.localdate() + dt.timedelta(days=14)).isoformat()


def test_the_shipped_entry_carries_the_effect():
    entry = CatalogueAction.objects.get(agency_type=AgencyType.POLICE, text=MATAC_TEXT)
    assert entry.effect == CatalogueEffect.MATAC_REFERRAL
    assert CatalogueAction.objects.filter(effect=CatalogueEffect.MATAC_REFERRAL).count() == 1
    # The migration's marking leaves a row already marked, and marks one that lost it.
    CatalogueAction.objects.filter(pk=entry.pk).update(effect="")
    assert catalogue_mark_default_effects() == 1
    assert catalogue_mark_default_effects() == 0
    entry.refresh_from_db()
    assert entry.effect == CatalogueEffect.MATAC_REFERRAL


def test_agreeing_it_at_the_live_meeting_refers_each_perpetrator(locale, item, consider_for_matac):
    response = locale.client("chair").post(
        reverse("meetings:item_action_add", kwargs={"pk": item.pk}),
        {"owner_agency": locale.police.pk, "catalogue_action": consider_for_matac.pk, "due_date": _due()},
    )

    assert response.status_code == 302
    action = Action.objects.get()
    referrals = list(NominationReferral.objects.select_related("nomination__person").order_by("pk"))
    assert sorted(referral.nomination.person.full_name for referral in referrals) == ["Darren Vale", "Lee Vale"]
    for referral in referrals:
        assert referral.source == ReferralSource.PARTNER
        assert referral.referring_agency == locale.police  # the owner agency refers
        assert referral.referred_by == locale.memberships["chair"].user
        assert referral.marac_action == action
        assert f"MARAC action {action.pk}" in referral.reason and item.case.reference in referral.reason
        assert referral.nomination.status == NominationStatus.NOMINATED
        assert referral.score is not None
    audited = AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="matac.nominationreferral")
    assert audited.count() == 2 and all(event.case_id == item.case_id for event in audited)
    action_event = AuditEvent.objects.get(object_type="actions.action", action=AuditAction.CREATE)
    assert sorted(action_event.detail["matac_referrals"]) == sorted(referral.pk for referral in referrals)


def test_the_chair_is_told_the_perpetrators_are_referred(locale, item, consider_for_matac):
    response = locale.client("chair").post(
        reverse("meetings:item_action_add", kwargs={"pk": item.pk}),
        {"owner_agency": locale.police.pk, "catalogue_action": consider_for_matac.pk, "due_date": _due()},
        follow=True,
    )
    assert "The case's perpetrators are referred into MATAC for Riverside Police." in html.unescape(
        response.content.decode()
    )


def test_a_perpetrator_already_nominated_gets_a_further_referral(locale, item, consider_for_matac):
    darren = item.case.parties.get(person__given_name="Darren").person
    open_one = nomination_of(locale, darren, status=NominationStatus.SELECTED)
    action_create(
        actor=locale.actor("coordinator"),
        case=item.case,
        owner_agency=locale.police,
        text=consider_for_matac.text,
        due_date=timezone.localdate(),
        agenda_item=item,
        catalogue_action=consider_for_matac,
    )
    assert Nomination.objects.filter(person=darren).count() == 1
    assert open_one.referrals.count() == 2


def test_the_co_ordination_path_refers_too(locale, consider_for_matac):
    meeting = coordination_meeting(locale, status=MeetingStatus.IN_PROGRESS, due_in=dt.timedelta(days=3))
    item = AgendaItemFactory(meeting=meeting, referral__referring_agency=locale.police)
    add_perpetrator(item.case, "Darren", "Vale")
    action = coordination.coordination_action_add(
        actor=locale.actor("police_rep"),
        agenda_item=item,
        owner_agency=locale.police,
        text=consider_for_matac.text,
        due_date=timezone.localdate() + dt.timedelta(days=7),
        catalogue_action=consider_for_matac,
    )
    referral = NominationReferral.objects.get()
    assert referral.marac_action == action and referral.referred_by == locale.memberships["police_rep"].user


def test_it_is_the_effect_not_the_words(locale, item, consider_for_matac):
    # The locality rewords its entry: it still refers.
    consider_for_matac.text = "Put the perpetrator forward to the serial perpetrators' panel"
    consider_for_matac.save()
    # And an entry of its own with the old words but no effect refers nobody.
    lookalike = CatalogueAction.objects.create(agency_type=AgencyType.POLICE, text=MATAC_TEXT)
    for entry in (lookalike, consider_for_matac):
        action_create(
            actor=locale.actor("chair"),
            case=item.case,
            owner_agency=locale.police,
            text=entry.text,
            due_date=timezone.localdate(),
            agenda_item=item,
            catalogue_action=entry,
        )
    referrals = NominationReferral.objects.all()
    assert referrals.count() == 2
    assert {referral.marac_action.catalogue_action for referral in referrals} == {consider_for_matac}
    # Free text with the same words is not the catalogue entry either.
    action_create(
        actor=locale.actor("chair"),
        case=item.case,
        owner_agency=locale.police,
        text=MATAC_TEXT,
        due_date=timezone.localdate(),
        agenda_item=item,
    )
    assert NominationReferral.objects.count() == 2


def test_a_case_without_a_perpetrator_gets_the_action_alone(locale, consider_for_matac):
    meeting = MeetingFactory(locality=locale.locality, invited=[locale.police])
    item = AgendaItemFactory(meeting=meeting, referral__referring_agency=locale.police)
    meeting_start(actor=locale.actor("chair"), meeting=meeting)
    action_create(
        actor=locale.actor("chair"),
        case=item.case,
        owner_agency=locale.police,
        text=consider_for_matac.text,
        due_date=timezone.localdate(),
        agenda_item=item,
        catalogue_action=consider_for_matac,
    )
    assert Action.objects.count() == 1 and not Nomination.objects.exists()


def test_the_referral_and_the_action_stand_or_fall_together(locale, item, consider_for_matac, monkeypatch):
    def scoring_fails(**kwargs):
        raise RuntimeError("scoring unavailable")

    monkeypatch.setattr(scores, "score_people", scoring_fails)
    with pytest.raises(RuntimeError):
        action_create(
            actor=locale.actor("chair"),
            case=item.case,
            owner_agency=locale.police,
            text=consider_for_matac.text,
            due_date=timezone.localdate(),
            agenda_item=item,
            catalogue_action=consider_for_matac,
        )
    assert not Action.objects.exists()
    assert not Nomination.objects.exists() and not NominationReferral.objects.exists()
    assert not AuditEvent.objects.filter(object_type__in=["actions.action", "matac.nomination"]).exists()
