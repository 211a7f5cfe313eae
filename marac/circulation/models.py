"""When a meeting's case list went to the invited agencies."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from marac.meetings.models import Meeting


class Circulation(models.Model):
    """The case list of a meeting was circulated: from now on invited agencies see it and post research."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="circulation")
    circulated_at = models.DateTimeField()
    circulated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the scheduler circulated it at the locality's lead time."),
    )

    def __str__(self) -> str:
        return f"Case list of {self.meeting} circulated"
