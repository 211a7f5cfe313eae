"""Forms for the coordinator's side of a co-ordination. They collect input only; the rules are in `coordination`."""

from django import forms
from django.utils import dateformat, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marac.forms import DateTimeInput
from marac.meetings.coordination import EscalationTarget
from marac.meetings.forms import text_area
from marac.meetings.models import Meeting


class RiskSummaryForm(forms.Form):
    risk_summary = forms.CharField(
        label=_("Summary of the risk"),
        help_text=_("The risk as it now looks, having read every agency's update. Invited agencies read it."),
        widget=text_area(5),
        error_messages={"required": _("Write the summary of the risk.")},
    )


class EscalationForm(forms.Form):
    target = forms.ChoiceField(
        label=_("Where should the case be discussed?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the next live meeting or a new emergency meeting.")},
    )
    emergency_at = forms.DateTimeField(
        label=_("Date and time of the emergency meeting"),
        required=False,
        help_text=_("Only for a new emergency meeting. Every active agency is invited."),
        widget=DateTimeInput,
        error_messages={"invalid": _("Enter a real date and time.")},
    )

    def __init__(self, *args, next_live: Meeting | None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(EscalationTarget.EMERGENCY, EscalationTarget.EMERGENCY.label)]
        if next_live is not None:
            when = dateformat.format(timezone.localtime(next_live.scheduled_for), "l j F Y, H:i")
            choices.insert(0, (EscalationTarget.NEXT_LIVE, gettext("The next live meeting, %(when)s") % {"when": when}))
        self.fields["target"].choices = choices
