"""Forms for referral-back duties. They only shape input; the rules are in `services`."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marac.agencies.models import AgencyType
from marac.duties.models import CASE_FORM_EVENTS, LONGEST_ANSWER_WITHIN_HOURS, EventKind
from marac.duties.services import NOTE_LIMIT
from marac.forms import event_date_field, event_time_field


def _text_area(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "maxlength": NOTE_LIMIT})


class ReportedEventForm(forms.Form):
    """`occurred_on` and `occurred_time` leave `cleaned_data` as `occurred_at`, the full date and time."""

    kind = forms.ChoiceField(
        label=_("What has happened?"),
        choices=[(kind.value, kind.label) for kind in CASE_FORM_EVENTS],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what has happened.")},
    )
    occurred_on = event_date_field(help_text=_("When she disclosed it to your agency, or when she moved."))
    occurred_time = event_time_field()
    note = forms.CharField(
        label=_("What was disclosed, or where she has moved"),
        help_text=_(
            "Say what she told you and who she told, or the area she has moved to. Never write a safe address here."
        ),
        widget=_text_area(5),
        error_messages={"required": _("Say what was disclosed, or where she has moved.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {})
        now = timezone.localtime()
        kwargs["initial"].setdefault("occurred_on", now.date())
        kwargs["initial"].setdefault("occurred_time", now.time().replace(second=0, microsecond=0))
        super().__init__(*args, **kwargs)

    def clean(self) -> dict:
        cleaned = super().clean()
        day, time = cleaned.get("occurred_on"), cleaned.get("occurred_time")
        cleaned["occurred_at"] = (
            timezone.make_aware(dt.datetime.combine(day, time.replace(second=0, microsecond=0)))
            if isinstance(day, dt.date) and time is not None
            else None
        )
        return cleaned


class ReferBackForm(forms.Form):
    note = forms.CharField(
        label=_("Anything to add for the coordinator (optional)"),
        help_text=_("What your agency knows that the referral should say, beyond the event itself."),
        required=False,
        widget=_text_area(4),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why your agency does not refer the case back"),
        help_text=_(
            "For example: the event was already part of the referral your agency made on 3 March. Do not name anyone "
            "who is not on the case."
        ),
        widget=_text_area(5),
        error_messages={"required": _("Say why your agency does not refer the case back.")},
    )


class ProtocolForm(forms.Form):
    """One group of checkboxes per agency type (field `type_<agency type>`), and the time to answer."""

    answer_within_hours = forms.IntegerField(
        label=_("Hours an agency has to answer a duty"),
        help_text=_(
            "After this many hours, a duty neither referred back nor answered with a reason is unmet, and the "
            "coordinator sees it. Locally agreed."
        ),
        min_value=1,
        max_value=LONGEST_ANSWER_WITHIN_HOURS,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-4"}),
        error_messages={
            "required": _("Enter the number of hours."),
            "invalid": _("Enter a whole number of hours."),
            "min_value": _("Give at least one hour."),
            "max_value": _("Give %(limit_value)s hours or fewer."),
        },
    )

    def __init__(self, *args, duties: dict[str, list[str]], hours: int, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("answer_within_hours", hours)
        super().__init__(*args, **kwargs)
        for agency_type, label in AgencyType.choices:
            name = self.field_name(agency_type)
            self.fields[name] = forms.MultipleChoiceField(
                label=label,
                choices=EventKind.choices,
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )
            self.initial.setdefault(name, duties.get(agency_type, []))
        # The hours last, after the table of duties.
        self.order_fields([self.field_name(agency_type) for agency_type in AgencyType.values])

    @staticmethod
    def field_name(agency_type: str) -> str:
        return f"type_{agency_type}"

    def duties(self) -> dict[str, list[str]]:
        return {
            agency_type: self.cleaned_data.get(self.field_name(agency_type), []) for agency_type in AgencyType.values
        }
