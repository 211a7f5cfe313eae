"""The minutes of a closed meeting, in a version for each reader.

Need to know: the shared part (attendance, and for each case its reference, the chair's risk summary, the
discussion, the outcome) goes to every invited agency; the actions and the review of earlier actions are those of
the reader's own agency only. The coordinator and the chair get every agency's actions. Everything starts from the
policy's scoped querysets, so a case the reader is barred from is left out of her minutes altogether.
"""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext, gettext_noop

from marac.access import policy
from marac.access.actor import Actor
from marac.actions.models import Action, ActionReview
from marac.meetings.models import Attendance, Meeting, MeetingPurpose, MeetingStatus

# Translated where it is shown (`gettext(RESTRICTED_MARKING)`): tests and other code read the English.
RESTRICTED_MARKING = gettext_noop("RESTRICTED – shared under the information-sharing agreement")


@dataclass(frozen=True)
class MinutesCase:
    reference: str
    risk_summary: str
    discussion: str
    outcome: str
    actions: list[Action]
    earlier_action_reviews: list[ActionReview]


@dataclass(frozen=True)
class Minutes:
    meeting: Meeting
    chair_name: str
    is_full_version: bool
    agency_name: str
    attendance: list[Attendance]
    cases: list[MinutesCase]
    case_ids: list[int]


def minutes_available(meeting: Meeting) -> bool:
    """Minutes record what was agreed: they exist only once the meeting has closed."""
    return meeting.status == MeetingStatus.CLOSED


def minutes_meeting_queryset(*, actor: Actor) -> QuerySet[Meeting]:
    """Meetings whose minutes the actor may read: the coordinator's and chair's, and those her agency was invited to.
    A MATAC meeting has no case minutes: what it agreed is on the MATAC pages."""
    return policy.visible_meetings(actor).filter(purpose=MeetingPurpose.MARAC).select_related("locality", "chair")


def is_full_version_reader(actor: Actor) -> bool:
    return policy.has_permission(actor, "meeting.run")


def _readers_actions(actor: Actor) -> QuerySet[Action]:
    actions = policy.visible_actions(actor)
    if is_full_version_reader(actor):
        return actions
    # An IDVA may see other agencies' actions on her service's cases elsewhere; the minutes stay need-to-know.
    return actions.filter(owner_agency=actor.agency)


def _chair_name(meeting: Meeting) -> str:
    if meeting.chair is None:
        return gettext("Not recorded")
    return meeting.chair.get_full_name() or meeting.chair.get_username()


def minutes_for(*, actor: Actor, meeting: Meeting) -> Minutes:
    """The reader's version of the minutes of a closed meeting fetched through `minutes_meeting_queryset`.

    Four queries whatever the number of cases (the cases, their actions, their reviews, the attendance), after
    the policy's once-per-actor check of the agency's signature.
    """
    actions = _readers_actions(actor)
    items = (
        policy.visible_agenda_items(actor)
        .filter(meeting=meeting)
        .prefetch_related(
            Prefetch(
                "actions",
                queryset=actions.select_related("owner_agency").order_by("owner_agency__name", "due_date", "pk"),
                to_attr="minutes_actions",
            ),
            Prefetch(
                "action_reviews",
                queryset=ActionReview.objects.filter(action__in=actions)
                .select_related("action__owner_agency")
                .order_by("action__owner_agency__name", "action__due_date", "pk"),
                to_attr="minutes_reviews",
            ),
        )
        .order_by("position", "pk")
    )
    cases = []
    case_ids = []
    for item in items:
        case_ids.append(item.case_id)
        cases.append(
            MinutesCase(
                reference=item.case.reference,
                # A draft saved as the chair typed is not what the meeting agreed until the chair saves it.
                risk_summary=item.risk_summary if item.discussed_at else "",
                discussion=item.discussion if item.discussed_at else "",
                outcome=item.get_outcome_display() if item.outcome else gettext("Not recorded"),
                actions=item.minutes_actions,
                earlier_action_reviews=item.minutes_reviews,
            )
        )
    attendance = list(meeting.attendance.select_related("agency").order_by("agency__name", "pk"))
    full = is_full_version_reader(actor)
    return Minutes(
        meeting=meeting,
        chair_name=_chair_name(meeting),
        is_full_version=full,
        agency_name="" if full or actor.agency is None else actor.agency.name,
        attendance=attendance,
        cases=cases,
        case_ids=case_ids,
    )
