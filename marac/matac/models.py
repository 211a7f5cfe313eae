"""MATAC: nominations of serial perpetrators (from the ranking or referred by partners), selection, the nominees on
MATAC meetings, the perpetrator-focused actions agreed there, and each nominee's RFGV scores over time."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from marac.actions.models import Action, ActionStatus, NoticeKind, NoticeRecipient
from marac.agencies.models import Agency, Locality
from marac.meetings.models import Meeting
from marac.people.models import Person


class NominationStatus(models.TextChoices):
    NOMINATED = "nominated", _("Awaiting a decision")
    SELECTED = "selected", _("Selected")
    DECLINED = "declined", _("Declined")
    EXITED = "exited", _("Exited")


# A nomination is open until it is declined or its nominee exits: one open nomination per person.
OPEN_STATUSES = (NominationStatus.NOMINATED, NominationStatus.SELECTED)


class ExitReason(models.TextChoices):
    RISK_REDUCED = "risk_reduced", _("Risk reduced: the tactics worked")
    CUSTODY = "custody", _("In custody")
    MOVED_AWAY = "moved_away", _("Moved out of the area")
    OTHER_PROCESS = "other_process", _("Managed through another process")
    OTHER = "other", _("Another reason")


class Nomination(models.Model):
    """A perpetrator put forward for MATAC: from the ranking of serial perpetrators, or referred by a partner
    agency. Further referrals of the same person while it is open are added to it (`NominationReferral`)."""

    locality = models.ForeignKey(Locality, on_delete=models.PROTECT, related_name="matac_nominations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="matac_nominations")
    status = models.CharField(max_length=20, choices=NominationStatus.choices, default=NominationStatus.NOMINATED)
    nominated_at = models.DateTimeField()

    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decline_reason = models.TextField(blank=True)

    subject_profile = models.TextField(
        blank=True, help_text=_("Who the nominee is: circumstances, relationships, needs, what drives the offending.")
    )
    subject_profile_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    subject_profile_at = models.DateTimeField(null=True, blank=True)
    intelligence_profile = models.TextField(
        blank=True, help_text=_("What partners hold: offending history, orders, intelligence on current partners.")
    )
    intelligence_profile_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    intelligence_profile_at = models.DateTimeField(null=True, blank=True)

    exited_at = models.DateTimeField(null=True, blank=True)
    exited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    exit_reason = models.CharField(max_length=20, choices=ExitReason.choices, blank=True)
    exit_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-nominated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="matac_one_open_nomination_per_person",
            )
        ]
        indexes = [models.Index(fields=["locality", "status"])]

    def __str__(self) -> str:
        return f"MATAC nomination of {self.person}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class ReferralSource(models.TextChoices):
    RANKING = "ranking", _("From the ranking of serial perpetrators")
    PARTNER = "partner", _("Partner referral")


class NominationReferral(models.Model):
    """One agency putting the person forward: the first makes the nomination, later ones add to it."""

    nomination = models.ForeignKey(Nomination, on_delete=models.PROTECT, related_name="referrals")
    source = models.CharField(max_length=20, choices=ReferralSource.choices)
    referring_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="matac_referrals")
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    referred_at = models.DateTimeField()
    reason = models.TextField(help_text=_("Why the agency refers the person, in its own words."))
    known = models.TextField(blank=True, help_text=_("What the agency knows of the person and his behaviour."))
    marac_action = models.ForeignKey(
        Action,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="matac_referrals",
        help_text=_("The MARAC action 'consider the perpetrator for MATAC' that made this referral, if one did."),
    )

    class Meta:
        ordering = ["referred_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "marac_action"],
                condition=models.Q(marac_action__isnull=False),
                name="matac_referral_once_per_marac_action",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} by {self.referring_agency}"


class ScoreOccasion(models.TextChoices):
    REFERRAL = "referral", _("At referral")
    ENTRY = "entry", _("At selection (entry)")
    EXIT = "exit", _("At exit")


class RfgvSnapshot(models.Model):
    """A nominee's RFGV score as it was when taken, kept so the outcome (exit minus entry) can always be shown
    however the incidents or the locality's weights change later."""

    nomination = models.ForeignKey(Nomination, on_delete=models.PROTECT, related_name="scores")
    occasion = models.CharField(max_length=20, choices=ScoreOccasion.choices)
    referral = models.OneToOneField(
        NominationReferral, on_delete=models.PROTECT, null=True, blank=True, related_name="score"
    )
    taken_at = models.DateTimeField(help_text=_("The moment the score is as of."))
    recency = models.DecimalField(max_digits=10, decimal_places=2)
    frequency = models.DecimalField(max_digits=10, decimal_places=2)
    gravity = models.DecimalField(max_digits=10, decimal_places=2)
    victims = models.DecimalField(max_digits=10, decimal_places=2)
    total = models.DecimalField(max_digits=10, decimal_places=2)
    incident_count = models.PositiveIntegerField()
    victim_count = models.PositiveIntegerField()
    last_incident_at = models.DateTimeField(null=True, blank=True)
    is_serial = models.BooleanField()

    class Meta:
        ordering = ["taken_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "occasion"],
                condition=~models.Q(occasion="referral"),
                name="matac_one_entry_and_exit_score",
            )
        ]

    def __str__(self) -> str:
        return f"RFGV {self.total} {self.get_occasion_display().lower()}"


