"""Reading back the people a referral described, as it described them (`Referral.submitted_details`)."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext

from marac.people.ages import OLDEST_CHILD_AGE
from marac.people.models import Ethnicity, Gender, SexualOrientation
from marac.referrals.models import Referral


def _label(choices, value: str) -> str:
    return dict(choices).get(value, value) if value else ""


def _yes_no(value: bool | None) -> str:
    return {True: gettext("Yes"), False: gettext("No")}.get(value, gettext("Not known"))


@dataclass(frozen=True)
class SubmittedPerson:
    given_name: str
    family_name: str = ""
    aliases: tuple[str, ...] = ()
    date_of_birth: dt.date | None = None
    age_at_referral: int | None = None
    relationship_to_victim: str = ""
    school: str = ""
    person_id: int | None = None
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: dict) -> "SubmittedPerson":
        dob = data.get("date_of_birth")
        known = {"given_name", "family_name", "aliases", "date_of_birth", "age_at_referral"}
        known |= {"relationship_to_victim", "school", "person_id"}
        return cls(
            given_name=data.get("given_name", ""),
            family_name=data.get("family_name", ""),
            aliases=tuple(data.get("aliases") or ()),
            date_of_birth=dt.date.fromisoformat(dob) if dob else None,
            age_at_referral=data.get("age_at_referral"),
            relationship_to_victim=data.get("relationship_to_victim", ""),
            school=data.get("school", ""),
            person_id=data.get("person_id"),
            extra={key: value for key, value in data.items() if key not in known},
        )

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def was_child(self) -> bool:
        return self.age_at_referral is not None and self.age_at_referral <= OLDEST_CHILD_AGE

    # The victim's contact and equality details, in words.
    @property
    def gender(self) -> str:
        return _label(Gender.choices, self.extra.get("gender", ""))

    @property
    def ethnicity(self) -> str:
        return _label(Ethnicity.choices, self.extra.get("ethnicity", ""))

    @property
    def sexual_orientation(self) -> str:
        return _label(SexualOrientation.choices, self.extra.get("sexual_orientation", ""))

    @property
    def has_disability(self) -> str:
        return _yes_no(self.extra.get("has_disability"))

    @property
    def is_trans(self) -> str:
        return _yes_no(self.extra.get("is_trans"))

    @property
    def safe_to_call(self) -> str:
        return _yes_no(self.extra.get("safe_to_call"))

    @property
    def address_is_safe_address(self) -> bool:
        return bool(self.extra.get("address_is_safe_address"))

    def __getattr__(self, name: str):
        # address, postcode, phone, best_time_to_call, first_language, interpreter_needed, religion…
        extra = self.__dict__.get("extra", {})
        if name in extra:
            return extra[name]
        raise AttributeError(name)


@dataclass(frozen=True)
class SubmittedDetails:
    victim: SubmittedPerson | None
    perpetrators: tuple[SubmittedPerson, ...]
    children: tuple[SubmittedPerson, ...]

    @classmethod
    def from_referral(cls, referral: Referral) -> "SubmittedDetails":
        data = referral.submitted_details or {}
        victim = data.get("victim")
        return cls(
            victim=SubmittedPerson.from_json(victim) if victim else None,
            perpetrators=tuple(SubmittedPerson.from_json(entry) for entry in data.get("perpetrators", ())),
            children=tuple(SubmittedPerson.from_json(entry) for entry in data.get("children", ())),
        )

    @property
    def young_perpetrators(self) -> tuple[SubmittedPerson, ...]:
        return tuple(person for person in self.perpetrators if person.was_child)
