"""Incidents of abuse recorded by any agency, entered by hand or imported from an agency system's export."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from marac.agencies.models import Agency, Locality
from marac.people.models import Person
from marac.referrals.models import Referral


class IncidentType(models.TextChoices):
    PHYSICAL = "physical", _("Physical violence")
    STRANGULATION = "strangulation", _("Strangulation, choking or suffocation")
    SEXUAL = "sexual", _("Sexual violence")
    THREATS = "threats", _("Threats, including threats to kill")
    STALKING = "stalking", _("Stalking or harassment")
    COERCIVE_CONTROL = "coercive_control", _("Controlling or coercive behaviour")
    CRIMINAL_DAMAGE = "criminal_damage", _("Damage to property")
    BREACH = "breach", _("Breach of bail, an order or a notice")
    UNWANTED_CONTACT = "unwanted_contact", _("Unwanted contact")
    DISPUTE = "dispute", _("Dispute over child contact or property")
    VERBAL = "verbal", _("Verbal abuse")
    OTHER = "other", _("Other")


class Gravity(models.IntegerChoices):
    """How serious the incident was, as the recording agency graded it."""

    MINOR = 1, _("Minor: no injury, no weapon")
    MODERATE = 2, _("Moderate: minor injury or damage")
    SERIOUS = 3, _("Serious: injury, weapon or sexual violence")
    LIFE_THREATENING = 4, _("Life-threatening: strangulation, serious injury, attempt to kill")


class ImportStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    DONE = "done", _("Imported")
    REJECTED = "rejected", _("Rejected: bad rows, nothing imported")
    FAILED = "failed", _("Failed")


class IncidentImport(models.Model):
    """One file of incidents from one agency's system. Re-importing the same file adds nothing."""

    locality = models.ForeignKey(Locality, on_delete=models.PROTECT, related_name="incident_imports")
    source_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="incident_imports")
    file_name = models.CharField(max_length=255)
    file_sha256 = models.CharField(max_length=64)
    keep_good_rows = models.BooleanField(
        default=False, help_text=_("Import the good rows and return the bad ones, rather than import nothing.")
    )
    status = models.CharField(max_length=20, choices=ImportStatus.choices, default=ImportStatus.RUNNING)
    rows_total = models.PositiveIntegerField(default=0)
    rows_read = models.PositiveIntegerField(default=0)
    rows_imported = models.PositiveIntegerField(default=0)
    rows_already_known = models.PositiveIntegerField(default=0)
    rows_bad = models.PositiveIntegerField(default=0)
    errors = models.JSONField(
        default=list, blank=True, help_text=_("The bad rows: [{row, field, reason}], without the rows' content.")
    )
    bad_rows_file = models.TextField(
        blank=True,
        help_text=_("With keep_good_rows: the bad rows as CSV (their own columns, row and error), for download."),
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} from {self.source_agency}"


class Incident(models.Model):
    # Imports write a million rows at a time, and every index is written for every row: the foreign keys below that
    # no query looks up alone are indexed only within the composite indexes of `Meta`, or not at all.
    locality = models.ForeignKey(Locality, on_delete=models.PROTECT, related_name="incidents", db_index=False)
    source_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="incidents")
    source_reference = models.CharField(
        max_length=100, blank=True, help_text=_("The incident's number in the recording agency's own system.")
    )
    occurred_at = models.DateTimeField()
    incident_type = models.CharField(max_length=30, choices=IncidentType.choices)
    gravity = models.PositiveSmallIntegerField(choices=Gravity.choices)
    victim = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="incidents_as_victim", db_index=False)
    perpetrator = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="incidents_as_perpetrator", db_index=False
    )
    children_present = models.PositiveSmallIntegerField(default=0)
    summary = models.TextField(blank=True)
    # Not indexed: nothing lists incidents by who typed them, and users are deactivated, never deleted.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=False
    )
    recorded_at = models.DateTimeField()
    imported_by = models.ForeignKey(
        IncidentImport, on_delete=models.PROTECT, null=True, blank=True, related_name="incidents"
    )
    auto_referral = models.ForeignKey(
        "AutoReferral",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incidents",
        db_index=False,  # indexed where set (below): most incidents lead to no automatic referral
        help_text=_("The repeat referral the repeat rule made from this incident, if it made one."),
    )

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_agency", "source_reference"],
                condition=~models.Q(source_reference=""),
                name="incident_unique_source_reference",
            )
        ]
        indexes = [
            models.Index(fields=["locality", "occurred_at"], name="incident_locality_occurred"),
            # A person belongs to one locality: the person's incidents need no locality in their index.
            models.Index(fields=["victim", "occurred_at"], name="incident_victim_occurred"),
            models.Index(fields=["perpetrator", "occurred_at"], name="incident_perpetrator_occurred"),
            models.Index(
                fields=["auto_referral"], condition=models.Q(auto_referral__isnull=False), name="incident_auto_referral"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_incident_type_display()} on {self.occurred_at:%d %b %Y}"


class AutoReferral(models.Model):
    """The mark of a repeat referral the repeat rule made from incidents, on behalf of the agency that recorded them.

    The incidents it was made from point at it (`Incident.auto_referral`): an incident leads to one referral at most,
    so evaluating the rules again creates nothing twice.
    """

    referral = models.OneToOneField(Referral, on_delete=models.PROTECT, related_name="from_incidents")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Automatic repeat referral {self.referral_id}"


class FlagReason(models.TextChoices):
    ESCALATION = "escalation", _("Potential escalation")
    REPEAT = "repeat", _("Repeat: refer again")


class FlagResolution(models.TextChoices):
    REFERRED = "referred", _("Referred")
    NOT_NEEDED = "not_needed", _("Reviewed: no referral needed")


class ReferralFlag(models.Model):
    """A person the rules flag for referral ("flag and tag"): the agencies that recorded the incidents see it until
    the person is referred or the coordinator decides no referral is needed."""

    locality = models.ForeignKey(Locality, on_delete=models.PROTECT, related_name="referral_flags")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="referral_flags")
    reason = models.CharField(max_length=20, choices=FlagReason.choices)
    incidents = models.ManyToManyField(Incident, related_name="referral_flags")
    raised_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.CharField(max_length=20, choices=FlagResolution.choices, blank=True)
    resolution_note = models.TextField(blank=True, help_text=_("Why no referral is needed, without naming anyone."))
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the rules saw the referral themselves."),
    )
    referral = models.ForeignKey(
        Referral, on_delete=models.PROTECT, null=True, blank=True, related_name="resolved_flags"
    )

    class Meta:
        ordering = ["-raised_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "reason"],
                condition=models.Q(resolved_at__isnull=True),
                name="referral_flag_one_open_per_reason",
            )
        ]
        indexes = [models.Index(fields=["locality", "resolved_at"])]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} flag on {self.person}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None
