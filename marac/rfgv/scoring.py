"""RFGV scoring of perpetrators (Recency, Frequency, Gravity, Victims) and serial-perpetrator identification.

The algorithm, with a worked example, is in docs/matac-scoring.md; in short, for one locality and a scoring date
(`as_of`, now by default):

- The incidents that count name the person as perpetrator, happened in the locality within the look-back window
  (from `window_months` before `as_of` to `as_of`, both ends included), and are about a victim, as recorded.
- Recency: points of the band the time since the last such incident falls in. Frequency: points of the band of the
  number of incidents. Victims: points of the band of the number of different victims. Gravity: the sum over the
  incidents of the points for the recorded gravity times the factor of the incident type, capped. Each component's
  points are multiplied by its weight (two decimals, half up); the total is the sum of the four.
- A serial perpetrator is at least `minimum_age` on `as_of` (or of unknown date of birth), and harmed at least
  `minimum_victims` different victims in the window.

Set-based: one aggregate query over the locality's incidents (grouped by perpetrator, with the gravity sum worked
out in SQL), however many perpetrators there are; only the bands are applied in Python, to the aggregated rows.
These are internal calculations, not scoped by the access policy: every page that shows them checks the permission
and audits the read.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, Count, IntegerField, Max, Q, QuerySet, Sum, Value, When
from django.utils import timezone
from django.utils.dateformat import format as date_words
from django.utils.translation import gettext, ngettext

from marac.agencies.models import Locality
from marac.incidents.models import Incident
from marac.rfgv.rules import (
    INCIDENTS,
    VICTIMS,
    ScoringRules,
    count_band,
    count_band_words,
    counted_words,
    gravity_words,
    months_between,
    recency_band,
    recency_band_words,
    rules_for,
    type_words,
)

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class RfgvScore:
    person_id: int
    recency: Decimal  # points for each component, after its weight
    frequency: Decimal
    gravity: Decimal
    victims: Decimal
    total: Decimal
    incident_count: int  # incidents in the look-back window
    victim_count: int  # distinct victims in the window
    last_incident_at: dt.datetime | None
    is_serial: bool  # 16+ (or age not known), victims >= the locality's minimum, in the window
    # The scoring date the score was worked out for, so that `explain` describes the same moment.
    as_of: dt.datetime | None = None


@dataclass(frozen=True)
class ComponentExplanation:
    component: str  # recency, frequency, gravity or victims
    points: Decimal  # after the weight, as in the score
    reason: str


def _as_of(as_of: dt.datetime | None) -> dt.datetime:
    # Months are counted on the local calendar: "3 months before 26 November" is 26 August here.
    return timezone.localtime(as_of or timezone.now())


def _weighted(points: Decimal | int, weight: Decimal) -> Decimal:
    return (Decimal(points) * weight).quantize(CENT, rounding=ROUND_HALF_UP)


def _in_window(rules: ScoringRules, as_of: dt.datetime) -> Q:
    return Q(occurred_at__gte=rules.window_start(as_of), occurred_at__lte=as_of)


def counted_incidents(*, locality: Locality, rules: ScoringRules, person_id: int, as_of: dt.datetime) -> QuerySet:
    """The incidents that count towards a person's score (not scoped: callers intersect with what the reader may
    see)."""
    return Incident.objects.filter(_in_window(rules, as_of), locality=locality, perpetrator_id=person_id)


def _incident_points_sql(rules: ScoringRules) -> Sum:
    """The gravity sum in hundredths of a point, as integers, so that both databases add it up exactly."""
    points = Case(
        *(When(gravity=level, then=Value(value)) for level, value in sorted(rules.gravity_points.items())),
        default=Value(0),
        output_field=IntegerField(),
    )
    factor = Case(
        *(
            When(incident_type=kind, then=Value(int(factor * 100)))
            for kind, factor in sorted(rules.type_factors.items())
            if factor != 1
        ),
        default=Value(100),
        output_field=IntegerField(),
    )
    return Sum(points * factor, output_field=IntegerField())


def aggregate_query(
    *, locality: Locality, rules: ScoringRules, as_of: dt.datetime, person_ids: list[int] | None, serial_only: bool
) -> QuerySet:
    """The one query behind every score: a row per perpetrator with his incidents, different victims, last
    incident and gravity sum (in hundredths) in the window. Serial only: 16+ or of unknown age, enough victims."""
    incidents = Incident.objects.filter(
        _in_window(rules, as_of),
        locality=locality,
        perpetrator__isnull=False,
        # The merge moves every incident to the kept record (marac.people.merging): a merged record has none left,
        # and should one arrive it is not ranked beside the record it was folded into.
        perpetrator__merged_into__isnull=True,
    )
    if person_ids is not None:
        incidents = incidents.filter(perpetrator_id__in=person_ids)
    if serial_only:
        incidents = incidents.filter(
            Q(perpetrator__date_of_birth__isnull=True) | Q(perpetrator__date_of_birth__lte=rules.born_by(as_of))
        )
    rows = (
        incidents.order_by()
        .values("perpetrator_id", "perpetrator__date_of_birth")
        .annotate(
            incident_count=Count("pk"),
            victim_count=Count("victim_id", distinct=True),
            last_incident_at=Max("occurred_at"),
            gravity_hundredths=_incident_points_sql(rules),
        )
    )
    if serial_only:
        rows = rows.filter(victim_count__gte=rules.minimum_victims)
    return rows


def _score(row: dict, rules: ScoringRules, as_of: dt.datetime) -> RfgvScore:
    weights = rules.weights
    recency_index = recency_band(rules.recency_bands, last=row["last_incident_at"], as_of=as_of)
    recency = rules.recency_bands[recency_index].points if recency_index is not None else 0
    frequency_index = count_band(rules.frequency_bands, row["incident_count"])
    frequency = rules.frequency_bands[frequency_index].points if frequency_index is not None else 0
    victims_index = count_band(rules.victims_bands, row["victim_count"])
    victims = rules.victims_bands[victims_index].points if victims_index is not None else 0
    gravity = Decimal(row["gravity_hundredths"] or 0) / 100
    if rules.gravity_cap is not None:
        gravity = min(gravity, Decimal(rules.gravity_cap))
    components = {
        "recency": _weighted(recency, weights["recency"]),
        "frequency": _weighted(frequency, weights["frequency"]),
        "gravity": _weighted(gravity, weights["gravity"]),
        "victims": _weighted(victims, weights["victims"]),
    }
    born = row["perpetrator__date_of_birth"]
    return RfgvScore(
        person_id=row["perpetrator_id"],
        **components,
        total=sum(components.values(), ZERO),
        incident_count=row["incident_count"],
        victim_count=row["victim_count"],
        last_incident_at=row["last_incident_at"],
        is_serial=(born is None or born <= rules.born_by(as_of)) and row["victim_count"] >= rules.minimum_victims,
        as_of=as_of,
    )


def _ranked(scores: Iterable[RfgvScore]) -> list[RfgvScore]:
    """Highest total first; ties: the more recent last incident first, then the lower person id."""
    by_person = sorted(scores, key=lambda score: score.person_id)
    by_recency = sorted(by_person, key=lambda score: score.last_incident_at, reverse=True)
    return sorted(by_recency, key=lambda score: score.total, reverse=True)


def rank_serial_perpetrators(
    *, locality: Locality, as_of: dt.datetime | None = None, limit: int | None = None
) -> list[RfgvScore]:
    """The locality's serial perpetrators, ranked (see `_ranked`); the first `limit` of them if given."""
    ranked = ranking_with(locality=locality, rules=rules_for(locality), as_of=_as_of(as_of))
    return ranked[:limit] if limit is not None else ranked


