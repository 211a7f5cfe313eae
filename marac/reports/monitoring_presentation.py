"""The monitoring measures as shown: each defined in words, counted, shared, and suppressed for whoever sees
aggregates only. The page and the annual review pack read this one structure (`monitoring_for`)."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise

from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from marac.agencies.models import Locality
from marac.reports.charts import Point, bar_chart
from marac.reports.models import DEFAULT_SUPPRESSION_THRESHOLD, ReportSettings
from marac.reports.monitoring import LOSSES, NOT_RECORDED, OUTCOMES, STAGES, Group, RawMonitoring, count_monitoring
from marac.reports.presentation import Shown, count_shown, fewer_than, percent_shown, withheld
from marac.reports.protection import protect
from marac.reports.quarters import Quarter
from marac.reports.selectors import report_settings


@dataclass(frozen=True)
class Words:
    label: str
    explanation: str


VICTIM_MEASURES = {
    "victims": Words(
        _("Victims referred"),
        _("Victims with at least one referral received in the period, each counted once however often referred."),
    ),
    "with_repeat": Words(
        _("Victims with a repeat referral"),
        _(
            "Victims with a referral in the period marked as a repeat: further abuse within 12 months of her last "
            "referral, which may have been before the period."
        ),
    ),
    "referred_more_than_once": Words(
        _("Victims referred more than once in the period"),
        _("Victims with two or more referrals received in the period, whether or not marked as repeats."),
    ),
}
PERPETRATOR_MEASURES = {
    "perpetrators": Words(
        _("Perpetrators of the cases referred"),
        _("People recorded as a perpetrator of a case with a referral received in the period, each counted once."),
    ),
    "several_victims": Words(
        _("Perpetrators of two or more victims"),
        _("Perpetrators recorded on the cases of two or more different victims referred in the period."),
    ),
    "several_referrals": Words(
        _("Perpetrators on two or more referrals"),
        _(
            "Perpetrators whose cases together had two or more referrals received in the period: one victim referred "
            "twice counts."
        ),
    ),
}
# The stages say what became of a referral (feminine in Spanish): a context of their own.
STAGE_WORDS = {
    "received": Words(pgettext_lazy("stage a referral reached", "Received"), _("Referrals received in the period.")),
    "triaged": Words(
        pgettext_lazy("stage a referral reached", "Triaged"),
        _("Screened by the coordinator: no longer awaiting triage."),
    ),
    "listed": Words(pgettext_lazy("stage a referral reached", "Listed"), _("Triaged and listed for a MARAC meeting.")),
    "heard": Words(
        pgettext_lazy("stage a referral reached", "Heard"),
        _(
            "Listed and on the agenda of a MARAC meeting that has started or closed. MATAC meetings and meetings still "
            "only scheduled do not count."
        ),
    ),
    "actions": Words(_("Actions agreed"), _("Heard, with at least one action agreed at the hearing.")),
    "finished": Words(_("Actions finished"), _("Every action agreed at the hearing done, or found not possible.")),
    "told": Words(
        _("Victim told the outcome"),
        _("Actions finished and the IDVA's report-back to the victim for that meeting completed."),
    ),
}
LOSS_WORDS = {
    "awaiting_triage": _("Awaiting triage"),
    "declined": _("Declined at triage"),
    "more_information": _("More information requested"),
    "not_heard": _("Listed but not yet heard"),
    "no_action": _("Heard with no action agreed"),
    "actions_open": _("Actions still open or in progress"),
    "not_told": _("Report-back not done"),
}
OUTCOME_WORDS = {
    "heard": Words(
        _("Heard at a meeting"),
        _("One of her referrals of the period heard at a MARAC meeting that has started or closed."),
    ),
    "repeat": Words(_("Re-referred as a repeat"), _("A referral of the period marked as a repeat.")),
    "told": Words(
        _("Told the outcome"),
        _(
            "The report-back completed for a meeting that heard one of her referrals of the period, whatever became "
            "of the actions."
        ),
    ),
    "contacted": Words(
        _("Successful IDVA contact"), _("A contact with her, recorded as reaching her, made in the period.")
    ),
}
DIMENSION_WORDS = {
    "ethnicity": Words(_("Ethnicity"), _("As on her record now.")),
    "disability": Words(_("Disability"), _("Whether her record says she has a disability: yes, no, or not known.")),
    "age": Words(
        _("Age"),
        _(
            "Her age on the day of her first referral in the period; not known without a date of birth. Under 16 is "
            "below the MARAC age and shown so that the groups add up."
        ),
    ),
    "religion": Words(
        _("Religion or belief"),
        _(
            "Typed freely: answers differing only in capitals or spaces are one group, named by its commonest "
            "spelling; a blank answer is not recorded."
        ),
    ),
    "migration_status": Words(
        _("Migration status"),
        _(
            "Typed freely: answers differing only in capitals or spaces are one group, named by its commonest "
            "spelling; a blank answer is not recorded."
        ),
    ),
    "sexual_orientation": Words(_("Sexual orientation"), _("As on her record now.")),
    "gender": Words(_("Gender"), _("As on her record now.")),
}
POOLED_KEY = "other_answers"


@dataclass(frozen=True)
class Measure:
    key: str
    words: Words
    count: Shown
    share: Shown | None  # of the first measure of its list, for the others


@dataclass(frozen=True)
class MeasureTable:
    key: str
    heading: str
    share_of: str  # what the shares are of: the first measure
    measures: list[Measure]


@dataclass(frozen=True)
class Loss:
    key: str
    reason: str
    count: Shown


@dataclass(frozen=True)
class Stage:
    key: str
    words: Words
    reached: Shown
    share: Shown  # of the referrals received
    losses: list[Loss]  # the referrals that stopped here, by reason; none after the last stage


@dataclass(frozen=True)
class OutcomeCell:
    key: str
    count: Shown
    share: Shown  # of the group's victims


@dataclass(frozen=True)
class GroupRow:
    key: str
    label: str
    victims: Shown
    outcomes: list[OutcomeCell]  # in the order of OUTCOMES


@dataclass(frozen=True)
class DimensionTable:
    key: str
    words: Words
    rows: list[GroupRow]
    total: GroupRow

    @property
    def rows_and_total(self) -> list[GroupRow]:
        return [*self.rows, self.total]


@dataclass(frozen=True)
class Monitoring:
    quarter_code: str  # the last quarter of the period
    period_label: str  # "October 2025 to September 2026"
    suppressed: bool
    threshold: int
    repeat_victims: MeasureTable
    repeat_perpetrators: MeasureTable
    progression: list[Stage]
    progression_chart: SafeString
    outcome_columns: list[Words]  # in the order of OUTCOMES
    dimensions: list[DimensionTable]

    @property
    def measure_tables(self) -> list[MeasureTable]:
        return [self.repeat_victims, self.repeat_perpetrators]


def _percent(part: int, whole: int) -> Decimal:
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _pooled(groups: list[Group], threshold: int) -> list[Group]:
    """Answers typed freely name their few holders: for the analyst, those given for fewer victims than the threshold
    become one group."""
    blank = [g for g in groups if g.key == NOT_RECORDED[0]]
    answers = [g for g in groups if g.key != NOT_RECORDED[0]]
    rare = [g for g in answers if g.counts["victims"] < threshold]
    if not rare:
        return groups
    pooled = Group(
        POOLED_KEY,
        ngettext(
            "Other answers, each given for fewer than %(threshold)s victim",
            "Other answers, each given for fewer than %(threshold)s victims",
            threshold,
        )
        % {"threshold": threshold},
        {column: sum(g.counts[column] for g in rare) for column in rare[0].counts},
    )
    return [g for g in answers if g.counts["victims"] >= threshold] + [pooled] + blank


COLUMNS = ("victims", *OUTCOMES)
# A cell of a group's row is (dimension key, the group's index, column); of the total row, ("total", column), shared
# by every dimension and by the victims' measures, so that one number is hidden or shown alike wherever it appears.
TOTAL = ("total",)


class _Cells:
    """Every count on the page by cell, the sums they form, and how each count and share is shown."""

    def __init__(self, raw: RawMonitoring, dimensions: list[tuple[str, list[Group]]], threshold: int, suppress: bool):
        self.threshold = threshold
        self.values: dict[tuple, int] = {(*TOTAL, column): raw.outcome_total[column] for column in COLUMNS}
        self.values[("victims", "referred_more_than_once")] = raw.victims["referred_more_than_once"]
        self.values |= {("perpetrators", key): value for key, value in raw.perpetrators.items()}
        self.values |= {("progression", key): value for key, value in raw.progression.items()}
        self.values |= {
            (key, index, column): group.counts[column]
            for key, groups in dimensions
            for index, group in enumerate(groups)
            for column in COLUMNS
        }
        # Each stage is the next one and the referrals lost between them; each dimension's groups make the total.
        sums = [
            (("progression", stage), [("progression", following), *(("progression", loss) for loss in LOSSES[stage])])
            for stage, following in pairwise(STAGES)
        ]
        sums += [
            ((*TOTAL, column), [(key, index, column) for index in range(len(groups))])
            for key, groups in dimensions
            for column in COLUMNS
        ]
        self.primary, self.secondary = protect(self.values, sums, threshold=threshold) if suppress else (set(), set())

    def count(self, cell: tuple) -> Shown:
        if cell in self.primary:
            return fewer_than(self.threshold)
        if cell in self.secondary:
            return withheld()
        return count_shown(self.values[cell])

    def share(self, cell: tuple, base: tuple, nothing: str) -> Shown:
        hidden = self.primary | self.secondary
        if cell in hidden or base in hidden:
            return withheld()
        if self.values[base] == 0:
            return Shown(None, nothing)
        return percent_shown(_percent(self.values[cell], self.values[base]))


def _measure_table(
    cells: _Cells,
    key: str,
    heading: str,
    share_of: str,
    cell_of: dict[str, tuple],
    words: dict[str, Words],
    *,
    nothing: str,
) -> MeasureTable:
    """Measures of one kind, each but the first shown as a share of the first (`nothing` when the first is 0)."""
    base = next(iter(cell_of.values()))
    measures = [
        Measure(name, words[name], cells.count(cell), cells.share(cell, base, nothing) if cell != base else None)
        for name, cell in cell_of.items()
    ]
    return MeasureTable(key, heading, share_of, measures)


def _stages(cells: _Cells) -> list[Stage]:
    received = ("progression", "received")
    return [
        Stage(
            stage,
            STAGE_WORDS[stage],
            cells.count(("progression", stage)),
            cells.share(("progression", stage), received, gettext("no referrals")),
            [Loss(loss, LOSS_WORDS[loss], cells.count(("progression", loss))) for loss in LOSSES.get(stage, ())],
        )
        for stage in STAGES
    ]


def _group_row(cells: _Cells, key: str, label: str, prefix: tuple) -> GroupRow:
    victims = (*prefix, "victims")
    outcomes = [
        OutcomeCell(
            outcome, cells.count((*prefix, outcome)), cells.share((*prefix, outcome), victims, gettext("no victims"))
        )
        for outcome in OUTCOMES
    ]
    return GroupRow(key, label, cells.count(victims), outcomes)


def build_monitoring(raw: RawMonitoring, settings: ReportSettings | None, *, suppress: bool) -> Monitoring:
    threshold = settings.suppression_threshold if settings else DEFAULT_SUPPRESSION_THRESHOLD
    dimensions = [
        (d.key, _pooled(d.groups, threshold) if suppress and d.free_text else d.groups) for d in raw.dimensions
    ]
    cells = _Cells(raw, dimensions, threshold, suppress)
    progression = _stages(cells)
    total = _group_row(cells, "total", gettext("All victims referred"), TOTAL)
    return Monitoring(
        quarter_code=raw.period.last.code,
        period_label=str(raw.period),
        suppressed=suppress,
        threshold=threshold,
        repeat_victims=_measure_table(
            cells,
            "victims",
            gettext("Repeat victims"),
            gettext("Share of victims referred"),
            {
                "victims": (*TOTAL, "victims"),
                "with_repeat": (*TOTAL, "repeat"),
                "referred_more_than_once": ("victims", "referred_more_than_once"),
            },
            VICTIM_MEASURES,
            nothing=gettext("no victims"),
        ),
        repeat_perpetrators=_measure_table(
            cells,
            "perpetrators",
            gettext("Repeat perpetrators"),
            gettext("Share of perpetrators"),
            {key: ("perpetrators", key) for key in PERPETRATOR_MEASURES},
            PERPETRATOR_MEASURES,
            nothing=gettext("no perpetrators"),
        ),
        progression=progression,
        progression_chart=bar_chart(
            [Point(stage.words.label, _decimal(stage.reached.value)) for stage in progression],
            title=gettext("Referrals received from %(period)s reaching each stage") % {"period": raw.period},
            unit="referrals",
        ),
        outcome_columns=[OUTCOME_WORDS[outcome] for outcome in OUTCOMES],
        dimensions=[
            DimensionTable(
                key,
                DIMENSION_WORDS[key],
                [_group_row(cells, group.key, group.label, (key, index)) for index, group in enumerate(groups)],
                total,
            )
            for key, groups in dimensions
        ],
    )


def _decimal(value: int | Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def monitoring_for(locality: Locality, last_quarter: Quarter, *, suppress: bool) -> Monitoring:
    """The twelve months ending with `last_quarter`, counted and shown; suppressed for whoever lacks
    `report.cases`. Three queries: the period's referrals, the perpetrators, the report settings."""
    return build_monitoring(count_monitoring(locality, last_quarter), report_settings(locality), suppress=suppress)
