"""Recording people from referrals: create, reuse and bring up to date, each audited."""

import datetime as dt

from marac.audit.models import AuditAction, AuditEvent
from marac.people.ages import age_on, is_child_on
from marac.people.models import Person
from marac.people.services import PersonDetails, person_find_or_create, person_update

DOB = dt.date(1991, 4, 12)


def details(**overrides) -> PersonDetails:
    values = {"given_name": "Zoë", "family_name": "O'Neill", "date_of_birth": DOB, "aliases": ["Zoe Marsh"]}
    return PersonDetails(**{**values, **overrides})


def test_a_new_person_is_recorded_with_aliases_and_audited(locale):
    match = person_find_or_create(actor=locale.actor("police_referrer"), locality=locale.locality, details=details())

    assert match.created
    assert list(match.person.aliases.values_list("name", flat=True)) == ["Zoe Marsh"]
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="people.person").count() == 1


def test_an_existing_person_is_reused_and_updated_field_names_audited(locale):
    actor = locale.actor("police_referrer")
    first = person_find_or_create(actor=actor, locality=locale.locality, details=details()).person

    again = person_find_or_create(
        actor=actor, locality=locale.locality, details=details(given_name="Zoe", phone="07700 900999", aliases=[])
    )

    assert not again.created
    assert again.person == first
    assert again.updated_fields == ("phone",)  # "Zoe O'Neill" is the same name, not a new alias
    assert Person.objects.count() == 1
    event = AuditEvent.objects.get(action=AuditAction.UPDATE)
    assert event.detail == {"fields": ["phone"]}
    assert "07700" not in str(event.detail)


def test_nothing_new_changes_nothing(locale):
    actor = locale.actor("police_referrer")
    person = person_find_or_create(actor=actor, locality=locale.locality, details=details()).person
    assert person_update(actor=actor, person=person, details=details()) == ()
    assert not AuditEvent.objects.filter(action=AuditAction.UPDATE).exists()


def test_an_address_is_replaced_with_its_safe_address_flag(locale):
    actor = locale.actor("police_referrer")
    person = person_find_or_create(
        actor=actor, locality=locale.locality, details=details(address="Refuge", address_is_safe_address=True)
    ).person

    person_update(actor=actor, person=person, details=details(address="New flat", postcode="RV1 1AA"))

    person.refresh_from_db()
    assert (person.address, person.postcode, person.address_is_safe_address) == ("New flat", "RV1 1AA", False)


def test_not_known_never_overwrites_what_is_known(locale):
    actor = locale.actor("police_referrer")
    person = person_find_or_create(
        actor=actor, locality=locale.locality, details=details(ethnicity="asian", safe_to_call=False)
    ).person

    person_update(actor=actor, person=person, details=details())

    person.refresh_from_db()
    assert (person.ethnicity, person.safe_to_call) == ("asian", False)


def test_a_case_s_people_are_matched_by_name_even_without_a_birth_date(locale):
    actor = locale.actor("police_referrer")
    known = person_find_or_create(
        actor=actor, locality=locale.locality, details=details(given_name="Dale", family_name="Brack", aliases=[])
    ).person

    match = person_find_or_create(
        actor=actor,
        locality=locale.locality,
        details=details(given_name="dale", family_name="BRACK", date_of_birth=None, aliases=[]),
        prefer=[known],
    )

    assert match.person == known


def test_ages():
    assert age_on(dt.date(2008, 11, 26), dt.date(2026, 11, 25)) == 17
    assert age_on(dt.date(2008, 11, 26), dt.date(2026, 11, 26)) == 18
    assert is_child_on(dt.date(2008, 11, 26), dt.date(2026, 11, 25))
    assert not is_child_on(dt.date(2008, 11, 26), dt.date(2026, 11, 26))
    assert not is_child_on(None, dt.date(2026, 11, 26))