def ranking_with(*, locality: Locality, rules: ScoringRules, as_of: dt.datetime | None = None) -> list[RfgvScore]:
    """`rank_serial_perpetrators` with rules the caller already holds (one query)."""
    as_of = _as_of(as_of)
    rows = aggregate_query(locality=locality, rules=rules, as_of=as_of, person_ids=None, serial_only=True)
    return _ranked(_score(row, rules, as_of) for row in rows)


def zero_score(person_id: int, as_of: dt.datetime) -> RfgvScore:
    return RfgvScore(
        person_id=person_id,
        recency=ZERO,
        frequency=ZERO,
        gravity=ZERO,
        victims=ZERO,
        total=ZERO,
        incident_count=0,
        victim_count=0,
        last_incident_at=None,
        is_serial=False,
        as_of=as_of,
    )


def score_people(
    *, locality: Locality, person_ids: Iterable[int], as_of: dt.datetime | None = None
) -> dict[int, RfgvScore]:
    """Anyone, scored as the ranking scores them (partner referrals); no incident in the window scores 0."""
    wanted = sorted(set(person_ids))
    if not wanted:
        return {}
    return scores_with(locality=locality, rules=rules_for(locality), person_ids=wanted, as_of=_as_of(as_of))


def scores_with(
    *, locality: Locality, rules: ScoringRules, person_ids: list[int], as_of: dt.datetime | None = None
) -> dict[int, RfgvScore]:
    """`score_people` with rules the caller already holds (one query)."""
    as_of = _as_of(as_of)
    wanted = sorted(set(person_ids))
    rows = aggregate_query(locality=locality, rules=rules, as_of=as_of, person_ids=wanted, serial_only=False)
    scores = {row["perpetrator_id"]: _score(row, rules, as_of) for row in rows}
    return {person_id: scores.get(person_id) or zero_score(person_id, as_of) for person_id in wanted}


# Explanation ----------------------------------------------------------------------------------------------------


def _times_weight(points: Decimal | int, weight: Decimal, result: Decimal) -> str:
    return gettext("%(points)s points × weight %(weight)s = %(result)s") % {
        "points": _number(points),
        "weight": weight,
        "result": result,
    }


def _number(value: Decimal | int) -> str:
    """2, 2.5 or 2.25: no trailing zeros."""
    value = Decimal(value)
    text = f"{value.quantize(CENT):f}".rstrip("0").rstrip(".")
    return text or "0"


