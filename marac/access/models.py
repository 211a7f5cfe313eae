"""The per-case "must not see" list: it overrides every other rule of the policy."""

from django.conf import settings
from django.db import models


class CaseExclusion(models.Model):
    """A user who must never see a case, whatever their role or agency: a staff member related to a party, say."""

    case = models.ForeignKey("referrals.Case", on_delete=models.CASCADE, related_name="exclusions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="case_exclusions")
    reason = models.TextField()
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "user"], name="case_exclusion_unique")]

    def __str__(self) -> str:
        return f"{self.user} excluded from {self.case}"
