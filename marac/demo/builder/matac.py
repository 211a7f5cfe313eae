"""The demo's MATAC: serial perpetrators nominated from the ranking and referred by partners, a MATAC meeting held
four weeks ago that agreed tactics of every category, the next one planned with the nominees on its agenda, and one
nominee who has exited, with the change in his score as the outcome: the man whose score fell most over his months
on MATAC, found by scoring every man named on incidents at monthly moments.

Scores are the ranking's own (`score_people`, as of each moment), so every kept score matches what the ranking
would have said then. The MARAC actions "consider the perpetrator for MATAC" that the demo's meetings agreed carry
their partner referrals, as the action hook would have made them. Call `build_matac` after `build_incidents` (it ranks
the incidents) and `build_actions`.
"""

import datetime as dt

from marac.actions.models import Action, ActionStatus, CatalogueEffect
from marac.demo.builder.state import Demo
from marac.incidents.models import Incident
from marac.matac.models import (
    OPEN_STATUSES,
    ExitReason,
    MatacAction,
    MatacActionUpdate,
    MatacListing,
    Nomination,
    NominationReferral,
    NominationStatus,
    ReferralSource,
    RfgvSnapshot,
    ScoreOccasion,
    TacticCategory,
)
from marac.matac.scores import snapshot_of
from marac.matac.services.meetings import MATAC_CADENCE_DAYS
from marac.meetings.models import Attendance, AttendanceStatus, Meeting, MeetingMode, MeetingPurpose, MeetingStatus
from marac.people.models import Person
from marac.referrals.models import CaseParty, PartyRole
from marac.rfgv.scoring import rank_serial_perpetrators, score_people

DAY = dt.timedelta(days=1)
# How far back the exited nominee's time on MATAC may lie, in months: the look-back window and a little more.
EXIT_SEARCH_MONTHS = 40
INVITED = ("police", "probation", "idva", "housing", "childrens", "programme", "recovery", "mental_health")

SUBJECT_PROFILES = (
    "Unemployed since the spring; drinks most days. Lives with his mother since his last relationship ended and has "
    "started seeing a woman with two young children.",
    "Works shifts at a warehouse. Two children by different partners, contact stopped by the family court. Says the "
    "women in his life provoke him; accepts he has a temper.",
    "Moves between friends' addresses. Known to the recovery service for cocaine use. Has a new partner who is "
    "pregnant.",
)
INTELLIGENCE_PROFILES = (
    "Assaults on three partners in three years, one by strangulation. Bail conditions not to contact his last "
    "partner, breached once. Intelligence that his new partner has asked the police about his past.",
    "Two convictions for common assault on former partners; a restraining order in force until next year. Probation "
    "supervision ended eight months ago.",
    "Arrested twice this year for threats to kill; no further action both times. Associates with a known supplier.",
)
DISCUSSIONS = (
    "Police shared two call-outs since the last meeting. Probation will check whether a new order can include the "
    "programme. Agreed to tell his new partner of his history under the disclosure scheme.",
    "No new incident. He has kept two appointments with the programme. Housing reported a complaint from neighbours.",
    "Has engaged with the recovery service since the last meeting; no incident in five months. Agreed to prepare "
    "his exit at the next review if this holds.",
)
CUSTODY_DISCUSSION = (
    "Arrested last week for a new assault on his partner and remanded in custody. Agreed to exit him from MATAC; "
    "the police will tell the meeting if he is released."
)
# (category, owner agency key, text, days after the meeting it is due, status): every category of tactic.
TACTICS = (
    (
        TacticCategory.DISCLOSURE,
        "police",
        "Disclose his history of abuse to his new partner (right to know).",
        7,
        "done",
    ),
    (
        TacticCategory.ENFORCEMENT,
        "police",
        "Act at once on any breach of his bail conditions; flag his address.",
        28,
        "in_progress",
    ),
    (
        TacticCategory.DISRUPTION,
        "police",
        "Visit his known addresses weekly and stop him at any contact with his former partner.",
        14,
        "open",
    ),
    (
        TacticCategory.BEHAVIOUR_CHANGE,
        "programme",
        "Offer him a place on the Respectful Relationships group.",
        21,
        "in_progress",
    ),
    (TacticCategory.SUPPORT, "recovery", "Fast-track an assessment for his drug and alcohol use.", 14, "done"),
    (
        TacticCategory.DIVERSION,
        "probation",
        "Explore a voluntary referral to the employment and training scheme.",
        21,
        "not_possible",
    ),
)
DONE_NOTES = {
    "done": "Completed as agreed; recorded on our system.",
    "in_progress": "Started; first contact made.",
    "not_possible": "He declined every offer; nothing more we can do without an order.",
}


