"""The same person is found again whatever the spelling, accents or alias a referral uses."""

import datetime as dt

from marac.people.models import Alias, Person
from marac.referrals.models import Case, CaseParty, PartyRole
from marac.referrals.tests.factories import PERPETRATOR_DOB, perpetrator, refer, victim


def test_accents_case_and_punctuation_do_not_matter(locale):
    first = refer(locale, victim=victim(given_name="Zoë", family_name="O'Neill", aliases=[]))

    second = refer(locale, victim=victim(given_name="zoe", family_name="oneill", aliases=[]))

    assert second.case == first.case
    assert second.referral.is_repeat


def test_a_recorded_alias_matches(locale):
    first = refer(locale, victim=victim(aliases=["Zoe Marsh"]))

    second = refer(locale, victim=victim(given_name="Zoe", family_name="Marsh", aliases=[]))

    assert second.case == first.case
    assert second.referral.is_repeat


def test_an_alias_given_now_matches_the_recorded_name(locale):
    first = refer(locale, victim=victim(aliases=[]))

    second = refer(locale, victim=victim(given_name="Zoe", family_name="Marsh", aliases=["Zoë O'Neill"]))

    assert second.case == first.case
    person = first.case.victim
    assert set(Alias.objects.filter(person=person).values_list("name", flat=True)) == {"Zoe Marsh"}


def test_a_different_date_of_birth_is_a_different_person(locale):
    first = refer(locale)

    second = refer(locale, victim=victim(date_of_birth=dt.date(1992, 4, 12)))

    assert second.case != first.case
    assert second.case.victim != first.case.victim
    assert not second.referral.is_repeat


def test_a_newer_referral_brings_the_victim_s_details_up_to_date(locale):
    first = refer(locale)

    refer(locale, victim=victim(address="Refuge", postcode="RV9 9ZZ", address_is_safe_address=True, phone=""))

    person = Person.objects.get(pk=first.case.victim.pk)
    assert (person.address, person.postcode, person.address_is_safe_address) == ("Refuge", "RV9 9ZZ", True)
    assert person.phone == "07700 900123"  # not given this time, so kept


def test_a_perpetrator_is_reused_across_cases_when_name_and_birth_date_match(locale):
    first = refer(locale, perpetrators=[perpetrator()])
    other_victim = victim(given_name="Priya", family_name="Shah", date_of_birth=dt.date(1985, 1, 1), aliases=[])

    second = refer(locale, victim=other_victim, perpetrators=[perpetrator(given_name="DALE")])

    assert second.case != first.case
    first_party = CaseParty.objects.get(case=first.case, role=PartyRole.PERPETRATOR)
    second_party = CaseParty.objects.get(case=second.case, role=PartyRole.PERPETRATOR)
    assert first_party.person == second_party.person
    assert first_party.person.date_of_birth == PERPETRATOR_DOB


def test_a_perpetrator_without_a_birth_date_is_not_merged_across_the_locality(locale):
    refer(locale, perpetrators=[perpetrator(date_of_birth=None)])
    other_victim = victim(given_name="Priya", family_name="Shah", date_of_birth=dt.date(1985, 1, 1), aliases=[])

    refer(locale, victim=other_victim, perpetrators=[perpetrator(date_of_birth=None)])

    assert Person.objects.filter(normalised_name="dale brack").count() == 2


def test_on_a_repeat_the_case_s_perpetrator_is_found_by_name_alone(locale):
    first = refer(locale, perpetrators=[perpetrator(date_of_birth=None)])

    refer(locale, perpetrators=[perpetrator(given_name="Dale", family_name="Brack")])

    party = CaseParty.objects.get(case=first.case, role=PartyRole.PERPETRATOR)
    assert party.person.date_of_birth == PERPETRATOR_DOB  # learnt from the repeat
    assert Case.objects.count() == 1
    assert Person.objects.filter(normalised_name="dale brack").count() == 1
