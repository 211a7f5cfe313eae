"""The "must not see" list overrides every other rule, for every kind of record about the case."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from marac.access import policy
from marac.access.actor import Actor
from marac.access.models import CaseExclusion
from marac.access.services import case_exclusion_add, case_exclusion_remove
from marac.access.tests.world import build_world
from marac.audit.models import AuditAction, AuditEvent


@pytest.fixture
def world(locale):
    return build_world(locale)


def bar(locale, world, persona):
    return CaseExclusion.objects.create(
        case=world.case,
        user=locale.memberships[persona].user,
        reason="Sister of the perpetrator",
        added_by=locale.memberships["coordinator"].user,
        added_at=timezone.now(),
    )


@pytest.mark.parametrize("persona", ["coordinator", "chair", "idva", "housing_rep", "police_referrer"])
def test_a_barred_user_sees_nothing_of_the_case(locale, world, persona):
    bar(locale, world, persona)
    actor = locale.actor(persona)
    assert not policy.visible_cases(actor).filter(pk=world.case.pk).exists()
    assert not policy.visible_referrals(actor).filter(case=world.case).exists()
    assert not policy.visible_agenda_items(actor).filter(case=world.case).exists()
    assert not policy.visible_actions(actor).filter(case=world.case).exists()
    assert not policy.visible_report_backs(actor).filter(case=world.case).exists()


def test_the_bar_touches_no_one_else(locale, world):
    bar(locale, world, "housing_rep")
    assert policy.visible_cases(locale.actor("coordinator")).filter(pk=world.case.pk).exists()
    assert policy.visible_actions(locale.actor("coordinator")).filter(case=world.case).exists()


def test_a_barred_coordinator_gets_404_on_the_case_page_and_it_is_audited(locale, world):
    bar(locale, world, "coordinator")
    response = locale.client("coordinator").get(reverse("referrals:case_detail", args=[world.case.pk]))
    assert response.status_code == 404
    assert AuditEvent.objects.filter(action=AuditAction.DENIED, actor=locale.memberships["coordinator"].user).exists()


def test_the_coordinator_adds_and_lifts_a_bar(locale, world):
    relative = locale.memberships["housing_rep"].user
    url = reverse("access:case_exclusions", args=[world.case.pk])
    client = locale.client("coordinator")
    response = client.post(url, {"user": relative.pk, "reason": "Lives next door to the victim"})
    assert response.status_code == 302
    exclusion = CaseExclusion.objects.get(case=world.case, user=relative)
    assert locale.client("housing_rep").get(reverse("referrals:case_detail", args=[world.case.pk])).status_code == 404

    response = client.post(reverse("access:case_exclusion_remove", args=[world.case.pk, exclusion.pk]))
    assert response.status_code == 302
    assert not CaseExclusion.objects.filter(user=relative).exists()
    assert locale.client("housing_rep").get(reverse("referrals:case_detail", args=[world.case.pk])).status_code == 200
    summaries = list(AuditEvent.objects.filter(case=world.case).values_list("summary", flat=True))
    assert any("Barred user" in text for text in summaries) and any("Lifted the bar" in text for text in summaries)


def test_a_bar_needs_a_reason_and_a_member_of_the_locality(locale, world, other_locale):
    with pytest.raises(ValidationError, match="why"):
        case_exclusion_add(
            actor=locale.actor("coordinator"), case=world.case, user=locale.memberships["health_rep"].user, reason=" "
        )
    with pytest.raises(ValidationError, match="member of this locality"):
        case_exclusion_add(
            actor=locale.actor("coordinator"),
            case=world.case,
            user=other_locale.memberships["health_rep"].user,
            reason="Related",
        )
    response = locale.client("coordinator").post(
        reverse("access:case_exclusions", args=[world.case.pk]), {"user": "", "reason": ""}
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert CaseExclusion.objects.count() == 1  # only the world's own neighbour


def test_adding_twice_keeps_one_bar(locale, world):
    user = locale.memberships["health_rep"].user
    for _ in range(2):
        case_exclusion_add(actor=locale.actor("coordinator"), case=world.case, user=user, reason="Related")
    assert CaseExclusion.objects.filter(user=user).count() == 1
    case_exclusion_remove(actor=locale.actor("coordinator"), exclusion=CaseExclusion.objects.get(user=user))
    assert not CaseExclusion.objects.filter(user=user).exists()


def _mentions_the_list(queryset) -> bool:
    return CaseExclusion._meta.db_table in str(queryset.query)


def test_someone_on_no_list_has_no_list_in_their_queries(locale, world):
    """Most people are barred from nothing: their rules leave the list out (a fifth of the case page's CPU)."""
    actor = locale.actor("housing_rep")
    assert actor.barred_from_cases is False
    assert not _mentions_the_list(policy.visible_cases(actor))
    assert not _mentions_the_list(policy.visible_actions(actor))


def test_someone_on_a_list_has_it_in_every_query_and_the_request_knows_without_asking(
    locale, world, django_assert_num_queries
):
    bar(locale, world, "housing_rep")
    actor = locale.actor("housing_rep")
    with django_assert_num_queries(0):
        assert actor.barred_from_cases is True
    assert _mentions_the_list(policy.visible_cases(actor))
    assert _mentions_the_list(policy.visible_actions(actor))


def test_an_actor_made_without_the_request_asks_once(locale, world, django_assert_num_queries):
    bar(locale, world, "housing_rep")
    membership = locale.memberships["housing_rep"]
    actor = Actor(user=membership.user, membership=membership)
    with django_assert_num_queries(1):
        assert actor.barred_from_cases is True
        assert actor.barred_from_cases is True


def test_a_bar_added_applies_from_the_next_request(locale, world):
    client = locale.client("housing_rep")
    url = reverse("referrals:case_detail", args=[world.case.pk])
    assert client.get(url).status_code == 200
    bar(locale, world, "housing_rep")
    assert client.get(url).status_code == 404