# Partner referrals of the men the story needs when the ranking has none left: (agency key, reason, what it knows).
PROBATION_REFERRAL = (
    "probation",
    "His supervision has ended but the pattern with each new partner continues.",
    "Supervised on licence until last year; did not complete the programme.",
)
POLICE_REFERRAL = (
    "police",
    "Repeat call-outs to his address; his partner will not support a prosecution.",
    "Managed by our offender management unit since his release.",
)
CHILDRENS_REFERRAL = (
    "childrens",
    "His partner's children are on a child protection plan; he has moved back in with them.",
    "Named in the plan as the risk to the children.",
)


def _scores(demo: Demo, person_ids: list[int], as_of: dt.datetime):
    return score_people(locality=demo.locality, person_ids=person_ids, as_of=as_of)


def _nomination(demo: Demo, person: Person, *, at: dt.datetime, status: str) -> Nomination:
    return Nomination.objects.create(locality=demo.locality, person=person, status=status, nominated_at=at)


def _refer(
    demo: Demo, nomination: Nomination, *, source: str, agency_key: str, user, at, reason, known="", action=None
):
    referral = NominationReferral.objects.create(
        nomination=nomination,
        source=source,
        referring_agency=demo.agencies[agency_key],
        referred_by=user,
        referred_at=at,
        reason=reason,
        known=known,
        marac_action=action,
    )
    score = _scores(demo, [nomination.person_id], at)[nomination.person_id]
    snapshot_of(score, nomination=nomination, occasion=ScoreOccasion.REFERRAL, as_of=at, referral=referral).save()
    return referral


def _refer_from_ranking_or_partner(
    demo: Demo, nomination: Nomination, *, at: dt.datetime, in_ranking: bool, reason: str, partner: tuple[str, str, str]
) -> None:
    """The coordinator refers a man the ranking lists; one it does not, the partner agency refers (agency key,
    reason, what it knows)."""
    if in_ranking:
        _refer(
            demo,
            nomination,
            source=ReferralSource.RANKING,
            agency_key="partnership",
            user=demo.users["coordinator"],
            at=at,
            reason=reason,
        )
        return
    agency_key, partner_reason, known = partner
    _refer(
        demo,
        nomination,
        source=ReferralSource.PARTNER,
        agency_key=agency_key,
        user=demo.voice(agency_key),
        at=at,
        reason=partner_reason,
        known=known,
    )


def _select(demo: Demo, nomination: Nomination, *, at: dt.datetime, number: int) -> None:
    coordinator, police = demo.users["coordinator"], demo.voice("police")
    nomination.status = NominationStatus.SELECTED
    nomination.decided_at, nomination.decided_by = at, demo.users["chair"]
    nomination.subject_profile = SUBJECT_PROFILES[number % len(SUBJECT_PROFILES)]
    nomination.subject_profile_by, nomination.subject_profile_at = coordinator, at
    nomination.intelligence_profile = INTELLIGENCE_PROFILES[number % len(INTELLIGENCE_PROFILES)]
    nomination.intelligence_profile_by, nomination.intelligence_profile_at = police, at
    nomination.save()
    score = _scores(demo, [nomination.person_id], at)[nomination.person_id]
    snapshot_of(score, nomination=nomination, occasion=ScoreOccasion.ENTRY, as_of=at).save()


