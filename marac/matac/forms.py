"""Forms for MATAC. They shape input only: the rules are in `marac.matac.services`."""

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marac.access.tampering import TamperEvidentForm
from marac.agencies.models import Agency, Locality
from marac.forms import DateInput
from marac.matac.models import ExitReason, Nomination, ReferralSource, TacticCategory
from marac.meetings.forms import MeetingScheduleForm
from marac.referrals.forms import text_area, text_input


class PersonSearchForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the perpetrator"),
        max_length=100,
        help_text=_("Given or family name, or both. Only perpetrators you can see on a case or an incident are found."),
        widget=text_input("govuk-input--width-20", autocomplete="off", spellcheck="false"),
        error_messages={"required": _("Enter a name to search for.")},
    )


class NominationForm(forms.Form):
    """The coordinator and the chair choose where the nomination comes from; an agency's is a partner referral."""

    source = forms.ChoiceField(
        label=_("Where does the nomination come from?"),
        choices=ReferralSource.choices,
        initial=ReferralSource.RANKING,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether the nomination comes from the ranking or is a referral.")},
    )
    reason = forms.CharField(
        label=_("Why refer him into MATAC?"),
        help_text=_("In your own words: the pattern of abuse, the risk to current and future partners."),
        max_length=4000,
        widget=text_area(rows=5),
        error_messages={"required": _("Say why you refer him into MATAC.")},
    )
    known = forms.CharField(
        label=_("What your agency knows of him"),
        required=False,
        max_length=4000,
        help_text=_("Recent contact, orders, engagement with services, current relationships. Needed for a referral."),
        widget=text_area(rows=5),
    )

    def __init__(self, *args: Any, may_rank: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not may_rank:
            del self.fields["source"]

    def chosen_source(self) -> str:
        return self.cleaned_data.get("source", ReferralSource.PARTNER)


class Decision:
    SELECT = "select"
    DECLINE = "decline"
    CHOICES = [(SELECT, _("Select him for MATAC")), (DECLINE, _("Decline the nomination"))]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=Decision.CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to select him or decline the nomination.")},
    )
    subject_profile = forms.CharField(
        label=_("Subject profile"),
        required=False,
        help_text=_(
            "Who he is: circumstances, relationships, children, needs, what drives the offending. Needed to select him."
        ),
        widget=text_area(rows=6),
    )
    intelligence_profile = forms.CharField(
        label=_("Intelligence profile"),
        required=False,
        help_text=_(
            "What partners hold: offending history, orders and bail, current and new partners. Needed to select him."
        ),
        widget=text_area(rows=6),
    )
    decline_reason = forms.CharField(
        label=_("Why decline?"),
        required=False,
        help_text=_("Needed to decline. He may be nominated again later."),
        widget=text_area(rows=3),
    )


class ExitForm(forms.Form):
    exit_reason = forms.ChoiceField(
        label=_("Why does he leave MATAC?"),
        choices=ExitReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose why he leaves MATAC.")},
    )
    exit_note = forms.CharField(
        label=_("More about the exit"),
        required=False,
        help_text=_("Needed for another reason."),
        widget=text_area(rows=3),
    )


class MatacMeetingForm(MeetingScheduleForm):
    """The MARAC scheduling form without the kind of meeting: a MATAC meeting is always held live."""

    def __init__(self, *args: Any, locality: Locality, **kwargs: Any) -> None:
        super().__init__(*args, locality=locality, **kwargs)
        del self.fields["mode"]
        self.fields["invited_agencies"].help_text = gettext(
            "Invited agencies see the nominees listed and agree tactics."
        )
        self.fields["location"].help_text = gettext("A room, or how to join by video.")


class ListingAddForm(TamperEvidentForm):
    nomination = forms.ModelChoiceField(
        label=_("Nominee to discuss"),
        queryset=Nomination.objects.none(),
        empty_label=_("Choose a selected nominee"),
        widget=forms.Select(attrs={"class": "govuk-select"}),
        error_messages={"required": _("Choose the nominee to discuss.")},
    )

    def __init__(self, *args: Any, nominations: list[Nomination], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["nomination"]
        field.queryset = Nomination.objects.filter(pk__in=[nomination.pk for nomination in nominations])
        field.label_from_instance = lambda nomination: str(nomination.person)


class ListingDiscussionForm(forms.Form):
    discussion = forms.CharField(
        label=_("What the meeting said about him"),
        help_text=_("His behaviour since the last meeting, what partners shared, the tactics agreed and why."),
        widget=text_area(rows=8),
        error_messages={"required": _("Write what the meeting said about him.")},
    )


class MatacActionForm(TamperEvidentForm):
    category = forms.ChoiceField(
        label=_("Kind of tactic"),
        choices=[("", _("Choose the kind of tactic")), *TacticCategory.choices],
        widget=forms.Select(attrs={"class": "govuk-select"}),
        error_messages={"required": _("Choose the kind of tactic.")},
    )
    owner_agency = forms.ModelChoiceField(
        label=_("Owner agency"),
        queryset=Agency.objects.none(),
        empty_label=_("Choose the agency that owns the action"),
        widget=forms.Select(attrs={"class": "govuk-select"}),
        error_messages={"required": _("Choose the agency that owns the action.")},
    )
    text = forms.CharField(
        label=_("The action"),
        help_text=_("What will be done, by whom in the agency."),
        widget=text_area(rows=3),
        error_messages={"required": _("Write the action.")},
    )
    due_date = forms.DateField(
        label=_("Due by"),
        widget=DateInput,
        error_messages={"required": _("Enter the date the action is due."), "invalid": _("Enter a real date.")},
    )

    def __init__(self, *args: Any, agencies: list[Agency], due_date: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_agency"].queryset = Agency.objects.filter(pk__in=[agency.pk for agency in agencies])
        self.fields["due_date"].initial = due_date
