"""Possible duplicates: two records of a locality that may be one person, waiting for the coordinator's decision."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from marac.agencies.models import Locality
from marac.people.models import Person, PersonMerge


class MatchMethod(models.TextChoices):
    EXACT = "exact", _("Same name and date of birth")
    PROBABILISTIC = "probabilistic", _("Similar details (record linkage)")


class CandidateStatus(models.TextChoices):
    PENDING = "pending", _("To decide")
    SAME_PERSON = "same_person", _("Same person: merged")
    NOT_SAME = "not_same", _("Not the same person")
    UNDONE = "undone", _("Merge undone: to decide again")


# The coordinator still has to decide these.
OPEN_STATUSES = (CandidateStatus.PENDING, CandidateStatus.UNDONE)


class DuplicateCandidate(models.Model):
    """A pair of records that may be one person. One row per pair, ever: a decision is remembered, so a pair
    found "not the same" is never proposed again."""

    locality = models.ForeignKey(Locality, on_delete=models.PROTECT, related_name="duplicate_candidates")
    person_a = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="duplicate_candidates_as_a")
    person_b = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="duplicate_candidates_as_b")
    match_probability = models.FloatField()
    method = models.CharField(max_length=20, choices=MatchMethod.choices)
    found_at = models.DateTimeField()
    status = models.CharField(max_length=20, choices=CandidateStatus.choices, default=CandidateStatus.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True, help_text=_("Why the coordinator decided as she did."))
    merge = models.OneToOneField(
        PersonMerge,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="candidate",
        help_text=_("The merge a 'same person' decision made (still recorded once undone)."),
    )

    class Meta:
        ordering = ["-match_probability", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="duplicate_candidate_pair_once"),
            models.CheckConstraint(
                condition=models.Q(person_a__lt=models.F("person_b")), name="duplicate_candidate_lower_id_first"
            ),
        ]
        indexes = [models.Index(fields=["locality", "status"])]

    def __str__(self) -> str:
        return f"Persons {self.person_a_id} and {self.person_b_id}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES
