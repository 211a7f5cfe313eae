"""Co-ordination by deadline: a meeting round without a default live meeting (domain.md §2, variant).

The coordinator opens the co-ordination. From then until its deadline (the meeting's `scheduled_for`) each invited
agency reads, case by case, what has been shared so far and posts its own update (its research record, which a
second post replaces) and actions for its own agency. After the deadline the coordinator reviews every case, writes
the risk summary, lists a case that needs a live discussion on the next live meeting or on a new emergency meeting,
and closes the co-ordination with an outcome per case (the meeting's own close).

Refusals name the rule broken in words the agency can act on; who may reach a page at all is the views' guard.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Count, Prefetch, QuerySet
from django.utils import dateformat, timezone
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _

from marac.access import policy
from marac.access.actor import Actor
from marac.access.rules import Detail
from marac.actions.models import Action, CatalogueAction
from marac.actions.services import action_create
from marac.agencies.models import Agency
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.meetings import selectors, services
from marac.meetings.models import AgendaItem, Meeting, MeetingMode, MeetingPurpose, MeetingStatus, Research


def deadline_of(meeting: Meeting) -> dt.datetime:
    """A co-ordination's date is its deadline: updates and actions are due by then."""
    return meeting.scheduled_for


def deadline_text(meeting: Meeting) -> str:
    return dateformat.format(timezone.localtime(deadline_of(meeting)), "l j F Y, H:i")


def refusal_to_post(actor: Actor, meeting: Meeting, *, now: dt.datetime | None = None) -> str:
    """Why the actor's agency may not post an update or an action to the co-ordination now; empty when it may."""
    now = now or timezone.now()
    if meeting.mode != MeetingMode.COORDINATION:
        return gettext("Updates and actions are posted this way only in a co-ordination by deadline.")
    if actor.agency is None or not meeting.invited_agencies.filter(pk=actor.agency.pk).exists():
        return gettext("Only agencies invited to this co-ordination post updates and actions.")
    if meeting.status == MeetingStatus.SCHEDULED:
        return gettext(
            "The coordinator has not opened this co-ordination yet. Until then, post your research on the case list."
        )
    if meeting.status == MeetingStatus.CLOSED:
        return gettext("This co-ordination has closed. Updates and actions can no longer be posted.")
    if now >= deadline_of(meeting):
        return gettext(
            "The deadline for updates and actions was %(deadline)s. They can no longer be posted; "
            "tell the coordinator if something has changed."
        ) % {"deadline": deadline_text(meeting)}
    return ""


def accepts_posts(actor: Actor, meeting: Meeting) -> bool:
    return not refusal_to_post(actor, meeting)


def _locked_for_posting(actor: Actor, meeting: Meeting, *, field: str) -> Meeting:
    """Lock the meeting row so a post cannot land after the coordinator closed the co-ordination, then check it."""
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if refusal := refusal_to_post(actor, locked):
        raise ValidationError({field: refusal})
    return locked


# Writes.


def coordination_open(*, actor: Actor, meeting: Meeting) -> Meeting:
    """Open the co-ordination: invited agencies now read what is shared and post until the deadline."""
    if meeting.mode != MeetingMode.COORDINATION:
        raise ValidationError({"meeting": gettext("Only a co-ordination by deadline is opened here.")})
    return services.meeting_start(actor=actor, meeting=meeting)


def coordination_update_post(*, actor: Actor, agenda_item: AgendaItem, finding: str, details: str) -> Research:
    """Post the agency's update on a case: its research record, replaced by a later post until the deadline."""
    if not policy.has_permission(actor, "research.submit"):
        raise PermissionDenied("Only agency representatives and IDVAs post updates.")
    with transaction.atomic():
        _locked_for_posting(actor, agenda_item.meeting, field="finding")
        return services.research_submit(actor=actor, agenda_item=agenda_item, finding=finding, details=details)


def coordination_action_add(
    *,
    actor: Actor,
    agenda_item: AgendaItem,
    owner_agency: Agency,
    text: str,
    due_date: dt.date,
    catalogue_action: CatalogueAction | None = None,
) -> Action:
    """Post an action the agency takes on itself. Without a meeting nobody volunteers another agency: each agency
    posts its own actions, and the coordinator sees them all."""
    if not policy.has_permission(actor, "action.create_own"):
        raise PermissionDenied("Only agency representatives and IDVAs post their own agency's actions.")
    with transaction.atomic():
        _locked_for_posting(actor, agenda_item.meeting, field="text")
        if owner_agency.pk != actor.agency.pk:
            raise ValidationError(
                {
                    "owner_agency": gettext(
                        "In a co-ordination each agency posts its own actions: the owner is %(agency)s."
                    )
                    % {"agency": actor.agency}
                }
            )
        return action_create(
            actor=actor,
            case=agenda_item.case,
            owner_agency=owner_agency,
            text=text,
            due_date=due_date,
            agenda_item=agenda_item,
            catalogue_action=catalogue_action,
        )


