"""What a locality's reports need to know that the rest of the system does not: its population, its staffing, its
own targets and its suppression threshold."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from marac.agencies.models import Locality

DEFAULT_SUPPRESSION_THRESHOLD = 5
DEFAULT_REFERRAL_TO_MEETING_DAYS = 28
DEFAULT_ACTIONS_ON_TIME_PERCENT = 90


# Each help text is a whole sentence, so that it can be translated as one.


def _population_share(help_text: str) -> models.DecimalField:
    return models.DecimalField(
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=help_text,
    )


def _full_time_equivalent(help_text: str) -> models.DecimalField:
    return models.DecimalField(
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=help_text,
    )


class ReportSettings(models.Model):
    """One row per locality, created when first configured; a locality without one uses the defaults."""

    locality = models.OneToOneField(Locality, on_delete=models.CASCADE, related_name="report_settings")
    adult_female_population = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text=_("Women aged 16 or over living in the area: the base of the expected-volume figure."),
    )
    suppression_threshold = models.PositiveSmallIntegerField(
        default=DEFAULT_SUPPRESSION_THRESHOLD,
        validators=[MinValueValidator(1)],
        help_text=_("Counts below this are shown to the analyst as 'fewer than N', so no one can be identified."),
    )
    population_minoritised_percent = _population_share(
        _("Per cent of the area's adult population who are racially minoritised, from the census or local figures.")
    )
    population_lgbt_percent = _population_share(
        _(
            "Per cent of the area's adult population who are lesbian, gay, bisexual or trans, from the census or "
            "local figures."
        )
    )
    population_disabled_percent = _population_share(
        _("Per cent of the area's adult population who are disabled, from the census or local figures.")
    )
    population_male_percent = _population_share(
        _("Per cent of the area's adult population who are men, from the census or local figures.")
    )
    population_aged_16_17_percent = _population_share(
        _("Per cent of the area's adult population who are aged 16 or 17, from the census or local figures.")
    )
    idva_fte = _full_time_equivalent(
        _("Full-time equivalent IDVAs working for the MARAC; 2.5 is two full-time and one half-time.")
    )
    administrator_fte = _full_time_equivalent(
        _("Full-time equivalent administrators working for the MARAC; 2.5 is two full-time and one half-time.")
    )
    referral_to_meeting_target_days = models.PositiveSmallIntegerField(
        default=DEFAULT_REFERRAL_TO_MEETING_DAYS,
        validators=[MinValueValidator(1)],
        help_text=_("The partnership's own target: a case should be heard within this many days of its referral."),
    )
    actions_on_time_target_percent = models.PositiveSmallIntegerField(
        default=DEFAULT_ACTIONS_ON_TIME_PERCENT,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("The partnership's own target: this share of actions due should be done by their due date."),
    )
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name_plural = _("report settings")

    def __str__(self) -> str:
        return f"Report settings for {self.locality}"
