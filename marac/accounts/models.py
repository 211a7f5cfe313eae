"""What an account holds besides Django's user: the secret link to a personal meeting calendar."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class CalendarToken(models.Model):
    """A secret link that lets a calendar app fetch the meetings its user may see, without signing in.

    Only a SHA-256 hash of the token is kept: the link is shown once, when it is made, and a copy of the database
    opens no one's calendar. A user has at most one link in use; making a new one revokes the old.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_tokens")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(revoked_at__isnull=True), name="calendar_token_one_in_use_per_user"
            )
        ]

    def __str__(self) -> str:
        state = "revoked" if self.revoked_at else "in use"
        return f"Calendar link of {self.user} ({state})"

    @property
    def in_use(self) -> bool:
        return self.revoked_at is None


class UserPreference(models.Model):
    """A person's own settings. `language` empty means the language of the locality she acts for."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preference")
    language = models.CharField(max_length=10, choices=settings.LANGUAGES, blank=True)

    def __str__(self) -> str:
        return f"Preferences of {self.user}"
