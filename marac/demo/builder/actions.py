"""The actions each meeting agreed, their trails of updates, and the review of late ones at the next meeting."""

import datetime as dt

from django.utils import timezone

from marac.actions.models import Action, ActionReview, ActionStatus, ActionUpdate, CatalogueAction, ReviewReason
from marac.demo import data
from marac.demo.builder.agendas import HEARD
from marac.demo.builder.state import HELD, CaseSpec, Demo, Stage
from marac.meetings.models import CaseOutcome, MeetingStatus

Trail = list[tuple[dt.datetime, str, str, str]]  # (when, status before, status after, note)

STATUS_WEIGHTS = {
    "A": {ActionStatus.DONE: 55, ActionStatus.NOT_POSSIBLE: 10, ActionStatus.IN_PROGRESS: 20, ActionStatus.OPEN: 15},
    "B": {ActionStatus.DONE: 30, ActionStatus.NOT_POSSIBLE: 5, ActionStatus.IN_PROGRESS: 35, ActionStatus.OPEN: 30},
}
DUE_DAYS = {"A": (14, 28, 28, 42), "B": (14, 28, 28, 35), "E": (3, 7)}
OPTIONAL_OWNERS = ("housing", "health", "probation", "mental_health", "programme", "recovery")


def build_actions(demo: Demo) -> None:
    catalogue: dict[str, list[CatalogueAction]] = {}
    for entry in CatalogueAction.objects.filter(is_active=True).order_by("pk"):
        catalogue.setdefault(entry.agency_type, []).append(entry)
    planned: list[tuple[Action, Trail]] = []
    for spec in demo.specs:
        heard = [stage for stage in spec.listed_stages if stage.kind in HEARD]
        for index, stage in enumerate(heard):
            # A case that came back keeps something incomplete from its last meeting, for review.
            keep_open = index + 1 < len(spec.stages)
            planned += _actions_for(demo, spec, stage, catalogue, keep_open=keep_open)
    _guarantee_every_status(demo, planned)
    Action.objects.bulk_create(action for action, _updates in planned)
    ActionUpdate.objects.bulk_create(
        ActionUpdate(
            action=action,
            author=demo.voice(demo.agency_key(action.owner_agency)),
            agency=action.owner_agency,
            created_at=created_at,
            status_before=before,
            status_after=after,
            note=note,
        )
        for action, trail in planned
        for created_at, before, after, note in trail
    )
    _reviews(demo, planned)
    demo.counts["actions"] = len(planned)


def _owners(demo: Demo, spec: CaseSpec, stage: Stage) -> list[str]:
    if stage.kind == "E":
        return ["police", "childrens" if "children" in spec.facts else "housing"][: demo.rng.choice((1, 2))]
    if stage.outcome == CaseOutcome.CLOSED:
        return (["police", spec.idva_key] if spec.idva_key else ["police"])[: demo.rng.choice((1, 2))]
    owners = ["police"] if demo.rng.random() < 0.8 else []
    if spec.idva_key and demo.rng.random() < 0.8:
        owners.append(spec.idva_key)
    optional = list(OPTIONAL_OWNERS)
    if "children" in spec.facts:
        optional += ["childrens", "childrens"]
    if "school_age" in spec.facts:
        optional.append("education")
    if "disabled" in spec.facts:
        optional += ["adults", "adults"]
    wanted = demo.rng.choice((2, 3, 4))
    for key in demo.rng.sample(optional, len(optional)):
        if len(owners) >= wanted:
            break
        if key not in owners:
            owners.append(key)
    return owners


def _actions_for(demo: Demo, spec: CaseSpec, stage: Stage, catalogue, *, keep_open: bool) -> list[tuple[Action, Trail]]:
    meeting_day = timezone.localdate(demo.meetings[stage.kind].scheduled_for)
    results = []
    for number, owner_key in enumerate(_owners(demo, spec, stage)):
        owner = demo.agencies[owner_key]
        entries = catalogue.get(owner.agency_type, [])
        linked = demo.rng.choice(entries) if entries and demo.rng.random() < 0.7 else None
        action = Action(
            case=spec.case,
            agenda_item=stage.item,
            owner_agency=owner,
            catalogue_action=linked,
            text=linked.text if linked else demo.rng.choice(data.ACTIONS_BY_AGENCY[owner_key]),
            due_date=meeting_day + dt.timedelta(days=demo.rng.choice(DUE_DAYS[stage.kind])),
            created_by=demo.users["chair"],
            created_at=stage.item.discussion_started_at + dt.timedelta(minutes=5),
        )
        reason = demo.rng.choice(data.ACTION_NOT_POSSIBLE)
        if stage.kind == "E":
            status = ActionStatus.OPEN
        elif spec.transferred and number == 0:
            status, reason = ActionStatus.NOT_POSSIBLE, data.MOVED_AWAY
        elif stage.outcome == CaseOutcome.CLOSED:
            status = ActionStatus.DONE
        elif keep_open and number == 0:
            status = demo.rng.choice((ActionStatus.OPEN, ActionStatus.IN_PROGRESS))
        else:
            weights = STATUS_WEIGHTS[stage.kind]
            status = demo.rng.choices(list(weights), weights=list(weights.values()))[0]
        results.append((action, _trail(demo, action, status, reason)))
    return results


