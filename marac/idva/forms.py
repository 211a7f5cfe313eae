"""Forms for the IDVA's pages. They only shape input; the rules are in `services`."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from marac.forms import DATE_INPUT_FORMATS, TIME_INPUT_FORMATS, DateInput, TimeInput
from marac.idva.models import ContactMethod

METHOD_CHOICES = [("", _("Choose how")), *ContactMethod.choices]


def _date_field(*, label: Promise, required_message: Promise) -> forms.DateField:
    return forms.DateField(
        label=label,
        input_formats=DATE_INPUT_FORMATS,
        widget=DateInput,
        error_messages={
            "required": required_message,
            "invalid": _("Enter the date as day/month/year, for example 24/11/2026."),
        },
    )


def _time_field(*, label: Promise) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        help_text=_("24-hour clock, for example 14:30."),
        input_formats=TIME_INPUT_FORMATS,
        widget=TimeInput,
        error_messages={
            "required": _("Enter the time, for example 14:30."),
            "invalid": _("Enter the time on the 24-hour clock, for example 14:30."),
        },
    )


def _combine(date: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(date, time.replace(second=0, microsecond=0)))


def _now_initial() -> dict:
    now = timezone.localtime()
    return {"date": now.date(), "time": now.time().replace(second=0, microsecond=0)}


class VictimContactForm(forms.Form):
    """`contacted_at` arrives as a date and leaves `cleaned_data` as the full date and time of the contact."""

    contacted_at = _date_field(label=_("Date of the contact"), required_message=_("Enter the date of the contact."))
    contacted_time = _time_field(label=_("Time of the contact"))
    method = forms.ChoiceField(
        label=_("How did you contact her, or try to?"),
        choices=METHOD_CHOICES,
        widget=forms.Select(attrs={"class": "govuk-select"}),
        error_messages={"required": _("Choose how the contact was made.")},
    )
    successful = forms.TypedChoiceField(
        label=_("Did you reach her?"),
        choices=[("", _("Choose")), ("yes", _("Yes, I spoke with her")), ("no", _("No, I could not reach her"))],
        coerce=lambda value: value == "yes",
        widget=forms.Select(attrs={"class": "govuk-select"}),
        error_messages={"required": _("Say whether you reached her.")},
    )
    victim_views = forms.CharField(
        label=_("Her views, wishes and fears, in her own words"),
        help_text=_("What she told you, as she said it. Leave empty if you did not reach her."),
        required=False,
        widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 6}),
    )
    note = forms.CharField(
        label=_("Note"),
        help_text=_("Anything else: who else was present, what you agreed, why an attempt failed."),
        required=False,
        widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {})
        now = _now_initial()
        kwargs["initial"].setdefault("contacted_at", now["date"])
        kwargs["initial"].setdefault("contacted_time", now["time"])
        super().__init__(*args, **kwargs)

    def clean(self) -> dict:
        cleaned = super().clean()
        if isinstance(cleaned.get("contacted_at"), dt.date) and cleaned.get("contacted_time") is not None:
            cleaned["contacted_at"] = _combine(cleaned["contacted_at"], cleaned["contacted_time"])
        return cleaned


class ReportBackCompleteForm(forms.Form):
    """`victim_told_at` arrives as a date and leaves `cleaned_data` as the full date and time she was told."""

    victim_told_at = _date_field(label=_("Date she was told"), required_message=_("Enter the date she was told."))
    victim_told_time = _time_field(label=_("Time she was told"))
    method = forms.ChoiceField(
        label=_("How was she told?"),
        choices=METHOD_CHOICES,
        widget=forms.Select(attrs={"class": "govuk-select"}),
        error_messages={"required": _("Choose how she was told.")},
    )
    note = forms.CharField(
        label=_("Note"),
        help_text=_("What she was told, how she responded, and anything she wants the agencies to know."),
        required=False,
        widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 5}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {})
        now = _now_initial()
        kwargs["initial"].setdefault("victim_told_at", now["date"])
        kwargs["initial"].setdefault("victim_told_time", now["time"])
        super().__init__(*args, **kwargs)

    def clean(self) -> dict:
        cleaned = super().clean()
        if isinstance(cleaned.get("victim_told_at"), dt.date) and cleaned.get("victim_told_time") is not None:
            cleaned["victim_told_at"] = _combine(cleaned["victim_told_at"], cleaned["victim_told_time"])
        return cleaned
