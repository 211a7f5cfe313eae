"""Which pages are photographed, as whom, and how each page's address is found in the demo locality."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model
from django.urls import reverse
from django.utils import timezone

from marac.meetings.models import AgendaItem, Meeting, MeetingPurpose, MeetingStatus
from marac.referrals.models import Case
from marac.reports.quarters import Quarter


def _next_meeting() -> Model:
    """The next regular MARAC meeting: its agenda is set and its case list is about to go."""
    upcoming = Meeting.objects.filter(purpose=MeetingPurpose.MARAC, status=MeetingStatus.SCHEDULED)
    return upcoming.order_by("scheduled_for", "pk").first()


def _meeting_in_progress() -> Model:
    running = Meeting.objects.filter(purpose=MeetingPurpose.MARAC, status=MeetingStatus.IN_PROGRESS)
    return running.order_by("scheduled_for", "pk").first()


def _heard_case() -> Model:
    """The first case heard at the last MARAC meeting held: it has research, a discussion and actions."""
    held = Meeting.objects.filter(purpose=MeetingPurpose.MARAC, status=MeetingStatus.CLOSED)
    item = AgendaItem.objects.filter(meeting=held.order_by("-scheduled_for", "-pk").first()).first()
    return item.case if item is not None else None


def _case_with_a_rights_log() -> Model:
    """The demo case whose victim has been given information, made a choice about release news and been assessed."""
    return Case.objects.filter(rights_information__isnull=False).order_by("pk").first()


def last_full_quarter() -> str:
    """Reports show the quarter before this one: the current quarter is only part counted."""
    return Quarter.containing(timezone.now()).previous().code


@dataclass(frozen=True)
class Shot:
    """One screenshot: docs/screenshots/<name>.png of `url_name`, seen by the demo user `username`."""

    name: str
    username: str
    url_name: str
    title: str
    subject: Callable[[], Model | None] | None = None  # the record the address names, as `subject_kwarg`
    subject_kwarg: str = "pk"
    query: Callable[[], str] | None = None
    # Parts of the page that change from minute to minute, painted over so that the picture stays the same.
    moving: tuple[str, ...] = ()

    def path(self) -> str:
        """The page's address in the demo data (queries the database)."""
        kwargs = {}
        if self.subject is not None:
            record = self.subject()
            if record is None:
                raise LookupError(f"the demo has nothing to show for {self.name}: is it the demo database?")
            kwargs[self.subject_kwarg] = record.pk
        address = reverse(self.url_name, kwargs=kwargs)
        return f"{address}?{self.query()}" if self.query is not None else address


def _quarter() -> str:
    return f"quarter={last_full_quarter()}"


SHOTS: tuple[Shot, ...] = (
    Shot("home-coordinator", "coordinator", "home", "The coordinator's home page"),
    Shot("referral-form", "police.referrer", "referrals:new", "Make a referral"),
    Shot("triage-queue", "coordinator", "referrals:list", "Referrals to triage"),
    Shot("case-page", "coordinator", "referrals:case_detail", "A case page", subject=_heard_case),
    Shot("meeting-agenda", "coordinator", "meetings:detail", "A meeting's agenda", subject=_next_meeting),
    Shot(
        "live-meeting",
        "chair",
        "meetings:run",
        "Running a meeting",
        subject=_meeting_in_progress,
        moving=("#meeting-clock .govuk-summary-list__value", "tbody .govuk-table__cell--numeric .govuk-tag"),
    ),
    Shot("agency-actions", "housing.rep", "actions:ours", "An agency's actions"),
    Shot("idva-cases", "idva", "idva:cases", "The IDVA's cases"),
    Shot("data-return", "coordinator", "reports:return", "The quarterly data return", query=_quarter),
    Shot("kpi-dashboard", "coordinator", "reports:dashboard", "The KPI dashboard", query=_quarter),
    Shot("monitoring", "coordinator", "reports:monitoring", "Monitoring over the year", query=_quarter),
    Shot("rfgv-ranking", "coordinator", "rfgv:ranking", "The MATAC ranking"),
    Shot("audit-search", "auditor", "audit:search", "Search the audit trail"),
    Shot(
        "pathway-referrals",
        "coordinator",
        "pathways:list",
        "Pathway referrals in the locality",
        query=lambda: "direction=all",
    ),
    Shot(
        "rights-log",
        "idva",
        "rights:log",
        "A victim's rights log",
        subject=_case_with_a_rights_log,
        subject_kwarg="case_pk",
    ),
    Shot("all-sections", "coordinator", "sections", "All sections"),
)
