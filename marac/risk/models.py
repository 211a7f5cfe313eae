"""Risk assessments: every one kept, because risk changes over time."""

from django.conf import settings
from django.db import models

from marac.agencies.models import Agency


class RiskLevel(models.TextChoices):
    STANDARD = "standard", "Standard"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


LEVEL_ORDER = {RiskLevel.STANDARD: 0, RiskLevel.MEDIUM: 1, RiskLevel.HIGH: 2}


class Answer(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    DONT_KNOW = "dont_know", "Don't know"


class Assessment(models.Model):
    """One completed risk checklist. `answers` maps item id to {"answer": ..., "note": ...}."""

    case = models.ForeignKey("referrals.Case", on_delete=models.CASCADE, related_name="assessments")
    instrument_code = models.CharField(max_length=40)
    instrument_version = models.CharField(max_length=20)
    answers = models.JSONField(default=dict)
    score = models.PositiveSmallIntegerField()
    computed_level = models.CharField(max_length=20, choices=RiskLevel.choices)
    judgement_level = models.CharField(max_length=20, choices=RiskLevel.choices, blank=True)
    judgement_reason = models.TextField(blank=True)
    final_level = models.CharField(max_length=20, choices=RiskLevel.choices)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    assessed_at = models.DateTimeField()

    class Meta:
        ordering = ["-assessed_at"]

    def __str__(self) -> str:
        return f"{self.instrument_code} {self.score} ({self.final_level})"
