"""Cases (one victim in one locality) and the referrals that bring them to the mechanism."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from marac.agencies.models import Agency, Locality
from marac.people.models import Person


class CaseStatus(models.TextChoices):
    # Opened by a pathway referral (marac.pathways) and not referred to MARAC: the victim has a case in the locality,
    # which a MARAC referral later joins, but nothing about it is a MARAC case yet. No figure counts it.
    ON_PATHWAY = "on_pathway", _("On a pathway")
    REFERRED = "referred", _("Referred")
    LISTED = "listed", _("Listed for a meeting")
    HEARD = "heard", _("Heard")
    MONITORING = "monitoring", _("Monitoring")
    CLOSED = "closed", _("Closed")
    TRANSFERRED = "transferred", _("Transferred")


class Case(models.Model):
    locality = models.ForeignKey(Locality, on_delete=models.PROTECT, related_name="cases")
    reference = models.CharField(max_length=20, unique=True)
    victim = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cases_as_victim")
    status = models.CharField(max_length=20, choices=CaseStatus.choices, default=CaseStatus.REFERRED)
    idva_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="idva_cases",
        help_text=_("The specialist service whose IDVA speaks for the victim."),
    )
    idva = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="idva_cases"
    )
    opened_at = models.DateTimeField()
    last_referred_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    risk_level = models.CharField(max_length=20, blank=True, help_text=_("The final level of the latest assessment."))
    next_review_due = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("The earliest of the latest assessment's review date and any open trigger's."),
    )
    erased_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("When the retention schedule anonymised the case. Dates, statuses and levels stay for the counts."),
    )

    class Meta:
        ordering = ["-last_referred_at"]
        indexes = [
            models.Index(fields=["locality", "status"]),
            # Every list the policy scopes to a locality joins its cases on locality and id: this index answers that
            # join without reading the cases themselves (with the index of actions not done, counting the police's
            # took 3 ms rather than 20 on the national benchmark).
            models.Index(fields=["locality", "id"], name="case_locality_and_id"),
            # A reference typed in any case (person search, the audit trail's search): without it each search read
            # every case of the locality, twice.
            models.Index(Upper("reference"), name="case_reference_any_case"),
        ]

    def __str__(self) -> str:
        return self.reference


class LegalHold(models.Model):
    """A reason to keep a case whole past its retention period: a claim, an inquiry, a domestic homicide review.

    While a hold is in force (not lifted) the retention command never anonymises the case. Holds are kept after
    they are lifted, as the record of why erasure was suspended.
    """

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="legal_holds")
    reason = models.TextField(help_text=_("Why the case must be kept, without naming the people in it."))
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    placed_at = models.DateTimeField()
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    lift_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-placed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(lifted_at__isnull=True), name="legal_hold_one_in_force"
            ),
        ]

    def __str__(self) -> str:
        return f"Legal hold on {self.case}"

    @property
    def in_force(self) -> bool:
        return self.lifted_at is None


class PartyRole(models.TextChoices):
    PERPETRATOR = "perpetrator", _("Perpetrator")
    CHILD = "child", _("Child in the household")
    HOUSEHOLD = "household", _("Other household member")


class CaseParty(models.Model):
    """A person connected with a case other than the victim."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="case_parties")
    role = models.CharField(max_length=20, choices=PartyRole.choices)
    relationship_to_victim = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name_plural = _("case parties")
        constraints = [
            models.UniqueConstraint(fields=["case", "person", "role"], name="case_party_unique"),
        ]


class Consent(models.TextChoices):
    GIVEN = "given", _("Consent given")
    NOT_SOUGHT = "not_sought", _("Not sought")
    REFUSED = "refused", _("Refused")


class TriageStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting triage")
    LISTED = "listed", _("Listed for a meeting")
    DECLINED = "declined", _("Declined")
    MORE_INFORMATION = "more_information", _("More information requested")


class Referral(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="referrals")
    submission_token = models.UUIDField(
        unique=True, default=uuid.uuid4, help_text=_("Makes a resubmitted form return the first referral.")
    )
    referring_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="referrals_made")
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    referrer_phone = models.CharField(max_length=40, blank=True)
    referred_at = models.DateTimeField()

    assessment = models.ForeignKey(
        "risk.Assessment", on_delete=models.PROTECT, null=True, blank=True, related_name="referrals"
    )
    meets_visible_high_risk = models.BooleanField(default=False)
    meets_professional_judgement = models.BooleanField(default=False)
    professional_judgement_reasons = models.TextField(blank=True)
    meets_potential_escalation = models.BooleanField(default=False)
    incidents_in_escalation_window = models.PositiveSmallIntegerField(default=0)
    is_repeat = models.BooleanField(default=False)
    previous_referral = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="repeat_referrals"
    )

    consent = models.CharField(max_length=20, choices=Consent.choices)
    sharing_without_consent_reason = models.TextField(blank=True)
    sharing_approved_by = models.CharField(max_length=200, blank=True)

    risk_summary = models.TextField(help_text=_("What happened and why the referrer is worried."))
    children_in_household = models.PositiveSmallIntegerField(default=0)
    submitted_details = models.JSONField(
        default=dict,
        blank=True,
        help_text=_(
            "The victim, perpetrators and children as this referral described them. Person records move on "
            "with later referrals; this keeps what was shared, and on what basis, as it was sent."
        ),
    )

    triage_status = models.CharField(max_length=20, choices=TriageStatus.choices, default=TriageStatus.PENDING)
    triage_note = models.TextField(blank=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    triaged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-referred_at"]
        indexes = [
            models.Index(fields=["referring_agency", "referred_at"]),
            # The latest referrals of a locality are found walking back from the newest of all, not by sorting the
            # locality's every referral.
            models.Index(fields=["referred_at"], name="referral_referred_at"),
            # The few awaiting triage, counted on the coordinator's home page among a locality's many.
            models.Index(
                fields=["case"],
                condition=models.Q(triage_status__in=[TriageStatus.PENDING, TriageStatus.MORE_INFORMATION]),
                name="referral_awaiting_triage",
            ),
        ]

    def __str__(self) -> str:
        return f"Referral {self.pk} to {self.case}"

    @property
    def criteria_met(self) -> list[str]:
        labels = []
        if self.meets_visible_high_risk:
            labels.append("Visible high risk")
        if self.meets_professional_judgement:
            labels.append("Professional judgement")
        if self.meets_potential_escalation:
            labels.append("Potential escalation")
        if self.is_repeat:
            labels.append("Repeat")
        return labels