def coordination_risk_summary_record(*, actor: Actor, agenda_item: AgendaItem, risk_summary: str) -> AgendaItem:
    """The coordinator's summary of the risk on a case, read by the invited agencies while the co-ordination runs."""
    if agenda_item.meeting.mode != MeetingMode.COORDINATION:
        raise ValidationError({"risk_summary": gettext("This case is not in a co-ordination by deadline.")})
    return services.agenda_item_record_discussion(
        actor=actor, agenda_item=agenda_item, discussion=agenda_item.discussion, risk_summary=risk_summary
    )


class EscalationTarget(models.TextChoices):
    NEXT_LIVE = "next_live", _("The next live meeting")
    EMERGENCY = "emergency", _("A new emergency meeting")


def next_live_meeting(*, locality_id: int, now: dt.datetime | None = None) -> Meeting | None:
    """The locality's next live MARAC meeting that has not started."""
    return (
        Meeting.objects.filter(
            locality_id=locality_id,
            mode=MeetingMode.LIVE,
            purpose=MeetingPurpose.MARAC,
            status=MeetingStatus.SCHEDULED,
            scheduled_for__gt=now or timezone.now(),
        )
        .order_by("scheduled_for", "pk")
        .first()
    )


def coordination_escalate(
    *, actor: Actor, agenda_item: AgendaItem, target: str, emergency_at: dt.datetime | None = None
) -> AgendaItem:
    """List a case from the co-ordination on the next live meeting, or on a new emergency meeting called for it;
    returns the case's place on that meeting's agenda. Listing it again where it already is changes nothing."""
    if not policy.has_permission(actor, "coordination.escalate"):
        raise PermissionDenied("Only the coordinator lists a case on a live meeting.")
    meeting = agenda_item.meeting
    if meeting.mode != MeetingMode.COORDINATION or meeting.status != MeetingStatus.IN_PROGRESS:
        raise ValidationError({"target": gettext("A case is escalated from a co-ordination that is open.")})
    now = timezone.now()
    with transaction.atomic():
        if target == EscalationTarget.NEXT_LIVE:
            live = next_live_meeting(locality_id=meeting.locality_id, now=now)
            if live is None:
                raise ValidationError(
                    {
                        "target": gettext(
                            "No live meeting is scheduled. Call an emergency meeting, or schedule a live one first."
                        )
                    }
                )
        elif target == EscalationTarget.EMERGENCY:
            if emergency_at is None:
                raise ValidationError({"emergency_at": gettext("Enter the date and time of the emergency meeting.")})
            if emergency_at <= now:
                raise ValidationError({"emergency_at": gettext("The emergency meeting must be in the future.")})
            live = services.meeting_schedule(actor=actor, scheduled_for=emergency_at, mode=MeetingMode.EMERGENCY)
        else:
            raise ValidationError({"target": gettext("Choose the next live meeting or a new emergency meeting.")})
        listed = services.agenda_item_add(actor=actor, meeting=live, referral=agenda_item.referral)
        with override(None):  # the audit trail is kept in English
            audit_record(
                actor=actor,
                action=AuditAction.UPDATE,
                target=agenda_item,
                case=agenda_item.case,
                summary=f"Escalated from {meeting} to {live}",
                detail={"to_meeting": live.pk, "to_agenda_item": listed.pk, "target": target},
            )
    return listed


# Reads.


def coordination_meetings(*, actor: Actor) -> QuerySet[Meeting]:
    """The co-ordinations the actor may see; a live or emergency meeting is not one of them."""
    return selectors.meeting_queryset(actor=actor).filter(mode=MeetingMode.COORDINATION)


def coordination_items(*, actor: Actor) -> QuerySet[AgendaItem]:
    """Visible cases on co-ordinations, with what the coordinator needs to review one."""
    return (
        policy.visible_agenda_items(actor)
        .filter(meeting__mode=MeetingMode.COORDINATION)
        .select_related("meeting__locality", "referral", "case__idva_agency")
    )


def agency_coordination_items(*, actor: Actor) -> QuerySet[AgendaItem]:
    """Visible cases on co-ordinations, ready to be shown to an agency as minimal listings."""
    return selectors.agenda_items_with_identifiers(actor=actor).filter(meeting__mode=MeetingMode.COORDINATION)


