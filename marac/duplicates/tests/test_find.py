"""Filling the queue: duplicates among a locality's people are queued once, different people are not, and a pair
decided "not the same" never comes back."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from bench.generate_people import generate
from marac.audit.models import AuditEvent
from marac.duplicates.exact import candidates_for_person
from marac.duplicates.finding import duplicates_find
from marac.duplicates.models import CandidateStatus, DuplicateCandidate, MatchMethod
from marac.people.models import Alias, Person
from marac.people.services import PersonDetails, person_create
from marac.testing.factories import PersonFactory

# (label, first record, second record): given name, family name, date of birth, postcode, other names.
SAME_PERSON = (
    (
        "typo in the surname",
        ("Katarzyna", "Wiśniewska", "1987-03-14", "RV1 2AB", ()),
        ("Katarzyna", "Wisniewksa", "1987-03-14", "RV1 2AB", ()),
    ),
    (
        "day and month swapped",
        ("Siobhán", "O'Neill", "1985-04-09", "OK7 2DW", ()),
        ("Siobhan", "ONeill", "1985-09-04", "OK7 2DW", ()),
    ),
    (
        "known under another name",
        ("Zofia", "Nowak", "1991-07-23", "RV4 8PL", ("Zosia Kowalska",)),
        ("Zosia", "Kowalska", "1991-07-23", "", ()),
    ),
)
DIFFERENT_PEOPLE = (
    (
        "mother and son at one address",
        ("Dorota", "Nowakowska", "1975-02-11", "RV2 3CD", ()),
        ("Kamil", "Nowakowski", "2005-08-30", "RV2 3CD", ()),
    ),
    (
        "same name, born decades apart",
        ("Gareth", "Llewellyn", "1952-07-19", "TB2 4GG", ()),
        ("Gareth", "Llewellyn", "1994-12-03", "HW8 3PL", ()),
    ),
)


def _person(locality, given, family, born, postcode, aliases) -> Person:
    person = PersonFactory(
        locality=locality,
        given_name=given,
        family_name=family,
        date_of_birth=dt.date.fromisoformat(born) if born else None,
        postcode=postcode,
        address=f"1 Test Street, {postcode}" if postcode else "",
    )
    for alias in aliases:
        Alias.objects.create(person=person, name=alias)
    return person


GENERATED = generate(24, seed=5)


def _population(locality) -> dict[str, tuple[Person, Person]]:
    """Two dozen synthetic records (some of one person, see `GENERATED.truth`) and the hand-written pairs."""
    for record_id, given, surname, born, address, postcode, _ in GENERATED.rows:
        PersonFactory(
            locality=locality,
            given_name=given.strip(),
            family_name=surname.strip(),
            date_of_birth=dt.date.fromisoformat(born) if born else None,
            address=address,
            postcode=postcode,
            school=record_id,  # which generated record this is, for the test to look up its truth
        )
    return {
        label: (_person(locality, *first), _person(locality, *second))
        for label, first, second in SAME_PERSON + DIFFERENT_PEOPLE
    }


def _queued(first: Person, second: Person) -> DuplicateCandidate | None:
    low, high = sorted((first.pk, second.pk))
    return DuplicateCandidate.objects.filter(person_a_id=low, person_b_id=high).first()


@pytest.fixture
def population(locale):
    return _population(locale.locality)


def test_duplicates_are_queued_and_different_people_are_not(locale, population):
    result = duplicates_find(locality=locale.locality)

    assert result.added == DuplicateCandidate.objects.count() > 0
    for label, *_ in SAME_PERSON:
        candidate = _queued(*population[label])
        assert candidate is not None, label
        assert candidate.status == CandidateStatus.PENDING
        assert candidate.match_probability >= 0.9
    for label, *_ in DIFFERENT_PEOPLE:
        assert _queued(*population[label]) is None, label


def test_most_generated_duplicates_are_queued_with_at_most_one_false_pair(locale, population):
    duplicates_find(locality=locale.locality)

    cluster_of_record = {record_id: cluster for record_id, cluster, _ in GENERATED.truth}
    cluster_of = {
        pk: cluster_of_record[record_id]
        for pk, record_id in Person.objects.exclude(school="").values_list("pk", "school")
    }
    true_pairs = {(a, b) for a in cluster_of for b in cluster_of if a < b and cluster_of[a] == cluster_of[b]}
    queued = {
        (a, b)
        for a, b in DuplicateCandidate.objects.values_list("person_a_id", "person_b_id")
        if a in cluster_of and b in cluster_of
    }
    assert len(true_pairs) >= 3
    assert len(queued & true_pairs) / len(true_pairs) >= 0.75
    assert len(queued - true_pairs) <= 1


def test_the_exact_rule_is_told_apart_from_probabilistic_linkage(locale, population):
    duplicates_find(locality=locale.locality)

    assert _queued(*population["day and month swapped"]).method == MatchMethod.EXACT
    assert _queued(*population["known under another name"]).method == MatchMethod.EXACT
    assert _queued(*population["typo in the surname"]).method == MatchMethod.PROBABILISTIC


def test_a_second_run_queues_nothing(locale, population):
    first = duplicates_find(locality=locale.locality)
    queued = set(DuplicateCandidate.objects.values_list("pk", "person_a_id", "person_b_id", "status"))

    second = duplicates_find(locality=locale.locality)

    assert second.added == 0
    assert second.pairs == first.pairs
    assert set(DuplicateCandidate.objects.values_list("pk", "person_a_id", "person_b_id", "status")) == queued


def test_a_pair_decided_not_the_same_is_never_proposed_again(locale, population):
    duplicates_find(locality=locale.locality)
    candidate = _queued(*population["typo in the surname"])
    candidate.status = CandidateStatus.NOT_SAME
    candidate.save()

    duplicates_find(locality=locale.locality)

    pairs = DuplicateCandidate.objects.filter(person_a=candidate.person_a, person_b=candidate.person_b)
    assert list(pairs.values_list("pk", "status")) == [(candidate.pk, CandidateStatus.NOT_SAME)]


def test_a_merged_record_is_not_matched(locale):
    kept = _person(locale.locality, "Katarzyna", "Wiśniewska", "1987-03-14", "RV1 2AB", ())
    merged = _person(locale.locality, "Katarzyna", "Wisniewksa", "1987-03-14", "RV1 2AB", ())
    Person.objects.filter(pk=merged.pk).update(merged_into=kept)
    _population(locale.locality)

    duplicates_find(locality=locale.locality)

    assert not DuplicateCandidate.objects.filter(person_b=merged).exists()
    assert not DuplicateCandidate.objects.filter(person_a=merged).exists()


def test_other_localities_are_left_alone(locale, other_locale, population):
    _person(other_locale.locality, "Katarzyna", "Wiśniewska", "1987-03-14", "RV1 2AB", ())

    duplicates_find(locality=locale.locality)

    assert not DuplicateCandidate.objects.exclude(locality=locale.locality).exists()
    assert set(DuplicateCandidate.objects.values_list("person_a__locality", "person_b__locality")) == {
        (locale.locality.pk, locale.locality.pk)
    }


def test_the_run_is_audited_with_counts_only(locale, population):
    result = duplicates_find(locality=locale.locality)

    event = AuditEvent.objects.get(object_type="agencies.locality", object_id=str(locale.locality.pk))
    assert event.actor is None
    assert event.detail["added"] == result.added
    assert event.detail["people"] == result.people
    trail = f"{event.summary} {event.detail}"
    for person in Person.objects.all():
        assert person.family_name not in trail


def test_the_command_reports_progress_on_stderr_and_queues_once(locale, other_locale, population):
    out, err = io.StringIO(), io.StringIO()
    call_command("find_duplicates", "--locality", locale.locality.name, "--threshold", "0.9", stdout=out, stderr=err)
    added = DuplicateCandidate.objects.count()

    assert f"Queued {added} new possible duplicates." in out.getvalue()
    assert "pairs of people at or above 0.9" in err.getvalue()

    out = io.StringIO()
    call_command("find_duplicates", stdout=out, stderr=io.StringIO())
    assert "Queued 0 new possible duplicates." in out.getvalue()
    assert DuplicateCandidate.objects.count() == added


@pytest.mark.parametrize("arguments", [("--threshold", "0"), ("--threshold", "1.5"), ("--locality", "Nowhere")])
def test_the_command_refuses_bad_arguments(locale, arguments):
    with pytest.raises(CommandError):
        call_command("find_duplicates", *arguments, stdout=io.StringIO(), stderr=io.StringIO())


def test_a_new_record_is_queued_against_exact_matches(locale):
    existing = _person(locale.locality, "Siobhán", "O'Neill", "1985-04-09", "OK7 2DW", ())
    names_swapped = _person(locale.locality, "ONeill", "Siobhan", "1985-04-09", "", ())
    different_birthday = _person(locale.locality, "Siobhan", "O'Neill", "1985-04-10", "", ())
    new = _person(locale.locality, "Siobhan", "ONeill", "1985-09-04", "", ())

    queued = candidates_for_person(actor=locale.actor("coordinator"), person=new)

    assert {(c.person_a_id, c.person_b_id) for c in queued} == {
        (existing.pk, new.pk),
        (names_swapped.pk, new.pk),
    }
    assert {c.method for c in queued} == {MatchMethod.EXACT}
    assert different_birthday.pk not in {c.person_a_id for c in queued}
    assert candidates_for_person(actor=locale.actor("coordinator"), person=new) == []


def test_recording_a_person_queues_the_exact_matches_at_once(locale):
    existing = _person(locale.locality, "Amara", "Okafor", "1990-03-07", "", ())

    recorded = person_create(
        actor=locale.actor("police_rep"),
        locality=locale.locality,
        details=PersonDetails(given_name="Okafor", family_name="Amara", date_of_birth=dt.date(1990, 7, 3)),
    )

    candidate = DuplicateCandidate.objects.get()
    assert (candidate.person_a_id, candidate.person_b_id) == (existing.pk, recorded.pk)
    assert candidate.method == MatchMethod.EXACT and candidate.decided_at is None
