"""A locality's RFGV settings as the scoring reads them: typed, with the band look-ups and their words.

`rules_for` makes the locality's settings row with the defaults the first time anyone needs it, so every locality
scores the same way until its administrator changes something.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from marac.agencies.models import Locality
from marac.incidents.models import Gravity, IncidentType
from marac.referrals.services import months_before
from marac.rfgv.models import RfgvSettings

# The components in the order the pages show them, with their names on screen.
COMPONENTS = {"recency": _("Recency"), "frequency": _("Frequency"), "gravity": _("Gravity"), "victims": _("Victims")}


@dataclass(frozen=True)
class Band:
    bound: int  # recency: within this many months; frequency and victims: at least this many
    points: int


@dataclass(frozen=True)
class ScoringRules:
    window_months: int
    minimum_age: int
    minimum_victims: int
    weights: dict[str, Decimal]  # by component
    recency_bands: tuple[Band, ...]
    frequency_bands: tuple[Band, ...]
    victims_bands: tuple[Band, ...]
    gravity_points: dict[int, int]  # by recorded gravity, 1 to 4
    type_factors: dict[str, Decimal]  # by incident type
    gravity_cap: int | None

    def incident_points(self, *, gravity: int, incident_type: str) -> Decimal:
        """One incident's gravity points: the points for its recorded gravity times its type's factor."""
        return self.gravity_points.get(gravity, 0) * self.type_factors.get(incident_type, Decimal("1.00"))

    def window_start(self, as_of: dt.datetime) -> dt.datetime:
        return months_before(as_of, self.window_months)

    def born_by(self, as_of: dt.datetime) -> dt.date:
        """The latest date of birth of someone `minimum_age` years old on the scoring date (29 February counts
        as 1 March in other years)."""
        day = as_of.date()
        try:
            return day.replace(year=day.year - self.minimum_age)
        except ValueError:
            return day.replace(year=day.year - self.minimum_age, day=28)


def _bands(stored: list) -> tuple[Band, ...]:
    return tuple(Band(int(bound), int(points)) for bound, points in stored)


def rules_of(settings: RfgvSettings) -> ScoringRules:
    return ScoringRules(
        window_months=settings.window_months,
        minimum_age=settings.minimum_age,
        minimum_victims=settings.minimum_victims,
        weights={
            "recency": settings.recency_weight,
            "frequency": settings.frequency_weight,
            "gravity": settings.gravity_weight,
            "victims": settings.victims_weight,
        },
        recency_bands=_bands(settings.recency_bands),
        frequency_bands=_bands(settings.frequency_bands),
        victims_bands=_bands(settings.victims_bands),
        gravity_points={int(level): int(points) for level, points in settings.gravity_points.items()},
        type_factors={kind: Decimal(str(factor)) for kind, factor in settings.gravity_type_factors.items()},
        gravity_cap=settings.gravity_cap,
    )


def settings_for(locality: Locality) -> RfgvSettings:
    """The locality's settings row, made with the defaults if it has none yet."""
    settings, _created = RfgvSettings.objects.get_or_create(locality=locality)
    return settings


def rules_for(locality: Locality) -> ScoringRules:
    return rules_of(settings_for(locality))


# Band look-ups --------------------------------------------------------------------------------------------------


def recency_band(bands: tuple[Band, ...], *, last: dt.datetime, as_of: dt.datetime) -> int | None:
    """Index of the first band whose months reach back to the last incident; None beyond the last band."""
    for index, band in enumerate(bands):
        if last >= months_before(as_of, band.bound):
            return index
    return None


def count_band(bands: tuple[Band, ...], count: int) -> int | None:
    """Index of the last band whose minimum the count reaches; None below the first band."""
    found = None
    for index, band in enumerate(bands):
        if count >= band.bound:
            found = index
    return found


def recency_band_words(bands: tuple[Band, ...], index: int) -> str:
    start = bands[index - 1].bound if index else 0
    return gettext("%(start)s–%(end)s months") % {"start": start, "end": bands[index].bound}


# The counted things a band is worded in: incidents, or different victims.
INCIDENTS, VICTIMS = "incidents", "victims"


def counted_words(noun: str, count: int) -> str:
    """`count` incidents or different victims, in words ("1 incident", "3 different victims")."""
    if noun == INCIDENTS:
        return ngettext("%(count)s incident", "%(count)s incidents", count) % {"count": count}
    return ngettext("%(count)s different victim", "%(count)s different victims", count) % {"count": count}


def count_band_words(bands: tuple[Band, ...], index: int, noun: str) -> str:
    start = bands[index].bound
    if index + 1 == len(bands):
        if noun == INCIDENTS:
            return gettext("%(start)s or more incidents") % {"start": start}
        return gettext("%(start)s or more different victims") % {"start": start}
    end = bands[index + 1].bound - 1
    if end == start:
        return counted_words(noun, start)
    if noun == INCIDENTS:
        return gettext("%(start)s–%(end)s incidents") % {"start": start, "end": end}
    return gettext("%(start)s–%(end)s different victims") % {"start": start, "end": end}


def months_between(earlier: dt.datetime, later: dt.datetime) -> int:
    """Whole calendar months from `earlier` to `later` (0 when less than a month)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    while months > 0 and months_before(later, months) < earlier:
        months -= 1
    return max(months, 0)


def gravity_words(level: int) -> str:
    """A recorded gravity in a word or two, as a sentence uses it: "minor", "life-threatening"."""
    labels = dict(Gravity.choices)
    return str(labels[level]).split(":")[0].lower() if level in labels else str(level)


def type_words(kind: str) -> str:
    """An incident type as a sentence uses it: "physical violence"."""
    labels = dict(IncidentType.choices)
    return str(labels[kind]).lower() if kind in labels else kind