class MatacListing(models.Model):
    """A selected nominee on the agenda of a MATAC meeting, with what the meeting said about him."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="matac_listings")
    nomination = models.ForeignKey(Nomination, on_delete=models.PROTECT, related_name="listings")
    position = models.PositiveSmallIntegerField(default=0)
    listed_at = models.DateTimeField()
    discussion = models.TextField(blank=True)
    discussed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["meeting", "nomination"], name="matac_listing_unique")]

    def __str__(self) -> str:
        return f"{self.nomination.person} at {self.meeting}"


class TacticCategory(models.TextChoices):
    SUPPORT = "support", _("Support")
    DIVERSION = "diversion", _("Diversion")
    DISRUPTION = "disruption", _("Disruption")
    ENFORCEMENT = "enforcement", _("Enforcement")
    BEHAVIOUR_CHANGE = "behaviour_change", _("Behaviour-change programme")
    DISCLOSURE = "disclosure", _("Disclosure to new partners")


class MatacAction(models.Model):
    """A tactic agreed at a MATAC meeting for a nominee, with one owner agency, followed until it is done.

    Not a MARAC `Action`: that one belongs to a victim's case, and everything built on it (who sees it, reminders,
    the IDVA's chasing, transfers, report-backs) follows the case. A nominee may have no case at all.
    """

    nomination = models.ForeignKey(Nomination, on_delete=models.PROTECT, related_name="actions")
    listing = models.ForeignKey(
        MatacListing, on_delete=models.PROTECT, related_name="actions", help_text=_("The discussion that agreed it.")
    )
    owner_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="matac_actions")
    category = models.CharField(max_length=20, choices=TacticCategory.choices)
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
            models.Index(fields=["nomination", "status"]),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class MatacActionUpdate(models.Model):
    """One dated entry in a MATAC action's trail."""

    action = models.ForeignKey(MatacAction, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    status_before = models.CharField(max_length=20, choices=ActionStatus.choices)
    status_after = models.CharField(max_length=20, choices=ActionStatus.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "pk"]


class MatacActionNotice(models.Model):
    """A reminder before an incomplete MATAC action's due date, or an escalation once it is overdue, recorded as
    `actions.ActionNotice` records them for MARAC actions and under the same rules (`marac.matac.followup`). One per
    action, kind, recipient and due date: a rerun of the daily job records nothing twice, and a moved due date earns
    a fresh notice."""

    action = models.ForeignKey(MatacAction, on_delete=models.CASCADE, related_name="notices")
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
                fields=["action", "kind", "recipient", "due_date"], name="matac_action_notice_once_per_due_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.get_recipient_display().lower()}"
