"""Forms for actions. They collect input only; the rules are in `services`."""

import datetime as dt

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marac.access.tampering import TamperEvidentForm
from marac.actions.models import ActionStatus, CatalogueAction, ReviewReason
from marac.actions.selectors import INCOMPLETE
from marac.agencies.models import Agency, AgencyType
from marac.forms import DateInput


class ActionCreateForm(TamperEvidentForm):
    owner_agency = forms.ModelChoiceField(
        label=_("Owner agency"),
        queryset=Agency.objects.none(),
        empty_label=_("Choose the agency that owns the action"),
        help_text=_("The agency that volunteered the action and stays responsible for it."),
        widget=forms.Select(attrs={"class": "govuk-select"}),
        error_messages={"required": _("Choose the agency that owns the action.")},
    )
    catalogue_action = forms.TypedChoiceField(
        label=_("Action from the catalogue"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Grouped by kind of agency: choose one for the owner agency's kind."),
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    text = forms.CharField(
        label=_("Or write the action"),
        required=False,
        help_text=_("What will be done, by whom in the agency, and for whom."),
        widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 3}),
    )
    due_date = forms.DateField(
        label=_("Due by"),
        widget=DateInput,
        error_messages={"required": _("Enter the date the action is due."), "invalid": _("Enter a real date.")},
    )

    def __init__(self, *args, agencies: list[Agency], catalogue: list[CatalogueAction], due_date: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_agency"].queryset = Agency.objects.filter(pk__in=[agency.pk for agency in agencies])
        self.catalogue = {entry.pk: entry for entry in catalogue}
        types_invited = {agency.agency_type for agency in agencies}
        grouped: dict[str, list[tuple[int, str]]] = {}
        for entry in catalogue:
            if entry.agency_type in types_invited:
                grouped.setdefault(AgencyType(entry.agency_type).label, []).append((entry.pk, entry.text))
        self.fields["catalogue_action"].choices = [("", _("Choose from the catalogue")), *grouped.items()]
        self.fields["due_date"].initial = due_date

    def clean(self):
        cleaned = super().clean()
        chosen, written = cleaned.get("catalogue_action"), (cleaned.get("text") or "").strip()
        if chosen is None and not written:
            self.add_error("text", gettext("Choose an action from the catalogue or write one."))
        elif chosen is not None and written:
            self.add_error("text", gettext("Choose an action from the catalogue or write your own, not both."))
        return cleaned

    def catalogue_entry(self) -> CatalogueAction | None:
        chosen = self.cleaned_data.get("catalogue_action")
        return self.catalogue.get(chosen) if chosen is not None else None

    def action_text(self) -> str:
        entry = self.catalogue_entry()
        return entry.text if entry else self.cleaned_data["text"]


class ActionReviewForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why is it not complete?"),
        choices=ReviewReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose why the action is not complete.")},
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 2}),
    )


class ActionUpdateForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a status.")},
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        help_text=_("What was done, or what stands in the way. If the action is not possible, say why."),
        widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 4}),
    )


STATUS_FILTER_CHOICES = [(INCOMPLETE, _("Open or in progress")), ("", _("Any status")), *ActionStatus.choices]


class ActionFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=STATUS_FILTER_CHOICES,
        required=False,
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    overdue = forms.BooleanField(
        label=_("Overdue only"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input"}),
    )
    agency = forms.TypedChoiceField(
        label=_("Owner agency"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )

    def __init__(self, *args, agencies: list[Agency] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if agencies is None:
            del self.fields["agency"]
        else:
            self.fields["agency"].choices = [
                ("", _("All agencies")),
                *((agency.pk, agency.name) for agency in agencies),
            ]

    def filters(self) -> dict:
        """The filters to apply; an invalid value falls back to the default view rather than an error."""
        data = self.cleaned_data if self.is_valid() else {"status": INCOMPLETE}
        return {
            "status": data.get("status", ""),
            "overdue_only": bool(data.get("overdue")),
            "owner_agency_id": data.get("agency"),
        }