def _meeting(demo: Demo, *, at: dt.datetime, status: str) -> Meeting:
    held = status == MeetingStatus.CLOSED
    meeting = Meeting.objects.create(
        locality=demo.locality,
        purpose=MeetingPurpose.MATAC,
        mode=MeetingMode.LIVE,
        scheduled_for=at,
        status=status,
        location="Interview suite, Riverside Police Station",
        chair=demo.users["chair"] if held else None,
        started_at=at if held else None,
        closed_at=at + dt.timedelta(hours=2) if held else None,
    )
    meeting.invited_agencies.set([demo.agencies[key] for key in INVITED])
    if held:
        Attendance.objects.bulk_create(
            Attendance(
                meeting=meeting,
                agency=demo.agencies[key],
                status=AttendanceStatus.APOLOGIES if key == "mental_health" else AttendanceStatus.PRESENT,
                attendee_name=""
                if key == "mental_health"
                else demo.voice(key).get_full_name() or demo.voice(key).get_username(),
                information_sent=key == "mental_health",
            )
            for key in INVITED
        )
    return meeting


def _tactics(demo: Demo, listing: MatacListing, *, first: int, count: int, held_at: dt.datetime) -> list[MatacAction]:
    made = []
    for index in range(first, first + count):
        category, owner_key, text, due_days, status = TACTICS[index % len(TACTICS)]
        due = (held_at + due_days * DAY).date()
        # One action is left open past its due date: the overview's overdue banner shows it.
        action = MatacAction.objects.create(
            nomination=listing.nomination,
            listing=listing,
            owner_agency=demo.agencies[owner_key],
            category=category,
            text=text,
            due_date=due,
            status=status,
            not_possible_reason=DONE_NOTES["not_possible"] if status == "not_possible" else "",
            created_by=demo.users["chair"],
            created_at=held_at + dt.timedelta(minutes=20 + index),
            completed_at=held_at + 5 * DAY if status == "done" else None,
        )
        if status != ActionStatus.OPEN:
            MatacActionUpdate.objects.create(
                action=action,
                author=demo.voice(owner_key),
                agency=demo.agencies[owner_key],
                created_at=held_at + 5 * DAY,
                status_before=ActionStatus.OPEN,
                status_after=status,
                note=DONE_NOTES[status],
            )
        made.append(action)
    return made


def _matac_referral_actions(demo: Demo):
    return Action.objects.filter(case__locality=demo.locality, catalogue_action__effect=CatalogueEffect.MATAC_REFERRAL)


def _referred_by_marac_actions(demo: Demo) -> set[int]:
    """The men the MARAC actions "consider the perpetrator for MATAC" refer: the perpetrators of their cases."""
    cases = _matac_referral_actions(demo).values("case_id")
    parties = CaseParty.objects.filter(case_id__in=cases, role=PartyRole.PERPETRATOR)
    return set(parties.values_list("person_id", flat=True))


def _hook_referrals(demo: Demo, *, exited: Nomination | None) -> int:
    """The partner referrals the demo's MARAC actions "consider the perpetrator for MATAC" made. A referral of the
    exited nominee made before he exited joins his nomination; one made after starts a new one."""
    made = 0
    actions = _matac_referral_actions(demo).select_related("case", "agenda_item__meeting", "owner_agency", "created_by")
    for action in actions.order_by("created_at", "pk"):
        parties = CaseParty.objects.filter(case=action.case, role=PartyRole.PERPETRATOR).select_related("person")
        for party in parties.order_by("pk"):
            nomination = Nomination.objects.filter(person=party.person, status__in=OPEN_STATUSES).first()
            before_exit = exited is not None and action.created_at <= exited.exited_at
            if nomination is None and before_exit and party.person_id == exited.person_id:
                nomination = exited
                if action.created_at < exited.nominated_at:
                    exited.nominated_at = action.created_at
                    exited.save(update_fields=["nominated_at"])
            if nomination is None:
                nomination = _nomination(demo, party.person, at=action.created_at, status=NominationStatus.NOMINATED)
            meeting = action.agenda_item.meeting if action.agenda_item_id else None
            _refer(
                demo,
                nomination,
                source=ReferralSource.PARTNER,
                agency_key=demo.agency_key(action.owner_agency),
                user=action.created_by,
                at=action.created_at,
                reason=(
                    f"The MARAC agreed {'at the ' + str(meeting) if meeting else 'on the case'} that "
                    f"{action.owner_agency} considers the perpetrator for MATAC (MARAC action {action.pk}, case "
                    f"{action.case.reference})."
                ),
                known="Named as a perpetrator on a MARAC case.",
                action=action,
            )
            made += 1
    return made


