"""The victims' rights log of a case, the perpetrator's release or escape with the notifications it calls for, and the
partnership's checklist of the provisions its process serves.

The victim's language and safe contact are not stored here: they are the person record's (`people.Person`), which
the log shows and links to.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from marac.agencies.models import Agency, Locality
from marac.idva.models import ContactMethod
from marac.people.models import Person
from marac.referrals.models import Case
from marac.rights.provisions import ProcessPart
from marac.risk.models import ReviewTrigger


class InformationTopic(models.TextChoices):
    SUPPORT_SERVICES = "support_services", _("Support services she can turn to")
    PROTECTION_MEASURES = "protection_measures", _("Protection measures open to her")
    HOW_TO_COMPLAIN = "how_to_complain", _("How to report a crime or make a complaint")
    CONTACT_POINT = "contact_point", _("Her contact point for the case")
    INTERPRETING = "interpreting", _("Her right to an interpreter and to translation")
    CASE_PROGRESS = "case_progress", _("How her case is going on")
    RELEASE_SCHEME = "release_scheme", _("That she can ask to be told when the perpetrator is released or escapes")


# The provisions each topic serves, as `provisions.PROVISIONS` codes.
TOPIC_PROVISIONS: dict[str, tuple[str, ...]] = {
    InformationTopic.SUPPORT_SERVICES: ("vrd-4", "vrd-8", "ic-19"),
    InformationTopic.PROTECTION_MEASURES: ("vrd-4", "ic-19"),
    InformationTopic.HOW_TO_COMPLAIN: ("vrd-4", "vrd-5"),
    InformationTopic.CONTACT_POINT: ("vrd-4",),
    InformationTopic.INTERPRETING: ("vrd-4", "vrd-7"),
    InformationTopic.CASE_PROGRESS: ("vrd-6", "ic-56"),
    InformationTopic.RELEASE_SCHEME: ("vrd-6", "ic-56"),
}
# What the Directive asks to be given from the first contact: the log shows each as given or still to give.
FIRST_CONTACT_TOPICS = (
    InformationTopic.SUPPORT_SERVICES,
    InformationTopic.PROTECTION_MEASURES,
    InformationTopic.HOW_TO_COMPLAIN,
    InformationTopic.CONTACT_POINT,
)


class InformationGiven(models.Model):
    """One occasion on which the victim was given information about her rights, with the topics covered."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="rights_information")
    topics = models.JSONField(default=list, help_text=_("The InformationTopic values covered."))
    given_at = models.DateTimeField()
    method = models.CharField(max_length=20, choices=ContactMethod.choices)
    language = models.CharField(max_length=60, blank=True, help_text=_("The language she was told in."))
    interpreter_used = models.BooleanField(default=False)
    in_writing = models.BooleanField(
        default=False, help_text=_("She was also given it in writing (only where it is safe for her to keep it).")
    )
    note = models.TextField(blank=True)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("information given to the victim")
        verbose_name_plural = _("information given to victims")
        ordering = ["-given_at", "-pk"]
        indexes = [models.Index(fields=["case", "given_at"])]

    def __str__(self) -> str:
        return f"Information given on case {self.case_id} at {self.given_at:%Y-%m-%d %H:%M}"

    @property
    def topic_labels(self) -> list[str]:
        return [InformationTopic(topic).label for topic in self.topics if topic in InformationTopic.values]


