"""Risk-led routing: what the level of the latest assessment proposes, and when a case on a pathway is proposed
for a MARAC referral.

- Below the locality's MARAC level, the level proposes the sending agency's pathway configured for it (at most one
  per agency and level, so the proposal is never ambiguous); at the MARAC level and above, it proposes a MARAC
  referral. Levels are read on the locality's scale, whatever scale an instrument graded on.
- A referral on a pathway, until a MARAC referral is made from it, is proposed for MARAC when the latest assessment
  of the victim's case since it was sent reaches the MARAC level, when potential escalation is met (the locality's
  number of incidents in its window, counting both what the referrer reported and what agencies recorded since),
  or when it is a repeat (the victim was referred to MARAC within the repeat window before it was sent). A MARAC
  referral of the victim made since it was sent, by any route, answers the proposal.

`proposals_for` evaluates a whole page of referrals in three queries, however long the page.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.utils import timezone

from marac.agencies.models import Agency, Locality
from marac.incidents.models import Incident
from marac.pathways.models import Pathway, PathwayReferral, ProposedRoute, RoutingSettings
from marac.referrals.models import Referral
from marac.referrals.services import months_before
from marac.risk.models import Assessment
from marac.risk.scales import SCALES, Scale, convert

DEFAULT_MARAC_LEVEL = "high"


def routing_settings_for(locality: Locality) -> RoutingSettings:
    """The locality's routing, or the shipped default (MARAC from high) until someone saves it."""
    found = RoutingSettings.objects.filter(locality=locality).first()
    return found or RoutingSettings(locality=locality)


def scale_of(locality: Locality) -> Scale:
    return SCALES[locality.risk_scale]


def marac_level(locality: Locality, routing: RoutingSettings) -> str:
    """The level from which MARAC is proposed, on the locality's scale today (a scale changed since the setting was
    saved falls back to high, which every scale has)."""
    scale = scale_of(locality)
    return routing.marac_from_level if routing.marac_from_level in scale.values else DEFAULT_MARAC_LEVEL


def reaches_marac(*, locality: Locality, routing: RoutingSettings, level: str) -> bool:
    scale = scale_of(locality)
    return scale.rank(level) >= scale.rank(marac_level(locality, routing))


def level_on_locality_scale(assessment: Assessment, locality: Locality) -> str:
    return convert(assessment.final_level, source=assessment.scale, target=locality.risk_scale)


@dataclass(frozen=True)
class Route:
    """What the routing proposes for one level and one sending agency."""

    level: str
    to_marac: bool
    pathway: Pathway | None  # below the MARAC level: the agency's pathway for the level, if it has one


def route_for(*, locality: Locality, agency: Agency, level: str, routing: RoutingSettings | None = None) -> Route:
    routing = routing or routing_settings_for(locality)
    if reaches_marac(locality=locality, routing=routing, level=level):
        return Route(level=level, to_marac=True, pathway=None)
    pathway = next(
        (candidate for candidate in active_pathways_from(agency) if level in (candidate.proposed_for_levels or [])),
        None,
    )
    return Route(level=level, to_marac=False, pathway=pathway)


def active_pathways_from(agency: Agency) -> list[Pathway]:
    return list(
        Pathway.objects.filter(from_agency=agency, is_active=True, to_agency__is_active=True)
        .select_related("to_agency")
        .order_by("name", "pk")
    )


def proposed_route(*, chosen: Pathway, route: Route) -> str:
    """How the chosen pathway stands against the routing's proposal."""
    if route.to_marac:
        return ProposedRoute.MARAC
    if route.pathway is None:
        return ProposedRoute.NONE
    return ProposedRoute.THIS_PATHWAY if route.pathway.pk == chosen.pk else ProposedRoute.OTHER_PATHWAY


# MARAC proposals


@dataclass(frozen=True)
class EarlierReferral:
    """A MARAC referral of the victim, as far as a proposal needs it."""

    pk: int
    case_id: int
    case_reference: str
    referred_at: dt.datetime


@dataclass(frozen=True)
class MaracProposal:
    """Whether, and why, a referral on a pathway is proposed for a MARAC referral."""

    latest_assessment: Assessment | None  # the latest on the case since the referral was sent (its own, at least)
    latest_level: str  # that assessment's final level on the locality's scale
    reaches_marac_level: bool
    incidents_in_window: int
    escalation: bool
    repeat_of: EarlierReferral | None
    referred_since: EarlierReferral | None  # a MARAC referral of her made since, by any route
    already_referred: bool = False  # a MARAC referral was made from this one

    @property
    def criteria_met(self) -> bool:
        return self.reaches_marac_level or self.escalation or self.repeat_of is not None

    @property
    def proposed(self) -> bool:
        return not self.already_referred and self.referred_since is None and self.criteria_met


