"""Forms for incidents and flags. They shape input only: the rules are in `services`."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marac.forms import DateInput, TimeInput
from marac.incidents.models import FlagResolution, Gravity, IncidentType
from marac.incidents.services import IncidentInput
from marac.people.services import PersonDetails
from marac.referrals.forms import DateOfBirthField, split_lines, text_area, text_input

SUMMARY_LIMIT = 2000

_NAME_ATTRS = {"autocomplete": "off", "spellcheck": "false"}


class IncidentForm(forms.Form):
    """`occurred_at` arrives as a date and leaves `cleaned_data` as the full date and time of the incident.

    The required messages are the service's own, so a blank form and a refused one read the same.
    """

    occurred_at = forms.DateField(
        label=_("Date of the incident"),
        widget=DateInput,
        error_messages={
            "required": _("Enter the date and time of the incident."),
            "invalid": _("Enter the date as day/month/year, for example 24/11/2026."),
        },
    )
    occurred_time = forms.TimeField(
        label=_("Time of the incident"),
        help_text=_("24-hour clock, for example 21:30. If you do not know it, give your best estimate."),
        widget=TimeInput,
        error_messages={
            "required": _("Enter the time of the incident, for example 21:30."),
            "invalid": _("Enter the time on the 24-hour clock, for example 21:30."),
        },
    )
    incident_type = forms.ChoiceField(
        label=_("Type of incident"),
        choices=[("", _("Choose the type")), *IncidentType.choices],
        help_text=_("It need not be a crime: unwanted contact, breaches and disputes over contact count."),
        error_messages={"required": _("Choose the type of incident.")},
    )
    gravity = forms.TypedChoiceField(
        label=_("How serious was it?"),
        choices=Gravity.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how serious the incident was.")},
    )
    source_reference = forms.CharField(
        label=_("Your agency's reference (optional)"),
        required=False,
        max_length=100,
        help_text=_("The incident's number in your own system, so the same incident is never recorded twice."),
        widget=text_input("govuk-input--width-20"),
    )

    victim_given_name = forms.CharField(
        label=_("Given name"),
        max_length=100,
        widget=text_input(**_NAME_ATTRS),
        error_messages={"required": _("Enter the victim's given name.")},
    )
    victim_family_name = forms.CharField(
        label=_("Family name"),
        max_length=100,
        widget=text_input(**_NAME_ATTRS),
        error_messages={"required": _("Enter the victim's family name.")},
    )
    victim_aliases = forms.CharField(
        label=_("Other names and spellings"),
        required=False,
        help_text=_("One per line: previous names, nicknames, other spellings."),
        widget=text_area(rows=2),
    )
    victim_date_of_birth = DateOfBirthField(
        whose="the victim's",
        label=_("Date of birth"),
        help_text=_("For example 27 3 1990. Needed to match the incident with her other records."),
        error_messages={
            "required": _(
                "Enter the victim's date of birth: without it the incident cannot be matched with her other records."
            ),
            "invalid": _("Enter the victim's date of birth as a real date, for example 27 3 1990."),
        },
    )

    perpetrator_given_name = forms.CharField(
        label=_("Given name"), required=False, max_length=100, widget=text_input(**_NAME_ATTRS)
    )
    perpetrator_family_name = forms.CharField(
        label=_("Family name"), required=False, max_length=100, widget=text_input(**_NAME_ATTRS)
    )
    perpetrator_aliases = forms.CharField(
        label=_("Other names and spellings"),
        required=False,
        help_text=_("One per line."),
        widget=text_area(rows=2),
    )
    perpetrator_date_of_birth = DateOfBirthField(
        whose="the perpetrator's",
        label=_("Date of birth"),
        required=False,
        help_text=_("If known. A perpetrator already named on the victim's case is recognised by name alone."),
        error_messages={
            "required": _("Enter the perpetrator's date of birth."),
            "invalid": _("Enter the perpetrator's date of birth as a real date, for example 27 3 1990."),
        },
    )

    children_present = forms.IntegerField(
        label=_("Children present"),
        min_value=0,
        max_value=30,
        initial=0,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={
            "required": _("Enter the number of children present, or 0."),
            "invalid": _("Enter the number of children present as a whole number, or 0."),
            "min_value": _("The number of children cannot be negative."),
            "max_value": _("Enter the number of children present, 30 at most."),
        },
    )
    summary = forms.CharField(
        label=_("What happened"),
        help_text=_("A short factual summary: what happened, injuries, weapons, threats, who called for help."),
        max_length=SUMMARY_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": SUMMARY_LIMIT}),
        error_messages={"required": _("Say briefly what happened.")},
    )

    VICTIM_FIELDS = ("victim_given_name", "victim_family_name", "victim_aliases", "victim_date_of_birth")
    PERPETRATOR_FIELDS = (
        "perpetrator_given_name",
        "perpetrator_family_name",
        "perpetrator_aliases",
        "perpetrator_date_of_birth",
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {})
        now = timezone.localtime()
        kwargs["initial"].setdefault("occurred_at", now.date())
        kwargs["initial"].setdefault("occurred_time", now.time().replace(second=0, microsecond=0))
        super().__init__(*args, **kwargs)

    def clean(self) -> dict:
        cleaned = super().clean()
        date, time = cleaned.get("occurred_at"), cleaned.get("occurred_time")
        if isinstance(date, dt.date) and time is not None:
            cleaned["occurred_at"] = timezone.make_aware(dt.datetime.combine(date, time.replace(second=0)))
        return cleaned

    def incident_input(self) -> IncidentInput:
        data = self.cleaned_data
        victim = PersonDetails(
            given_name=data["victim_given_name"].strip(),
            family_name=data["victim_family_name"].strip(),
            date_of_birth=data["victim_date_of_birth"],
            aliases=split_lines(data.get("victim_aliases", "")),
        )
        perpetrator = None
        if any(data.get(name) for name in self.PERPETRATOR_FIELDS):
            perpetrator = PersonDetails(
                given_name=data["perpetrator_given_name"].strip(),
                family_name=data["perpetrator_family_name"].strip(),
                date_of_birth=data.get("perpetrator_date_of_birth"),
                aliases=split_lines(data.get("perpetrator_aliases", "")),
            )
        return IncidentInput(
            occurred_at=data["occurred_at"],
            incident_type=data["incident_type"],
            gravity=data["gravity"],
            victim=victim,
            perpetrator=perpetrator,
            children_present=data["children_present"],
            summary=data["summary"],
            source_reference=data.get("source_reference", ""),
        )


class FlagResolveForm(forms.Form):
    resolution = forms.ChoiceField(
        label=_("What has happened?"),
        choices=FlagResolution.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether the person was referred or needs no referral.")},
    )
    resolution_note = forms.CharField(
        label=_("Why no referral is needed"),
        required=False,
        help_text=_("Needed when no referral is needed. Do not name anyone: say what you checked and decided."),
        widget=text_area(rows=4),
    )
