"""The demo locality's victims' rights logs, releases and escapes, and its provisions checklist.

- Every current case allocated to an IDVA service and heard, or listed, has its rights log begun at the IDVA's first
  contact: the information she was given, her choice about being told of the perpetrator's release or escape, and
  the initial individual needs assessment. A few victims were not yet told everything the Directive asks for at first
  contact; a few said they do not want to be told; a few needs assessments have a second version after a significant
  change.
- Three releases or escapes: the release on licence three days ago that already brought one case's risk review
  forward (see `builder.risk.REVIEW_EVENTS`), whose victim asked to be told and is still to be told; a temporary
  release twelve days ago that the IDVA told the victim about the same day; and a release from police custody a
  month ago of a perpetrator whose victim said she did not want to be told (flagged, never notified).
- The partnership has mapped some provisions of the checklist and confirmed most of those.

Dates are fixed offsets from the cases' own dates and from now, and choices go by each case's place in reference
order: this step draws nothing from the random generator, so every other story stays as it was. Call `build_rights`
after the cases, their assessments, their review events and `refresh_case_risk` (after `build_history`).
"""

import datetime as dt

from django.utils import timezone

from marac.demo.builder.state import HELD, CaseSpec, Demo
from marac.idva.models import ContactMethod
from marac.people.models import Person
from marac.referrals.models import Case, CaseParty, CaseStatus, PartyRole
from marac.rights.models import (
    FIRST_CONTACT_TOPICS,
    CustodyEvent,
    CustodyEventKind,
    InformationGiven,
    InformationTopic,
    NeedsAssessment,
    NeedsAssessmentReason,
    NotificationChoice,
    ProtectionNeed,
    ProvisionCheck,
    ReleaseNotification,
)
from marac.rights.provisions import ProcessPart
from marac.risk.models import Assessment, ReviewEvent, ReviewTrigger
from marac.risk.review_services import NO_REVIEW_STATUSES
from marac.risk.reviews import case_review_refresh, trigger_review_due

OPEN_STATUSES = (CaseStatus.MONITORING, CaseStatus.HEARD, CaseStatus.LISTED)
# Every seventh victim (by reference) said she does not want to be told of a release; every sixth was not yet told
# how to complain or whom to contact; every fourth with a second meeting had her needs assessed again.
NOT_TOLD_EVERY = 7
FIRST_CONTACT_INCOMPLETE_EVERY = 6
SECOND_ASSESSMENT_EVERY = 4

FINDINGS = (
    "{v} lives alone with the children; {p} knows {vp} routine and where {vs} works. {vs_cap} is frightened to go "
    "to court and has no family nearby."
)
CHANGE = "{vs_cap} moved to {vp} sister's house after the last incident; {p} has been seen near the new address."
VIEWS = "Wants a woman officer for any interview and does not want to see {p} at court."
PROVISION_CHECKS = (
    (
        "vrd-4",
        ProcessPart.FIRST_CONTACT,
        "The IDVA service contacts every victim within two working days of the referral and goes through the "
        "information leaflet with her; what she was told is recorded in her rights log.",
        True,
    ),
    (
        "vrd-6",
        ProcessPart.KEEPING_INFORMED,
        "The IDVA asks each victim whether she wants to be told of a release or escape; probation and the police "
        "record releases in marac, and the IDVA tells her the same day.",
        True,
    ),
    (
        "vrd-7",
        ProcessPart.FIRST_CONTACT,
        "Interpreters are booked by the IDVA service through the council's interpreting contract.",
        False,
    ),
    (
        "vrd-21",
        ProcessPart.GOVERNANCE,
        "The information-sharing agreement: case papers stay in marac and safe addresses are shown only to the IDVA "
        "service and the police.",
        True,
    ),
    (
        "vrd-22",
        ProcessPart.RISK_ASSESSMENT,
        "The IDVA completes the individual needs assessment at first contact and again after any significant change; "
        "the police use it when they ask for special measures.",
        True,
    ),
    (
        "ic-18",
        ProcessPart.MEETING,
        "The MARAC brings the member agencies together under the operating protocol.",
        True,
    ),
    (
        "ic-23",
        ProcessPart.ACTIONS,
        "Refuge places through the county refuge network; there is no refuge in Riverside yet.",
        False,
    ),
    (
        "ic-51",
        ProcessPart.RISK_ASSESSMENT,
        "Every referral carries a risk checklist, the meeting reviews the risk of each case, and the police check "
        "access to firearms in their research.",
        True,
    ),
    (
        "ic-52",
        ProcessPart.PERPETRATOR,
        "The police consider a protection notice at every high-risk incident (protocol, section 5).",
        True,
    ),
)
CHECKLIST_CONFIRMED_DAYS_AGO = 30