def build_matac(demo: Demo) -> None:
    now = demo.now
    ranking_now = rank_serial_perpetrators(locality=demo.locality, as_of=now)
    if not ranking_now:
        demo.counts["matac_referrals_from_marac_actions"] = _hook_referrals(demo, exited=None)
        return
    # Which ranked men the MARAC actions refer varies with the day the demo is built on: when one alone is left to
    # them, he is kept for the ranking's own nomination rather than exited.
    referred = _referred_by_marac_actions(demo)
    left_to_ranking = [score.person_id for score in ranking_now if score.person_id not in referred]
    kept_for_ranking = set(left_to_ranking) if len(left_to_ranking) == 1 else set()
    held_at = demo.local(demo.today - MATAC_CADENCE_DAYS * DAY, 14)
    entry_at = held_at - 14 * DAY

    # The exited nominee: of the men named on incidents, a serial perpetrator (if any) whose score fell most over
    # three to twelve months on MATAC, scored at monthly moments over the last three years and more (one query a
    # moment); with nobody whose score fell, the one whose score rose least, exited into custody.
    candidates = list(
        Incident.objects.filter(locality=demo.locality, perpetrator__isnull=False)
        .exclude(perpetrator__merged_into__isnull=False)
        .exclude(perpetrator_id__in=kept_for_ranking)
        .order_by("perpetrator_id")
        .values_list("perpetrator_id", flat=True)
        .distinct()
    )
    moments = [demo.local(demo.today - dt.timedelta(days=30 * months + 3), 11) for months in range(EXIT_SEARCH_MONTHS)]
    moments.sort()
    scored = {moment: _scores(demo, candidates, moment) for moment in moments}
    journeys = [
        (
            # A serial perpetrator at entry first, as MATAC takes on; then the greatest fall.
            not scored[entry][person_id].is_serial,
            scored[exit_][person_id].total - scored[entry][person_id].total,
            -scored[entry][person_id].total,
            person_id,
            entry,
            exit_,
        )
        for person_id in candidates
        for index, entry in enumerate(moments)
        if scored[entry][person_id].total > 0
        for exit_ in moments[index + 3 : index + 13]
    ]
    _not_serial, change, _entry_total, exited_id, early_entry, exit_at = min(journeys)
    reduced = change < 0
    coordinator, chair = demo.users["coordinator"], demo.users["chair"]
    exited_person = Person.objects.get(pk=exited_id)
    exited = _nomination(demo, exited_person, at=early_entry - 10 * DAY, status=NominationStatus.NOMINATED)
    _refer(
        demo,
        exited,
        source=ReferralSource.PARTNER,
        agency_key="police",
        user=demo.voice("police"),
        at=early_entry - 10 * DAY,
        reason="Recent, frequent and serious abuse; a new partner who does not know his history.",
        known="Arrested after each incident; charged once, the case discontinued when she withdrew.",
    )
    _select(demo, exited, at=early_entry, number=2)
    # He was discussed at the MATAC meeting after his selection, which agreed support for him.
    first_meeting = _meeting(demo, at=early_entry + 21 * DAY, status=MeetingStatus.CLOSED)
    listing = MatacListing.objects.create(
        meeting=first_meeting,
        nomination=exited,
        position=1,
        listed_at=early_entry,
        discussion=DISCUSSIONS[2] if reduced else CUSTODY_DISCUSSION,
        discussed_at=first_meeting.scheduled_for + dt.timedelta(minutes=20),
    )
    actions = _tactics(demo, listing, first=4, count=1, held_at=first_meeting.scheduled_for)  # support, done
    exited.status, exited.exited_at, exited.exited_by = NominationStatus.EXITED, exit_at, coordinator
    exited.exit_reason = ExitReason.RISK_REDUCED if reduced else ExitReason.CUSTODY
    exited.save(update_fields=["status", "exited_at", "exited_by", "exit_reason"])
    snapshot_of(scored[exit_at][exited_id], nomination=exited, occasion=ScoreOccasion.EXIT, as_of=exit_at).save()

    # The MARAC's own referrals next: the men they nominated are not picked again from the ranking.
    demo.counts["matac_referrals_from_marac_actions"] = _hook_referrals(demo, exited=exited)
    taken = set(Nomination.objects.filter(locality=demo.locality).values_list("person_id", flat=True))
    ranked_ids = [score.person_id for score in ranking_now if score.person_id not in taken]
    # The ranked men first; then, when the MARAC actions took too many of them, men named on incidents whom a
    # partner refers instead.
    others = ranked_ids + [person_id for person_id in candidates if person_id not in {*ranked_ids, *taken}]
    people = {person.pk: person for person in Person.objects.filter(pk__in=others)}

    # Two nominees on MATAC now: one from the ranking, one referred by probation.
    selected = []
    for number, person_id in enumerate(others[:2]):
        nomination = _nomination(demo, people[person_id], at=entry_at - 7 * DAY, status=NominationStatus.NOMINATED)
        _refer_from_ranking_or_partner(
            demo,
            nomination,
            at=entry_at - 7 * DAY,
            in_ranking=number == 0 and person_id in ranked_ids,
            reason="Among the highest scores in the ranking; a new partner with young children.",
            partner=PROBATION_REFERRAL,
        )
        _select(demo, nomination, at=entry_at, number=number)
        selected.append(nomination)

    # The meeting four weeks ago: both discussed, tactics of every category agreed.
    held = _meeting(demo, at=held_at, status=MeetingStatus.CLOSED)
    for position, (nomination, discussion) in enumerate(zip(selected, DISCUSSIONS[:2], strict=True), start=1):
        listing = MatacListing.objects.create(
            meeting=held,
            nomination=nomination,
            position=position,
            listed_at=held_at - 7 * DAY,
            discussion=discussion,
            discussed_at=held_at + dt.timedelta(minutes=20 * position),
        )
        actions += _tactics(demo, listing, first=3 * (position - 1), count=3, held_at=held_at)

    # The next meeting, four weeks after the last, with the two nominees on its agenda.
    upcoming = _meeting(demo, at=held_at + MATAC_CADENCE_DAYS * DAY, status=MeetingStatus.SCHEDULED)
    for position, nomination in enumerate(selected, start=1):
        MatacListing.objects.create(meeting=upcoming, nomination=nomination, position=position, listed_at=now - DAY)

    # One declined last month; the next in the ranking awaits a decision, and so does a man housing refers though
    # he is no serial perpetrator (a partner referral is scored all the same).
    for person_id in others[2:3]:
        declined = _nomination(demo, people[person_id], at=held_at - 20 * DAY, status=NominationStatus.DECLINED)
        _refer_from_ranking_or_partner(
            demo,
            declined,
            at=held_at - 20 * DAY,
            in_ranking=person_id in ranked_ids,
            reason="In the ranking; to be considered.",
            partner=POLICE_REFERRAL,
        )
        declined.decided_at, declined.decided_by = held_at - 16 * DAY, chair
        declined.decline_reason = "Already managed at MAPPA level 2: MATAC would duplicate it."
        declined.save(update_fields=["decided_at", "decided_by", "decline_reason"])
    for person_id in others[3:4]:
        waiting = _nomination(demo, people[person_id], at=now - 5 * DAY, status=NominationStatus.NOMINATED)
        _refer_from_ranking_or_partner(
            demo,
            waiting,
            at=now - 5 * DAY,
            in_ranking=person_id in ranked_ids,
            reason="New in the ranking this month.",
            partner=CHILDRENS_REFERRAL,
        )
    taken = set(Nomination.objects.filter(locality=demo.locality).values_list("person_id", flat=True))
    neighbour = next(
        (person for spec in demo.specs for person, _relationship in spec.perpetrators if person.pk not in taken), None
    )
    if neighbour is not None:
        waiting = _nomination(demo, neighbour, at=now - 2 * DAY, status=NominationStatus.NOMINATED)
        _refer(
            demo,
            waiting,
            source=ReferralSource.PARTNER,
            agency_key="housing",
            user=demo.voice("housing"),
            at=now - 2 * DAY,
            reason="Neighbours have reported him shouting threats at his partner; she has asked to be moved.",
            known="Tenant of ours; two warnings for anti-social behaviour this year.",
        )

    demo.counts["matac_nominations"] = Nomination.objects.filter(locality=demo.locality).count()
    demo.counts["matac_actions"] = len(actions)
    demo.counts["matac_scores"] = RfgvSnapshot.objects.filter(nomination__locality=demo.locality).count()
