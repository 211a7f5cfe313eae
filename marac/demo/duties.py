"""The demo locality's referral-back duties: which agencies the protocol asks to refer a case back after which events,
and a few duties in each state, so the agencies' and the coordinator's pages have something to show.

- Housing recorded the victim's move on one case four days ago and has not answered: the coordinator sees it unmet.
- The hospital recorded a disclosure on another a few hours ago: it waits for the hospital, not yet due.
- Children's services recorded a disclosure on a third last week and said why they did not refer it back.

Dates are fixed offsets from now, and the cases are the first live ones by reference: this step draws nothing from
the random generator, so every other story stays as it was. Call `build_duties` once the cases and their referrals
are saved (after `build_history`).
"""

import datetime as dt

from marac.agencies.models import AgencyType
from marac.demo.builder.state import Demo
from marac.duties.models import (
    DEFAULT_ANSWER_WITHIN_HOURS,
    Duty,
    DutySettings,
    DutyStatus,
    EventKind,
    ProtocolDuty,
    ReportedEvent,
)
from marac.referrals.models import Case, CaseStatus
from marac.referrals.services import months_before

PROTOCOL = {
    AgencyType.POLICE: (EventKind.NEW_INCIDENT, EventKind.BREACH, EventKind.DISCLOSURE, EventKind.RISK_CHANGE),
    AgencyType.IDVA_SERVICE: (EventKind.DISCLOSURE, EventKind.RISK_CHANGE, EventKind.VICTIM_MOVED),
    AgencyType.HOUSING: (EventKind.NEW_INCIDENT, EventKind.DISCLOSURE, EventKind.VICTIM_MOVED),
    AgencyType.CHILDRENS_SOCIAL_CARE: (EventKind.NEW_INCIDENT, EventKind.DISCLOSURE, EventKind.VICTIM_MOVED),
    AgencyType.HEALTH: (EventKind.DISCLOSURE,),
    AgencyType.MENTAL_HEALTH: (EventKind.DISCLOSURE,),
    AgencyType.PROBATION: (EventKind.NEW_INCIDENT, EventKind.BREACH),
    AgencyType.PERPETRATOR_PROGRAMME: (EventKind.DISCLOSURE, EventKind.BREACH),
}

# (agency key, event, hours ago, the agency's note, the reason it gave for not referring back, or "" for none yet)
STORIES = [
    (
        "housing",
        EventKind.VICTIM_MOVED,
        96,
        "Gave up her tenancy and moved to her sister's home in another county; new area given to the IDVA.",
        "",
    ),
    (
        "health",
        EventKind.DISCLOSURE,
        5,
        "Told the midwife at her booking appointment that he had pushed her down the stairs last month.",
        "",
    ),
    (
        "childrens",
        EventKind.DISCLOSURE,
        150,
        "The older child told her teacher about shouting at home on the night of the incident already referred.",
        "The disclosure is about the incident the police referred last week, which is listed for the next meeting: "
        "nothing new to refer. Shared with the IDVA.",
    ),
]

LIVE = (CaseStatus.REFERRED, CaseStatus.LISTED, CaseStatus.HEARD, CaseStatus.MONITORING)


def build_duties(demo: Demo) -> None:
    locality = demo.locality
    ProtocolDuty.objects.bulk_create(
        [
            ProtocolDuty(locality=locality, agency_type=agency_type, event_kind=kind)
            for agency_type, kinds in PROTOCOL.items()
            for kind in kinds
        ]
    )
    DutySettings.objects.create(locality=locality, answer_within_hours=DEFAULT_ANSWER_WITHIN_HOURS)
    hours = dt.timedelta(hours=DEFAULT_ANSWER_WITHIN_HOURS)
    # A case is known when referred within the repeat window before the event, and not since.
    earliest_event = demo.now - dt.timedelta(hours=max(story[2] for story in STORIES))
    cases = list(
        Case.objects.filter(
            locality=locality,
            status__in=LIVE,
            erased_at__isnull=True,
            last_referred_at__gte=months_before(demo.now, locality.repeat_window_months),
            last_referred_at__lt=earliest_event - dt.timedelta(hours=1),
        ).order_by("reference")[: len(STORIES)]
    )
    duties = []
    for case, (agency_key, kind, hours_ago, note, reason) in zip(cases, STORIES, strict=False):
        agency = demo.agencies[agency_key]
        user = demo.voice(agency_key)
        recorded_at = demo.now - dt.timedelta(hours=hours_ago)
        event = ReportedEvent.objects.create(
            case=case,
            kind=kind,
            occurred_at=recorded_at - dt.timedelta(hours=2),
            note=note,
            agency=agency,
            recorded_by=user,
            recorded_at=recorded_at,
        )
        answered_at = recorded_at + dt.timedelta(hours=20)
        duties.append(
            Duty(
                locality=locality,
                case=case,
                agency=agency,
                event_kind=kind,
                event_at=event.occurred_at,
                reported_event=event,
                status=DutyStatus.DECLINED if reason else DutyStatus.OPEN,
                raised_at=recorded_at,
                raised_by=user,
                due_at=recorded_at + hours,
                decline_reason=reason,
                answered_by=user if reason else None,
                answered_at=answered_at if reason else None,
            )
        )
    Duty.objects.bulk_create(duties)
    demo.counts["referral_back_duties"] = len(duties)