def build_rights(demo: Demo) -> None:
    specs = _allocated(demo)
    information: list[InformationGiven] = []
    choices: list[NotificationChoice] = []
    assessments: list[NeedsAssessment] = []
    release_trigger = (
        ReviewTrigger.objects.filter(case__locality=demo.locality, event=ReviewEvent.RELEASE_FROM_CUSTODY)
        .order_by("pk")
        .first()
    )
    for index, spec in enumerate(specs):
        agency = demo.agencies[spec.idva_key]
        idva = demo.users[spec.idva_username] if spec.idva_username else demo.voice(spec.idva_key)
        first_contact = _first_contact(demo, spec)
        topics = [*FIRST_CONTACT_TOPICS, InformationTopic.RELEASE_SCHEME, InformationTopic.INTERPRETING]
        if index % FIRST_CONTACT_INCOMPLETE_EVERY == 1:
            topics = [InformationTopic.SUPPORT_SERVICES, InformationTopic.PROTECTION_MEASURES]
        information.append(
            InformationGiven(
                case=spec.case,
                topics=[topic.value for topic in InformationTopic if topic in topics],
                given_at=first_contact,
                method=ContactMethod.IN_PERSON if index % 2 else ContactMethod.PHONE,
                language=spec.victim.first_language,
                interpreter_used=spec.victim.interpreter_needed,
                agency=agency,
                recorded_by=idva,
                recorded_at=first_contact + dt.timedelta(minutes=40),
            )
        )
        held = [stage for stage in spec.stages if stage.kind in HELD]
        if held:
            told = demo.meetings[held[0].kind].closed_at + dt.timedelta(days=2, hours=1)
            if told < demo.now:
                information.append(
                    InformationGiven(
                        case=spec.case,
                        topics=[InformationTopic.CASE_PROGRESS.value],
                        given_at=told,
                        method=ContactMethod.PHONE,
                        language=spec.victim.first_language,
                        agency=agency,
                        recorded_by=idva,
                        recorded_at=told + dt.timedelta(minutes=20),
                    )
                )
        wants = index % NOT_TOLD_EVERY != 3 or (release_trigger is not None and release_trigger.case_id == spec.case.pk)
        choices.append(
            NotificationChoice(
                case=spec.case,
                wants_to_be_told=wants,
                decided_on=timezone.localdate(first_contact),
                note="" if wants else "Does not want to hear about him at all; the IDVA will ask again at review.",
                agency=agency,
                recorded_by=idva,
                recorded_at=first_contact + dt.timedelta(minutes=45),
            )
        )
        assessments.append(_assessment(spec, 1, NeedsAssessmentReason.INITIAL, first_contact, agency, idva))
        if index % SECOND_ASSESSMENT_EVERY == 2 and len(held) > 1:
            again = demo.meetings[held[1].kind].scheduled_for - dt.timedelta(days=2)
            if again > first_contact:
                assessments.append(_assessment(spec, 2, NeedsAssessmentReason.SIGNIFICANT_CHANGE, again, agency, idva))
    InformationGiven.objects.bulk_create(information)
    NotificationChoice.objects.bulk_create(choices)
    NeedsAssessment.objects.bulk_create(assessments)
    notifications = _custody_events(demo, specs, release_trigger)
    _provision_checks(demo)
    demo.counts["rights_information_given"] = len(information)
    demo.counts["release_choices"] = len(choices)
    demo.counts["needs_assessments"] = len(assessments)
    demo.counts["release_notifications"] = notifications


