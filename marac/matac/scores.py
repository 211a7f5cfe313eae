"""A nominee's RFGV scores, taken with the ranking's own scoring (`marac.rfgv.scoring.score_people`) and kept, and the
outcome of his time on MATAC: the change in each component and in the total between entry and exit.

Scores are internal calculations, not scoped by the access policy: only pages that check `matac.rank` show them.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from marac.agencies.models import Locality
from marac.matac.models import Nomination, NominationReferral, RfgvSnapshot
from marac.rfgv.scoring import RfgvScore, score_people

# The components in the order the ranking shows them, then the total.
COMPONENTS: tuple[tuple[str, str], ...] = (
    ("recency", _("Recency")),
    ("frequency", _("Frequency")),
    ("gravity", _("Gravity")),
    ("victims", _("Victims")),
    ("total", _("Total")),
)


def snapshot_of(
    score: RfgvScore,
    *,
    nomination: Nomination,
    occasion: str,
    as_of: dt.datetime,
    referral: NominationReferral | None = None,
) -> RfgvSnapshot:
    """The score as a snapshot to keep (not saved)."""
    return RfgvSnapshot(
        nomination=nomination,
        occasion=occasion,
        referral=referral,
        taken_at=as_of,
        recency=score.recency,
        frequency=score.frequency,
        gravity=score.gravity,
        victims=score.victims,
        total=score.total,
        incident_count=score.incident_count,
        victim_count=score.victim_count,
        last_incident_at=score.last_incident_at,
        is_serial=score.is_serial,
    )


def snapshot_take(
    *,
    nomination: Nomination,
    occasion: str,
    as_of: dt.datetime,
    locality: Locality,
    referral: NominationReferral | None = None,
) -> RfgvSnapshot:
    """Score the nominee as of `as_of` exactly as the ranking scores people, and keep the result."""
    score = score_people(locality=locality, person_ids=[nomination.person_id], as_of=as_of)[nomination.person_id]
    snapshot = snapshot_of(score, nomination=nomination, occasion=occasion, as_of=as_of, referral=referral)
    snapshot.save()
    return snapshot


def snapshot_detail(snapshot: RfgvSnapshot) -> dict[str, str | int]:
    """The score as an audit event's detail records it."""
    return {
        **{name: str(getattr(snapshot, name)) for name, _label in COMPONENTS},
        "incident_count": snapshot.incident_count,
        "victim_count": snapshot.victim_count,
        "taken_at": snapshot.taken_at.isoformat(),
    }


@dataclass(frozen=True)
class ComponentChange:
    name: str
    label: str
    entry: Decimal
    exit: Decimal

    @property
    def change(self) -> Decimal:
        return self.exit - self.entry


@dataclass(frozen=True)
class Outcome:
    """The change in the score between entry (selection) and exit: negative is a reduction."""

    entry: RfgvSnapshot
    exit: RfgvSnapshot
    changes: tuple[ComponentChange, ...]

    @property
    def total_change(self) -> Decimal:
        return self.changes[-1].change

    @property
    def reduced(self) -> bool:
        return self.total_change < 0


def outcome_of(entry: RfgvSnapshot | None, exit_: RfgvSnapshot | None) -> Outcome | None:
    """The outcome of a nominee's time on MATAC; None until he has both an entry and an exit score."""
    if entry is None or exit_ is None:
        return None
    changes = tuple(
        ComponentChange(name=name, label=label, entry=getattr(entry, name), exit=getattr(exit_, name))
        for name, label in COMPONENTS
    )
    return Outcome(entry=entry, exit=exit_, changes=changes)


@dataclass(frozen=True)
class OutcomeSummary:
    """The exited nominees of a locality taken together: how many, how many scored lower on exit than on entry, and
    the average change of each component."""

    exited: int
    reduced: int
    unchanged: int
    increased: int
    average_changes: tuple[tuple[str, Decimal], ...]  # (label, average change) per component and the total


def outcome_summary_of(outcomes: list[Outcome]) -> OutcomeSummary:
    count = len(outcomes)
    averages = tuple(
        (
            label,
            (sum((outcome.changes[index].change for outcome in outcomes), Decimal(0)) / count).quantize(Decimal("0.01"))
            if count
            else Decimal("0.00"),
        )
        for index, (_name, label) in enumerate(COMPONENTS)
    )
    return OutcomeSummary(
        exited=count,
        reduced=sum(1 for outcome in outcomes if outcome.total_change < 0),
        unchanged=sum(1 for outcome in outcomes if outcome.total_change == 0),
        increased=sum(1 for outcome in outcomes if outcome.total_change > 0),
        average_changes=averages,
    )


def scores_by_occasion(snapshots: list[RfgvSnapshot]) -> dict[str, RfgvSnapshot]:
    """The entry and exit scores, and the latest referral score, of one nomination's snapshots."""
    found: dict[str, RfgvSnapshot] = {}
    for snapshot in sorted(snapshots, key=lambda each: (each.taken_at, each.pk)):
        found[snapshot.occasion] = snapshot
    return found
