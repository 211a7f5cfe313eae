"""The people an import names are matched with the people the locality knows, in bulk, as a referral's are."""

import datetime as dt

from marac.incidents.imports.tests.factories import import_rows, row
from marac.incidents.models import Incident
from marac.people.models import Alias, Person
from marac.testing.factories import PersonFactory

VICTIM_BIRTH = dt.date(1991, 4, 12)
NO_PERPETRATOR = {"perpetrator_given_name": "", "perpetrator_family_name": "", "perpetrator_date_of_birth": ""}


def test_a_known_person_is_matched_ignoring_accents_case_and_punctuation(locale):
    known = PersonFactory(locality=locale.locality, given_name="Zoë", family_name="O'Neill", date_of_birth=VICTIM_BIRTH)
    outcome = import_rows(
        locale.actor("police_rep"),
        locale.police,
        [row("P-1", victim_given_name="ZOE", victim_family_name="o\u2019neill", victim_date_of_birth="12/04/1991")],
    )
    assert Incident.objects.get().victim == known
    assert outcome.people_matched == 1 and outcome.people_created == 1  # the perpetrator is new


def test_a_recorded_alias_matches(locale):
    known = PersonFactory(locality=locale.locality, given_name="Ilona", family_name="Kerr", date_of_birth=VICTIM_BIRTH)
    Alias.objects.create(person=known, name="Ilona Marsh")
    import_rows(locale.actor("police_rep"), locale.police, [row("P-1")])
    assert Incident.objects.get().victim == known


def test_no_match_on_another_date_of_birth_in_another_locality_or_with_a_merged_record(locale, other_locale):
    PersonFactory(locality=locale.locality, given_name="Ilona", family_name="Marsh", date_of_birth=dt.date(1991, 4, 13))
    PersonFactory(locality=other_locale.locality, given_name="Ilona", family_name="Marsh", date_of_birth=VICTIM_BIRTH)
    kept = PersonFactory(locality=locale.locality, given_name="Ilona", family_name="Kerr")
    PersonFactory(
        locality=locale.locality, given_name="Ilona", family_name="Marsh", date_of_birth=VICTIM_BIRTH, merged_into=kept
    )

    import_rows(locale.actor("police_rep"), locale.police, [row("P-1", **NO_PERPETRATOR)])

    victim = Incident.objects.get().victim
    assert victim.date_of_birth == VICTIM_BIRTH and victim.merged_into is None
    assert victim.locality == locale.locality
    assert Person.objects.filter(locality=locale.locality, normalised_name="ilona marsh").count() == 3


def test_the_oldest_of_two_matching_records_is_used(locale):
    oldest = PersonFactory(
        locality=locale.locality, given_name="Ilona", family_name="Marsh", date_of_birth=VICTIM_BIRTH
    )
    PersonFactory(locality=locale.locality, given_name="Ilona", family_name="Marsh", date_of_birth=VICTIM_BIRTH)
    import_rows(locale.actor("police_rep"), locale.police, [row("P-1")])
    assert Incident.objects.get().victim == oldest


def test_a_new_person_named_on_many_rows_is_created_once(locale):
    rows = [
        row("P-1"),
        row("P-2", victim_given_name="Ilóna", victim_family_name="MARSH"),
        # The victim of one row is the perpetrator of another: still one person.
        row(
            "P-3",
            victim_given_name="Daniel",
            victim_family_name="Quill",
            victim_date_of_birth="1988-08-12",
            perpetrator_given_name="Ilona",
            perpetrator_family_name="Marsh",
            perpetrator_date_of_birth="1991-04-12",
        ),
    ]
    outcome = import_rows(locale.actor("police_rep"), locale.police, rows)

    assert Person.objects.count() == 2 and outcome.people_created == 2
    ilona = Person.objects.get(date_of_birth=VICTIM_BIRTH)
    # The first row's spelling names the new record; its normalised name is the one a referral would compute.
    assert (ilona.given_name, ilona.family_name, ilona.normalised_name) == ("Ilona", "Marsh", "ilona marsh")
    assert set(Incident.objects.values_list("victim_id", flat=True)) == {
        ilona.pk,
        Person.objects.exclude(pk=ilona.pk).get().pk,
    }


def test_without_a_date_of_birth_nobody_is_matched_and_each_mention_is_a_record(locale):
    PersonFactory(locality=locale.locality, given_name="Ilona", family_name="Marsh", date_of_birth=None)
    no_births = {"victim_date_of_birth": "", "perpetrator_date_of_birth": ""}
    import_rows(locale.actor("police_rep"), locale.police, [row("P-1", **no_births), row("P-2", **no_births)])
    assert Person.objects.count() == 1 + 4
    first, second = Incident.objects.order_by("source_reference")
    assert first.victim != second.victim


def test_a_referral_later_finds_the_person_an_import_created(locale):
    from marac.people.matching import matching_people

    import_rows(locale.actor("police_rep"), locale.police, [row("P-1")])
    found = matching_people(locality=locale.locality, names=["Ilona Marsh"], date_of_birth=VICTIM_BIRTH)
    assert list(found) == [Incident.objects.get().victim]
