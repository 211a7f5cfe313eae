"""Orders against perpetrators and their conditions, breaches and the response to each, court-ordered programmes, and
each locality's settings for them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from marac.agencies.models import Agency, Locality
from marac.incidents.models import Incident
from marac.people.models import Person
from marac.referrals.models import Case
from marac.risk.models import ReviewTrigger


class OrderType(models.TextChoices):
    EMERGENCY_BARRING_ORDER = "emergency_barring_order", _("Emergency barring order")
    PROTECTION_NOTICE = "protection_notice", _("Protection notice (police)")
    PROTECTION_ORDER = "protection_order", _("Protection order (court)")
    RESTRAINING_ORDER = "restraining_order", _("Restraining order")
    BAIL_CONDITIONS = "bail_conditions", _("Bail conditions")
    COURT_ORDERED_PROGRAMME = "court_ordered_programme", _("Court-ordered programme")


# Short by their nature (a police notice lasts hours or days): they always have an end.
ORDER_TYPES_WITH_AN_END = frozenset({OrderType.EMERGENCY_BARRING_ORDER, OrderType.PROTECTION_NOTICE})


class Order(models.Model):
    """An order, notice or set of bail conditions against a perpetrator, protecting the victim of a case."""

    locality = models.ForeignKey(Locality, on_delete=models.PROTECT, related_name="perpetrator_orders")
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="orders", help_text=_("The case of the victim the order protects.")
    )
    perpetrator = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="orders_against")
    other_protected = models.ManyToManyField(
        Person,
        blank=True,
        related_name="orders_protecting",
        help_text=_("Children or other members of the household the order also protects."),
    )
    order_type = models.CharField(max_length=40, choices=OrderType.choices)
    reference = models.CharField(max_length=100, blank=True, help_text=_("The court's or the force's reference."))
    issued_by = models.CharField(max_length=200, help_text=_("The court or police force that made it, in words."))
    owner_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="orders_owned",
        help_text=_("The agency that applied for it or polices it: told when it is about to end."),
    )
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True, help_text=_("Empty when the order has no end date."))
    notification_requirements = models.BooleanField(
        default=False, help_text=_("The perpetrator must tell the police his address and any change of it.")
    )
    electronic_monitoring = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="order_ends_after_it_starts",
            )
        ]
        indexes = [
            models.Index(fields=["locality", "ends_on"]),
            models.Index(fields=["perpetrator", "starts_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_order_type_display()} {self.pk}"

    def in_force_on(self, day) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


class OrderCondition(models.Model):
    """One condition of an order, in words: "Not to contact her, directly or through others"."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="conditions")
    position = models.PositiveSmallIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["order", "position"]
        constraints = [models.UniqueConstraint(fields=["order", "position"], name="order_condition_position_unique")]

    def __str__(self) -> str:
        return self.text


class Breach(models.Model):
    """A breach of an order (or of one of its conditions), as the agency that learnt of it recorded it.

    Recording it also records an incident between the protected victim and the perpetrator (so the repeat rule sees
    it) and an event that brings the case's risk review forward; both are linked here.
    """

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="breaches")
    condition = models.ForeignKey(
        OrderCondition, on_delete=models.PROTECT, null=True, blank=True, related_name="breaches"
    )
    occurred_at = models.DateTimeField()
    reported_at = models.DateTimeField(help_text=_("When the agency learnt of it: the start of the response clock."))
    reporting_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="breaches_reported")
    description = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    # The incident expires on its own clock (incidents are about people); the breach stays with the case.
    incident = models.OneToOneField(
        Incident, on_delete=models.SET_NULL, null=True, blank=True, related_name="order_breach"
    )
    review_trigger = models.OneToOneField(
        ReviewTrigger, on_delete=models.SET_NULL, null=True, blank=True, related_name="order_breach"
    )

    class Meta:
        verbose_name_plural = _("breaches")
        ordering = ["-occurred_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reported_at__gte=models.F("occurred_at")), name="breach_reported_after_it_happened"
            )
        ]
        indexes = [models.Index(fields=["order", "occurred_at"]), models.Index(fields=["reported_at"])]

    def __str__(self) -> str:
        return f"Breach {self.pk} of {self.order}"


