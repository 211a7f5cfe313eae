"""Reminding agencies that have research outstanding on a circulated case list.

By schedule: once when the deadline is near (`REMINDER_HOURS_BEFORE_DEADLINE`), once after it has passed (with a
summary to the coordinator mailbox), per agency and deadline. By hand: the coordinator's "send reminders" button
on the research grid, at most once per agency per day. MATAC meetings have no case list and no research: they are
left out.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext

from marac.access.actor import Actor
from marac.agencies.models import Agency
from marac.circulation.models import Circulation
from marac.meetings.models import Meeting, MeetingPurpose, MeetingStatus, Research
from marac.notifications.content import Facts, meeting_facts, site_link
from marac.notifications.models import NoticeKind
from marac.notifications.services import Notice, SendReport, notices_send
from marac.referrals.models import CaseStatus

REMINDER_HOURS_BEFORE_DEADLINE = 24


def outstanding_by_agency(meeting: Meeting) -> tuple[int, list[tuple[Agency, int]]]:
    """The number of cases on the list, and each active invited agency with how many it has not researched.

    A case transferred to another area since it was listed is nobody's research here any more."""
    items = meeting.agenda_items.exclude(case__status=CaseStatus.TRANSFERRED)
    case_count = items.count()
    returned = dict(
        Research.objects.filter(agenda_item__in=items)
        .values("agency_id")
        .annotate(count=Count("pk"))
        .values_list("agency_id", "count")
    )
    agencies = meeting.invited_agencies.filter(is_active=True).order_by("name")
    return case_count, [(agency, case_count - returned.get(agency.pk, 0)) for agency in agencies]


def _facts(meeting: Meeting, case_count: int) -> Facts:
    return meeting_facts(meeting, case_count=case_count, link=site_link("meetings:detail", pk=meeting.pk))


def _agency_notice(
    meeting: Meeting, agency: Agency, *, kind: NoticeKind, key: str, facts: Facts, outstanding: int
) -> Notice:
    return Notice(
        kind=kind,
        key=key,
        locality=meeting.locality,
        agency=agency,
        meeting=meeting,
        facts={**facts, "outstanding": outstanding},
    )


def _deadline_stamp(meeting: Meeting) -> str:
    return meeting.research_deadline.strftime("%Y%m%d%H%M")


def _notices_for(meeting: Meeting, *, now: dt.datetime) -> list[Notice]:
    case_count, outstanding = outstanding_by_agency(meeting)
    if not case_count:
        return []
    facts = _facts(meeting, case_count)
    passed = meeting.research_deadline <= now
    kind = NoticeKind.RESEARCH_LATE if passed else NoticeKind.RESEARCH_REMINDER
    prefix = "research-late" if passed else "research-reminder"
    late = [(agency, count) for agency, count in outstanding if count]
    notices = [
        _agency_notice(
            meeting,
            agency,
            kind=kind,
            key=f"{prefix}:{meeting.pk}:{agency.pk}:{_deadline_stamp(meeting)}",
            facts=facts,
            outstanding=count,
        )
        for agency, count in late
    ]
    if passed:
        notices.append(
            Notice(
                kind=NoticeKind.RESEARCH_DEADLINE_PASSED,
                key=f"research-deadline:{meeting.pk}:{_deadline_stamp(meeting)}",
                locality=meeting.locality,
                meeting=meeting,
                facts={
                    **facts,
                    "link": site_link("circulation:research_grid", pk=meeting.pk),
                    "agency_count": len(outstanding),
                    "complete_count": len(outstanding) - len(late),
                    "late_agencies": ", ".join(agency.name for agency, _count in late),
                },
            )
        )
    return notices


def research_reminders_due(*, now: dt.datetime | None = None) -> SendReport:
    """Remind each agency with research outstanding on a circulated, not yet started meeting: once within
    `REMINDER_HOURS_BEFORE_DEADLINE` of the deadline and once after it. Running it again sends nothing twice."""
    now = now or timezone.now()
    actor = Actor(user=None, membership=None)
    meetings = (
        Meeting.objects.filter(
            purpose=MeetingPurpose.MARAC,
            status=MeetingStatus.SCHEDULED,
            circulation__isnull=False,
            research_deadline__isnull=False,
            research_deadline__lte=now + dt.timedelta(hours=REMINDER_HOURS_BEFORE_DEADLINE),
            scheduled_for__gt=now,
        )
        .select_related("locality")
        .order_by("scheduled_for", "pk")
    )
    report = SendReport()
    for meeting in meetings:
        report.add(notices_send(actor=actor, notices=_notices_for(meeting, now=now), now=now))
    return report


def research_reminders_send(*, actor: Actor, meeting: Meeting, now: dt.datetime | None = None) -> SendReport:
    """The coordinator reminds every agency with research outstanding; each agency at most once a day."""
    now = now or timezone.now()
    if meeting.is_matac:
        raise ValidationError({"meeting": gettext("A MATAC meeting has no case list: there is no research to chase.")})
    if meeting.status == MeetingStatus.CLOSED:
        raise ValidationError({"meeting": gettext("This meeting has closed: research can no longer be posted.")})
    if meeting.status == MeetingStatus.SCHEDULED and not Circulation.objects.filter(meeting=meeting).exists():
        raise ValidationError({"meeting": gettext("Circulate the case list first: agencies cannot see it yet.")})
    case_count, outstanding = outstanding_by_agency(meeting)
    facts = _facts(meeting, case_count)
    passed = meeting.research_deadline is not None and meeting.research_deadline <= now
    today = timezone.localdate(now).isoformat()
    notices = [
        _agency_notice(
            meeting,
            agency,
            kind=NoticeKind.RESEARCH_LATE if passed else NoticeKind.RESEARCH_REMINDER,
            key=f"research-chase:{meeting.pk}:{agency.pk}:{today}",
            facts=facts,
            outstanding=count,
        )
        for agency, count in outstanding
        if count
    ]
    return notices_send(actor=actor, notices=notices, now=now)