@dataclass(frozen=True)
class AgencyContribution:
    agency: Agency
    update: Research | None
    actions: list[Action]


@dataclass(frozen=True)
class CaseReview:
    """One case as the coordinator reviews it: each invited agency's update and actions, and where else the case
    is listed (a live or emergency meeting it was escalated to)."""

    item: AgendaItem
    contributions: list[AgencyContribution]
    not_posted: list[Agency]
    listed_on: list[Meeting]

    @property
    def posted_count(self) -> int:
        return len(self.contributions) - len(self.not_posted)

    @property
    def action_count(self) -> int:
        return sum(len(contribution.actions) for contribution in self.contributions)


def _review_prefetches(actor: Actor, meeting: Meeting) -> list[Prefetch]:
    return [
        Prefetch(
            "research", queryset=Research.objects.select_related("agency", "submitted_by").order_by("agency__name")
        ),
        Prefetch(
            "actions",
            queryset=policy.visible_actions(actor).select_related("catalogue_action").order_by("pk"),
            to_attr="posted_actions",
        ),
        Prefetch(
            "case__agenda_items",
            queryset=AgendaItem.objects.exclude(meeting_id=meeting.pk)
            .exclude(meeting__status=MeetingStatus.CLOSED)
            .select_related("meeting__locality")
            .order_by("meeting__scheduled_for", "pk"),
            to_attr="open_listings",
        ),
    ]


def _case_review(item: AgendaItem, agencies: list[Agency]) -> CaseReview:
    updates = {research.agency_id: research for research in item.research.all()}
    actions: dict[int, list[Action]] = {}
    for action in item.posted_actions:
        actions.setdefault(action.owner_agency_id, []).append(action)
    contributions = [
        AgencyContribution(agency=agency, update=updates.get(agency.pk), actions=actions.get(agency.pk, []))
        for agency in agencies
    ]
    return CaseReview(
        item=item,
        contributions=contributions,
        not_posted=[contribution.agency for contribution in contributions if contribution.update is None],
        listed_on=[listing.meeting for listing in item.case.open_listings],
    )


def coordination_overview(*, actor: Actor, meeting: Meeting, agencies: list[Agency]) -> list[CaseReview]:
    """Every case of the co-ordination with each invited agency's update and actions."""
    items = (
        coordination_items(actor=actor)
        .filter(meeting=meeting)
        .prefetch_related(*_review_prefetches(actor, meeting))
        .order_by("position", "pk")
    )
    return [_case_review(item, agencies) for item in items]


def case_review(*, actor: Actor, item: AgendaItem, agencies: list[Agency]) -> CaseReview:
    """One case of the co-ordination, for the coordinator's review of it."""
    item = coordination_items(actor=actor).prefetch_related(*_review_prefetches(actor, item.meeting)).get(pk=item.pk)
    return _case_review(item, agencies)


@dataclass(frozen=True)
class AgencyCase:
    """One case as an invited agency sees it in a co-ordination: identifiers always; once the co-ordination is open,
    what has been shared (the risk summary, the other agencies' updates) and the actions it may see."""

    listing: selectors.MinimalListing
    shows_shared: bool
    risk_summary: str
    other_updates: list[Research]
    actions: list[Action]


def agency_case(*, actor: Actor, item: AgendaItem, detail: Detail) -> AgencyCase:
    """Project an item fetched through `agency_coordination_items` for the actor's agency. Health services'
    findings keep their details to the readers the rulebook names (`research_details_withheld`)."""
    listing = selectors.minimal_listing(item)
    if not (item.meeting.is_held and detail >= Detail.SHARED):
        return AgencyCase(listing=listing, shows_shared=False, risk_summary="", other_updates=[], actions=[])
    other_updates = list(
        Research.objects.filter(agenda_item=item)
        .exclude(agency=actor.agency)
        .select_related("agency")
        .annotate(details_withheld=policy.research_details_withheld(actor, detail))
        .order_by("agency__name")
    )
    actions = list(policy.visible_actions(actor).filter(agenda_item=item).order_by("owner_agency__name", "pk"))
    return AgencyCase(
        listing=listing,
        shows_shared=True,
        risk_summary=item.risk_summary,
        other_updates=other_updates,
        actions=actions,
    )


def own_action_counts(*, actor: Actor, meeting: Meeting) -> dict[int, int]:
    """How many actions the actor's agency has posted on each case of the co-ordination, by agenda item."""
    rows = (
        policy.visible_actions(actor)
        .filter(agenda_item__meeting=meeting, owner_agency=actor.agency)
        .values("agenda_item")
        .annotate(count=Count("pk"))
        .values_list("agenda_item", "count")
    )
    return dict(rows)
