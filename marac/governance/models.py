"""Operating protocols and information-sharing agreements: versioned documents and the agencies that signed them.

Versions are never edited: a change is a new version. The current version of a document is the latest published one,
so "exactly one current version" holds by construction rather than by a flag someone must remember to move.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from marac.agencies.models import Agency, Locality
from marac.governance.lawful_bases import LawfulBasis, bases_for

# A review date this close, or past, is flagged on the documents page and raises a reminder.
REVIEW_NOTICE_DAYS = 30


class DocumentKind(models.TextChoices):
    AGREEMENT = "agreement", _("Information-sharing agreement")
    PROTOCOL = "protocol", _("Operating protocol")


class ReviewState(models.TextChoices):
    NOT_DUE = "not_due", _("Not due")
    DUE = "due", _("Review due")
    OVERDUE = "overdue", _("Review overdue")


def review_state(review_on: dt.date, *, today: dt.date, within_days: int = REVIEW_NOTICE_DAYS) -> ReviewState:
    if review_on < today:
        return ReviewState.OVERDUE
    if review_on <= today + dt.timedelta(days=within_days):
        return ReviewState.DUE
    return ReviewState.NOT_DUE


class Document(models.Model):
    """A locality's operating protocol (its terms of reference) or its information-sharing agreement."""

    locality = models.ForeignKey(Locality, on_delete=models.PROTECT, related_name="governance_documents")
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["locality", "kind"], name="governance_document_one_per_kind")]

    def __str__(self) -> str:
        return f"{self.locality} {self.get_kind_display().lower()}"


class DocumentVersion(models.Model):
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="versions")
    label = models.CharField(max_length=20, help_text=_("As the partnership numbers it: 2, 2.1, 2026-1…"))
    text = models.TextField(help_text=_("Plain paragraphs separated by a blank line."))
    summary_of_changes = models.TextField(blank=True)
    lawful_bases = models.JSONField(default=list, help_text=_("Codes from governance.lawful_bases.CATALOGUE."))
    effective_on = models.DateField()
    review_on = models.DateField()
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-published_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["document", "label"], name="governance_version_unique_label")]

    def __str__(self) -> str:
        return f"{self.document}, version {self.label}"

    @property
    def kind(self) -> str:
        return self.document.kind

    @property
    def paragraphs(self) -> list[str]:
        return [paragraph.strip() for paragraph in self.text.replace("\r\n", "\n").split("\n\n") if paragraph.strip()]

    @property
    def bases(self) -> list[LawfulBasis]:
        return bases_for(self.lawful_bases)

    def review_state(self, *, today: dt.date) -> ReviewState:
        return review_state(self.review_on, today=today)


class Signature(models.Model):
    """An agency's signature of one version. The name and role are as the signer wrote them: the person with
    authority to sign may hold a title marac does not know."""

    version = models.ForeignKey(DocumentVersion, on_delete=models.PROTECT, related_name="signatures")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="governance_signatures")
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField()
    signer_name = models.CharField(max_length=200)
    signer_role = models.CharField(max_length=200)

    class Meta:
        ordering = ["signed_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "agency"], name="governance_signature_once_per_agency")
        ]

    def __str__(self) -> str:
        return f"{self.agency} signed {self.version}"


class ReviewReminder(models.Model):
    """One reminder that a version's review date is near or past. Keyed by version and due date, so the scheduled
    command can run as often as it likes and records each reminder once."""

    version = models.ForeignKey(DocumentVersion, on_delete=models.PROTECT, related_name="review_reminders")
    due_on = models.DateField()
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "due_on"], name="governance_reminder_once_per_due_date")
        ]

    def __str__(self) -> str:
        return f"Review of {self.version} due on {self.due_on:%Y-%m-%d}"
