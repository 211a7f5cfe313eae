"""What a locality's reports need to know that the rest of the system does not: its population and its threshold."""

from django.db import models

from marac.agencies.models import Locality

DEFAULT_SUPPRESSION_THRESHOLD = 5


class ReportSettings(models.Model):
    """One row per locality, created when first configured; a locality without one uses the defaults."""

    locality = models.OneToOneField(Locality, on_delete=models.CASCADE, related_name="report_settings")
    adult_female_population = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Women aged 16 or over living in the area: the base of the expected-volume figure.",
    )
    suppression_threshold = models.PositiveSmallIntegerField(
        default=DEFAULT_SUPPRESSION_THRESHOLD,
        help_text="Counts below this are shown to the analyst as 'fewer than N', so no one can be identified.",
    )

    class Meta:
        verbose_name_plural = "report settings"

    def __str__(self) -> str:
        return f"Report settings for {self.locality}"