def with_latest_assessment(referrals: QuerySet[PathwayReferral]) -> QuerySet[PathwayReferral]:
    """Annotate a queryset of pathway referrals with the id of the latest assessment on each one's case since the
    referral's own: one subquery, so a list needs no query per row."""
    latest = Assessment.objects.filter(
        case_id=OuterRef("case_id"), assessed_at__gte=OuterRef("assessment__assessed_at")
    ).order_by("-assessed_at", "-pk")
    return referrals.annotate(latest_assessment_id=Subquery(latest.values("pk")[:1]))


def _latest_assessment_id(referral: PathwayReferral) -> int:
    """The annotated latest assessment; without the annotation, the referral's own."""
    return getattr(referral, "latest_assessment_id", None) or referral.assessment_id


def escalation_window_start(locality: Locality, now: dt.datetime) -> dt.datetime:
    return months_before(now, locality.escalation_window_months)


def proposals_for(
    referrals: Iterable[PathwayReferral], *, locality: Locality, now: dt.datetime | None = None
) -> dict[int, MaracProposal]:
    """The MARAC proposal of each referral (annotated by `with_latest_assessment`), in three queries at most."""
    now = now or timezone.now()
    referrals = list(referrals)
    if not referrals:
        return {}
    routing = routing_settings_for(locality)
    assessment_ids = {_latest_assessment_id(referral) for referral in referrals}
    assessments = {
        assessment.pk: assessment
        for assessment in Assessment.objects.filter(pk__in=assessment_ids).select_related("agency")
    }
    victim_ids = {referral.case.victim_id for referral in referrals}
    window_start = escalation_window_start(locality, now)
    recorded = dict(
        Incident.objects.filter(victim_id__in=victim_ids, occurred_at__gte=window_start, occurred_at__lte=now)
        .values("victim_id")
        .annotate(count=Count("pk"))
        .values_list("victim_id", "count")
    )
    earlier: dict[int, list[EarlierReferral]] = defaultdict(list)
    rows = (
        Referral.objects.filter(case__victim_id__in=victim_ids, case__locality=locality)
        .order_by("referred_at", "pk")
        .values_list("pk", "case_id", "case__reference", "referred_at", "case__victim_id")
    )
    for pk, case_id, reference, referred_at, victim_id in rows:
        earlier[victim_id].append(EarlierReferral(pk, case_id, reference, referred_at))
    proposals = {}
    for referral in referrals:
        latest = assessments.get(_latest_assessment_id(referral))
        level = level_on_locality_scale(latest, locality) if latest is not None else ""
        given = referral.incidents_in_escalation_window if referral.sent_at >= window_start else 0
        incidents = max(given, recorded.get(referral.case.victim_id, 0))
        repeat_from = months_before(referral.sent_at, locality.repeat_window_months)
        of_victim = [row for row in earlier[referral.case.victim_id] if row.pk != referral.marac_referral_id]
        before = [row for row in of_victim if repeat_from <= row.referred_at <= referral.sent_at]
        since = [row for row in of_victim if row.referred_at > referral.sent_at]
        proposals[referral.pk] = MaracProposal(
            latest_assessment=latest,
            latest_level=level,
            reaches_marac_level=bool(level) and reaches_marac(locality=locality, routing=routing, level=level),
            incidents_in_window=incidents,
            escalation=incidents >= locality.escalation_incident_count,
            repeat_of=before[-1] if before else None,
            referred_since=since[0] if since else None,
            already_referred=referral.marac_referral_id is not None,
        )
    return proposals


@dataclass(frozen=True)
class RoutingRow:
    """One level of the locality's scale, and what the routing proposes at it."""

    level: str
    label: str
    to_marac: bool
    pathways: tuple[Pathway, ...]  # below the MARAC level: the active pathways proposed for it, one per sender


def routing_rows(
    *, locality: Locality, pathways: Iterable[Pathway], routing: RoutingSettings | None = None
) -> list[RoutingRow]:
    """The routing table, lowest level first, over the given pathways (all of a locality's, or one agency's)."""
    routing = routing or routing_settings_for(locality)
    scale = scale_of(locality)
    active = [pathway for pathway in pathways if pathway.is_active]
    rows = []
    for level, label in scale.levels:
        to_marac = reaches_marac(locality=locality, routing=routing, level=level)
        proposed = () if to_marac else tuple(p for p in active if level in (p.proposed_for_levels or []))
        rows.append(RoutingRow(level=level, label=label, to_marac=to_marac, pathways=proposed))
    return rows
