"""The review queue and the decision page: the coordinator of the locality only, every decision audited."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from marac.access.models import CaseExclusion
from marac.audit.models import AuditAction, AuditEvent
from marac.duplicates.models import CandidateStatus, DuplicateCandidate
from marac.duplicates.tests.factories import candidate_for
from marac.people.merging import person_merge
from marac.people.models import Person
from marac.testing.factories import CaseFactory, PersonFactory


@pytest.fixture
def pair(locale) -> DuplicateCandidate:
    victim = PersonFactory(
        locality=locale.locality, given_name="Katarzyna", family_name="Wiśniewska", postcode="RV1 2AB"
    )
    CaseFactory(locality=locale.locality, victim=victim)
    other = PersonFactory(
        locality=locale.locality, given_name="Katarzyna", family_name="Wisniewksa", postcode="RV1 2AB"
    )
    return candidate_for(victim, other, probability=0.9731)


def _decide(locale, candidate, **data):
    """As the browser sends it: a record to keep is always chosen (the older one, unless changed)."""
    data.setdefault("keep", str(candidate.person_a_id))
    return locale.client("coordinator").post(reverse("duplicates:detail", args=[candidate.pk]), data)


def test_the_queue_shows_both_records_side_by_side(locale, pair):
    response = locale.client("coordinator").get(reverse("duplicates:list"))

    assert response.status_code == 200
    body = response.content.decode()
    assert "Wiśniewska" in body and "Wisniewksa" in body
    assert "97%" in body
    assert "1 case, 0 incidents" in body and "0 cases, 0 incidents" in body


def test_pairs_to_decide_come_first(locale, pair):
    decided = candidate_for(PersonFactory(locality=locale.locality, family_name="Decided"), probability=0.99)
    decided.status = CandidateStatus.NOT_SAME
    decided.decided_at = timezone.now()
    decided.save()

    response = locale.client("coordinator").get(reverse("duplicates:list"))

    assert [candidate.pk for candidate in response.context["candidates"]] == [pair.pk, decided.pk]


def test_a_safe_address_postcode_is_withheld(locale, pair):
    Person.objects.filter(pk=pair.person_a_id).update(postcode="RF9 9ZZ", address_is_safe_address=True)

    for url in (reverse("duplicates:list"), reverse("duplicates:detail", args=[pair.pk])):
        body = locale.client("coordinator").get(url).content.decode()
        assert "RF9 9ZZ" not in body


@pytest.mark.parametrize("persona", ["chair", "idva", "police_rep", "admin", "auditor"])
def test_only_the_coordinator_reviews(locale, pair, persona):
    client = locale.client(persona)
    assert client.get(reverse("duplicates:list")).status_code == 404
    assert client.get(reverse("duplicates:detail", args=[pair.pk])).status_code == 404
    assert client.post(reverse("duplicates:detail", args=[pair.pk]), {"decision": "not_same"}).status_code == 404
    pair.refresh_from_db()
    assert pair.status == CandidateStatus.PENDING


def test_another_localitys_coordinator_gets_404(locale, other_locale, pair):
    client = other_locale.client("coordinator")

    assert client.get(reverse("duplicates:detail", args=[pair.pk])).status_code == 404
    assert pair.pk not in [c.pk for c in client.get(reverse("duplicates:list")).context["candidates"]]
    assert AuditEvent.objects.filter(
        action=AuditAction.DENIED, actor=other_locale.memberships["coordinator"].user
    ).exists()


def test_a_coordinator_barred_from_a_case_of_either_person_does_not_see_the_pair(locale, pair):
    coordinator = locale.memberships["coordinator"].user
    case = pair.person_a.cases_as_victim.get()
    CaseExclusion.objects.create(
        case=case, user=coordinator, reason="Knows the family", added_by=coordinator, added_at=timezone.now()
    )
    client = locale.client("coordinator")

    assert client.get(reverse("duplicates:detail", args=[pair.pk])).status_code == 404
    assert list(client.get(reverse("duplicates:list")).context["candidates"]) == []


def test_viewing_a_pair_is_audited_with_both_person_ids(locale, pair):
    locale.client("coordinator").get(reverse("duplicates:detail", args=[pair.pk]))

    event = AuditEvent.objects.get(action=AuditAction.VIEW, object_type="duplicates.duplicatecandidate")
    assert event.detail == {"person_a": pair.person_a_id, "person_b": pair.person_b_id}


def test_same_person_merges_into_the_record_chosen(locale, pair):
    response = _decide(locale, pair, decision="same", keep=str(pair.person_b_id), note="Same date of birth and flat")

    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.status == CandidateStatus.SAME_PERSON
    assert (pair.merge.kept_id, pair.merge.merged_id) == (pair.person_b_id, pair.person_a_id)
    assert pair.person_a.cases_as_victim.count() == 0
    assert Person.objects.get(pk=pair.person_a_id).merged_into_id == pair.person_b_id
    assert pair.decided_by == locale.memberships["coordinator"].user
    assert pair.note == "Same date of birth and flat"
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_type="duplicates.duplicatecandidate")
    assert event.detail["person_a"] == pair.person_a_id and event.detail["person_b"] == pair.person_b_id
    assert event.detail["kept"] == pair.person_b_id and event.detail["decision"] == CandidateStatus.SAME_PERSON


def test_not_the_same_is_recorded_and_nothing_merges(locale, pair):
    response = _decide(locale, pair, decision="not_same", note="Different people: checked with the IDVA")

    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.status == CandidateStatus.NOT_SAME
    assert pair.merge is None
    assert not Person.objects.filter(merged_into__isnull=False).exists()
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, object_type="duplicates.duplicatecandidate")
    assert event.detail == {
        "person_a": pair.person_a_id,
        "person_b": pair.person_b_id,
        "decision": CandidateStatus.NOT_SAME,
    }


def test_same_person_needs_the_record_to_keep(locale, pair):
    response = _decide(locale, pair, decision="same", keep="")

    assert response.status_code == 200
    assert "Choose which of the two records to keep." in response.content.decode()
    pair.refresh_from_db()
    assert pair.status == CandidateStatus.PENDING


def test_a_decided_pair_is_not_decided_twice(locale, pair):
    _decide(locale, pair, decision="not_same")

    response = _decide(locale, pair, decision="same", keep=str(pair.person_a_id))

    assert "This pair was already decided" in response.content.decode()
    pair.refresh_from_db()
    assert pair.status == CandidateStatus.NOT_SAME


def test_a_merge_is_undone_from_the_page_and_the_pair_can_be_decided_again(locale, pair):
    _decide(locale, pair, decision="same", keep=str(pair.person_a_id))
    client = locale.client("coordinator")

    response = client.post(reverse("duplicates:undo", args=[pair.pk]))

    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.status == CandidateStatus.UNDONE
    assert Person.objects.get(pk=pair.person_b_id).merged_into is None
    page = client.get(reverse("duplicates:detail", args=[pair.pk])).content.decode()
    assert "Record the decision" in page
    event = AuditEvent.objects.filter(action=AuditAction.UPDATE, object_type="duplicates.duplicatecandidate").latest(
        "pk"
    )
    assert event.detail["decision"] == CandidateStatus.UNDONE
    assert (event.detail["person_a"], event.detail["person_b"]) == (pair.person_a_id, pair.person_b_id)


def test_the_page_says_why_a_merge_cannot_be_undone_yet(locale, pair):
    _decide(locale, pair, decision="same", keep=str(pair.person_a_id))
    third = PersonFactory(locality=locale.locality, given_name="Kasia", family_name="Wiśniewska")
    person_merge(actor=locale.actor("coordinator"), kept=pair.person_a, merged=third)
    client = locale.client("coordinator")

    page = client.get(reverse("duplicates:detail", args=[pair.pk])).content.decode()
    assert "cannot be undone yet" in page
    response = client.post(reverse("duplicates:undo", args=[pair.pk]), follow=True)
    assert "undo that merge first" in response.content.decode()
    pair.refresh_from_db()
    assert pair.status == CandidateStatus.SAME_PERSON


def test_a_pair_whose_record_was_merged_elsewhere_leaves_the_queue(locale, pair):
    third = PersonFactory(locality=locale.locality, given_name="Kasia", family_name="Wiśniewska")
    person_merge(actor=locale.actor("coordinator"), kept=third, merged=pair.person_b)
    client = locale.client("coordinator")

    assert list(client.get(reverse("duplicates:list")).context["candidates"]) == []
    page = client.get(reverse("duplicates:detail", args=[pair.pk])).content.decode()
    assert "can no longer be merged" in page


def test_the_queue_costs_the_same_queries_whatever_its_length(locale, pair, django_assert_max_num_queries):
    client = locale.client("coordinator")
    client.get(reverse("duplicates:list"))  # warm the session and the agreement check
    with django_assert_max_num_queries(100) as few:
        client.get(reverse("duplicates:list"))
    for number in range(6):
        person = PersonFactory(locality=locale.locality, family_name=f"Many{number}", date_of_birth=dt.date(1980, 1, 1))
        CaseFactory(locality=locale.locality, victim=person)
        candidate_for(person)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("duplicates:list"))
    assert len(response.context["candidates"]) == 7
