"""Forms for transfers. They shape input only: the rules are in `services`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from marac.access.tampering import TamperEvidentForm
from marac.agencies.models import Locality


class TransferRequestForm(TamperEvidentForm):
    to_locality = forms.ModelChoiceField(
        label=_("Which area is the case moving to?"),
        queryset=Locality.objects.none(),
        empty_label=_("Choose an area"),
        error_messages={"required": _("Choose the area the case moves to.")},
    )
    reason = forms.CharField(
        label=_("Why is the case moving?"),
        help_text=_("For example: she has moved to the area to live with family. The receiving area reads this."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say why the case moves, for example that the victim has moved to the area.")},
    )
    new_postcode_district = forms.CharField(
        label=_("Postcode district of her new area (optional)"),
        help_text=_(
            "The first half of the postcode only, for example HC4. Leave it empty if it is not known, or if "
            "writing it down could help the perpetrator find her."
        ),
        required=False,
        max_length=8,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "autocomplete": "off"}),
    )

    def __init__(self, *args, from_locality: Locality, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_locality"].queryset = Locality.objects.exclude(pk=from_locality.pk).order_by("name")


class TransferDeclineForm(forms.Form):
    decline_reason = forms.CharField(
        label=_("Why are you declining the case?"),
        help_text=_("The sending area reads this: say what they should do instead."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say why the case is declined, so the sending area knows what to do.")},
    )
