"""Referral-back duties: what the locality's protocol asks each type of agency to refer back to the mechanism, the
disclosures and moves agencies record on a case, and each duty an event raised with how the agency answered it.

The protocol's duties are configuration (`ProtocolDuty`, `DutySettings`); a `Duty` is one agency's duty on one case
after one event. It is met by a referral back (made from the duty, by the referral form, or by the repeat rule on the
agency's behalf), or answered with the agency's reason for not referring back. A duty still open once its answer was
due is unmet, and the coordinator sees it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from marac.agencies.models import Agency, AgencyType, Locality
from marac.referrals.models import Case, Referral

# How long an agency has to refer back or say why not, unless the locality sets its own time. Locally agreed [U].
DEFAULT_ANSWER_WITHIN_HOURS = 48
LONGEST_ANSWER_WITHIN_HOURS = 24 * 14


class EventKind(models.TextChoices):
    NEW_INCIDENT = "new_incident", _("New incident")
    BREACH = "breach", _("Breach of an order or bail")
    DISCLOSURE = "disclosure", _("Disclosure of abuse")
    RISK_CHANGE = "risk_change", _("Change in the level of risk")
    VICTIM_MOVED = "victim_moved", _("The victim moves")


# The events an agency records on the case's own form: no other record of marac holds them.
CASE_FORM_EVENTS = (EventKind.DISCLOSURE, EventKind.VICTIM_MOVED)


class ProtocolDuty(models.Model):
    """One line of the locality's protocol: agencies of this type refer a case back after this kind of event."""

    locality = models.ForeignKey(Locality, on_delete=models.PROTECT, related_name="protocol_duties")
    agency_type = models.CharField(max_length=40, choices=AgencyType.choices)
    event_kind = models.CharField(max_length=20, choices=EventKind.choices)

    class Meta:
        ordering = ["agency_type", "event_kind"]
        constraints = [
            models.UniqueConstraint(fields=["locality", "agency_type", "event_kind"], name="protocol_duty_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_agency_type_display()}: {self.get_event_kind_display()}"


class DutySettings(models.Model):
    """The locality's time for answering a duty. Without a row, `DEFAULT_ANSWER_WITHIN_HOURS` applies."""

    locality = models.OneToOneField(Locality, on_delete=models.PROTECT, related_name="duty_settings")
    answer_within_hours = models.PositiveSmallIntegerField(
        default=DEFAULT_ANSWER_WITHIN_HOURS,
        help_text=_("Hours an agency has to refer a case back, or say why not, before the coordinator sees it unmet."),
    )

    class Meta:
        verbose_name_plural = _("duty settings")

    def __str__(self) -> str:
        return f"Referral-back settings of {self.locality}"


class ReportedEvent(models.Model):
    """A disclosure or a move an agency records on a case."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="reported_events")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    occurred_at = models.DateTimeField()
    note = models.TextField(help_text=_("What was disclosed, or where she has moved (the area, never a safe address)."))
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["case", "occurred_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=[kind.value for kind in CASE_FORM_EVENTS]), name="reported_event_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.occurred_at:%d %b %Y}"


class DutyStatus(models.TextChoices):
    OPEN = "open", _("Awaiting the agency")
    REFERRED = "referred", _("Referred back")
    MET_AUTOMATICALLY = "met_automatically", _("Met by the automatic repeat referral")
    DECLINED = "declined", _("Not referred back, with a reason")


MET_STATUSES = (DutyStatus.REFERRED, DutyStatus.MET_AUTOMATICALLY)


class Duty(models.Model):
    """One agency's duty, under the protocol, to refer a case back after an event it recorded.

    The event is named by the record that holds it (an incident, a breach, an assessment, or a disclosure or move
    recorded on the case); each such record raises one duty at most.
    """

    locality = models.ForeignKey(Locality, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="referral_back_duties")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="referral_back_duties")
    event_kind = models.CharField(max_length=20, choices=EventKind.choices)
    event_at = models.DateTimeField(help_text=_("When the event happened."))
    # Incidents are deleted on their own retention clock; the duty stays with its case, unlinked.
    incident = models.ForeignKey(
        "incidents.Incident", on_delete=models.SET_NULL, null=True, blank=True, related_name="referral_back_duties"
    )
    breach = models.ForeignKey(
        "perpetrators.Breach", on_delete=models.PROTECT, null=True, blank=True, related_name="referral_back_duties"
    )
    assessment = models.ForeignKey(
        "risk.Assessment", on_delete=models.PROTECT, null=True, blank=True, related_name="referral_back_duties"
    )
    reported_event = models.ForeignKey(
        ReportedEvent, on_delete=models.PROTECT, null=True, blank=True, related_name="duties"
    )
    status = models.CharField(max_length=20, choices=DutyStatus.choices, default=DutyStatus.OPEN)
    raised_at = models.DateTimeField()
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    request_id = models.CharField(
        max_length=40, blank=True, help_text=_("The request that recorded the event, as the audit trail names it.")
    )
    due_at = models.DateTimeField(help_text=_("When the agency's answer is due; open after it, the duty is unmet."))
    referral = models.ForeignKey(
        Referral, on_delete=models.PROTECT, null=True, blank=True, related_name="referral_back_duties"
    )
    decline_reason = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = _("duties")
        ordering = ["due_at", "pk"]
        indexes = [
            models.Index(fields=["locality", "status", "due_at"], name="duty_locality_status_due"),
            models.Index(fields=["agency", "status", "due_at"], name="duty_agency_status_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=DutyStatus.DECLINED) | ~models.Q(decline_reason=""),
                name="duty_declined_with_a_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=[status.value for status in MET_STATUSES])
                | models.Q(referral__isnull=False),
                name="duty_met_by_a_referral",
            ),
            *(
                models.UniqueConstraint(
                    fields=[source], condition=models.Q(**{f"{source}__isnull": False}), name=f"duty_one_per_{source}"
                )
                for source in ("incident", "breach", "assessment", "reported_event")
            ),
        ]

    def __str__(self) -> str:
        return f"Duty of {self.agency} to refer {self.case} back after {self.get_event_kind_display().lower()}"

    @property
    def is_open(self) -> bool:
        return self.status == DutyStatus.OPEN

    def is_unmet(self, now) -> bool:
        return self.status == DutyStatus.OPEN and self.due_at <= now
