"""A locality's glossary: the terms its agencies share, as changed, removed or added by the locality.

The shipped terms (`defaults.SHIPPED_TERMS`) need no row: a locality that has changed nothing reads them as shipped.
A row records a locality's own decision about one term: its own wording for a shipped term, a term it added, or a
term it removed. Rows are never deleted, so the audit trail and the page agree on what each term said and when.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from marac.agencies.models import Locality


class GlossaryTerm(models.Model):
    locality = models.ForeignKey(Locality, on_delete=models.CASCADE, related_name="glossary_terms")
    key = models.SlugField(
        max_length=60, help_text=_("A shipped term's key, or one made from the name of a term the locality added.")
    )
    wording = models.JSONField(
        default=dict,
        blank=True,
        help_text=_(
            'The locality\'s words, by language: {"en-gb": {"term": …, "definition": …}}. Empty for a shipped term '
            "that keeps the shipped words."
        ),
    )
    removed = models.BooleanField(default=False, help_text=_("The locality took the term out of its glossary."))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("glossary term")
        ordering = ["locality", "key"]
        constraints = [models.UniqueConstraint(fields=["locality", "key"], name="glossary_term_unique_key")]

    def __str__(self) -> str:
        return f"{self.key} in {self.locality_id}"
