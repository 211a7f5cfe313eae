"""Circulating a meeting's case list to the invited agencies, and telling them by e-mail.

The scheduler circulates a case list at the locality's lead time before the meeting (an emergency meeting's as
soon as a case is listed on it); the coordinator may circulate earlier. From then on invited agencies see the list
with its confidentiality notice and post research (`marac.meetings.selectors` holds the gate). Each invited
agency's point of contact is told once per state of the list: a case listed after circulation earns a "case list
updated" notice on the next run. A MATAC meeting has no case list: nothing here touches it.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext, override

from marac.access.actor import Actor
from marac.agencies.models import Agency
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.circulation.models import Circulation
from marac.meetings.models import Meeting, MeetingMode, MeetingPurpose, MeetingStatus
from marac.notifications.content import meeting_facts, site_link
from marac.notifications.models import EmailNotice, NoticeKind
from marac.notifications.services import Notice, SendReport, notices_send

CASE_LIST_KINDS = (NoticeKind.CASE_LIST, NoticeKind.CASE_LIST_UPDATED)


def circulation_due_at(meeting: Meeting) -> dt.datetime | None:
    """When the scheduler circulates the case list: the locality's lead time before the meeting. None for an
    emergency meeting, whose list goes out as soon as it has a case."""
    if meeting.mode == MeetingMode.EMERGENCY:
        return None
    return meeting.scheduled_for - dt.timedelta(days=meeting.locality.agenda_lead_days)


def circulation_create(*, actor: Actor, meeting: Meeting, now: dt.datetime | None = None) -> Circulation:
    """Release the case list to the invited agencies. The caller sends the notices (`case_list_notices_send`)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if locked.is_matac:
            raise ValidationError({"meeting": gettext("A MATAC meeting has no case list to circulate.")})
        if locked.status != MeetingStatus.SCHEDULED:
            raise ValidationError(
                {"meeting": gettext("This meeting has started: its agencies already see the case list.")}
            )
        if Circulation.objects.filter(meeting=locked).exists():
            raise ValidationError({"meeting": gettext("This case list has already been circulated.")})
        case_ids = list(locked.agenda_items.order_by("position", "pk").values_list("case_id", flat=True))
        if not case_ids:
            raise ValidationError({"meeting": gettext("List at least one case before circulating the case list.")})
        circulation = Circulation.objects.create(meeting=locked, circulated_at=now, circulated_by=actor.user)
        with override(None):  # the audit trail is kept in English
            audit_record(
                actor=actor,
                action=AuditAction.CREATE,
                target=circulation,
                summary=f"Circulated the case list of {locked} to the invited agencies",
                detail={
                    "meeting": locked.pk,
                    "ids": case_ids,
                    "agencies": list(locked.invited_agencies.order_by("pk").values_list("pk", flat=True)),
                },
            )
    return circulation


def _with_case_list_state(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return (
        meetings.select_related("locality")
        .annotate(case_count=Count("agenda_items"), latest_item=Max("agenda_items__pk"))
        .prefetch_related(
            Prefetch(
                "invited_agencies", queryset=Agency.objects.filter(is_active=True).order_by("name"), to_attr="told"
            )
        )
    )


def _case_list_notices(meetings: list[Meeting]) -> list[Notice]:
    """For each circulated meeting and each invited agency, a notice keyed by the newest case on the list: the
    first one announces the list, later ones (once a case was added) say it changed."""
    told_before = set(
        EmailNotice.objects.filter(meeting__in=meetings, kind__in=CASE_LIST_KINDS, sent_at__isnull=False).values_list(
            "meeting_id", "agency_id"
        )
    )
    notices = []
    for meeting in meetings:
        if not meeting.case_count:
            continue
        facts = meeting_facts(meeting, case_count=meeting.case_count, link=site_link("meetings:detail", pk=meeting.pk))
        for agency in meeting.told:
            kind = NoticeKind.CASE_LIST_UPDATED if (meeting.pk, agency.pk) in told_before else NoticeKind.CASE_LIST
            notices.append(
                Notice(
                    kind=kind,
                    key=f"case-list:{meeting.pk}:{agency.pk}:{meeting.latest_item}",
                    locality=meeting.locality,
                    agency=agency,
                    meeting=meeting,
                    facts=facts,
                )
            )
    return notices


def case_list_notices_send(*, actor: Actor, meeting: Meeting, now: dt.datetime | None = None) -> SendReport:
    """Tell each invited agency of a circulated meeting about its case list, unless told of this list before."""
    if meeting.status != MeetingStatus.SCHEDULED:
        raise ValidationError({"meeting": gettext("This meeting has started: its agencies already see the case list.")})
    meetings = list(
        _with_case_list_state(
            Meeting.objects.filter(pk=meeting.pk, purpose=MeetingPurpose.MARAC, circulation__isnull=False)
        )
    )
    return notices_send(actor=actor, notices=_case_list_notices(meetings), now=now)


@dataclass
class CirculationRun:
    circulated: list[Meeting] = field(default_factory=list)
    notices: SendReport = field(default_factory=SendReport)


def circulate_due(*, now: dt.datetime | None = None) -> CirculationRun:
    """Circulate every scheduled meeting whose lead time has come and that has a case on its agenda (an emergency
    meeting as soon as it has one), then send every case-list notice not sent before, including "updated" notices
    for cases listed after circulation. Running it again sends nothing twice."""
    now = now or timezone.now()
    actor = Actor(user=None, membership=None)
    run = CirculationRun()
    upcoming = Meeting.objects.filter(
        purpose=MeetingPurpose.MARAC, status=MeetingStatus.SCHEDULED, scheduled_for__gt=now
    )
    waiting = (
        upcoming.filter(circulation__isnull=True, agenda_items__isnull=False)
        .distinct()
        .select_related("locality")
        .order_by("scheduled_for", "pk")
    )
    for meeting in waiting:
        due_at = circulation_due_at(meeting)
        if due_at is not None and due_at > now:
            continue
        try:
            circulation_create(actor=actor, meeting=meeting, now=now)
        except ValidationError:
            continue  # circulated or started by the coordinator since this run looked
        run.circulated.append(meeting)
    circulated = list(_with_case_list_state(upcoming.filter(circulation__isnull=False)).order_by("scheduled_for", "pk"))
    run.notices = notices_send(actor=actor, notices=_case_list_notices(circulated), now=now)
    return run
