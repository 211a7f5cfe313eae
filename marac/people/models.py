"""People known to a locality: victims, perpetrators, children. One record per person, matched on entry."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from marac.agencies.models import Locality
from marac.people.normalise import normalise_name


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    NON_BINARY = "non_binary", _("Non-binary")
    OTHER = "other", _("Other")
    NOT_KNOWN = "not_known", _("Not known")


class Ethnicity(models.TextChoices):
    WHITE_BRITISH = "white_british", _("White British")
    WHITE_OTHER = "white_other", _("White other")
    MIXED = "mixed", _("Mixed or multiple ethnic groups")
    ASIAN = "asian", _("Asian or Asian British")
    BLACK = "black", _("Black, African, Caribbean or Black British")
    ARAB = "arab", _("Arab")
    GYPSY_TRAVELLER = "gypsy_traveller", _("Gypsy, Roma or Irish Traveller")
    OTHER = "other", _("Other ethnic group")
    NOT_KNOWN = "not_known", _("Not known")


class SexualOrientation(models.TextChoices):
    HETEROSEXUAL = "heterosexual", _("Heterosexual")
    GAY_LESBIAN = "gay_lesbian", _("Gay or lesbian")
    BISEXUAL = "bisexual", _("Bisexual")
    OTHER = "other", _("Other")
    NOT_KNOWN = "not_known", _("Not known")


class Person(models.Model):
    # Indexed by the first column of (locality, normalised name, date of birth) below: a second index of the
    # locality alone would only slow the bulk creation of people by imports.
    locality = models.ForeignKey(Locality, on_delete=models.PROTECT, related_name="people", db_index=False)
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    normalised_name = models.CharField(max_length=210, editable=False)
    date_of_birth = models.DateField(null=True, blank=True)
    gender = models.CharField(max_length=20, choices=Gender.choices, default=Gender.NOT_KNOWN)
    ethnicity = models.CharField(max_length=20, choices=Ethnicity.choices, default=Ethnicity.NOT_KNOWN)
    sexual_orientation = models.CharField(
        max_length=20, choices=SexualOrientation.choices, default=SexualOrientation.NOT_KNOWN
    )
    has_disability = models.BooleanField(null=True, blank=True)
    is_trans = models.BooleanField(null=True, blank=True)
    religion = models.CharField(max_length=100, blank=True)
    migration_status = models.CharField(max_length=100, blank=True)
    first_language = models.CharField(max_length=60, blank=True)
    interpreter_needed = models.BooleanField(default=False)
    phone = models.CharField(max_length=40, blank=True)
    safe_to_call = models.BooleanField(null=True, blank=True)
    best_time_to_call = models.CharField(max_length=100, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=12, blank=True)
    address_is_safe_address = models.BooleanField(
        default=False, help_text=_("A refuge or other address the perpetrator must never learn.")
    )
    school = models.CharField(max_length=200, blank=True, help_text=_("For a child: school or nursery."))
    created_at = models.DateTimeField(auto_now_add=True)
    erased_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("When the retention schedule anonymised this person: names, contact details and date of birth."),
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_people",
        db_index=False,  # indexed where set (below): almost every record is merged into nothing
        help_text=_(
            "The record this one was found to be the same person as (see marac.people.merging). Kept, not deleted, "
            "so the merge can be undone; never matched again."
        ),
    )

    class Meta:
        ordering = ["family_name", "given_name"]
        indexes = [
            # Names are matched within a locality, always: this index serves every lookup by name.
            models.Index(fields=["locality", "normalised_name", "date_of_birth"]),
            models.Index(
                fields=["merged_into"], condition=models.Q(merged_into__isnull=False), name="person_merged_into_set"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.normalised_name = normalise_name(self.given_name, self.family_name)
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class Alias(models.Model):
    """Another name or spelling a person is known by, kept for matching and for agencies' research."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    normalised_name = models.CharField(max_length=210, editable=False, db_index=True)

    class Meta:
        verbose_name_plural = _("aliases")
        constraints = [models.UniqueConstraint(fields=["person", "normalised_name"], name="alias_unique")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.normalised_name = normalise_name(self.name)
        super().save(*args, **kwargs)


class PersonMerge(models.Model):
    """Two records found to be one person: `merged` was folded into `kept` (see marac.people.merging).

    What moved is listed row by row, so that undoing the merge gives each row back to the merged record exactly,
    and leaves with the kept record only what was its own or was added since.
    """

    locality = models.ForeignKey(Locality, on_delete=models.PROTECT, related_name="+")
    kept = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_kept")
    merged = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_folded")
    moved = models.JSONField(
        default=dict, blank=True, help_text=_('The rows re-pointed from merged to kept: {"app.model.field": [ids]}.')
    )
    set_aside = models.JSONField(
        default=list,
        blank=True,
        help_text=_(
            "Rows of the merged person that repeated one of the kept person's (the same other name, the same part "
            "in a case): removed by the merge and kept here whole, to be put back if it is undone."
        ),
    )
    name_alias = models.ForeignKey(
        Alias,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The merged person's name, added to the kept person's other names by the merge."),
    )
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    merged_at = models.DateTimeField()
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-merged_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(kept=models.F("merged")), name="person_merge_two_people"),
        ]

    def __str__(self) -> str:
        return f"Person {self.merged_id} merged into person {self.kept_id}"

    @property
    def is_undone(self) -> bool:
        return self.undone_at is not None
