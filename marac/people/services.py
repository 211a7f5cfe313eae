"""Writes for people: record a person named in a referral, or bring an existing record up to date."""

import datetime as dt
from dataclasses import dataclass, field, fields

from django.db import models, transaction

from marac.access.actor import Actor
from marac.agencies.models import Locality
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.duplicates.exact import candidates_for_person
from marac.people.matching import matching_people, name_keys
from marac.people.models import Alias, Person
from marac.people.normalise import normalise_name

NOT_KNOWN = "not_known"

# The address and whether it is a safe address describe one place: they are replaced together or not at all.
ADDRESS_FIELDS = ("address", "postcode", "address_is_safe_address")


@dataclass
class PersonDetails:
    """What a referral says about one person. Blank, None and 'not known' mean 'not given'."""

    given_name: str
    family_name: str = ""
    date_of_birth: dt.date | None = None
    aliases: list[str] = field(default_factory=list)
    gender: str = NOT_KNOWN
    address: str = ""
    postcode: str = ""
    address_is_safe_address: bool = False
    phone: str = ""
    safe_to_call: bool | None = None
    best_time_to_call: str = ""
    first_language: str = ""
    interpreter_needed: bool = False
    ethnicity: str = NOT_KNOWN
    has_disability: bool | None = None
    sexual_orientation: str = NOT_KNOWN
    is_trans: bool | None = None
    religion: str = ""
    migration_status: str = ""
    school: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def all_names(self) -> list[str]:
        return [self.full_name, *self.aliases]


# Fields copied from PersonDetails onto Person (names, date of birth and aliases are handled apart).
_ATTRIBUTES = tuple(
    f.name for f in fields(PersonDetails) if f.name not in {"given_name", "family_name", "date_of_birth", "aliases"}
)


@dataclass(frozen=True)
class PersonMatch:
    person: Person
    created: bool
    updated_fields: tuple[str, ...] = ()


def _given(details: PersonDetails, name: str) -> bool:
    value = getattr(details, name)
    if name == "interpreter_needed":
        # An unticked box cannot say "no interpreter needed"; only a stated language or a tick changes it.
        return bool(value) or bool(details.first_language)
    return value not in ("", None, NOT_KNOWN)


def _changes(person: Person, details: PersonDetails) -> dict[str, object]:
    """The newest referral knows the person's current situation best, so what it gives replaces the record."""
    changes: dict[str, object] = {}
    if details.address:
        changes.update({name: getattr(details, name) for name in ADDRESS_FIELDS})
    for name in _ATTRIBUTES:
        if name in ADDRESS_FIELDS or not _given(details, name):
            continue
        changes[name] = getattr(details, name)
    if person.date_of_birth is None and details.date_of_birth is not None:
        changes["date_of_birth"] = details.date_of_birth
    return {name: value for name, value in changes.items() if getattr(person, name) != value}


def _add_aliases(person: Person, names: list[str]) -> list[str]:
    """Record spellings not yet known for the person; the person's own name is never an alias."""
    known = {person.normalised_name, *person.aliases.values_list("normalised_name", flat=True)}
    added = []
    for name in names:
        key = normalise_name(name)
        if key and key not in known:
            Alias.objects.create(person=person, name=name.strip())
            known.add(key)
            added.append(name.strip())
    return added


def person_create(
    *, actor: Actor, locality: Locality, details: PersonDetails, case: models.Model | None = None
) -> Person:
    with transaction.atomic():
        person = Person.objects.create(
            locality=locality,
            given_name=details.given_name.strip(),
            family_name=details.family_name.strip(),
            date_of_birth=details.date_of_birth,
            **{name: getattr(details, name) for name in _ATTRIBUTES},
        )
        _add_aliases(person, details.aliases)
        audit_record(actor=actor, action=AuditAction.CREATE, target=person, case=case, summary="Recorded a person")
        # A new record that exact identifiers say may be someone already known goes to the coordinator's queue now,
        # not at the next nightly run: a repeat is missed while two records stay apart.
        candidates_for_person(actor=actor, person=person)
    return person


def person_update(
    *, actor: Actor, person: Person, details: PersonDetails, case: models.Model | None = None
) -> tuple[str, ...]:
    """Bring a matched record up to date with a newer referral; returns the names of the fields changed."""
    with transaction.atomic():
        changes = _changes(person, details)
        for name, value in changes.items():
            setattr(person, name, value)
        if changes:
            person.save(update_fields=list(changes))
        added = _add_aliases(person, details.all_names)
        changed = tuple(changes) + (("aliases",) if added else ())
        if changed:
            # Field names only: the values are personal data and stay in the record itself.
            audit_record(
                actor=actor,
                action=AuditAction.UPDATE,
                target=person,
                case=case,
                summary="Updated a person from a referral",
                detail={"fields": list(changed)},
            )
    return changed


def person_find_or_create(
    *,
    actor: Actor,
    locality: Locality,
    details: PersonDetails,
    prefer: list[Person] | None = None,
    case: models.Model | None = None,
) -> PersonMatch:
    """Reuse the person the details name, else record a new one.

    `prefer` are people already connected with the case: a name alone identifies one of them, since the
    referrer often does not know a perpetrator's date of birth. Elsewhere in the locality the date of birth
    must match too.
    """
    with transaction.atomic():
        keys = name_keys(details.all_names)
        person = None
        for candidate in prefer or ():
            candidate_keys = {candidate.normalised_name, *(alias.normalised_name for alias in candidate.aliases.all())}
            same_birth = None in (candidate.date_of_birth, details.date_of_birth) or (
                candidate.date_of_birth == details.date_of_birth
            )
            if keys & candidate_keys and same_birth:
                person = candidate
                break
        if person is None:
            person = matching_people(
                locality=locality, names=details.all_names, date_of_birth=details.date_of_birth
            ).first()
        if person is None:
            return PersonMatch(
                person=person_create(actor=actor, locality=locality, details=details, case=case), created=True
            )
        updated = person_update(actor=actor, person=person, details=details, case=case)
    return PersonMatch(person=person, created=False, updated_fields=updated)
