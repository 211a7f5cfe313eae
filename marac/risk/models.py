"""Risk instruments as loaded versions, assessments (every one kept: risk changes over time), and the events
that bring a review forward."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from marac.agencies.models import Agency, Locality
from marac.risk.scales import ScaleChoice


class RiskLevel(models.TextChoices):
    """The three-level scale's values, for code that works on it directly (see `scales` for every scale)."""

    STANDARD = "standard", pgettext_lazy("risk level", "Standard")
    MEDIUM = "medium", pgettext_lazy("risk level", "Medium")
    HIGH = "high", pgettext_lazy("risk level", "High")


LEVEL_ORDER = {RiskLevel.STANDARD: 0, RiskLevel.MEDIUM: 1, RiskLevel.HIGH: 2}


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    DONT_KNOW = "dont_know", _("Don't know")


class InstrumentVersion(models.Model):
    """One loaded version of an instrument file. Never edited: a change is a new version, and every assessment
    keeps the version it used, so it always re-renders as it was completed."""

    locality = models.ForeignKey(
        Locality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="instrument_versions",
        help_text=_("Empty for an instrument shipped with marac and offered to every locality."),
    )
    code = models.CharField(max_length=40)
    version = models.CharField(max_length=20)
    name = models.CharField(max_length=200)
    scale = models.CharField(max_length=20, choices=ScaleChoice.choices)
    definition = models.JSONField(help_text=_("The validated file, as loaded."))
    source_filename = models.CharField(max_length=200)
    loaded_at = models.DateTimeField()
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["code", "-loaded_at"]
        constraints = [
            models.UniqueConstraint(fields=["locality", "code", "version"], name="instrument_version_unique"),
            models.UniqueConstraint(
                fields=["code", "version"],
                condition=models.Q(locality__isnull=True),
                name="shipped_instrument_version_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (version {self.version})"


class Assessment(models.Model):
    """One completed instrument. `answers` maps item id to {"answer": ..., "note": ...}."""

    case = models.ForeignKey("referrals.Case", on_delete=models.CASCADE, related_name="assessments")
    instrument = models.ForeignKey(
        InstrumentVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="assessments"
    )
    instrument_code = models.CharField(max_length=40)
    instrument_version = models.CharField(max_length=20)
    safety = models.JSONField(
        default=dict,
        blank=True,
        help_text=_(
            "Asked first: safe to talk now, a safe way to make contact, where the perpetrator and children are."
        ),
    )
    answers = models.JSONField(default=dict)
    score = models.PositiveSmallIntegerField()
    screened_in = models.BooleanField(default=False)
    scale = models.CharField(max_length=20, choices=ScaleChoice.choices, default=ScaleChoice.THREE_LEVEL)
    computed_level = models.CharField(max_length=20)
    judgement_level = models.CharField(max_length=20, blank=True)
    judgement_reason = models.TextField(blank=True)
    victim_view_level = models.CharField(max_length=20, blank=True)
    victim_view_reason = models.TextField(blank=True)
    final_level = models.CharField(max_length=20)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    assessed_at = models.DateTimeField()
    next_review_due = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-assessed_at"]
        indexes = [models.Index(fields=["case", "assessed_at"])]

    def __str__(self) -> str:
        return f"{self.instrument_code} {self.score} ({self.final_level})"


class ReviewEvent(models.TextChoices):
    NEW_INCIDENT = "new_incident", _("New incident")
    SEPARATION = "separation", _("Separation")
    ORDER_BREACH = "order_breach", _("Breach of an order or bail")
    RELEASE_FROM_CUSTODY = "release_from_custody", _("Release from custody")
    COURT_DATE = "court_date", _("Court date")
    OTHER_CHANGE = "other_change", _("Other change of circumstances")


class ReviewTrigger(models.Model):
    """An event that brings the case's next risk review forward; a later assessment answers it."""

    case = models.ForeignKey("referrals.Case", on_delete=models.CASCADE, related_name="review_triggers")
    event = models.CharField(max_length=30, choices=ReviewEvent.choices)
    event_at = models.DateTimeField(help_text=_("When it happened, or for a court date when it will happen."))
    review_due = models.DateTimeField()
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    answered_by = models.ForeignKey(
        Assessment, on_delete=models.SET_NULL, null=True, blank=True, related_name="answered_triggers"
    )

    class Meta:
        ordering = ["review_due", "pk"]
        indexes = [models.Index(fields=["case", "answered_by"])]

    def __str__(self) -> str:
        return f"{self.get_event_display()} on {self.event_at:%d %b %Y}"