class ResponseKind(models.TextChoices):
    ARREST = "arrest", _("Arrest")
    CHARGE = "charge", _("Charge")
    WARNING = "warning", _("Warning")
    RETURN_TO_COURT = "return_to_court", _("Return to court")
    NO_ACTION = "no_action", _("No action")


class BreachResponse(models.Model):
    """What the police (or the coordinator for them, or the order's owner) did about a breach, and when."""

    breach = models.OneToOneField(Breach, on_delete=models.CASCADE, related_name="response")
    kind = models.CharField(max_length=20, choices=ResponseKind.choices)
    reason = models.TextField(blank=True, help_text=_("Why no action was taken (required then); otherwise a note."))
    responded_at = models.DateTimeField()
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="breach_responses")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind=ResponseKind.NO_ACTION) | ~models.Q(reason=""),
                name="breach_response_no_action_has_a_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for breach {self.breach_id}"


class ProgrammeStatus(models.TextChoices):
    ATTENDING = "attending", _("Still attending")
    COMPLETED = "completed", _("Completed")
    DROPPED_OUT = "dropped_out", _("Dropped out")


class ProgrammeReferral(models.Model):
    """A perpetrator referred to a behaviour-change programme by a court, with his attendance and the outcome."""

    locality = models.ForeignKey(Locality, on_delete=models.PROTECT, related_name="programme_referrals")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="programmes")
    perpetrator = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="programme_referrals")
    programme_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="programme_referrals")
    programme_name = models.CharField(max_length=200, blank=True)
    ordered_by = models.CharField(max_length=200, help_text=_("The court that ordered it, in words."))
    order = models.ForeignKey(
        Order,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programmes",
        help_text=_("The order that requires it, when it is recorded here."),
    )
    referred_on = models.DateField()
    sessions_expected = models.PositiveSmallIntegerField()
    sessions_attended = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(max_length=20, choices=ProgrammeStatus.choices, default=ProgrammeStatus.ATTENDING)
    dropout_reason = models.TextField(blank=True)
    ended_on = models.DateField(null=True, blank=True, help_text=_("When he completed or dropped out."))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-referred_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(sessions_attended__lte=models.F("sessions_expected")),
                name="programme_attended_within_expected",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ProgrammeStatus.DROPPED_OUT) | ~models.Q(dropout_reason=""),
                name="programme_dropout_has_a_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Programme referral {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status == ProgrammeStatus.ATTENDING


class ProgrammeUpdate(models.Model):
    """One report from the programme: sessions attended so far, and the outcome once there is one."""

    programme = models.ForeignKey(ProgrammeReferral, on_delete=models.CASCADE, related_name="updates")
    sessions_attended = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=20, choices=ProgrammeStatus.choices)
    note = models.TextField(blank=True)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-recorded_at", "-pk"]

    def __str__(self) -> str:
        return f"Update {self.pk} of {self.programme}"


class PerpetratorSettings(models.Model):
    """A locality's settings for orders and breaches. A locality without a row uses the defaults."""

    locality = models.OneToOneField(Locality, on_delete=models.CASCADE, related_name="perpetrator_settings")
    owner_notice_days = models.PositiveSmallIntegerField(
        default=7, help_text=_("Tell the order's owner agency when the order ends within this many days.")
    )
    idva_notice_days = models.PositiveSmallIntegerField(
        default=21,
        help_text=_(
            "Tell the victim's IDVA service this many days ahead: earlier than the owner, so she can plan "
            "the victim's safety for when the protection ends."
        ),
    )
    response_target_hours = models.PositiveSmallIntegerField(
        default=24, help_text=_("A response to a breach within this many hours of its report is on time.")
    )

    class Meta:
        verbose_name_plural = _("perpetrator settings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(idva_notice_days__gt=models.F("owner_notice_days")),
                name="perpetrator_settings_idva_told_before_owner",
            ),
            models.CheckConstraint(condition=models.Q(response_target_hours__gt=0), name="perpetrator_settings_target"),
        ]

    def __str__(self) -> str:
        return f"Perpetrator settings of {self.locality}"
