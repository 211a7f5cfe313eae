"""Forms for subject access and legal holds. They only shape input; the rules are in `subject_access` and
`retention`."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name, other name or case reference"),
        max_length=200,
        required=False,
        error_messages={"max_length": _("Enter at most 200 characters.")},
    )


class SubjectAccessExportForm(forms.Form):
    purpose = forms.CharField(
        label=_("Why you are producing the file"),
        help_text=_(
            "For example: subject access request received on 3 March, our reference SAR-0112. "
            "Do not write the person's name: the audit trail keeps what you write here."
        ),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Say why you are producing the file, for example the request it answers."),
            "max_length": _("Keep the purpose to 300 characters or fewer."),
        },
    )


class LegalHoldIntent:
    PLACE = "place"
    LIFT = "lift"


class LegalHoldForm(forms.Form):
    """Place a hold, or lift the one in force. `intent` says which the page offered, so that a hold placed or
    lifted by someone else meanwhile is reported rather than reversed."""

    intent = forms.ChoiceField(
        choices=[(LegalHoldIntent.PLACE, _("Place")), (LegalHoldIntent.LIFT, _("Lift"))], widget=forms.HiddenInput
    )
    reason = forms.CharField(
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Keep the reason to 2,000 characters or fewer.")},
    )

    def __init__(self, *args, hold_in_force: bool, **kwargs):
        super().__init__(*args, **kwargs)
        intent = LegalHoldIntent.LIFT if hold_in_force else LegalHoldIntent.PLACE
        self.fields["intent"].initial = intent
        reason = self.fields["reason"]
        if intent == LegalHoldIntent.LIFT:
            reason.label = gettext("Why the hold is no longer needed")
            reason.error_messages["required"] = gettext("Say why the hold is no longer needed.")
        else:
            reason.label = gettext("Why the case must be kept")
            reason.help_text = gettext(
                "The claim, inquiry or review it is kept for, and any reference. Do not name the people in the case."
            )
            reason.error_messages["required"] = gettext(
                "Say why the case must be kept: the claim, inquiry or review it is for."
            )
