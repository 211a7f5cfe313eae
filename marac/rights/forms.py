"""Forms for the victims' rights log, releases and escapes, and the provisions checklist. They only shape input; the
rules are in `services`."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from marac.forms import DATE_INPUT_FORMATS, TIME_INPUT_FORMATS, DateInput, TimeInput
from marac.idva.models import ContactMethod
from marac.rights.models import CustodyEventKind, InformationTopic, NeedsAssessmentReason, ProtectionNeed
from marac.rights.provisions import ProcessPart

METHOD_CHOICES = [("", _("Choose how")), *ContactMethod.choices]
TEXTAREA = {"class": "govuk-textarea", "rows": 4}


def date_field(*, label: Promise, required_message: Promise, help_text: Promise | str = "", required: bool = True):
    return forms.DateField(
        label=label,
        help_text=help_text,
        required=required,
        input_formats=DATE_INPUT_FORMATS,
        widget=DateInput,
        error_messages={
            "required": required_message,
            "invalid": _("Enter the date as day/month/year, for example 24/11/2026."),
        },
    )


def time_field(*, label: Promise) -> forms.TimeField:
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


class MomentForm(forms.Form):
    """A form with one moment entered as a date and a time: `moment_field` leaves `cleaned_data` as both together."""

    moment_field = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {})
        now = timezone.localtime()
        kwargs["initial"].setdefault(self.moment_field, now.date())
        kwargs["initial"].setdefault(f"{self.moment_field}_time", now.time().replace(second=0, microsecond=0))
        super().__init__(*args, **kwargs)

    def clean(self) -> dict:
        cleaned = super().clean()
        day, time = cleaned.get(self.moment_field), cleaned.get(f"{self.moment_field}_time")
        if isinstance(day, dt.date) and time is not None:
            cleaned[self.moment_field] = timezone.make_aware(
                dt.datetime.combine(day, time.replace(second=0, microsecond=0))
            )
        return cleaned


class InformationGivenForm(MomentForm):
    moment_field = "given_at"

    given_at = date_field(label=_("Date she was told"), required_message=_("Enter the date she was told."))
    given_at_time = time_field(label=_("Time she was told"))
    topics = forms.MultipleChoiceField(
        label=_("What was she told about?"),
        choices=InformationTopic.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one thing she was told about.")},
    )
    method = forms.ChoiceField(
        label=_("How was she told?"),
        choices=METHOD_CHOICES,
        error_messages={"required": _("Choose how she was told.")},
    )
    language = forms.CharField(
        label=_("Language she was told in"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
    )
    interpreter_used = forms.BooleanField(label=_("An interpreter was used"), required=False)
    in_writing = forms.BooleanField(
        label=_("She was also given it in writing"),
        help_text=_("Only where it is safe for her to keep it."),
        required=False,
    )
    note = forms.CharField(
        label=_("Note"),
        help_text=_("What she asked, and anything she did not understand and needs to be told again."),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )


class NotificationChoiceForm(forms.Form):
    wants_to_be_told = forms.TypedChoiceField(
        label=_("Does she want to be told when the perpetrator is released from custody or escapes?"),
        choices=[
            ("yes", _("Yes, she wants to be told")),
            ("no", _("No, she does not want to be told")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether she wants to be told.")},
    )
    decided_on = date_field(label=_("Day she said so"), required_message=_("Enter the day she said so."))
    note = forms.CharField(
        label=_("Note"),
        help_text=_("How and by whom she wants to be told, and anything she asked for."),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("decided_on", timezone.localdate())
        super().__init__(*args, **kwargs)


class NeedsAssessmentForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why is this assessment being made?"),
        choices=NeedsAssessmentReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose why the assessment was made.")},
    )
    change_description = forms.CharField(
        label=_("What changed in her circumstances?"),
        help_text=_("Needed for a significant change: for example, he was released, she moved, a new incident."),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    assessed_on = date_field(label=_("Date of the assessment"), required_message=_("Enter the date of the assessment."))
    findings = forms.CharField(
        label=_("What the assessment found"),
        help_text=_(
            "Her personal characteristics, the nature of the abuse and her circumstances: what makes her vulnerable "
            "to further harm, intimidation or retaliation."
        ),
        widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 6}),
        error_messages={"required": _("Enter what the assessment found.")},
    )
    needs = forms.MultipleChoiceField(
        label=_("Measures she needs"),
        choices=ProtectionNeed.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    her_views = forms.CharField(
        label=_("Her views and wishes"),
        help_text=_("In her words where you can, including any measure she does not want."),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )

    def __init__(self, *args, first: bool, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("assessed_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        # The first version is always the initial assessment; later ones choose among the other reasons.
        reasons = [
            (value, label)
            for value, label in NeedsAssessmentReason.choices
            if (value == NeedsAssessmentReason.INITIAL) == first
        ]
        self.fields["reason"].choices = reasons
        if first:
            self.fields["reason"].initial = NeedsAssessmentReason.INITIAL
            del self.fields["change_description"]


class CustodyEventForm(MomentForm):
    moment_field = "occurred_at"

    kind = forms.ChoiceField(
        label=_("What happened?"),
        choices=CustodyEventKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether he was released, released for a time, or escaped.")},
    )
    occurred_at = date_field(label=_("Date"), required_message=_("Enter the date it happened."))
    occurred_at_time = time_field(label=_("Time"))
    establishment = forms.CharField(
        label=_("Where did he leave from?"),
        help_text=_("The prison, police station or hospital, in words."),
        max_length=200,
        error_messages={"required": _("Enter the prison, police station or hospital he left.")},
    )
    returns_on = date_field(
        label=_("Day he is due back"),
        help_text=_("For a temporary release only."),
        required_message=_("Enter the day he is due back."),
        required=False,
    )


class ReleaseNotificationForm(MomentForm):
    moment_field = "told_at"

    told_at = date_field(label=_("Date she was told"), required_message=_("Enter the date she was told."))
    told_at_time = time_field(label=_("Time she was told"))
    method = forms.ChoiceField(
        label=_("How was she told?"),
        choices=METHOD_CHOICES,
        error_messages={"required": _("Choose how she was told.")},
    )
    note = forms.CharField(
        label=_("Note"),
        help_text=_("What she was told, how she took it, and what was agreed for her safety."),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )


class ProvisionCheckForm(forms.Form):
    process_part = forms.ChoiceField(
        label=_("Which part of your process serves it?"),
        choices=ProcessPart.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the part of the process that serves it.")},
    )
    how_served = forms.CharField(
        label=_("How your process serves it"),
        help_text=_("Name the step, who does it and where it is written down, for example in the protocol."),
        required=False,
        widget=forms.Textarea(attrs=TEXTAREA),
    )
    done = forms.BooleanField(
        label=_("This is in place"),
        help_text=_("You confirm it in your name, with today's date."),
        required=False,
    )