class NotificationChoice(models.Model):
    """Whether she asked to be told when the perpetrator is released from custody or escapes.

    Kept as a history: she may change her mind. The latest decision (by the day she made it) is the one in force.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="release_choices")
    wants_to_be_told = models.BooleanField()
    decided_on = models.DateField(help_text=_("The day she said so."))
    note = models.TextField(blank=True, help_text=_("How she wants to be told, and anything she asked for."))
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("release notification choice")
        ordering = ["-decided_on", "-recorded_at", "-pk"]
        indexes = [models.Index(fields=["case", "decided_on"])]

    def __str__(self) -> str:
        return f"{'Opted in' if self.wants_to_be_told else 'Opted out'} on case {self.case_id}, {self.decided_on}"


# The order in which choices follow one another: the first row in this order is the one in force.
CHOICE_ORDER = ("-decided_on", "-recorded_at", "-pk")


class CustodyEventKind(models.TextChoices):
    RELEASED = "released", _("Released from custody")
    TEMPORARY_RELEASE = "temporary_release", _("Released temporarily")
    ESCAPED = "escaped", _("Escaped from custody")


class CustodyEvent(models.Model):
    """The perpetrator left custody: released, released for a time, or escaped. Recorded against him; each victim's
    case that names him as its perpetrator gets a `ReleaseNotification`."""

    locality = models.ForeignKey(Locality, on_delete=models.PROTECT, related_name="custody_events")
    perpetrator = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="custody_events")
    kind = models.CharField(max_length=20, choices=CustodyEventKind.choices)
    occurred_at = models.DateTimeField()
    establishment = models.CharField(
        max_length=200, help_text=_("The prison, police station or hospital he left, in words.")
    )
    returns_on = models.DateField(
        null=True, blank=True, help_text=_("For a temporary release: the day he is due back.")
    )
    reporting_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="custody_events_reported")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("release or escape")
        verbose_name_plural = _("releases and escapes")
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["perpetrator", "occurred_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(returns_on__isnull=True) | models.Q(kind="temporary_release"),
                name="custody_event_return_only_for_temporary_release",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of person {self.perpetrator_id}, {self.occurred_at:%Y-%m-%d}"


class ReleaseNotification(models.Model):
    """One victim's case touched by a custody event: whether she had asked to be told, and the record that she was.

    A victim who had not asked is listed (flagged), never notified under the scheme: the database refuses a
    notification recorded for her.
    """

    event = models.ForeignKey(CustodyEvent, on_delete=models.PROTECT, related_name="notifications")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="release_notifications")
    victim_opted_in = models.BooleanField(help_text=_("Her choice in force when the event was recorded."))
    choice = models.ForeignKey(
        NotificationChoice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notifications",
        help_text=_("The choice it rested on; empty when she had never been asked."),
    )
    review_trigger = models.OneToOneField(
        ReviewTrigger,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="release_notification",
        help_text=_("The event that brought the case's risk review forward."),
    )
    told_at = models.DateTimeField(null=True, blank=True)
    told_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    told_by_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    method = models.CharField(max_length=20, choices=ContactMethod.choices, blank=True)
    note = models.TextField(blank=True)
    recorded_at = models.DateTimeField(null=True, blank=True, help_text=_("When the notification was recorded."))

    class Meta:
        verbose_name = _("release notification")
        ordering = ["-event__occurred_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "case"], name="release_notification_one_per_case"),
            models.CheckConstraint(
                condition=models.Q(told_at__isnull=True) | models.Q(victim_opted_in=True),
                name="release_notification_only_when_opted_in",
            ),
            models.CheckConstraint(
                condition=models.Q(told_at__isnull=True)
                | (models.Q(told_by__isnull=False) & models.Q(told_by_agency__isnull=False) & ~models.Q(method="")),
                name="release_notification_says_who_and_how",
            ),
        ]

    def __str__(self) -> str:
        return f"Release notification {self.pk} on case {self.case_id}"


class NeedsAssessmentReason(models.TextChoices):
    INITIAL = "initial", _("Initial assessment")
    SIGNIFICANT_CHANGE = "significant_change", _("Significant change in her circumstances")
    REVIEW = "review", _("Planned review")


class ProtectionNeed(models.TextChoices):
    """Measures an individual assessment may find she needs (VRD Arts 19, 23; Istanbul Convention Art. 56)."""

    NO_CONTACT = "no_contact", _("No contact with the perpetrator: separate entrances and waiting areas")
    SAME_INTERVIEWER = "same_interviewer", _("Interviews by the same trained person, of the sex she prefers")
    SUITABLE_ROOMS = "suitable_rooms", _("Interviews in rooms suited to the purpose")
    EVIDENCE_UNSEEN = "evidence_unseen", _("Giving evidence without facing him: screens or a video link")
    PRIVATE_LIFE = "private_life", _("No needless questions about her private life")
    PRIVATE_HEARING = "private_hearing", _("A hearing without the public")
    INTERPRETER = "interpreter", _("An interpreter")
    ACCESSIBLE = "accessible", _("Communication suited to a disability")
    SAFE_ACCOMMODATION = "safe_accommodation", _("Safe accommodation or a refuge")
    PROTECTION_ORDER = "protection_order", _("A protection or barring order")
    ALARM = "alarm", _("A personal alarm or tele-assistance")
    CHILDREN = "children", _("Support and protection for her children")


class NeedsAssessment(models.Model):
    """One version of the victim's individual needs assessment (VRD Art. 22). Versions are numbered from 1, the
    initial assessment; each later one gives its reason, and a significant change says what changed."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="needs_assessments")
    version = models.PositiveSmallIntegerField()
    reason = models.CharField(max_length=20, choices=NeedsAssessmentReason.choices)
    change_description = models.TextField(blank=True, help_text=_("For a significant change: what changed."))
    assessed_on = models.DateField()
    needs = models.JSONField(default=list, help_text=_("The ProtectionNeed values found."))
    findings = models.TextField(
        help_text=_(
            "What the assessment found: what makes her vulnerable to further harm, intimidation or retaliation."
        )
    )
    her_views = models.TextField(blank=True, help_text=_("Her views and wishes, including any measure she refuses."))
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("individual needs assessment")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["case", "version"], name="needs_assessment_version_unique"),
            models.CheckConstraint(
                condition=(models.Q(version=1) & models.Q(reason="initial"))
                | (models.Q(version__gt=1) & ~models.Q(reason="initial")),
                name="needs_assessment_initial_is_version_one",
            ),
            models.CheckConstraint(
                condition=~models.Q(reason="significant_change") | ~models.Q(change_description=""),
                name="needs_assessment_change_is_described",
            ),
        ]

    def __str__(self) -> str:
        return f"Needs assessment {self.version} of case {self.case_id}"

    @property
    def need_labels(self) -> list[str]:
        return [ProtectionNeed(need).label for need in self.needs if need in ProtectionNeed.values]


class ProvisionCheck(models.Model):
    """The partnership's answer for one provision (`provisions.PROVISIONS`): the part of its process that serves it,
    how, and whether that is in place. A provision without a row is not yet mapped."""

    locality = models.ForeignKey(Locality, on_delete=models.CASCADE, related_name="provision_checks")
    provision = models.CharField(max_length=20)
    process_part = models.CharField(max_length=20, choices=ProcessPart.choices)
    how_served = models.TextField(help_text=_("What in the locality's process serves the provision."))
    done = models.BooleanField(default=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("provision check")
        ordering = ["locality", "provision"]
        constraints = [
            models.UniqueConstraint(fields=["locality", "provision"], name="provision_check_unique"),
            models.CheckConstraint(
                condition=models.Q(done=False) | (models.Q(confirmed_at__isnull=False) & ~models.Q(how_served="")),
                name="provision_check_done_is_confirmed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provision} in {self.locality_id}"
