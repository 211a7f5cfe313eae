"""Action plans: every action has one owner agency and is followed until it is done."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from marac.agencies.models import Agency, AgencyType
from marac.meetings.models import AgendaItem
from marac.referrals.models import Case


class CatalogueEffect(models.TextChoices):
    """What agreeing a catalogue action sets off besides the action itself. Recognised by this field, never by the
    action's words, so a locality may reword the entry and it still works."""

    NONE = "", _("Nothing more")
    MATAC_REFERRAL = "matac_referral", _("Refers the case's perpetrators into MATAC")


class CatalogueAction(models.Model):
    """A suggested action for an agency type; localities edit the catalogue as data."""

    agency_type = models.CharField(max_length=40, choices=AgencyType.choices)
    text = models.CharField(max_length=300)
    is_active = models.BooleanField(default=True)
    effect = models.CharField(
        max_length=30,
        choices=CatalogueEffect.choices,
        default=CatalogueEffect.NONE,
        blank=True,
        help_text=_(
            "What agreeing this action sets off: a MATAC referral of the case's perpetrators, or nothing more."
        ),
    )

    class Meta:
        ordering = ["agency_type", "text"]
        constraints = [models.UniqueConstraint(fields=["agency_type", "text"], name="catalogue_unique_text")]

    def __str__(self) -> str:
        return self.text


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    NOT_POSSIBLE = "not_possible", _("Not possible")


INCOMPLETE_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class Action(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="actions")
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        help_text=_("The meeting discussion that agreed the action."),
    )
    owner_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="actions")
    catalogue_action = models.ForeignKey(
        CatalogueAction, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField()
    due_date = models.DateField()
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    not_possible_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "pk"]
        indexes = [
            models.Index(fields=["owner_agency", "status", "due_date"]),
            models.Index(fields=["case", "status"]),
            # The open and overdue actions of a locality's cases, counted on the home page: a small index of the
            # actions not done beside the many done.
            models.Index(
                fields=["case", "due_date"],
                condition=models.Q(status__in=INCOMPLETE_STATUSES),
                name="action_incomplete_by_case",
            ),
            # An agency's actions not done, as its actions page lists them by due date: a few hundred among the
            # thousands it has done, all of which PostgreSQL read to find them (15,600 for the national benchmark's
            # police), misjudging the index by agency, status and due date.
            models.Index(
                fields=["owner_agency", "due_date"],
                condition=models.Q(status__in=INCOMPLETE_STATUSES),
                name="action_incomplete_by_owner",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class ActionUpdate(models.Model):
    """One dated entry in an action's trail."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    status_before = models.CharField(max_length=20, choices=ActionStatus.choices)
    status_after = models.CharField(max_length=20, choices=ActionStatus.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "pk"]


class ReviewReason(models.TextChoices):
    CIRCUMSTANCES_CHANGED = "circumstances_changed", _("Circumstances changed")
    AGENCY_DID_NOT_ACT = "agency_did_not_act", _("Agency did not act")
    COMPLETED_LATE = "completed_late", _("Completed late")
    STILL_IN_PROGRESS = "still_in_progress", _("Still in progress, within time")


class ActionReview(models.Model):
    """An incomplete action reviewed at a later meeting, with why it is not done."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="reviews")
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="action_reviews")
    reason = models.CharField(max_length=30, choices=ReviewReason.choices)
    note = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["action", "agenda_item"], name="action_review_unique")]


class NoticeKind(models.TextChoices):
    REMINDER = "reminder", _("Reminder: due soon")
    OVERDUE = "overdue", _("Overdue: escalated")


class NoticeRecipient(models.TextChoices):
    OWNER_AGENCY = "owner_agency", _("The owner agency's point of contact")
    COORDINATOR = "coordinator", _("The coordinator")


class ActionNotice(models.Model):
    """A reminder or an escalation recorded for an incomplete action. One per action, kind, recipient and due
    date: a rerun of the scheduler records nothing twice, and a moved due date earns a fresh notice."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=20, choices=NoticeKind.choices)
    recipient = models.CharField(max_length=20, choices=NoticeRecipient.choices)
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The agency addressed; empty when the notice is for the locality's coordinator."),
    )
    due_date = models.DateField(help_text=_("The action's due date when the notice was recorded."))
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "kind", "recipient", "due_date"], name="action_notice_once_per_due_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.get_recipient_display().lower()}"


class ActionChase(models.Model):
    """An IDVA (or the coordinator) chasing the owner agency about an action on the victim's behalf."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="chases")
    chased_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    chased_by_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    chased_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)
    chased_at = models.DateTimeField()

    class Meta:
        ordering = ["-chased_at", "-pk"]
