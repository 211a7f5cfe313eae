"""Forms for the review schedule. They only shape input; the rules are in `review_services`."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marac.forms import event_date_field, event_time_field
from marac.risk.models import ReviewEvent


class ReviewTriggerForm(forms.Form):
    """`event_at` arrives as a date and leaves `cleaned_data` as the full date and time of the event."""

    event = forms.ChoiceField(
        label=_("What has happened?"),
        choices=ReviewEvent.choices,
        widget=forms.RadioSelect,
        help_text=_("A court date asks for a review a few days before the hearing; anything else asks for one now."),
        error_messages={"required": _("Choose what has happened.")},
    )
    event_at = event_date_field(help_text=_("When it happened. For a court date, the date of the hearing."))
    event_time = event_time_field()
    note = forms.CharField(
        label=_("Note"),
        required=False,
        help_text=_("What happened, who told you, and anything the next assessment should take into account."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {})
        now = timezone.localtime()
        kwargs["initial"].setdefault("event_at", now.date())
        kwargs["initial"].setdefault("event_time", now.time().replace(second=0, microsecond=0))
        super().__init__(*args, **kwargs)

    def clean(self) -> dict:
        cleaned = super().clean()
        date, time = cleaned.get("event_at"), cleaned.get("event_time")
        if isinstance(date, dt.date) and time is not None:
            cleaned["event_at"] = timezone.make_aware(dt.datetime.combine(date, time.replace(second=0, microsecond=0)))
        return cleaned


class ReviewFilterForm(forms.Form):
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def overdue_only(self) -> bool:
        return bool(self.is_valid() and self.cleaned_data["overdue"])
