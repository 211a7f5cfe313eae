"""Forms for meetings. They collect input only; the rules are in `services`."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marac.access.tampering import TamperEvidentForm
from marac.actions.forms import ActionCreateForm
from marac.actions.models import CatalogueAction
from marac.agencies.models import Agency, AgencyType, Locality
from marac.forms import DateInput, TimeInput
from marac.meetings.models import AgendaItem, Attendance, AttendanceStatus, CaseOutcome, MeetingMode, ResearchFinding


def text_input(width: str = "govuk-input") -> forms.TextInput:
    return forms.TextInput(attrs={"class": width})


def text_area(rows: int = 5) -> forms.Textarea:
    return forms.Textarea(attrs={"class": "govuk-textarea", "rows": rows})


class MeetingScheduleForm(TamperEvidentForm):
    date = forms.DateField(
        label=_("Date"),
        widget=DateInput,
        error_messages={"required": _("Enter the date of the meeting."), "invalid": _("Enter a real date.")},
    )
    time = forms.TimeField(
        label=_("Start time"),
        help_text=_("24-hour clock, for example 10:00"),
        widget=TimeInput,
        error_messages={"required": _("Enter the start time."), "invalid": _("Enter a time such as 10:00.")},
    )
    mode = forms.ChoiceField(
        label=_("Kind of meeting"),
        choices=MeetingMode.choices,
        initial=MeetingMode.LIVE,
        widget=forms.RadioSelect,
        help_text=_("Co-ordination: agencies post updates and actions by a deadline, without a live meeting."),
    )
    location = forms.CharField(
        label=_("Where"),
        required=False,
        max_length=200,
        help_text=_("A room, or how to join by video. Leave empty for co-ordination by deadline."),
        widget=text_input(),
    )
    invited_agencies = forms.ModelMultipleChoiceField(
        label=_("Invited agencies"),
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Invited agencies see the case list and post their research."),
        error_messages={"required": _("Invite at least one agency.")},
    )

    def __init__(self, *args, locality: Locality, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = locality.agencies.filter(is_active=True).order_by("name")
        self.fields["invited_agencies"].queryset = agencies
        if not self.is_bound:
            self.initial["invited_agencies"] = list(agencies)

    def scheduled_for(self) -> dt.datetime:
        combined = dt.datetime.combine(self.cleaned_data["date"], self.cleaned_data["time"])
        return timezone.make_aware(combined)


class ResearchForm(forms.Form):
    finding = forms.ChoiceField(
        label=_("What did your agency find?"),
        choices=ResearchFinding.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether the people named are known to your agency.")},
    )
    details = forms.CharField(
        label=_("What your agency knows"),
        required=False,
        help_text=_(
            "Only what is relevant to the risk and proportionate to share: recent contact, incidents, "
            "concerns about children, open cases. Needed when the people are known to your agency."
        ),
        widget=text_area(8),
    )


ATTENDANCE_CHOICES = [("", _("Not recorded")), *AttendanceStatus.choices]


class AttendanceForm(forms.Form):
    """One row per invited agency: status, who attended, whether information was sent."""

    def __init__(
        self, *args, agencies: list[Agency], recorded: dict[int, Attendance], read_only: bool = False, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.agencies = agencies
        for agency in agencies:
            existing = recorded.get(agency.pk)
            self.fields[f"status_{agency.pk}"] = forms.ChoiceField(
                label=gettext("Attendance for %(agency)s") % {"agency": agency},
                choices=ATTENDANCE_CHOICES,
                required=False,
                initial=existing.status if existing else "",
                widget=forms.Select(attrs={"class": "govuk-select"}),
            )
            self.fields[f"name_{agency.pk}"] = forms.CharField(
                label=gettext("Name of the person attending for %(agency)s") % {"agency": agency},
                required=False,
                max_length=200,
                initial=existing.attendee_name if existing else "",
                widget=text_input("govuk-input govuk-input--width-20"),
            )
            self.fields[f"sent_{agency.pk}"] = forms.BooleanField(
                label=gettext("%(agency)s sent information") % {"agency": agency},
                required=False,
                initial=existing.information_sent if existing else False,
                widget=forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input"}),
            )
        if read_only:
            for field in self.fields.values():
                field.disabled = True

    def rows(self) -> list[tuple[Agency, forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (agency, self[f"status_{agency.pk}"], self[f"name_{agency.pk}"], self[f"sent_{agency.pk}"])
            for agency in self.agencies
        ]

    def entries(self) -> list[tuple[Agency, str, str, bool]]:
        """Agencies whose attendance was recorded in this submission."""
        return [
            (
                agency,
                self.cleaned_data[f"status_{agency.pk}"],
                self.cleaned_data[f"name_{agency.pk}"],
                self.cleaned_data[f"sent_{agency.pk}"],
            )
            for agency in self.agencies
            if self.cleaned_data[f"status_{agency.pk}"]
        ]


class DiscussionForm(forms.Form):
    risk_summary = forms.CharField(
        label=_("Chair's summary of the risk"),
        help_text=_("The risk as the meeting now sees it, after hearing every agency."),
        widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 5, "aria-keyshortcuts": "r"}),
        error_messages={"required": _("Write the chair's summary of the risk.")},
    )
    discussion = forms.CharField(
        label=_("Discussion"),
        required=False,
        help_text=_("What was shared that matters for the safety plan. Restricted minutes: keep to the point."),
        widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 8, "aria-keyshortcuts": "d"}),
    )


class DiscussionDraftForm(forms.Form):
    """What the chair has typed so far, saved as she types: either text may still be empty."""

    risk_summary = forms.CharField(required=False, strip=False)
    discussion = forms.CharField(required=False, strip=False)

    def clean(self) -> dict[str, Any]:
        # A request without the texts would otherwise read as the chair having cleared both.
        if any(name not in self.data for name in self.fields):
            raise ValidationError(gettext("nothing was sent to save."), code="incomplete")
        return super().clean()


@dataclass(frozen=True)
class CatalogueSuggestion:
    pk: int
    label: str  # what the chair types into and picks: "Police: Put a marker on the victim's address…"
    owner_pk: int | None  # the one invited agency of the entry's kind, if only one is invited


class CatalogueTypeAheadInput(forms.TextInput):
    """A text box that offers the catalogue as the browser's own suggestions (a datalist), with no script needed.

    The value sent is whatever was typed or picked; `CatalogueEntryField` finds the entry it names.
    """

    template_name = "meetings/_live_catalogue_input.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            attrs={"autocomplete": "off", "spellcheck": "false", "aria-keyshortcuts": "a", **(attrs or {})}
        )
        self.suggestions: list[CatalogueSuggestion] = []

    def format_value(self, value: Any) -> str | None:
        # The form's own initial value is an entry's id; show the words instead.
        by_pk = {str(suggestion.pk): suggestion.label for suggestion in self.suggestions}
        value = super().format_value(value)
        return by_pk.get(value, value) if value is not None else None

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        list_id = f"{widget['attrs'].get('id') or name}-catalogue"
        error_class = " govuk-input--error" if widget["attrs"].get("aria-invalid") in ("true", True) else ""
        widget["attrs"] = {**widget["attrs"], "list": list_id, "class": f"govuk-input{error_class}"}
        widget.update(list_id=list_id, suggestions=self.suggestions)
        return context


class CatalogueEntryField(forms.TypedChoiceField):
    """The catalogue action, given by its id (as a select sends it) or by words typed into the type-ahead box.

    The words pick the entry whose label they are, else the one entry whose label contains them: "marker" is
    enough for "Police: Put a marker on the victim's address…". Words that match no entry, or several, are the
    chair's to correct; an id that was never offered is tampering, refused as a select would refuse it.
    """

    widget = CatalogueTypeAheadInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.suggestions: list[CatalogueSuggestion] = []

    def to_python(self, value: Any) -> str:
        typed = super().to_python(value).strip()
        if not typed or typed.isdigit():
            return typed
        wanted = typed.casefold()
        matches = [suggestion for suggestion in self.suggestions if suggestion.label.casefold() == wanted] or [
            suggestion for suggestion in self.suggestions if wanted in suggestion.label.casefold()
        ]
        if len(matches) == 1:
            return str(matches[0].pk)
        if not matches:
            raise ValidationError(
                gettext("No catalogue action matches “%(typed)s”. Choose one from the list, or write the action below.")
                % {"typed": typed},
                code="no_match",
            )
        raise ValidationError(
            gettext(
                "%(count)d catalogue actions match “%(typed)s”. Type more of the words, or choose one from the list."
            )
            % {"count": len(matches), "typed": typed},
            code="several_match",
        )


class OwnerAgencyField(forms.ModelChoiceField):
    """Required, but may be left empty when the catalogue action chosen is for a kind of agency of which only one
    is invited: `LiveActionForm` then fills it in, and asks for it otherwise."""

    def validate(self, value: Any) -> None:
        return None


class LiveActionForm(ActionCreateForm):
    """Adding an action at the live meeting by keyboard: type a few words of a catalogue action and press Enter.

    The owner agency follows from the catalogue action when only one agency of its kind is invited.
    """

    owner_agency = OwnerAgencyField(
        label=_("Owner agency"),
        queryset=Agency.objects.none(),
        empty_label=_("Choose the agency that owns the action"),
        help_text=_("Filled in from the catalogue action when one agency of its kind is invited."),
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    catalogue_action = CatalogueEntryField(
        label=_("Action from the catalogue"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Type a few words, such as “marker”, and pick the action from the list."),
    )
    field_order = ["catalogue_action", "owner_agency", "text", "due_date"]

    def __init__(self, *args: Any, agencies: list[Agency], catalogue: list[CatalogueAction], **kwargs: Any) -> None:
        super().__init__(*args, agencies=agencies, catalogue=catalogue, **kwargs)
        by_type: dict[str, list[Agency]] = {}
        for agency in agencies:
            by_type.setdefault(agency.agency_type, []).append(agency)
        self.sole_agency_of_type = {kind: found[0] for kind, found in by_type.items() if len(found) == 1}
        suggestions = [
            CatalogueSuggestion(
                pk=entry.pk,
                label=f"{AgencyType(entry.agency_type).label}: {entry.text}",
                owner_pk=owner.pk if (owner := self.sole_agency_of_type.get(entry.agency_type)) else None,
            )
            for entry in catalogue
            if entry.agency_type in by_type
        ]
        field = self.fields["catalogue_action"]
        field.suggestions = field.widget.suggestions = suggestions

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("owner_agency") is None and "owner_agency" not in self.errors:
            entry = self.catalogue_entry() if "catalogue_action" not in self.errors else None
            owner = self.sole_agency_of_type.get(entry.agency_type) if entry else None
            if owner is not None:
                cleaned["owner_agency"] = owner
            else:
                self.add_error("owner_agency", gettext("Choose the agency that owns the action."))
        return cleaned


class MeetingCloseForm(forms.Form):
    """One outcome per case on the agenda, proposed from whether it still has open actions."""

    def __init__(self, *args, items: list[AgendaItem], defaults: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"outcome_{item.pk}"] = forms.ChoiceField(
                label=f"{item.case.reference}: {item.case.victim.full_name}",
                choices=CaseOutcome.choices,
                initial=defaults.get(item.pk, CaseOutcome.MONITORING),
                widget=forms.RadioSelect,
                error_messages={"required": gettext("Choose an outcome for %(case)s.") % {"case": item.case.reference}},
            )

    def outcomes(self) -> dict[int, str]:
        return {item.pk: self.cleaned_data[f"outcome_{item.pk}"] for item in self.items}


class DeclarationForm(forms.Form):
    """Confirming is the button itself: the form has no fields and carries the service's refusal, if any, to the
    error summary. Where to go next travels beside it and is checked by the view."""


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's refusal on the form: on the field it names, else above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
