"""Assessments for tests: answers to an instrument, safety answers, form posts, and rows as the service keeps them."""

import datetime as dt
import json

import factory
from django.utils import timezone

from marac.agencies.models import Agency, Locality
from marac.meetings.models import AgendaItem, Meeting, MeetingStatus
from marac.referrals.models import Case
from marac.risk.engine.definition import Instrument
from marac.risk.models import Answer, Assessment, InstrumentVersion
from marac.risk.registry import SHIPPED_DIR, current_version, instrument_of
from marac.risk.reviews import review_due_for
from marac.risk.services import ItemAnswer, SafeToTalk, SafetyAnswers
from marac.testing.factories import CaseFactory, ReferralFactory, UserFactory

DASH = "dash-style-24"


def dash_version(locality: Locality) -> InstrumentVersion:
    return current_version(locality=locality, code=DASH)


def heard_case(locale, *, invited: tuple[str, ...] = ("police", "housing")) -> Case:
    """A case of the IDVA service, heard at a closed meeting: the invited agencies see it at shared detail, and
    health (invited to nothing) does not see it at all."""
    case = CaseFactory(locality=locale.locality, idva_agency=locale.idva_service)
    meeting = Meeting.objects.create(
        locality=locale.locality, scheduled_for=timezone.now() - dt.timedelta(days=14), status=MeetingStatus.CLOSED
    )
    agencies: list[Agency] = [getattr(locale, name) for name in invited]
    meeting.invited_agencies.set(agencies)
    AgendaItem.objects.create(meeting=meeting, case=case, referral=ReferralFactory(case=case))
    return case


def item_answers(instrument: Instrument, *, yes: int = 0, rest: str = Answer.NO, note: str = "") -> dict:
    """The first `yes` items answered yes and every other item `rest`."""
    return {
        item.id: ItemAnswer(answer=Answer.YES if index < yes else rest, note=note)
        for index, item in enumerate(instrument.items)
    }


def safety(**overrides: str) -> SafetyAnswers:
    values = {
        "safe_to_talk": SafeToTalk.YES,
        "safe_contact": "Her work mobile, weekdays",
        "perpetrator_whereabouts": "In custody overnight",
        "children_whereabouts": "At school",
    }
    return SafetyAnswers(**(values | overrides))


def form_post(version: InstrumentVersion, *, yes: int = 0, rest: str = Answer.NO, **overrides: str) -> dict[str, str]:
    """What the assessment page posts: every question answered, the first `yes` of them yes."""
    data = {
        "instrument_version": str(version.pk),
        "safe_to_talk": SafeToTalk.YES,
        "safe_contact": "Her work mobile, weekdays",
        "perpetrator_whereabouts": "In custody overnight",
        "children_whereabouts": "At school",
        "judgement_level": "",
        "judgement_reason": "",
        "victim_view_level": "",
        "victim_view_reason": "",
    }
    for index, item in enumerate(instrument_of(version).items):
        data[f"answer_{item.id}"] = Answer.YES if index < yes else rest
        data[f"note_{item.id}"] = "Her account" if index < yes else ""
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def screened_instrument_text(*, code: str = "test-screen", version: str = "1") -> str:
    """Three weighted questions; a yes to the first screens in at high whatever the score."""
    return json.dumps(
        {
            "code": code,
            "version": version,
            "name": "Three questions with a screen",
            "scale": "three_level",
            "scoring": "weighted_sum",
            "items": [
                {"id": "strangled", "label": "Has he ever strangled her?", "weight": 1},
                {"id": "threats", "label": "Has he threatened to kill her?", "weight": 2},
                {"id": "jealous", "label": "Is he violently jealous?", "weight": 2},
            ],
            "bands": [
                {"min": 0, "max": 1, "level": "standard"},
                {"min": 2, "max": 3, "level": "medium"},
                {"min": 4, "max": None, "level": "high"},
            ],
            "screen": {"level": "high", "rules": [{"items": ["strangled"], "min_yes": 1}]},
        }
    )


def dash_with_changed_label(*, version: str, label: str) -> str:
    """The shipped checklist as a locality's new version, its first question reworded."""
    data = json.loads((SHIPPED_DIR / f"{DASH}.json").read_text(encoding="utf-8"))
    data["version"] = version
    data["items"][0]["label"] = label
    return json.dumps(data)


class AssessmentFactory(factory.django.DjangoModelFactory):
    """A high-risk assessment with the locality's checklist, as the service would keep it (the case is not
    refreshed)."""

    class Meta:
        model = Assessment

    instrument = factory.LazyAttribute(lambda row: dash_version(row.case.locality))
    instrument_code = factory.LazyAttribute(lambda row: row.instrument.code)
    instrument_version = factory.LazyAttribute(lambda row: row.instrument.version)
    safety = factory.LazyFunction(lambda: {"safe_to_talk": "yes"})
    answers = factory.LazyAttribute(
        lambda row: {
            item.id: {"answer": "yes" if index < row.score else "no", "note": ""}
            for index, item in enumerate(instrument_of(row.instrument).items)
        }
    )
    score = 15
    computed_level = "high"
    final_level = "high"
    assessed_by = factory.SubFactory(UserFactory)
    agency = factory.LazyAttribute(lambda row: row.case.locality.agencies.order_by("pk").first())
    assessed_at = factory.LazyFunction(timezone.now)
    next_review_due = factory.LazyAttribute(
        lambda row: review_due_for(locality=row.case.locality, level=row.final_level, assessed_at=row.assessed_at)
    )