def _allocated(demo: Demo) -> list[CaseSpec]:
    """The current cases with an IDVA service that reached a meeting, in reference order."""
    chosen = [spec for spec in demo.specs if spec.idva_key and spec.case is not None and spec.listed_stages]
    return sorted(chosen, key=lambda spec: spec.case.reference)


def _first_contact(demo: Demo, spec: CaseSpec) -> dt.datetime:
    """The morning after the first referral was triaged, in office hours, and never later than an hour ago."""
    stage = spec.stages[0]
    start = stage.triaged_at or stage.referred_at
    moment = demo.local(timezone.localdate(start) + dt.timedelta(days=1), 11)
    return min(moment, demo.now - dt.timedelta(hours=1)).replace(second=0, microsecond=0)


def _assessment(spec: CaseSpec, version: int, reason: str, moment: dt.datetime, agency, idva) -> NeedsAssessment:
    needs = [ProtectionNeed.NO_CONTACT, ProtectionNeed.SAME_INTERVIEWER, ProtectionNeed.ALARM]
    if spec.victim.interpreter_needed:
        needs.append(ProtectionNeed.INTERPRETER)
    if spec.children:
        needs.append(ProtectionNeed.CHILDREN)
    if version > 1:
        needs.append(ProtectionNeed.SAFE_ACCOMMODATION)
    return NeedsAssessment(
        case=spec.case,
        version=version,
        reason=reason,
        change_description=CHANGE.format_map(spec.words) if reason == NeedsAssessmentReason.SIGNIFICANT_CHANGE else "",
        assessed_on=timezone.localdate(moment),
        needs=[need.value for need in ProtectionNeed if need in needs],
        findings=FINDINGS.format_map(spec.words),
        her_views=VIEWS.format_map(spec.words),
        agency=agency,
        recorded_by=idva,
        recorded_at=moment + dt.timedelta(hours=1),
    )


# Releases and escapes


def _custody_events(demo: Demo, specs: list[CaseSpec], release_trigger: ReviewTrigger | None) -> int:
    """The three stories above; returns the number of notifications made."""
    open_specs = [spec for spec in specs if spec.case.status in OPEN_STATUSES and spec.perpetrators]
    wanting = {
        choice.case_id
        for choice in NotificationChoice.objects.filter(case__locality=demo.locality).filter(wants_to_be_told=True)
    }
    made = 0
    used: set[int] = set()
    if release_trigger is not None:
        perpetrator = (
            CaseParty.objects.filter(case_id=release_trigger.case_id, role=PartyRole.PERPETRATOR).order_by("pk").first()
        )
        if perpetrator is not None:
            event = _event(
                demo,
                perpetrator.person,
                CustodyEventKind.RELEASED,
                release_trigger.event_at,
                "HMP Riverside",
                release_trigger.agency,
                release_trigger.recorded_by,
                release_trigger.recorded_at,
            )
            made += _notify(demo, event, existing_trigger=release_trigger)
            used.add(perpetrator.person_id)
    told_spec = next(
        (spec for spec in open_specs if spec.case.pk in wanting and spec.perpetrators[0][0].pk not in used), None
    )
    if told_spec is not None:
        occurred = demo.local(demo.today - dt.timedelta(days=12), 9, 30)
        perpetrator = told_spec.perpetrators[0][0]
        event = _event(
            demo,
            perpetrator,
            CustodyEventKind.TEMPORARY_RELEASE,
            occurred,
            "HMP Riverside",
            demo.agencies["probation"],
            demo.voice("probation"),
            occurred + dt.timedelta(hours=1),
            returns_on=timezone.localdate(occurred) + dt.timedelta(days=2),
        )
        made += _notify(demo, event, told_case=told_spec)
        used.add(perpetrator.pk)
    flagged_spec = next(
        (spec for spec in open_specs if spec.case.pk not in wanting and spec.perpetrators[0][0].pk not in used), None
    )
    if flagged_spec is not None:
        occurred = demo.local(demo.today - dt.timedelta(days=30), 16, 10)
        event = _event(
            demo,
            flagged_spec.perpetrators[0][0],
            CustodyEventKind.RELEASED,
            occurred,
            "Riverside Police Station",
            demo.agencies["police"],
            demo.voice("police"),
            occurred + dt.timedelta(minutes=50),
        )
        made += _notify(demo, event)
    return made


