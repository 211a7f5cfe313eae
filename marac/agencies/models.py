"""Localities (configured multi-agency mechanisms), member agencies and who acts for them."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from marac.risk.scales import ScaleChoice


class TransferSharing(models.TextChoices):
    IDENTIFIERS = "identifiers", _("Identifiers and the reason for transfer only")
    SUMMARY = "summary", _("Summary: risk levels, meetings heard, open actions by agency")
    FULL = "full", _("Full: the summary with research, discussion and risk summaries from meetings")


class Locality(models.Model):
    """One multi-agency mechanism with its own thresholds. Every figure is a locality default, never code."""

    name = models.CharField(max_length=200, unique=True)
    mechanism_name = models.CharField(
        max_length=40, default="MARAC", help_text=_("What the mechanism is called here: MARAC, MARAK, MACC…")
    )
    area = models.CharField(max_length=200, blank=True)
    language = models.CharField(
        max_length=10,
        choices=settings.LANGUAGES,
        default="en-gb",
        help_text=_("The language of the pages for everyone acting for this locality, unless they choose their own."),
    )
    meeting_cadence_days = models.PositiveSmallIntegerField(
        default=14, help_text=_("Days between regular meetings; the scheduler plans meetings this far apart.")
    )
    meeting_time = models.TimeField(default=dt.time(10, 0), help_text=_("Local time regular meetings start."))
    meeting_location = models.CharField(max_length=200, blank=True, help_text=_("Where regular meetings are held."))
    schedule_ahead_days = models.PositiveSmallIntegerField(
        default=90, help_text=_("How far ahead the scheduler keeps regular meetings planned.")
    )
    regular_meetings_planned_until = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "The last regular meeting the scheduler planned; it plans only beyond, so a cancelled one stays so."
        ),
    )
    coordination_by_default = models.BooleanField(
        default=False,
        help_text=_(
            "Regular meetings run as co-ordination: agencies post updates and actions by a deadline, "
            "with a live meeting only when needed."
        ),
    )
    case_minutes_target = models.PositiveSmallIntegerField(
        default=12, help_text=_("Minutes a meeting aims to spend on one case.")
    )
    case_minutes_limit = models.PositiveSmallIntegerField(
        default=15, help_text=_("Minutes after which the chair is shown that a case has run over.")
    )
    coordinator_email = models.EmailField(
        blank=True, help_text=_("The coordinator's mailbox: escalations and research returns are sent here.")
    )
    transfer_history_sharing = models.CharField(
        max_length=20,
        choices=TransferSharing.choices,
        default=TransferSharing.SUMMARY,
        help_text=_("What the information-sharing agreement allows to go with a case transferred to another area."),
    )
    escalation_incident_count = models.PositiveSmallIntegerField(
        default=3, help_text=_("Incidents within the escalation window that meet potential escalation.")
    )
    escalation_window_months = models.PositiveSmallIntegerField(default=12)
    repeat_window_months = models.PositiveSmallIntegerField(
        default=12, help_text=_("A new referral within this many months of the last one is a repeat.")
    )
    agenda_lead_days = models.PositiveSmallIntegerField(
        default=7, help_text=_("Days before a meeting that the case list goes to member agencies.")
    )
    research_deadline_days = models.PositiveSmallIntegerField(
        default=2, help_text=_("Days before a meeting by which agencies post their research.")
    )
    action_due_days = models.PositiveSmallIntegerField(
        default=28, help_text=_("Default number of days an agency has to complete an action.")
    )
    report_back_due_days = models.PositiveSmallIntegerField(
        default=2, help_text=_("Working time the IDVA has to report back to the victim after a meeting.")
    )
    risk_scale = models.CharField(
        max_length=20,
        choices=ScaleChoice.choices,
        default=ScaleChoice.THREE_LEVEL,
        help_text=_("The levels risk is graded on here; every instrument's result is expressed on this scale."),
    )
    referral_instrument_code = models.CharField(
        max_length=40,
        default="dash-style-24",
        help_text=_("The instrument completed with every referral; its result decides visible high risk."),
    )
    review_hours_extreme = models.PositiveSmallIntegerField(
        default=72, help_text=_("Hours until the next risk review at extreme risk.")
    )
    review_days_high = models.PositiveSmallIntegerField(
        default=7, help_text=_("Days until the next review at high risk.")
    )
    review_days_medium = models.PositiveSmallIntegerField(
        default=30, help_text=_("Days until the next review at medium risk.")
    )
    review_days_low = models.PositiveSmallIntegerField(
        default=60, help_text=_("Days until the next review at low, standard or not-appreciated risk.")
    )
    review_days_before_court = models.PositiveSmallIntegerField(
        default=2, help_text=_("A court date brings the review forward to this many days before it.")
    )
    retention_years_closed_case = models.PositiveSmallIntegerField(
        default=6,
        help_text=_("Years after a case closes or transfers before it is anonymised. Locally agreed [U]."),
    )
    retention_years_declined_referral = models.PositiveSmallIntegerField(
        default=2,
        help_text=_("Years after a case's only referrals were declined before it is anonymised. Locally agreed [U]."),
    )
    idle_timeout_minutes = models.PositiveSmallIntegerField(
        default=30, help_text=_("Minutes without activity after which a user is signed out.")
    )
    confidentiality_notice = models.TextField(
        default=(
            "This case list is restricted. It is shared only with member agencies that signed the "
            "information-sharing agreement, for the purpose of reducing risk to the people named. Do not "
            "forward, print or copy it, and do not enter it on another system except as the agreement allows."
        )
    )

    class Meta:
        verbose_name_plural = _("localities")

    def __str__(self) -> str:
        return f"{self.name} {self.mechanism_name}"


class AgencyType(models.TextChoices):
    POLICE = "police", _("Police")
    IDVA_SERVICE = "idva_service", _("Specialist domestic abuse service (IDVA)")
    HOUSING = "housing", _("Housing")
    CHILDRENS_SOCIAL_CARE = "childrens_social_care", _("Children's social care")
    ADULT_SOCIAL_CARE = "adult_social_care", _("Adult social care")
    HEALTH = "health", _("Health")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    EDUCATION = "education", _("Education")
    PROBATION = "probation", _("Probation")
    PROSECUTION = "prosecution", _("Prosecution")
    PERPETRATOR_PROGRAMME = "perpetrator_programme", _("Perpetrator programme")
    SUBSTANCE_MISUSE = "substance_misuse", _("Substance misuse")
    OTHER = "other", _("Other")


class Sector(models.TextChoices):
    PUBLIC = "public", _("Public sector")
    THIRD = "third", _("Third sector")


class Agency(models.Model):
    locality = models.ForeignKey(Locality, on_delete=models.PROTECT, related_name="agencies")
    name = models.CharField(max_length=200)
    agency_type = models.CharField(max_length=40, choices=AgencyType.choices)
    sector = models.CharField(max_length=10, choices=Sector.choices, default=Sector.PUBLIC)
    is_active = models.BooleanField(default=True)
    contact_name = models.CharField(
        max_length=200, blank=True, help_text=_("The agency's named point of contact, able to commit its resources.")
    )
    contact_email = models.EmailField(
        blank=True, help_text=_("Where notices for the agency go: case lists, research reminders, overdue actions.")
    )
    contact_phone = models.CharField(max_length=40, blank=True)

    class Meta:
        verbose_name_plural = _("agencies")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["locality", "name"], name="agency_unique_name")]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    REFERRER = "referrer", _("Referrer")
    AGENCY_REP = "agency_rep", _("Agency representative")
    IDVA = "idva", _("IDVA")
    COORDINATOR = "coordinator", _("Coordinator")
    CHAIR = "chair", _("Chair")
    ANALYST = "analyst", _("Analyst")
    LOCALITY_ADMIN = "locality_admin", _("Locality administrator")
    AUDITOR = "auditor", _("Auditor")


class Membership(models.Model):
    """A user acting for one agency in one role. A user may hold several and switch between them."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["agency__name", "role"]
        constraints = [models.UniqueConstraint(fields=["user", "agency", "role"], name="membership_unique_role")]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}, {self.agency}"
