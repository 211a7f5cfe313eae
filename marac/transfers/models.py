"""Transfers of a case from one locality's mechanism to another's when the victim moves area (MARAC to MARAC)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from marac.agencies.models import Locality, TransferSharing
from marac.referrals.models import Case, Referral


class TransferStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", pgettext_lazy("transfer status", "Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Transfer(models.Model):
    """One request to hand a case to another locality, and what became of it.

    The sending case stays as it is until the receiving area accepts; then it is marked transferred and the
    receiving area has a case of its own (new, or the one it already held for the victim) with a referral that
    came in by this transfer. The history pack is the snapshot, taken when the transfer was requested, of what
    the sending area's information-sharing agreement allowed to go with the case.
    """

    sending_case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="transfers_out")
    from_locality = models.ForeignKey(Locality, on_delete=models.PROTECT, related_name="transfers_out")
    to_locality = models.ForeignKey(Locality, on_delete=models.PROTECT, related_name="transfers_in")
    reason = models.TextField(help_text=_("Why the case moves, for example: the victim has moved to the area."))
    new_postcode_district = models.CharField(
        max_length=4, blank=True, help_text=_("The first half of the postcode of the victim's new area, if given.")
    )
    status = models.CharField(max_length=20, choices=TransferStatus.choices, default=TransferStatus.REQUESTED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Who accepted or declined it (the receiving coordinator), or withdrew it (the sending one)."),
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)
    receiving_case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="transfers_in"
    )
    receiving_referral = models.OneToOneField(
        Referral,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transfer_in",
        help_text=_("The referral the receiving area opened on accepting: it goes to triage like any other."),
    )
    sharing_level = models.CharField(max_length=20, choices=TransferSharing.choices)
    history_pack = models.JSONField(
        null=True,
        blank=True,
        help_text=_("What went with the case, as it stood when the transfer was requested. Empty once anonymised."),
    )

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["sending_case"],
                condition=models.Q(status=TransferStatus.REQUESTED),
                name="transfer_one_request_per_case",
            ),
            models.CheckConstraint(
                condition=~models.Q(from_locality=models.F("to_locality")), name="transfer_to_another_locality"
            ),
        ]

    def __str__(self) -> str:
        return f"Transfer of {self.sending_case} to {self.to_locality}"

    @property
    def is_open(self) -> bool:
        return self.status == TransferStatus.REQUESTED
