"""Forms for meetings. They collect input only; the rules are in `services`."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from marac.access.tampering import TamperEvidentForm
from marac.agencies.models import Agency, Locality
from marac.forms import DateInput, TimeInput
from marac.meetings.models import AgendaItem, Attendance, AttendanceStatus, CaseOutcome, MeetingMode, ResearchFinding


def text_input(width: str = "govuk-input") -> forms.TextInput:
    return forms.TextInput(attrs={"class": width})


def text_area(rows: int = 5) -> forms.Textarea:
    return forms.Textarea(attrs={"class": "govuk-textarea", "rows": rows})


class MeetingScheduleForm(TamperEvidentForm):
    date = forms.DateField(
        label="Date",
        widget=DateInput,
        error_messages={"required": "Enter the date of the meeting.", "invalid": "Enter a real date."},
    )
    time = forms.TimeField(
        label="Start time",
        help_text="24-hour clock, for example 10:00",
        widget=TimeInput,
        error_messages={"required": "Enter the start time.", "invalid": "Enter a time such as 10:00."},
    )
    mode = forms.ChoiceField(
        label="Kind of meeting",
        choices=MeetingMode.choices,
        initial=MeetingMode.LIVE,
        widget=forms.RadioSelect,
        help_text="Co-ordination: agencies post updates and actions by a deadline, without a live meeting.",
    )
    location = forms.CharField(
        label="Where",
        required=False,
        max_length=200,
        help_text="A room, or how to join by video. Leave empty for co-ordination by deadline.",
        widget=text_input(),
    )
    invited_agencies = forms.ModelMultipleChoiceField(
        label="Invited agencies",
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Invited agencies see the case list and post their research.",
        error_messages={"required": "Invite at least one agency."},
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
        label="What did your agency find?",
        choices=ResearchFinding.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the people named are known to your agency."},
    )
    details = forms.CharField(
        label="What your agency knows",
        required=False,
        help_text=(
            "Only what is relevant to the risk and proportionate to share: recent contact, incidents, "
            "concerns about children, open cases. Needed when the people are known to your agency."
        ),
        widget=text_area(8),
    )


ATTENDANCE_CHOICES = [("", "Not recorded"), *AttendanceStatus.choices]


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
                label=f"Attendance for {agency}",
                choices=ATTENDANCE_CHOICES,
                required=False,
                initial=existing.status if existing else "",
                widget=forms.Select(attrs={"class": "govuk-select"}),
            )
            self.fields[f"name_{agency.pk}"] = forms.CharField(
                label=f"Name of the person attending for {agency}",
                required=False,
                max_length=200,
                initial=existing.attendee_name if existing else "",
                widget=text_input("govuk-input govuk-input--width-20"),
            )
            self.fields[f"sent_{agency.pk}"] = forms.BooleanField(
                label=f"{agency} sent information",
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
        label="Chair's summary of the risk",
        help_text="The risk as the meeting now sees it, after hearing every agency.",
        widget=text_area(5),
        error_messages={"required": "Write the chair's summary of the risk."},
    )
    discussion = forms.CharField(
        label="Discussion",
        required=False,
        help_text="What was shared that matters for the safety plan. Restricted minutes: keep to the point.",
        widget=text_area(8),
    )


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
                error_messages={"required": f"Choose an outcome for {item.case.reference}."},
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