def _trail(demo: Demo, action: Action, status: str, reason: str) -> Trail:
    """Give the action its status and return the dated updates that brought it there."""
    action.status, action.completed_at, action.not_possible_reason = status, None, ""
    start = action.created_at
    trail: Trail = []
    if status == ActionStatus.IN_PROGRESS or (status == ActionStatus.DONE and demo.rng.random() < 0.5):
        start = demo.working_moment(start + dt.timedelta(days=1), start + dt.timedelta(days=8))
        trail.append((start, ActionStatus.OPEN, ActionStatus.IN_PROGRESS, demo.rng.choice(data.ACTION_PROGRESS_NOTES)))
        if status == ActionStatus.IN_PROGRESS and demo.rng.random() < 0.3:
            later = demo.working_moment(start + dt.timedelta(days=2), start + dt.timedelta(days=10))
            trail.append((later, ActionStatus.IN_PROGRESS, ActionStatus.IN_PROGRESS, "Chased; waiting for a reply."))
    if status == ActionStatus.DONE:
        done_at = demo.working_moment(start + dt.timedelta(days=1), start + dt.timedelta(days=20))
        before = trail[-1][2] if trail else ActionStatus.OPEN
        trail.append((done_at, before, ActionStatus.DONE, demo.rng.choice(data.ACTION_DONE_NOTES)))
        action.completed_at = done_at
    if status == ActionStatus.NOT_POSSIBLE:
        trail.append(
            (
                demo.working_moment(start + dt.timedelta(days=2), start + dt.timedelta(days=15)),
                ActionStatus.OPEN,
                status,
                reason,
            )
        )
        action.not_possible_reason = reason
    return trail


def _guarantee_every_status(demo: Demo, planned: list[tuple[Action, Trail]]) -> None:
    """The demo shows every status; should the draw miss one, a done action of a closed meeting takes it."""
    for status in ActionStatus.values:
        if any(action.status == status for action, _updates in planned):
            continue
        for index, (action, _updates) in enumerate(planned):
            if action.agenda_item.meeting.status == MeetingStatus.CLOSED and action.status == ActionStatus.DONE:
                planned[index] = (action, _trail(demo, action, status, data.ACTION_NOT_POSSIBLE[0]))
                break


def _reviews(demo: Demo, planned: list[tuple[Action, Trail]]) -> None:
    """The second meeting reviewed the first meeting's actions that were still incomplete on its day."""
    reviews = []
    for spec in demo.specs:
        items = {stage.kind: stage.item for stage in spec.stages if stage.kind in HELD}
        if set(items) != set(HELD):
            continue
        reviewed_at = items["B"].discussion_started_at + dt.timedelta(minutes=3)
        for action, trail in planned:
            if action.agenda_item is not items["A"]:
                continue
            finished = [
                when for when, _before, after, _note in trail if after in (ActionStatus.DONE, ActionStatus.NOT_POSSIBLE)
            ]
            if finished and finished[0] < reviewed_at:
                continue
            started = any(when < reviewed_at for when, *_rest in trail)
            reason = ReviewReason.STILL_IN_PROGRESS if started else ReviewReason.AGENCY_DID_NOT_ACT
            if action.status == ActionStatus.NOT_POSSIBLE:
                reason = ReviewReason.CIRCUMSTANCES_CHANGED
            reviews.append(
                ActionReview(
                    action=action,
                    agenda_item=items["B"],
                    reason=reason,
                    note=data.REVIEW_NOTES[reason],
                    reviewed_by=demo.users["chair"],
                    reviewed_at=reviewed_at,
                )
            )
    ActionReview.objects.bulk_create(reviews)
