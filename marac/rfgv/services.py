"""Writes for RFGV: the locality administrator's changes to the scoring settings."""

from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from marac.access.actor import Actor
from marac.agencies.models import Locality
from marac.audit.changes import apply_changes, settings_save
from marac.incidents.models import Gravity, IncidentType
from marac.rfgv.models import RfgvSettings
from marac.rfgv.rules import COMPONENTS

MAX_WINDOW_MONTHS = 120
MIN_AGE, MAX_AGE = 10, 25  # 10: the age of criminal responsibility in England and Wales
MAX_MINIMUM_VICTIMS = 20
MAX_WEIGHT = Decimal("10")
MAX_BAND_POINTS = 100
MAX_BANDS = 10
MAX_BOUND = {"recency": 240, "frequency": 1000, "victims": 100}
MAX_GRAVITY_POINTS = 100
MAX_TYPE_FACTOR = Decimal("10")
MAX_GRAVITY_CAP = 10_000

Bands = list[tuple[int, int]]


@dataclass
class RfgvSettingsInput:
    """The settings as the administrator entered them. Bands are (bound, points) pairs in the order given."""

    window_months: int
    minimum_age: int
    minimum_victims: int
    weights: dict[str, Decimal]  # by component
    recency_bands: Bands
    frequency_bands: Bands
    victims_bands: Bands
    gravity_points: dict[int, int]  # by recorded gravity
    type_factors: dict[str, Decimal]  # by incident type
    gravity_cap: int | None = None


def _band_order_error(component: str, number: int) -> str:
    """Band `number` repeats or goes back on the one before it."""
    if component == "recency":
        text = gettext("Band %(number)s: list the bands from the fewest months to the most, each months once.")
    elif component == "frequency":
        text = gettext("Band %(number)s: list the bands from the fewest incidents to the most, each incidents once.")
    else:
        text = gettext("Band %(number)s: list the bands from the fewest victims to the most, each victims once.")
    return text % {"number": number}


def _band_bound_error(component: str, number: int) -> str:
    values = {"number": number, "most": MAX_BOUND[component]}
    if component == "recency":
        return gettext("Band %(number)s: the months must be between 1 and %(most)s.") % values
    if component == "frequency":
        return gettext("Band %(number)s: the incidents must be between 1 and %(most)s.") % values
    return gettext("Band %(number)s: the victims must be between 1 and %(most)s.") % values


def _band_points_error(component: str, number: int) -> str:
    if component == "recency":
        text = gettext("Band %(number)s: an older last incident cannot score more points than a more recent one.")
    elif component == "frequency":
        text = gettext("Band %(number)s: more incidents cannot score fewer points than fewer incidents.")
    else:
        text = gettext("Band %(number)s: more victims cannot score fewer points than fewer victims.")
    return text % {"number": number}


def _band_errors(component: str, bands: Bands) -> list[str]:
    if not bands:
        return [gettext("Enter at least one band.")]
    if len(bands) > MAX_BANDS:
        return [gettext("Enter %(most)s bands at most.") % {"most": MAX_BANDS}]
    for number, (bound, points) in enumerate(bands, start=1):
        if not 1 <= bound <= MAX_BOUND[component]:
            return [_band_bound_error(component, number)]
        if not 0 <= points <= MAX_BAND_POINTS:
            return [
                gettext("Band %(number)s: the points must be between 0 and %(most)s.")
                % {"number": number, "most": MAX_BAND_POINTS}
            ]
    for number, ((bound, points), (next_bound, next_points)) in enumerate(pairwise(bands), 2):
        if next_bound <= bound:
            return [_band_order_error(component, number)]
        if component == "recency" and next_points > points:
            return [_band_points_error(component, number)]
        if component != "recency" and next_points < points:
            return [_band_points_error(component, number)]
    return []


def _weight_error(component: str) -> str:
    values = {"most": MAX_WEIGHT}
    if component == "recency":
        return gettext("Enter a weight for recency between 0 and %(most)s.") % values
    if component == "frequency":
        return gettext("Enter a weight for frequency between 0 and %(most)s.") % values
    if component == "gravity":
        return gettext("Enter a weight for gravity between 0 and %(most)s.") % values
    return gettext("Enter a weight for victims between 0 and %(most)s.") % values


