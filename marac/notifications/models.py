"""E-mail notices: a record of every notice the application sent, or could not send, to an agency's point of
contact or a locality's coordinator mailbox.

A notice says that something is waiting in the application and links to it; it never carries personal data. Its
`key` names the occasion (this case list, to this agency, with these cases), so a scheduler that runs twice sends
nothing twice.
"""

from django.db import models
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from marac.agencies.models import Agency, Locality
from marac.meetings.models import Meeting


class NoticeKind(models.TextChoices):
    CASE_LIST = "case_list", _("Case list circulated")
    CASE_LIST_UPDATED = "case_list_updated", _("Case list updated")
    RESEARCH_REMINDER = "research_reminder", _("Research reminder")
    RESEARCH_LATE = "research_late", _("Research late")
    RESEARCH_DEADLINE_PASSED = "research_deadline_passed", _("Research deadline passed")
    ACTION_REMINDER = "action_reminder", _("Action due soon")
    ACTION_OVERDUE = "action_overdue", _("Action overdue")
    MINUTES = "minutes", _("Minutes available")
    REPEAT_REFERRAL = "repeat_referral", _("Repeat referral made from incidents")
    ORDER_ENDING = "order_ending", _("Order ending soon")
    MATAC_ACTION_REMINDER = "matac_action_reminder", _("MATAC action due soon")
    MATAC_ACTION_OVERDUE = "matac_action_overdue", _("MATAC action overdue")
    RELEASE_OR_ESCAPE = "release_or_escape", _("Release or escape recorded")


def coordinator_of(locality: Locality) -> Promise:
    """The locality's coordinator mailbox as a notice addresses it: lazy, so that the notice says it in its own
    language and the audit trail in English."""
    return format_lazy(_("the coordinator of {locality}"), locality=str(locality))


class EmailNotice(models.Model):
    """One notice to one mailbox. `sent_at` is empty when there was nowhere to send it: the agency has no e-mail
    point of contact (or the locality no coordinator mailbox). Such a notice is sent, and `sent_at` set, by the
    first run after an address is added."""

    key = models.CharField(max_length=200, unique=True, help_text="The occasion: one notice per key, ever.")
    kind = models.CharField(max_length=30, choices=NoticeKind.choices)
    locality = models.ForeignKey(Locality, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="email_notices",
        help_text="Empty for the locality's coordinator mailbox.",
    )
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="email_notices")
    recipient = models.EmailField(blank=True, help_text="Where it went; empty when there was no address.")
    subject = models.CharField(max_length=200)
    recorded_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        indexes = [models.Index(fields=["meeting", "agency"], name="email_notice_meeting_agency")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.addressee}"

    @property
    def addressee(self) -> str | Promise:
        return self.agency.name if self.agency_id else coordinator_of(self.locality)

    @property
    def was_sent(self) -> bool:
        return self.sent_at is not None
