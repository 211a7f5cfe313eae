"""Referrals with their checklists, the coordinator's triage and IDVA allocation, and the cases they open."""

import datetime as dt
from collections.abc import Callable

from django.utils import timezone

from marac.demo import data
from marac.demo.builder.risk import assessment_row
from marac.demo.builder.state import HELD, CaseSpec, Demo, Stage
from marac.meetings.models import CaseOutcome
from marac.people.models import Gender, Person
from marac.referrals.models import Case, CaseParty, CaseStatus, Consent, PartyRole, Referral, TriageStatus
from marac.referrals.services import meets_visible_high_risk, reference_prefix
from marac.risk.models import Answer, Assessment
from marac.risk.scales import SCALES

DAY = dt.timedelta(days=1)
HOUR = dt.timedelta(hours=1)
PROFILE_WEIGHTS = {"visible": 55, "judgement": 30, "escalation": 15}  # how a first referral meets the criteria
SCORES = {"visible": (14, 20), "judgement": (7, 13), "escalation": (8, 13), "repeat": (8, 17)}
DECLINED_SUMMARY = (
    "{v} seemed upset at {vp} appointment and said things at home are difficult since {p} lost {pp} job. "
    "No incident described."
)
DECLINED_JUDGEMENT = "{v} seemed frightened and I felt something was wrong at home."
UNCLEAR_SUMMARY = (
    "{v} told the practice nurse that {p} 'loses it' when drinking and that {vs} is scared of {po}. Details to follow."
)
UNCLEAR_JUDGEMENT = "Concerned after a disclosure at the practice; details to follow."
HARBOUR_CASES = 5


