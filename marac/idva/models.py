"""The IDVA's work with the victim: contact, and reporting back after each meeting."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from marac.agencies.models import Agency
from marac.meetings.models import Meeting
from marac.referrals.models import Case


class ContactMethod(models.TextChoices):
    PHONE = "phone", _("Phone call")
    IN_PERSON = "in_person", _("In person")
    TEXT = "text", _("Text message")
    EMAIL = "email", _("E-mail")
    LETTER = "letter", _("Letter")
    VIA_PROFESSIONAL = "via_professional", _("Through another professional")


class VictimContact(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="victim_contacts")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    contacted_at = models.DateTimeField()
    method = models.CharField(max_length=20, choices=ContactMethod.choices)
    successful = models.BooleanField(default=True, help_text=_("False when the attempt did not reach her."))
    victim_views = models.TextField(blank=True, help_text=_("Her views, wishes and fears, in her words."))
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-contacted_at"]


class ReportBack(models.Model):
    """The IDVA's task to tell the victim what the meeting agreed; one per case per meeting."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="report_backs")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="report_backs")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="report_backs")
    due_date = models.DateField()
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    method = models.CharField(max_length=20, choices=ContactMethod.choices, blank=True)
    victim_told_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["due_date", "pk"]
        constraints = [models.UniqueConstraint(fields=["case", "meeting"], name="report_back_unique")]