def _event(demo, perpetrator: Person, kind, occurred_at, establishment, agency, user, recorded_at, returns_on=None):
    return CustodyEvent.objects.create(
        locality=demo.locality,
        perpetrator=perpetrator,
        kind=kind,
        occurred_at=occurred_at,
        establishment=establishment,
        returns_on=returns_on,
        reporting_agency=agency,
        recorded_by=user,
        recorded_at=recorded_at,
    )


def _notify(
    demo: Demo,
    event: CustodyEvent,
    *,
    existing_trigger: ReviewTrigger | None = None,
    told_case: CaseSpec | None = None,
) -> int:
    """A notification for every case naming him, as `rights.services.custody_event_record` makes them: her choice in
    force, and the case's risk review brought forward (answered by a later assessment where there is one)."""
    cases = (
        Case.objects.filter(
            locality=demo.locality,
            erased_at__isnull=True,
            parties__person=event.perpetrator,
            parties__role=PartyRole.PERPETRATOR,
        )
        .distinct()
        .select_related("locality")
        .order_by("pk")
    )
    count = 0
    for case in cases:
        choice = NotificationChoice.objects.filter(case=case).order_by("-decided_on", "-recorded_at", "-pk").first()
        if existing_trigger is not None and existing_trigger.case_id == case.pk:
            trigger = existing_trigger
        else:
            trigger = _trigger(event, case)
        notification = ReleaseNotification(
            event=event,
            case=case,
            victim_opted_in=bool(choice and choice.wants_to_be_told),
            choice=choice,
            review_trigger=trigger,
        )
        if told_case is not None and told_case.case.pk == case.pk and notification.victim_opted_in:
            notification.told_at = event.recorded_at + dt.timedelta(hours=2)
            notification.told_by = (
                demo.users[told_case.idva_username] if told_case.idva_username else demo.voice(told_case.idva_key)
            )
            notification.told_by_agency = demo.agencies[told_case.idva_key]
            notification.method = ContactMethod.PHONE
            notification.note = "Told her he is out until Thursday; she will stay at her sister's until he is back."
            notification.recorded_at = notification.told_at + dt.timedelta(minutes=15)
        notification.save()
        count += 1
    return count


def _trigger(event: CustodyEvent, case: Case) -> ReviewTrigger | None:
    if case.status in NO_REVIEW_STATUSES:
        return None
    trigger = ReviewTrigger.objects.create(
        case=case,
        event=ReviewEvent.RELEASE_FROM_CUSTODY,
        event_at=event.occurred_at,
        review_due=trigger_review_due(
            locality=case.locality,
            event=ReviewEvent.RELEASE_FROM_CUSTODY,
            event_at=event.occurred_at,
            recorded_at=event.recorded_at,
        ),
        note=f"Perpetrator {event.get_kind_display().lower()} (release or escape {event.pk}), reported by "
        f"{event.reporting_agency}.",
        recorded_by=event.recorded_by,
        agency=event.reporting_agency,
        recorded_at=event.recorded_at,
        # An assessment made since the event takes it into account, as a new assessment answers open triggers.
        answered_by=Assessment.objects.filter(case=case, assessed_at__gte=event.recorded_at)
        .order_by("assessed_at", "pk")
        .first(),
    )
    case_review_refresh(case=case)
    return trigger


# The provisions checklist


def _provision_checks(demo: Demo) -> None:
    coordinator = demo.voice("partnership")  # the coordinator
    confirmed = demo.local(demo.today - dt.timedelta(days=CHECKLIST_CONFIRMED_DAYS_AGO), 14)
    ProvisionCheck.objects.bulk_create(
        ProvisionCheck(
            locality=demo.locality,
            provision=code,
            process_part=part,
            how_served=how,
            done=done,
            confirmed_by=coordinator if done else None,
            confirmed_at=confirmed if done else None,
            updated_by=coordinator,
            updated_at=confirmed,
        )
        for code, part, how, done in PROVISION_CHECKS
    )
