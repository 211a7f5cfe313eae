"""Meetings, their agendas, agencies' research and attendance."""

from django.conf import settings
from django.db import models
from django.utils import dateformat, timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from marac.agencies.models import Agency, Locality, Role
from marac.meetings.declarations import DECLARATION_TEXTS, DeclarationText
from marac.referrals.models import Case, Referral


class MeetingMode(models.TextChoices):
    LIVE = "live", _("Live meeting")
    COORDINATION = "coordination", _("Co-ordination by deadline")
    EMERGENCY = "emergency", _("Emergency meeting")


class MeetingPurpose(models.TextChoices):
    """What a meeting is for. A MATAC meeting reuses the meeting machinery (date, invited agencies, attendance,
    declarations, start and close, the calendar) but has no case list: its agenda is the MATAC nominees
    (`marac.matac.models.MatacListing`). Every process that assumes a case list works on MARAC meetings only."""

    MARAC = "marac", _("MARAC: victims' cases")
    MATAC = "matac", _("MATAC: serial perpetrators")


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", pgettext_lazy("meeting status", "Scheduled")
    IN_PROGRESS = "in_progress", pgettext_lazy("meeting status", "In progress")
    CLOSED = "closed", pgettext_lazy("meeting status", "Closed")


class Meeting(models.Model):
    locality = models.ForeignKey(Locality, on_delete=models.PROTECT, related_name="meetings")
    scheduled_for = models.DateTimeField()
    mode = models.CharField(max_length=20, choices=MeetingMode.choices, default=MeetingMode.LIVE)
    purpose = models.CharField(max_length=10, choices=MeetingPurpose.choices, default=MeetingPurpose.MARAC)
    status = models.CharField(max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED)
    location = models.CharField(max_length=200, blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    invited_agencies = models.ManyToManyField(Agency, related_name="meetings_invited")
    research_deadline = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-scheduled_for"]
        indexes = [models.Index(fields=["locality", "scheduled_for"])]

    def __str__(self) -> str:
        kind = gettext("MATAC meeting") if self.is_matac else self.get_mode_display()
        # The month's short name in the language of the page: "14 Jan 2026", "14 Ene 2026".
        return f"{kind} {dateformat.format(timezone.localtime(self.scheduled_for), 'd M Y')}"

    @property
    def is_matac(self) -> bool:
        return self.purpose == MeetingPurpose.MATAC

    @property
    def is_held(self) -> bool:
        """Once a meeting starts, invited agencies have shared information and may see what was shared."""
        return self.status != MeetingStatus.SCHEDULED


class CaseOutcome(models.TextChoices):
    MONITORING = "monitoring", _("Monitoring: actions open")
    CLOSED = "closed", _("Closed: no further MARAC involvement")


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="agenda_items")
    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(default=0)
    discussion = models.TextField(blank=True)
    risk_summary = models.TextField(blank=True)
    outcome = models.CharField(max_length=20, choices=CaseOutcome.choices, blank=True)
    discussed_at = models.DateTimeField(null=True, blank=True)
    discussion_started_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the chair or coordinator first opened the case at the live meeting.")
    )
    discussion_ended_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the discussion was saved or the meeting moved on to the next case.")
    )

    class Meta:
        ordering = ["meeting", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "case"], name="agenda_item_unique_case")]

    def __str__(self) -> str:
        return f"{self.case} at {self.meeting}"


class ResearchFinding(models.TextChoices):
    NO_TRACE = "no_trace", _("No trace")
    KNOWN = "known", _("Known to agency")


class Research(models.Model):
    """What one agency found in its own records about one case before the meeting."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="research")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="research")
    finding = models.CharField(max_length=20, choices=ResearchFinding.choices)
    details = models.TextField(blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = _("research")
        constraints = [models.UniqueConstraint(fields=["agenda_item", "agency"], name="research_unique_agency")]


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    APOLOGIES = "apologies", _("Apologies")
    ABSENT = "absent", _("Absent")


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    attendee_name = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=20, choices=AttendanceStatus.choices)
    information_sent = models.BooleanField(default=False, help_text=_("Sent information though not present."))

    class Meta:
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["meeting", "agency"], name="attendance_unique_agency")]


class Declaration(models.Model):
    """One person's confirmation, at a meeting, that what is shared there stays confidential and is used only to
    reduce risk. Recorded once per person and agency they act for; `text_version` names the wording confirmed."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="declarations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=20, choices=Role.choices)
    text_version = models.CharField(max_length=20)
    confirmed_at = models.DateTimeField()

    class Meta:
        ordering = ["meeting", "confirmed_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user", "agency"], name="declaration_unique_person_agency")
        ]

    def __str__(self) -> str:
        return f"Declaration by {self.user} for {self.agency} at {self.meeting}"

    @property
    def text(self) -> DeclarationText | None:
        return DECLARATION_TEXTS.get(self.text_version)