def _errors(data: RfgvSettingsInput) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not 1 <= data.window_months <= MAX_WINDOW_MONTHS:
        errors["window_months"] = [
            gettext("Enter a look-back window between 1 and %(most)s months.") % {"most": MAX_WINDOW_MONTHS}
        ]
    if not MIN_AGE <= data.minimum_age <= MAX_AGE:
        errors["minimum_age"] = [
            gettext("Enter a minimum age between %(least)s and %(most)s.") % {"least": MIN_AGE, "most": MAX_AGE}
        ]
    if not 1 <= data.minimum_victims <= MAX_MINIMUM_VICTIMS:
        errors["minimum_victims"] = [
            gettext("Enter a minimum number of victims between 1 and %(most)s.") % {"most": MAX_MINIMUM_VICTIMS}
        ]
    for component in COMPONENTS:
        weight = data.weights.get(component)
        if weight is None or not 0 <= weight <= MAX_WEIGHT:
            errors[f"{component}_weight"] = [_weight_error(component)]
    if not errors.keys() & {f"{component}_weight" for component in COMPONENTS} and not any(data.weights.values()):
        errors["recency_weight"] = [
            gettext("At least one component must weigh more than 0, or every score would be 0.")
        ]
    for component, bands in (
        ("recency", data.recency_bands),
        ("frequency", data.frequency_bands),
        ("victims", data.victims_bands),
    ):
        if problems := _band_errors(component, bands):
            errors[f"{component}_bands"] = problems
    previous = None
    for level in Gravity.values:
        points = data.gravity_points.get(level)
        key = f"gravity_points_{level}"
        if points is None or not 0 <= points <= MAX_GRAVITY_POINTS:
            errors[key] = [gettext("Enter the points between 0 and %(most)s.") % {"most": MAX_GRAVITY_POINTS}]
        elif previous is not None and points < previous:
            errors[key] = [gettext("A more serious incident cannot score fewer points than a less serious one.")]
        previous = points if points is not None else previous
    for kind in IncidentType.values:
        factor = data.type_factors.get(kind)
        if factor is None or not 0 <= factor <= MAX_TYPE_FACTOR:
            errors[f"type_factor_{kind}"] = [
                gettext("Enter a factor between 0 and %(most)s.") % {"most": MAX_TYPE_FACTOR}
            ]
    if data.gravity_cap is not None and not 1 <= data.gravity_cap <= MAX_GRAVITY_CAP:
        errors["gravity_cap"] = [
            gettext("Enter a cap between 1 and %(most)s, or leave it empty for no cap.")
            % {"most": f"{MAX_GRAVITY_CAP:,}"}
        ]
    return errors


def _stored(data: RfgvSettingsInput) -> dict:
    """The input as the settings row keeps it."""
    return {
        "window_months": data.window_months,
        "minimum_age": data.minimum_age,
        "minimum_victims": data.minimum_victims,
        **{f"{component}_weight": data.weights[component].quantize(Decimal("0.01")) for component in COMPONENTS},
        "recency_bands": [list(band) for band in data.recency_bands],
        "frequency_bands": [list(band) for band in data.frequency_bands],
        "victims_bands": [list(band) for band in data.victims_bands],
        "gravity_points": {str(level): data.gravity_points[level] for level in Gravity.values},
        "gravity_type_factors": {kind: str(data.type_factors[kind].quantize(Decimal("0.01"))) for kind in IncidentType},
        "gravity_cap": data.gravity_cap,
    }


def rfgv_settings_update(*, actor: Actor, locality: Locality, data: RfgvSettingsInput) -> RfgvSettings:
    """Save the locality's RFGV settings; raises ValidationError naming each bad field. Rankings shown from now on
    use them; scores already recorded elsewhere (a MATAC nomination's score at entry) keep their values."""
    if errors := _errors(data):
        raise ValidationError(errors)
    with transaction.atomic():
        settings, _created = RfgvSettings.objects.select_for_update().get_or_create(locality=locality)
        changes = apply_changes(settings, _stored(data))
        settings_save(actor=actor, settings=settings, changes=changes, name="RFGV scoring settings")
    return settings
