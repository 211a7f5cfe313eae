"""The auditor's search form. It collects the criteria; `selectors.search_events` applies them."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marac.audit.models import AuditAction, AuditPurpose
from marac.audit.selectors import AuditSearch
from marac.forms import DateInput


class AuditSearchForm(forms.Form):
    person = forms.CharField(
        label=_("Person's name"),
        required=False,
        max_length=200,
        help_text=_("Part of a name or alias of someone known to the locality: events on their cases and records."),
    )
    case_reference = forms.CharField(label=_("Case reference"), required=False, max_length=20)
    username = forms.CharField(
        label=_("User name"), required=False, max_length=150, help_text=_("Events of the user who signed in with it.")
    )
    action = forms.ChoiceField(
        label=_("What was done"), required=False, choices=[("", _("Anything")), *AuditAction.choices]
    )
    purpose = forms.ChoiceField(label=_("Purpose"), required=False, choices=[("", _("Any")), *AuditPurpose.choices])
    date_from = forms.DateField(
        label=_("From"), required=False, widget=DateInput, error_messages={"invalid": _("Enter a real date.")}
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=DateInput, error_messages={"invalid": _("Enter a real date.")}
    )

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_to < date_from:
            self.add_error("date_to", gettext("The end of the period must be the same as or after its start."))
        return cleaned

    def search(self) -> AuditSearch:
        data = self.cleaned_data
        return AuditSearch(
            person=data["person"].strip(),
            case_reference=data["case_reference"].strip(),
            username=data["username"].strip(),
            action=data["action"],
            purpose=data["purpose"],
            date_from=data["date_from"],
            date_to=data["date_to"],
        )