def _recency_reason(score: RfgvScore, rules: ScoringRules, as_of: dt.datetime) -> str:
    weight = rules.weights["recency"]
    if score.last_incident_at is None:
        return gettext("No incident in the last %(months)s months: 0 points.") % {"months": rules.window_months}
    last = timezone.localtime(score.last_incident_at)
    months = months_between(last, as_of)
    if months == 0:
        ago = gettext("less than a month ago")
    else:
        ago = ngettext("%(months)s month ago", "%(months)s months ago", months) % {"months": months}
    index = recency_band(rules.recency_bands, last=last, as_of=as_of)
    when = gettext("Last incident on %(date)s, %(ago)s") % {"date": date_words(last, "j F Y"), "ago": ago}
    if index is None:
        return gettext("%(when)s: older than every band (the last reaches %(months)s months), 0 points.") % {
            "when": when,
            "months": rules.recency_bands[-1].bound,
        }
    band = rules.recency_bands[index]
    words = recency_band_words(rules.recency_bands, index)
    return gettext("%(when)s: band %(band)s, %(points)s.") % {
        "when": when,
        "band": words,
        "points": _times_weight(band.points, weight, score.recency),
    }


def _count_reason(count: int, noun: str, bands, weight: Decimal, points: Decimal, window_months: int) -> str:
    counted = gettext("%(counted)s in the last %(months)s months") % {
        "counted": counted_words(noun, count),
        "months": window_months,
    }
    index = count_band(bands, count)
    if index is None:
        return gettext("%(counted)s: below the first band (%(bound)s or more), 0 points.") % {
            "counted": counted,
            "bound": bands[0].bound,
        }
    words = count_band_words(bands, index, noun)
    return gettext("%(counted)s: band %(band)s, %(points)s.") % {
        "counted": counted,
        "band": words,
        "points": _times_weight(bands[index].points, weight, points),
    }


def _gravity_reason(score: RfgvScore, rules: ScoringRules, breakdown: list[dict]) -> str:
    weight = rules.weights["gravity"]
    if not breakdown:
        return gettext("No incident in the window: 0 points.")
    parts = []
    raw = Decimal(0)
    for row in breakdown:
        each = rules.incident_points(gravity=row["gravity"], incident_type=row["incident_type"])
        subtotal = each * row["count"]
        raw += subtotal
        factor = rules.type_factors.get(row["incident_type"], Decimal("1.00"))
        parts.append(
            gettext("%(count)s × %(gravity)s %(type)s (%(points)s × %(factor)s = %(each)s)")
            % {
                "count": row["count"],
                "gravity": gravity_words(row["gravity"]),
                "type": type_words(row["incident_type"]),
                "points": rules.gravity_points.get(row["gravity"], 0),
                "factor": _number(factor),
                "each": _number(each),
            }
        )
    counted = raw
    if rules.gravity_cap is not None and raw > rules.gravity_cap:
        counted = Decimal(rules.gravity_cap)
        summed = gettext("Incident points %(parts)s: %(sum)s in all, capped at %(cap)s") % {
            "parts": "; ".join(parts),
            "sum": _number(raw),
            "cap": rules.gravity_cap,
        }
    else:
        summed = gettext("Incident points %(parts)s: %(sum)s in all") % {"parts": "; ".join(parts), "sum": _number(raw)}
    return gettext("%(summed)s; %(points)s.") % {
        "summed": summed,
        "points": _times_weight(counted, weight, score.gravity),
    }


def explain(score: RfgvScore, *, locality: Locality) -> list[ComponentExplanation]:
    """Each component's points with the reason in words, for the scoring date of `score` (one query for the
    gravity breakdown, and the settings)."""
    return explanation_with(score, locality=locality, rules=rules_for(locality))


def explanation_with(score: RfgvScore, *, locality: Locality, rules: ScoringRules) -> list[ComponentExplanation]:
    """`explain` with rules the caller already holds (one query)."""
    as_of = _as_of(score.as_of)
    breakdown = []
    if score.incident_count:
        breakdown = list(
            counted_incidents(locality=locality, rules=rules, person_id=score.person_id, as_of=as_of)
            .order_by()
            .values("gravity", "incident_type")
            .annotate(count=Count("pk"))
            .order_by("-gravity", "incident_type")
        )
    return [
        ComponentExplanation("recency", score.recency, _recency_reason(score, rules, as_of)),
        ComponentExplanation(
            "frequency",
            score.frequency,
            _count_reason(
                score.incident_count,
                INCIDENTS,
                rules.frequency_bands,
                rules.weights["frequency"],
                score.frequency,
                rules.window_months,
            ),
        ),
        ComponentExplanation("gravity", score.gravity, _gravity_reason(score, rules, breakdown)),
        ComponentExplanation(
            "victims",
            score.victims,
            _count_reason(
                score.victim_count,
                VICTIMS,
                rules.victims_bands,
                rules.weights["victims"],
                score.victims,
                rules.window_months,
            ),
        ),
    ]