def plan_referrals(demo: Demo) -> None:
    """When each referral came, who made it, and when the coordinator triaged it."""
    stages = [stage for spec in demo.specs for stage in spec.stages]
    sources = (data.REFERRAL_SOURCES * (len(stages) // len(data.REFERRAL_SOURCES) + 1))[: len(stages)]
    demo.rng.shuffle(sources)
    for stage, source in zip(stages, sources, strict=True):
        stage.agency_key = source
    meeting_at = {key: meeting.scheduled_for for key, meeting in demo.meetings.items()}
    for spec in demo.specs:
        previous: Stage | None = None
        for stage in spec.stages:
            # A repeat comes after the meeting that heard the case last time.
            after = meeting_at[previous.kind] + 4 * DAY if previous and previous.kind in HELD else None
            if stage.kind in HELD:
                meeting = meeting_at[stage.kind]
                stage.referred_at = demo.moment(after or meeting - 24 * DAY, meeting - 10 * DAY)
                stage.triaged_at = demo.working_moment(stage.referred_at + 2 * HOUR, stage.referred_at + 2 * DAY)
            elif stage.kind == "C":
                stage.referred_at = demo.moment(
                    max(after or demo.now - 16 * DAY, demo.now - 20 * DAY), demo.now - 2 * DAY
                )
                stage.triaged_at = demo.working_moment(stage.referred_at + 2 * HOUR, stage.referred_at + DAY)
            elif stage.kind == "E":
                meeting = meeting_at["E"]
                stage.referred_at = demo.moment(meeting - 26 * HOUR, meeting - 14 * HOUR)
                stage.triaged_at = demo.moment(stage.referred_at + HOUR, meeting - HOUR)
            elif stage.kind == "pending":
                stage.referred_at = demo.moment(demo.now - 4 * DAY, demo.now - 2 * HOUR)
            elif stage.kind == "more_info":
                stage.referred_at = demo.office_moment(demo.today - 6 * DAY)
                stage.triaged_at = demo.office_moment(demo.today - 5 * DAY)
            elif stage.kind == "declined":
                stage.referred_at = demo.office_moment(demo.today - 12 * DAY)
                stage.triaged_at = demo.office_moment(demo.today - 10 * DAY)
            previous = stage
    _allocate_idvas(demo)


def _allocate_idvas(demo: Demo) -> None:
    """The coordinator allocates an IDVA service when listing a case; an IDVA's own referral stays with her service.

    Harbour Women's Aid takes a few cases, first those of women whose status in the country is not settled.
    """
    referred_by_idva = [spec for spec in demo.specs if any(stage.agency_key == "idva" for stage in spec.stages)]
    allocated = [spec for spec in demo.specs if spec.listed_stages or spec in referred_by_idva]
    choosable = [spec for spec in allocated if spec not in referred_by_idva]
    first_choice = [spec for spec in choosable if "migrant" in spec.facts]
    rest = [spec for spec in choosable if spec not in first_choice]
    harbour = (first_choice + demo.rng.sample(rest, len(rest)))[:HARBOUR_CASES]
    for spec in allocated:
        if spec in harbour:
            spec.idva_key = "harbour"
            spec.idva_username = "harbour.idva" if demo.rng.random() < 0.8 else ""
        else:
            spec.idva_key = "idva"
            spec.idva_username = demo.rng.choices(("idva", "idva2", ""), weights=(6, 3, 1))[0]


def _status(demo: Demo, spec: CaseSpec) -> tuple[str, dt.datetime | None]:
    """Where the case stands after its last referral: the same rules the referral and meeting services apply."""
    last = spec.stages[-1]
    if spec.transferred:
        return CaseStatus.TRANSFERRED, None
    if last.kind in HELD:
        if last.outcome == CaseOutcome.CLOSED:
            return CaseStatus.CLOSED, demo.meetings[last.kind].closed_at
        return CaseStatus.MONITORING, None
    if last.kind == "C":
        return CaseStatus.LISTED, None
    if last.kind == "E":
        return CaseStatus.HEARD, None  # discussed at the emergency meeting, which has not closed yet
    if last.kind == "declined":
        return CaseStatus.CLOSED, last.triaged_at  # a declined first referral closes the case
    return CaseStatus.REFERRED, None


def _last_reference_number(stem: str) -> int:
    references = Case.objects.filter(reference__startswith=stem).values_list("reference", flat=True)
    return max((int(reference.rsplit("-", 1)[1]) for reference in references), default=0)


def save_cases(demo: Demo) -> None:
    save_case_rows(demo, demo.specs, lambda spec: _status(demo, spec))
    demo.counts["cases"] = len(demo.specs)


def save_case_rows(
    demo: Demo, specs: list[CaseSpec], status_of: Callable[[CaseSpec], tuple[str, dt.datetime | None]]
) -> None:
    """The cases of `specs` with their parties. References such as RIV-2026-0042, numbered in order of opening
    within each year, after any in use."""
    prefix = reference_prefix(demo.locality)
    next_number: dict[int, int] = {}
    for spec in sorted(specs, key=lambda spec: spec.stages[0].referred_at):
        opened = spec.stages[0].referred_at
        year = timezone.localtime(opened).year
        if year not in next_number:
            next_number[year] = _last_reference_number(f"{prefix}-{year}-") + 1
        status, closed_at = status_of(spec)
        spec.case = Case(
            locality=demo.locality,
            reference=f"{prefix}-{year}-{next_number[year]:04d}",
            victim=spec.victim,
            status=status,
            idva_agency=demo.agencies[spec.idva_key] if spec.idva_key else None,
            idva=demo.users[spec.idva_username] if spec.idva_username else None,
            opened_at=opened,
            last_referred_at=spec.stages[-1].referred_at,
            closed_at=closed_at,
        )
        next_number[year] += 1
    Case.objects.bulk_create(spec.case for spec in specs)
    parties = []
    for spec in specs:
        parties += [
            CaseParty(case=spec.case, person=person, role=PartyRole.PERPETRATOR, relationship_to_victim=relation)
            for person, relation in spec.perpetrators
        ]
        parties += [
            CaseParty(
                case=spec.case,
                person=child,
                role=PartyRole.CHILD,
                relationship_to_victim="Son" if child.gender == Gender.MALE else "Daughter",
            )
            for child in spec.children
        ]
    CaseParty.objects.bulk_create(parties)


def save_referrals(demo: Demo) -> None:
    demo.counts["referrals"] = save_referral_rows(demo, demo.specs)


def save_referral_rows(demo: Demo, specs: list[CaseSpec]) -> int:
    """Referrals in rounds (each case's first, then second, then third), so a repeat can name the one before."""
    count = 0
    for number in range(max(len(spec.stages) for spec in specs)):
        assessments, referrals = [], []
        for spec in specs:
            if number < len(spec.stages):
                previous = spec.stages[number - 1].referral if number else None
                assessment, referral = _referral(demo, spec, spec.stages[number], previous)
                assessments.append(assessment)
                referrals.append(referral)
        Assessment.objects.bulk_create(assessments)
        Referral.objects.bulk_create(referrals)
        count += len(referrals)
    return count


def _story(demo: Demo, spec: CaseSpec, *, repeat: bool) -> tuple[str, set[str], str, int, str]:
    """What happened, the checklist items it shows, how the referral meets the criteria, incidents, and any
    professional judgement."""
    if repeat:
        text, implied, _facts = demo.pick(data.REPEAT_INCIDENTS, spec)
        profile = "repeat"
    else:
        text, implied, _facts = demo.pick(data.INCIDENTS, spec)
        profile = demo.rng.choices(list(PROFILE_WEIGHTS), weights=list(PROFILE_WEIGHTS.values()))[0]
    implied = set(implied)
    incidents = 0
    if profile == "escalation" or demo.rng.random() < 0.35:
        incidents = demo.rng.randint(3, 7) if profile == "escalation" else demo.rng.randint(1, 4)
    parts = [text]
    contexts = [entry for entry in data.CONTEXTS if set(entry[2]) <= spec.facts]
    for context, items, _facts in demo.rng.sample(contexts, demo.rng.choice((0, 1, 1, 2))):
        if "{incidents}" in context and incidents < 2:
            continue
        parts.append(context)
        implied |= set(items)
    parts.append(demo.rng.choice(data.WORRIES))
    judgement = ""
    if profile == "judgement" or (profile == "escalation" and demo.rng.random() < 0.5):
        judgement = demo.rng.choice([reason for reason, items in data.JUDGEMENT_REASONS if set(items) <= implied])
    return " ".join(parts), implied, profile, incidents, judgement


def _referral(demo: Demo, spec: CaseSpec, stage: Stage, previous: Referral | None) -> tuple[Assessment, Referral]:
    incidents = 0
    if stage.kind == "declined":
        summary, implied, score, judgement = DECLINED_SUMMARY, set(), 4, DECLINED_JUDGEMENT
    elif stage.kind == "more_info":
        summary, implied, score = UNCLEAR_SUMMARY, {"substances_mental_health", "frightened"}, 6
        judgement = UNCLEAR_JUDGEMENT
    else:
        summary, implied, profile, incidents, judgement = _story(demo, spec, repeat=previous is not None)
        score = demo.rng.randint(*SCORES[profile])
    answers = _answers(demo, implied, score, unclear=stage.kind == "more_info")
    referrer = demo.users[data.REFERRER_FOR.get(stage.agency_key, data.AGENCY_VOICE[stage.agency_key])]
    assessment = assessment_row(
        demo,
        spec,
        answers=answers,
        judgement_reason=demo.fill(judgement, spec),
        assessed_by=referrer,
        agency=demo.agencies[stage.agency_key],
        assessed_at=stage.referred_at - dt.timedelta(minutes=demo.rng.randint(20, 180)),
    )
    consent = demo.rng.choices((Consent.GIVEN, Consent.NOT_SOUGHT, Consent.REFUSED), weights=(75, 17, 8))[0]
    reason, approver = ("", "") if consent == Consent.GIVEN else demo.rng.choice(data.CONSENT_REASONS)
    triage_status, triage_note = {
        "pending": (TriageStatus.PENDING, ""),
        "more_info": (TriageStatus.MORE_INFORMATION, data.TRIAGE_MORE_INFORMATION),
        "declined": (TriageStatus.DECLINED, data.TRIAGE_DECLINED),
    }.get(stage.kind, (TriageStatus.LISTED, ""))
    stage.referral = Referral(
        case=spec.case,
        referring_agency=demo.agencies[stage.agency_key],
        referred_by=referrer,
        referrer_phone=f"01632 960{demo.rng.randint(0, 999):03d}",  # a range Ofcom keeps for drama
        referred_at=stage.referred_at,
        assessment=assessment,
        meets_visible_high_risk=meets_visible_high_risk(
            scale=SCALES[assessment.scale], computed_level=assessment.computed_level
        ),
        meets_professional_judgement=bool(judgement),
        professional_judgement_reasons=demo.fill(judgement, spec),
        meets_potential_escalation=incidents >= demo.locality.escalation_incident_count,
        incidents_in_escalation_window=incidents,
        is_repeat=previous is not None,
        previous_referral=previous,
        consent=consent,
        sharing_without_consent_reason=reason,
        sharing_approved_by=approver,
        risk_summary=demo.fill(summary, spec, incidents=str(incidents)),
        children_in_household=len(spec.children),
        submitted_details=_submitted_details(demo, spec, timezone.localdate(stage.referred_at)),
        triage_status=triage_status,
        triage_note=triage_note,
        triaged_by=demo.users["coordinator"] if stage.triaged_at else None,
        triaged_at=stage.triaged_at,
    )
    return assessment, stage.referral


def _answers(demo: Demo, implied: set[str], score: int, *, unclear: bool) -> dict[str, dict[str, str]]:
    """Every item answered: 'yes' for what the story shows and enough others to reach the score."""
    item_ids = list(demo.instrument.item_ids)
    yes = set(implied)
    others = [item for item in item_ids if item not in yes]
    yes |= set(demo.rng.sample(others, max(0, min(score, len(item_ids)) - len(yes))))
    rest = [item for item in item_ids if item not in yes]
    if unclear:
        dont_know = set(demo.rng.sample(rest, min(9, len(rest))))
    else:
        dont_know = {item for item in rest if demo.rng.random() < 0.12}
    answers = {}
    for item in item_ids:
        if item in yes:
            note = demo.rng.choice(data.ASSESSMENT_NOTES) if demo.rng.random() < 0.6 else ""
            answers[item] = {"answer": Answer.YES.value, "note": note}
        elif item in dont_know:
            note = "Not safe to ask at the time." if demo.rng.random() < 0.3 else ""
            answers[item] = {"answer": Answer.DONT_KNOW.value, "note": note}
        else:
            answers[item] = {"answer": Answer.NO.value, "note": ""}
    return answers


def _snapshot(person: Person, aliases: list[str], on: dt.date) -> dict:
    born = person.date_of_birth
    return {
        "given_name": person.given_name,
        "family_name": person.family_name,
        "date_of_birth": born.isoformat(),
        "aliases": aliases,
        "gender": person.gender,
        "address": person.address,
        "postcode": person.postcode,
        "address_is_safe_address": person.address_is_safe_address,
        "phone": person.phone,
        "safe_to_call": person.safe_to_call,
        "best_time_to_call": person.best_time_to_call,
        "first_language": person.first_language,
        "interpreter_needed": person.interpreter_needed,
        "ethnicity": person.ethnicity,
        "has_disability": person.has_disability,
        "sexual_orientation": person.sexual_orientation,
        "is_trans": person.is_trans,
        "religion": person.religion,
        "migration_status": person.migration_status,
        "school": person.school,
        "age_at_referral": on.year - born.year - ((on.month, on.day) < (born.month, born.day)),
        "person_id": person.pk,
    }


def _submitted_details(demo: Demo, spec: CaseSpec, on: dt.date) -> dict:
    """The people as the referral described them, in the shape the referral service keeps."""
    return {
        "victim": _snapshot(spec.victim, demo.aliases.get(id(spec.victim), []), on),
        "perpetrators": [
            {**_snapshot(person, demo.aliases.get(id(person), []), on), "relationship_to_victim": relation}
            for person, relation in spec.perpetrators
        ],
        "children": [_snapshot(child, [], on) for child in spec.children],
    }
