"""The research grid: for one meeting, what each invited agency has returned on each case."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from marac.access import policy
from marac.access.actor import Actor
from marac.agencies.models import Agency
from marac.meetings.models import AgendaItem, Meeting, Research, ResearchFinding
from marac.notifications.models import EmailNotice


@dataclass(frozen=True)
class GridCell:
    agency: Agency
    research: Research | None
    late: bool  # nothing returned, and the research deadline has passed


@dataclass(frozen=True)
class GridRow:
    item: AgendaItem
    cells: list[GridCell]


@dataclass(frozen=True)
class AgencyReturns:
    """One invited agency's column: its totals, and the last e-mail notice it was sent (or could not be)."""

    agency: Agency
    known: int
    no_trace: int
    outstanding: int
    last_notice: EmailNotice | None

    @property
    def returned(self) -> int:
        return self.known + self.no_trace


@dataclass(frozen=True)
class ResearchGrid:
    meeting: Meeting
    rows: list[GridRow]
    columns: list[AgencyReturns]
    deadline_passed: bool

    @property
    def agencies_outstanding(self) -> list[Agency]:
        return [column.agency for column in self.columns if column.outstanding]


def deadline_passed(meeting: Meeting, *, now: dt.datetime | None = None) -> bool:
    return meeting.research_deadline is not None and meeting.research_deadline <= (now or timezone.now())


def research_grid(
    *, actor: Actor, meeting: Meeting, agencies: list[Agency], now: dt.datetime | None = None
) -> ResearchGrid:
    """Cases as rows, invited agencies as columns: three queries whatever the size of the meeting."""
    passed = deadline_passed(meeting, now=now)
    findings = Research.objects.only("agenda_item_id", "agency_id", "finding")
    items = list(
        policy.visible_agenda_items(actor)
        .filter(meeting=meeting)
        .prefetch_related(Prefetch("research", queryset=findings))
        .order_by("position", "pk")
    )
    last_notice: dict[int, EmailNotice] = {}
    for notice in EmailNotice.objects.filter(meeting=meeting, agency__isnull=False).order_by("recorded_at", "pk"):
        last_notice[notice.agency_id] = notice
    rows = []
    totals = {agency.pk: {ResearchFinding.KNOWN: 0, ResearchFinding.NO_TRACE: 0, None: 0} for agency in agencies}
    for item in items:
        by_agency = {research.agency_id: research for research in item.research.all()}
        cells = []
        for agency in agencies:
            research = by_agency.get(agency.pk)
            totals[agency.pk][research.finding if research else None] += 1
            cells.append(GridCell(agency=agency, research=research, late=research is None and passed))
        rows.append(GridRow(item=item, cells=cells))
    columns = [
        AgencyReturns(
            agency=agency,
            known=totals[agency.pk][ResearchFinding.KNOWN],
            no_trace=totals[agency.pk][ResearchFinding.NO_TRACE],
            outstanding=totals[agency.pk][None],
            last_notice=last_notice.get(agency.pk),
        )
        for agency in agencies
    ]
    return ResearchGrid(meeting=meeting, rows=rows, columns=columns, deadline_passed=passed)
