"""How a locality scores perpetrators for MATAC (RFGV): the look-back window, the thresholds that make a perpetrator
serial, and each component's weight and bands. The algorithm is in `scoring` and docs/matac-scoring.md.

Exact point values are local (domain.md §4): these are the shipped defaults, which the locality administrator
changes on the settings page. Bands are stored as `[[bound, points], ...]`, bounds increasing:

- recency: `[months, points]`: a last incident within `months` of the scoring date scores `points` (first match);
- frequency and victims: `[count, points]`: `count` or more scores `points` (last match).
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from marac.agencies.models import Locality
from marac.incidents.models import Gravity, IncidentType


def default_recency_bands() -> list[list[int]]:
    return [[3, 10], [6, 8], [12, 6], [24, 4], [36, 2]]


def default_frequency_bands() -> list[list[int]]:
    return [[1, 2], [2, 4], [3, 6], [5, 8], [10, 10]]


def default_victims_bands() -> list[list[int]]:
    return [[1, 2], [2, 5], [3, 8], [4, 10]]


def default_gravity_points() -> dict[str, int]:
    """Points for one incident by the gravity the recording agency gave it (1 minor … 4 life-threatening)."""
    return {str(Gravity.MINOR): 1, str(Gravity.MODERATE): 2, str(Gravity.SERIOUS): 4, str(Gravity.LIFE_THREATENING): 6}


# Multipliers of an incident's gravity points by its type, as text so that JSON keeps them exact. Strangulation and
# sexual violence predict serious harm beyond the injury seen; contact, disputes and words weigh half.
_TYPE_FACTORS = {
    IncidentType.STRANGULATION: "1.50",
    IncidentType.SEXUAL: "1.50",
    IncidentType.UNWANTED_CONTACT: "0.50",
    IncidentType.DISPUTE: "0.50",
    IncidentType.VERBAL: "0.50",
}


def default_gravity_type_factors() -> dict[str, str]:
    return {str(kind): _TYPE_FACTORS.get(kind, "1.00") for kind in IncidentType}


class RfgvSettings(models.Model):
    """One locality's RFGV scoring: one row per locality, made with the defaults the first time it is needed."""

    locality = models.OneToOneField(Locality, on_delete=models.PROTECT, related_name="rfgv_settings")
    window_months = models.PositiveSmallIntegerField(
        default=36, help_text=_("Look-back window: incidents this many months before the scoring date count.")
    )
    minimum_age = models.PositiveSmallIntegerField(
        default=16, help_text=_("A serial perpetrator is at least this old on the scoring date (when known).")
    )
    minimum_victims = models.PositiveSmallIntegerField(
        default=2, help_text=_("A serial perpetrator harmed at least this many different victims in the window.")
    )
    recency_weight = models.DecimalField(max_digits=4, decimal_places=2, default=Decimal("1.00"))
    recency_bands = models.JSONField(default=default_recency_bands)
    frequency_weight = models.DecimalField(max_digits=4, decimal_places=2, default=Decimal("1.00"))
    frequency_bands = models.JSONField(default=default_frequency_bands)
    gravity_weight = models.DecimalField(max_digits=4, decimal_places=2, default=Decimal("1.00"))
    gravity_points = models.JSONField(default=default_gravity_points)
    gravity_type_factors = models.JSONField(default=default_gravity_type_factors)
    gravity_cap = models.PositiveIntegerField(
        null=True,
        blank=True,
        default=20,
        help_text=_("The sum of the incidents' gravity points counts up to this many points; empty for no cap."),
    )
    victims_weight = models.DecimalField(max_digits=4, decimal_places=2, default=Decimal("1.00"))
    victims_bands = models.JSONField(default=default_victims_bands)
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("RFGV settings")
        verbose_name_plural = _("RFGV settings")

    def __str__(self) -> str:
        return f"RFGV settings of {self.locality}"
