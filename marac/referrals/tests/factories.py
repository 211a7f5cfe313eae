"""Building referrals for tests: service inputs and form posts with synthetic people."""

import datetime as dt
import uuid
from dataclasses import replace

from marac.people.services import PersonDetails
from marac.referrals.forms import CHILDREN_PREFIX, PERPETRATORS_PREFIX
from marac.referrals.inputs import PerpetratorInput, ReferralInput, ReferralOutcome
from marac.referrals.models import Consent
from marac.referrals.services import referral_create
from marac.risk.engine.loading import load_instrument_file
from marac.risk.models import Answer, InstrumentVersion
from marac.risk.registry import SHIPPED_DIR, register_shipped_instruments
from marac.risk.services import ItemAnswer, SafeToTalk, SafetyAnswers

VICTIM_DOB = dt.date(1991, 4, 12)
PERPETRATOR_DOB = dt.date(1988, 9, 3)


# Every locality in the tests uses the shipped checklist as its referral instrument.
CHECKLIST = load_instrument_file(SHIPPED_DIR / "dash-style-24.json")


def answers(yes: int = 0) -> dict[str, ItemAnswer]:
    """The checklist with the first `yes` questions answered yes and the rest no."""
    return {
        item.id: ItemAnswer(answer=Answer.YES if index < yes else Answer.NO, note="Victim's account")
        for index, item in enumerate(CHECKLIST.items)
    }


def safety() -> SafetyAnswers:
    return SafetyAnswers(safe_to_talk=SafeToTalk.YES, perpetrator_whereabouts="Arrested, in custody")


def checklist_version_pk() -> int:
    """The shipped checklist's version in force, which a locality without its own version completes."""
    register_shipped_instruments()
    shipped = InstrumentVersion.objects.filter(locality__isnull=True, code=CHECKLIST.code)
    return shipped.order_by("-loaded_at", "-pk").values_list("pk", flat=True).first()


def victim(**overrides) -> PersonDetails:
    details = PersonDetails(
        given_name="Zoë",
        family_name="O'Neill",
        date_of_birth=VICTIM_DOB,
        aliases=["Zoe Marsh"],
        address="Flat 2, 14 Willow Row, Riverside",
        postcode="RV1 2AB",
        phone="07700 900123",
        safe_to_call=True,
    )
    return replace(details, **overrides)


def perpetrator(**overrides) -> PerpetratorInput:
    details = PersonDetails(given_name="Dale", family_name="Brack", date_of_birth=PERPETRATOR_DOB)
    relationship = overrides.pop("relationship_to_victim", "Ex-partner")
    return PerpetratorInput(person=replace(details, **overrides), relationship_to_victim=relationship)


def referral_input(*, yes: int = 0, **overrides) -> ReferralInput:
    """A valid referral on professional judgement unless overridden."""
    values = {
        "submission_token": uuid.uuid4(),
        "victim": victim(),
        "perpetrators": [perpetrator()],
        "risk_summary": "Strangled her during an argument after she said she would leave.",
        "consent": Consent.GIVEN,
        "safety": safety(),
        "item_answers": answers(yes),
        "professional_judgement": True,
        "professional_judgement_reasons": "Non-fatal strangulation; separation planned.",
    }
    values.update(overrides)
    return ReferralInput(**values)


def refer(locale, persona: str = "police_referrer", **overrides) -> ReferralOutcome:
    return referral_create(actor=locale.actor(persona), data=referral_input(**overrides))


def _date_parts(prefix: str, value: dt.date | None) -> dict[str, str]:
    if value is None:
        return {f"{prefix}_day": "", f"{prefix}_month": "", f"{prefix}_year": ""}
    return {f"{prefix}_day": str(value.day), f"{prefix}_month": str(value.month), f"{prefix}_year": str(value.year)}


def form_data(*, yes: int = 0, token: str | None = None, **overrides) -> dict[str, str]:
    """What the referral page posts for a valid referral on professional judgement."""
    data = {
        "submission_token": token or str(uuid.uuid4()),
        "given_name": "Zoë",
        "family_name": "O'Neill",
        "aliases": "Zoe Marsh",
        **_date_parts("date_of_birth", VICTIM_DOB),
        "gender": "female",
        "address": "Flat 2, 14 Willow Row, Riverside",
        "postcode": "rv1 2ab",
        "phone": "07700 900123",
        "safe_to_call": "yes",
        "best_time_to_call": "Mornings",
        "first_language": "English",
        "ethnicity": "not_known",
        "has_disability": "",
        "sexual_orientation": "not_known",
        "is_trans": "",
        "religion": "",
        "migration_status": "",
        "children_in_household": "1",
        "referrer_phone": "01632 960001",
        "risk_summary": "Strangled her during an argument after she said she would leave.",
        "professional_judgement": "on",
        "professional_judgement_reasons": "Non-fatal strangulation; separation planned.",
        "incidents_in_escalation_window": "1",
        "consent": "given",
        "sharing_without_consent_reason": "",
        "sharing_approved_by": "",
        f"{PERPETRATORS_PREFIX}-TOTAL_FORMS": "2",
        f"{PERPETRATORS_PREFIX}-INITIAL_FORMS": "0",
        f"{PERPETRATORS_PREFIX}-MIN_NUM_FORMS": "1",
        f"{PERPETRATORS_PREFIX}-MAX_NUM_FORMS": "5",
        f"{PERPETRATORS_PREFIX}-0-given_name": "Dale",
        f"{PERPETRATORS_PREFIX}-0-family_name": "Brack",
        f"{PERPETRATORS_PREFIX}-0-aliases": "",
        **_date_parts(f"{PERPETRATORS_PREFIX}-0-date_of_birth", PERPETRATOR_DOB),
        f"{PERPETRATORS_PREFIX}-0-relationship_to_victim": "Ex-partner",
        f"{PERPETRATORS_PREFIX}-1-given_name": "",
        f"{PERPETRATORS_PREFIX}-1-family_name": "",
        f"{PERPETRATORS_PREFIX}-1-aliases": "",
        **_date_parts(f"{PERPETRATORS_PREFIX}-1-date_of_birth", None),
        f"{PERPETRATORS_PREFIX}-1-relationship_to_victim": "",
        f"{CHILDREN_PREFIX}-TOTAL_FORMS": "1",
        f"{CHILDREN_PREFIX}-INITIAL_FORMS": "0",
        f"{CHILDREN_PREFIX}-MIN_NUM_FORMS": "0",
        f"{CHILDREN_PREFIX}-MAX_NUM_FORMS": "10",
        f"{CHILDREN_PREFIX}-0-given_name": "Mia",
        f"{CHILDREN_PREFIX}-0-family_name": "Brack",
        **_date_parts(f"{CHILDREN_PREFIX}-0-date_of_birth", dt.date(2019, 2, 1)),
        f"{CHILDREN_PREFIX}-0-school": "Riverside Primary",
    }
    data |= {
        "instrument_version": str(checklist_version_pk()),
        "safe_to_talk": SafeToTalk.YES,
        "safe_contact": "",
        "perpetrator_whereabouts": "Arrested, in custody",
        "children_whereabouts": "At school",
    }
    for index, item in enumerate(CHECKLIST.items):
        data[f"answer_{item.id}"] = Answer.YES if index < yes else Answer.NO
        data[f"note_{item.id}"] = ""
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
