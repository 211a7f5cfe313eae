"""People as a referral or an incident names them, read into the services' `PersonDetails`; and people found by the
subject access search."""

from django import forms
from rest_framework import serializers

from marac.people.forms import PersonSearchForm
from marac.people.models import Alias, Ethnicity, Gender, Person, SexualOrientation
from marac.people.services import NOT_KNOWN, PersonDetails
from marac.referrals.forms import DateOfBirthField


def _length(name: str) -> int:
    return Person._meta.get_field(name).max_length


def date_of_birth_checked(value):
    """The referral form's own check (a real date, in the past, from 1900), so the API cannot accept what it refuses."""
    if value is not None:
        try:
            DateOfBirthField(whose="the", required=False).validate(value)
        except forms.ValidationError as error:
            raise serializers.ValidationError(error.messages) from None
    return value


def _text(name: str, **kwargs) -> serializers.CharField:
    return serializers.CharField(max_length=_length(name), required=False, allow_blank=True, default="", **kwargs)


class PersonIdentityInputSerializer(serializers.Serializer):
    given_name = serializers.CharField(max_length=_length("given_name"))
    family_name = _text("family_name")
    date_of_birth = serializers.DateField(
        required=False, allow_null=True, default=None, validators=[date_of_birth_checked]
    )
    aliases = serializers.ListField(
        child=serializers.CharField(max_length=Alias._meta.get_field("name").max_length),
        required=False,
        default=list,
        max_length=20,
    )

    def details(self, data: dict, **extra) -> PersonDetails:
        return PersonDetails(
            given_name=data["given_name"].strip(),
            family_name=data["family_name"].strip(),
            date_of_birth=data["date_of_birth"],
            aliases=[" ".join(alias.split()) for alias in data["aliases"] if alias.strip()],
            **extra,
        )


class VictimInputSerializer(PersonIdentityInputSerializer):
    gender = serializers.ChoiceField(choices=Gender.choices, default=NOT_KNOWN)
    address = serializers.CharField(required=False, allow_blank=True, default="", max_length=1000)
    postcode = _text("postcode")
    address_is_safe_address = serializers.BooleanField(default=False)
    phone = _text("phone")
    safe_to_call = serializers.BooleanField(required=False, allow_null=True, default=None)
    best_time_to_call = _text("best_time_to_call")
    first_language = _text("first_language")
    interpreter_needed = serializers.BooleanField(default=False)
    ethnicity = serializers.ChoiceField(choices=Ethnicity.choices, default=NOT_KNOWN)
    has_disability = serializers.BooleanField(required=False, allow_null=True, default=None)
    sexual_orientation = serializers.ChoiceField(choices=SexualOrientation.choices, default=NOT_KNOWN)
    is_trans = serializers.BooleanField(required=False, allow_null=True, default=None)
    religion = _text("religion")
    migration_status = _text("migration_status")

    def details(self, data: dict, **extra) -> PersonDetails:
        attributes = [
            "gender",
            "address",
            "postcode",
            "address_is_safe_address",
            "phone",
            "safe_to_call",
            "best_time_to_call",
            "first_language",
            "interpreter_needed",
            "ethnicity",
            "has_disability",
            "sexual_orientation",
            "is_trans",
            "religion",
            "migration_status",
        ]
        values = {name: data[name].strip() if isinstance(data[name], str) else data[name] for name in attributes}
        values["postcode"] = values["postcode"].upper()
        return super().details(data, **values, **extra)


class ChildInputSerializer(PersonIdentityInputSerializer):
    school = _text("school")

    def details(self, data: dict, **extra) -> PersonDetails:
        return super().details(data, school=data["school"].strip(), **extra)


class PeopleSearchSerializer(serializers.Serializer):
    """The subject access search's criteria: a name, other name or case reference, as its page takes them."""

    name = serializers.CharField(
        max_length=PersonSearchForm.base_fields["q"].max_length,
        required=False,
        allow_blank=True,
        default="",
        help_text="A name, other name or case reference; accents and case are ignored. Without one, no one is found.",
    )
    date_of_birth = serializers.DateField(required=False, help_text="Only people born on this day.")


class PersonFoundSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    given_name = serializers.CharField()
    family_name = serializers.CharField()
    date_of_birth = serializers.DateField(allow_null=True)
    anonymised = serializers.SerializerMethodField()
    victim_case_count = serializers.IntegerField(help_text="Cases the person is the victim of.")
    party_case_count = serializers.IntegerField(help_text="Other cases the person is named in.")

    def get_anonymised(self, person: Person) -> bool:
        return person.erased_at is not None
