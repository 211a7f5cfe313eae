"""What a referral carries, independent of how it arrived (the web form today, the API later)."""

import datetime as dt
import uuid
from dataclasses import asdict, dataclass, field

from marac.people.ages import age_on
from marac.people.services import PersonDetails
from marac.referrals.models import Case, Consent, Referral
from marac.risk.models import InstrumentVersion
from marac.risk.services import ItemAnswer, SafetyAnswers


@dataclass
class PerpetratorInput:
    person: PersonDetails
    relationship_to_victim: str = ""


@dataclass
class ReferralInput:
    """One referral as submitted. `submission_token` makes a resubmission return the first referral."""

    submission_token: uuid.UUID
    victim: PersonDetails
    perpetrators: list[PerpetratorInput]
    risk_summary: str
    consent: str
    safety: SafetyAnswers  # asked before the checklist
    item_answers: dict[str, ItemAnswer]  # the checklist: the locality's referral instrument
    children: list[PersonDetails] = field(default_factory=list)
    children_in_household: int = 0
    referrer_phone: str = ""
    instrument_version: InstrumentVersion | None = None  # None: the version in force when the referral arrives
    professional_judgement: bool = False
    professional_judgement_reasons: str = ""
    incidents_in_escalation_window: int = 0
    sharing_without_consent_reason: str = ""
    sharing_approved_by: str = ""

    @property
    def consent_given(self) -> bool:
        return self.consent == Consent.GIVEN


@dataclass(frozen=True)
class ReferralOutcome:
    referral: Referral
    case: Case
    created: bool  # False when the same form was submitted again and the first referral is returned
    case_created: bool
    young_perpetrators: tuple[str, ...] = ()

    @property
    def is_repeat(self) -> bool:
        return self.referral.is_repeat


# What a referral records about a perpetrator or a child; the victim's record keeps every field.
_IDENTIFIERS = ("given_name", "family_name", "date_of_birth", "aliases")


def _person_json(details: PersonDetails, person_id: int, on: dt.date, *, keep: tuple[str, ...] = ()) -> dict:
    data = asdict(details)
    if keep:
        data = {name: data[name] for name in (*_IDENTIFIERS, *keep)}
    data["date_of_birth"] = details.date_of_birth.isoformat() if details.date_of_birth else None
    data["age_at_referral"] = age_on(details.date_of_birth, on) if details.date_of_birth else None
    data["person_id"] = person_id
    return data


def submitted_details_json(
    data: ReferralInput, *, victim_id: int, perpetrator_ids: list[int], child_ids: list[int], on: dt.date
) -> dict:
    return {
        "victim": _person_json(data.victim, victim_id, on),
        "perpetrators": [
            {
                **_person_json(entry.person, person_id, on, keep=("gender",)),
                "relationship_to_victim": entry.relationship_to_victim,
            }
            for entry, person_id in zip(data.perpetrators, perpetrator_ids, strict=True)
        ],
        "children": [
            _person_json(child, person_id, on, keep=("school",))
            for child, person_id in zip(data.children, child_ids, strict=True)
        ],
    }
