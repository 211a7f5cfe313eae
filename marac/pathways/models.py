"""Bilateral pathways: a locality's agreed routes from one agency to another below the MARAC threshold, each under
its own short working protocol, and the referrals made along them.

A pathway referral is about a victim's case in the locality (design.md: one victim in one locality): her person
record and her assessments stay where they are, on the case, and the referral points at them. What the referral
adds is its own: why and how she was referred, the receiving agency's answer, the feedback to the referrer, and,
when her risk rises or another MARAC criterion is met, the MARAC referral made from it.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from marac.agencies.models import Agency, Locality
from marac.referrals.models import Case, Consent, Referral


class RoutingSettings(models.Model):
    """A locality's risk-led routing: from which level the latest assessment proposes a MARAC referral. Below it,
    the pathways say which level each of them is proposed for."""

    locality = models.OneToOneField(Locality, on_delete=models.PROTECT, related_name="pathway_routing")
    marac_from_level = models.CharField(
        max_length=20,
        default="high",
        help_text=_("A level on the locality's scale: at it and above, the routing proposes a MARAC referral."),
    )
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("pathway routing settings")
        verbose_name_plural = _("pathway routing settings")

    def __str__(self) -> str:
        return f"Pathway routing of {self.locality}"


class Pathway(models.Model):
    """One agreed route between two agencies of a locality, and its working protocol: what is shared, how soon the
    receiving agency answers, and who feeds back to the referrer and when."""

    locality = models.ForeignKey(Locality, on_delete=models.PROTECT, related_name="pathways")
    name = models.CharField(max_length=200)
    from_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="pathways_out")
    to_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="pathways_in")
    proposed_for_levels = models.JSONField(
        default=list,
        blank=True,
        help_text=_("Levels on the locality's scale for which the routing proposes this pathway to its sender."),
    )
    information_shared = models.TextField(help_text=_("What the sending agency shares along this pathway."))
    response_days = models.PositiveSmallIntegerField(
        default=2, help_text=_("Days the receiving agency has to accept or decline a referral.")
    )
    feedback_days = models.PositiveSmallIntegerField(
        default=10, help_text=_("Days after accepting by which the receiving agency feeds back to the referrer.")
    )
    feedback_arrangement = models.TextField(help_text=_("Who feeds back to whom, and what the feedback covers."))
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["locality", "name"], name="pathway_unique_name"),
            models.CheckConstraint(
                condition=~models.Q(from_agency=models.F("to_agency")), name="pathway_between_two_agencies"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def protocol_terms(self) -> dict:
        """The working protocol as a referral keeps it: the terms it was sent under, whatever changes later."""
        return {
            "name": self.name,
            "information_shared": self.information_shared,
            "response_days": self.response_days,
            "feedback_days": self.feedback_days,
            "feedback_arrangement": self.feedback_arrangement,
        }


class PathwayReferralStatus(models.TextChoices):
    AWAITING = "awaiting", _("Awaiting a response")
    ACCEPTED = "accepted", pgettext_lazy("pathway referral status", "Accepted")
    DECLINED = "declined", pgettext_lazy("pathway referral status", "Declined")
    CLOSED = "closed", pgettext_lazy("pathway referral status", "Closed")


OPEN_STATUSES = (PathwayReferralStatus.AWAITING, PathwayReferralStatus.ACCEPTED)


class ProposedRoute(models.TextChoices):
    """What the routing proposed for the level of the assessment a referral was sent with."""

    THIS_PATHWAY = "this_pathway", _("This pathway")
    OTHER_PATHWAY = "other_pathway", _("Another pathway")
    MARAC = "marac", _("A MARAC referral")
    NONE = "none", _("No pathway of the sending agency")


class PathwayReferral(models.Model):
    """A victim referred along a pathway: sent, answered within the agreed time, fed back on, perhaps escalated."""

    pathway = models.ForeignKey(Pathway, on_delete=models.PROTECT, related_name="referrals")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="pathway_referrals")
    assessment = models.ForeignKey(
        "risk.Assessment",
        on_delete=models.PROTECT,
        related_name="pathway_referrals",
        help_text=_("The assessment the referral was sent with; later ones on the case follow it."),
    )
    submission_token = models.UUIDField(unique=True, help_text=_("Makes a resubmitted form return the first one."))
    # The two agencies as the referral was sent: the policy reads them here, so a pathway edited later changes
    # nobody's access to referrals already made.
    from_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="pathway_referrals_sent")
    to_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="pathway_referrals_received")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField()
    referrer_phone = models.CharField(max_length=40, blank=True)
    protocol = models.JSONField(help_text=_("The pathway's working protocol as it stood when the referral was sent."))
    response_due_at = models.DateTimeField()
    risk_summary = models.TextField(help_text=_("What happened and why the referrer is worried."))
    children_in_household = models.PositiveSmallIntegerField(default=0)
    incidents_in_escalation_window = models.PositiveSmallIntegerField(default=0)
    consent = models.CharField(max_length=20, choices=Consent.choices)
    sharing_without_consent_reason = models.TextField(blank=True)
    sharing_approved_by = models.CharField(max_length=200, blank=True)
    proposed_route = models.CharField(max_length=20, choices=ProposedRoute.choices)
    routing_reason = models.TextField(
        blank=True, help_text=_("Why the referrer chose this pathway when the routing proposed something else.")
    )

    status = models.CharField(
        max_length=20, choices=PathwayReferralStatus.choices, default=PathwayReferralStatus.AWAITING
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decline_reason = models.TextField(blank=True)
    feedback_due_at = models.DateTimeField(null=True, blank=True)
    first_feedback_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    marac_referral = models.OneToOneField(
        Referral,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="from_pathway",
        help_text=_("The MARAC referral made from this one, carrying its history."),
    )

    class Meta:
        ordering = ["-sent_at", "-pk"]
        indexes = [
            models.Index(fields=["to_agency", "status", "sent_at"], name="pathway_referral_received"),
            models.Index(fields=["from_agency", "status", "sent_at"], name="pathway_referral_sent"),
        ]

    def __str__(self) -> str:
        return f"Pathway referral {self.reference}"

    @property
    def reference(self) -> str:
        return f"PW-{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def response_overdue(self, now=None) -> bool:
        return self.status == PathwayReferralStatus.AWAITING and self.response_due_at < (now or timezone.now())

    def feedback_overdue(self, now=None) -> bool:
        return (
            self.status == PathwayReferralStatus.ACCEPTED
            and self.first_feedback_at is None
            and self.feedback_due_at is not None
            and self.feedback_due_at < (now or timezone.now())
        )


class EventKind(models.TextChoices):
    SENT = "sent", pgettext_lazy("pathway event", "Sent")
    ACCEPTED = "accepted", pgettext_lazy("pathway event", "Accepted")
    DECLINED = "declined", pgettext_lazy("pathway event", "Declined")
    FEEDBACK = "feedback", _("Feedback to the referrer")
    REFERRED_TO_MARAC = "referred_to_marac", _("Referred to MARAC")
    CLOSED = "closed", pgettext_lazy("pathway event", "Closed")


class PathwayEvent(models.Model):
    """One step in a pathway referral's life, in order: its timeline on the page and its history in a MARAC
    referral. Assessments are not copied here: they stay on the case and join the timeline when it is read."""

    referral = models.ForeignKey(PathwayReferral, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=EventKind.choices)
    occurred_at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(blank=True, help_text=_("A decline's reason, or the feedback itself."))

    class Meta:
        ordering = ["occurred_at", "pk"]
        indexes = [models.Index(fields=["referral", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.occurred_at:%d %b %Y}"
