"""Forms for referrals and triage. They shape input only: the rules are in `services`."""

import datetime as dt
import uuid

from django import forms
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marac.access.tampering import TamperEvidentForm
from marac.agencies.models import Agency, Locality, Membership
from marac.forms import DateInput, DatePartsInput, TimeInput
from marac.meetings.models import Meeting
from marac.people.models import Ethnicity, Gender, SexualOrientation
from marac.people.services import PersonDetails
from marac.referrals.inputs import PerpetratorInput, ReferralInput
from marac.referrals.models import Consent
from marac.referrals.services import TriageDecision
from marac.risk.assessment_forms import InstrumentQuestionsMixin
from marac.risk.engine.definition import Instrument
from marac.risk.models import InstrumentVersion

YES_NO_UNKNOWN = [("yes", _("Yes")), ("no", _("No")), ("", _("Not known"))]


def text_input(width: str = "", **attrs) -> forms.TextInput:
    return forms.TextInput(attrs={"class": width, **attrs} if width else attrs)


def text_area(rows: int = 5) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def inline_radios(*, small: bool = False) -> forms.RadioSelect:
    return forms.RadioSelect(attrs={"class": "govuk-radios--inline" + (" govuk-radios--small" if small else "")})


def yes_no_unknown(label: Promise, help_text: Promise | str = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=YES_NO_UNKNOWN,
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
        widget=inline_radios(),
    )


class DateOfBirthField(forms.DateField):
    """A date of birth in GOV.UK's day, month and year boxes: a real date, not in the future."""

    widget = DatePartsInput

    def __init__(self, *, whose: Promise | str, **kwargs):
        kwargs.setdefault("label", _("Date of birth"))
        # Lazy, so a field made at import time still speaks the language of each request.
        kwargs.setdefault(
            "error_messages",
            {
                "required": format_lazy(_("Enter {whose} date of birth."), whose=whose),
                "invalid": format_lazy(
                    _("Enter {whose} date of birth as a real date, for example 27 3 1990."), whose=whose
                ),
            },
        )
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value is not None and value > timezone.localdate():
            raise forms.ValidationError(gettext("A date of birth must be in the past."), code="future")
        if value is not None and value.year < 1900:
            raise forms.ValidationError(gettext("Enter a year from 1900 onwards."), code="too_early")


def split_lines(text: str) -> list[str]:
    """Aliases, one per line, without blanks or repeats."""
    seen: list[str] = []
    for line in text.splitlines():
        name = " ".join(line.split())
        if name and name not in seen:
            seen.append(name)
    return seen


class ReferralForm(InstrumentQuestionsMixin, forms.Form):
    """The referral, the victim, and the locality's referral instrument. Perpetrators and children are formsets
    beside it."""

    submission_token = forms.UUIDField(widget=forms.HiddenInput)

    given_name = forms.CharField(
        label=_("Given name"),
        max_length=100,
        widget=text_input(autocomplete="off"),
        error_messages={"required": _("Enter the victim's given name.")},
    )
    family_name = forms.CharField(
        label=_("Family name"),
        max_length=100,
        widget=text_input(autocomplete="off"),
        error_messages={"required": _("Enter the victim's family name.")},
    )
    aliases = forms.CharField(
        label=_("Other names and spellings"),
        required=False,
        help_text=_("One per line: previous names, nicknames, other spellings. They help agencies find their records."),
        widget=text_area(rows=3),
    )
    date_of_birth = DateOfBirthField(
        whose=_("the victim's"),
        help_text=_("For example 27 3 1990. Needed to find earlier referrals for the same person."),
    )
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, initial=Gender.NOT_KNOWN, widget=forms.Select)

    address = forms.CharField(label=_("Address"), required=False, widget=text_area(rows=3))
    postcode = forms.CharField(
        label=_("Postcode"), required=False, max_length=12, widget=text_input("govuk-input--width-10")
    )
    address_is_safe_address = forms.BooleanField(
        label=_("This is a safe address"),
        required=False,
        help_text=_(
            "A refuge or any address the perpetrator must never learn. Only the IDVA and the police will see it."
        ),
        widget=forms.CheckboxInput,
    )
    phone = forms.CharField(
        label=_("Phone number"), required=False, max_length=40, widget=text_input("govuk-input--width-20")
    )
    safe_to_call = yes_no_unknown(_("Is it safe to phone her on this number?"))
    best_time_to_call = forms.CharField(
        label=_("Best time to call"),
        required=False,
        max_length=100,
        help_text=_("For example: weekday mornings, when he is at work."),
        widget=text_input(),
    )
    first_language = forms.CharField(
        label=_("First language"), required=False, max_length=60, widget=text_input("govuk-input--width-20")
    )
    interpreter_needed = forms.BooleanField(
        label=_("An interpreter is needed"), required=False, widget=forms.CheckboxInput
    )

    ethnicity = forms.ChoiceField(
        label=_("Ethnicity"), choices=Ethnicity.choices, initial=Ethnicity.NOT_KNOWN, widget=forms.Select
    )
    has_disability = yes_no_unknown(_("Does she have a disability?"))
    sexual_orientation = forms.ChoiceField(
        label=_("Sexual orientation"),
        choices=SexualOrientation.choices,
        initial=SexualOrientation.NOT_KNOWN,
        widget=forms.Select,
    )
    is_trans = yes_no_unknown(_("Is she trans, or does she have a trans history?"))
    religion = forms.CharField(label=_("Religion or belief"), required=False, max_length=100, widget=text_input())
    migration_status = forms.CharField(
        label=_("Immigration status"),
        required=False,
        max_length=100,
        help_text=_("For example: British citizen, settled status, spousal visa, no recourse to public funds."),
        widget=text_input(),
    )

    children_in_household = forms.IntegerField(
        label=_("Number of children in the household"),
        min_value=0,
        max_value=30,
        initial=0,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={"required": _("Enter the number of children, or 0.")},
    )

    referrer_phone = forms.CharField(
        label=_("Your phone number"),
        required=False,
        max_length=40,
        help_text=_("So the coordinator and the IDVA can reach you about this referral."),
        widget=text_input("govuk-input--width-20"),
    )
    risk_summary = forms.CharField(
        label=_("What happened, and why are you worried?"),
        help_text=_("The most recent incident, the pattern of abuse, and what the victim says she fears."),
        widget=text_area(rows=8),
        error_messages={"required": _("Say what happened and why you are worried.")},
    )

    professional_judgement = forms.BooleanField(
        label=_("I am referring on my professional judgement"), required=False, widget=forms.CheckboxInput
    )
    professional_judgement_reasons = forms.CharField(
        label=_("Your concerns"),
        required=False,
        help_text=_(
            "Needed when you refer on professional judgement. For example: non-fatal strangulation, stalking, "
            "threats to kill, separation with coercive control, honour-based abuse, weapons."
        ),
        widget=text_area(rows=5),
    )
    incidents_in_escalation_window = forms.IntegerField(
        min_value=0,
        max_value=999,
        initial=0,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={"required": _("Enter the number of incidents, or 0.")},
    )

    consent = forms.ChoiceField(
        label=_("Did the victim consent to this referral?"),
        choices=Consent.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether the victim consented to this referral.")},
    )
    sharing_without_consent_reason = forms.CharField(
        label=_("Why her information is shared without her consent"),
        required=False,
        help_text=_("Needed unless she consented. For example: serious risk of harm to her or to the children."),
        widget=text_area(rows=4),
    )
    sharing_approved_by = forms.CharField(
        label=_("Who approved sharing without consent"),
        required=False,
        max_length=200,
        help_text=_("Name and role, for example your safeguarding lead. Needed unless she consented."),
        widget=text_input(),
    )

    def __init__(self, *args, locality: Locality, version: InstrumentVersion, instrument: Instrument, **kwargs):
        super().__init__(*args, **kwargs)
        self.locality = locality
        months = locality.escalation_window_months
        self.fields["incidents_in_escalation_window"].label = gettext(
            "Number of domestic abuse incidents in the last %(months)s months"
        ) % {"months": months}
        self.fields["incidents_in_escalation_window"].help_text = gettext(
            "%(incidents)s or more incidents meets potential escalation. "
            "Count incidents reported to any agency, not only crimes."
        ) % {"incidents": locality.escalation_incident_count}
        # In page order, so the error summary lists the checklist's errors where the page shows them.
        self.add_instrument_fields(version=version, instrument=instrument, after="risk_summary")

    def victim_details(self) -> PersonDetails:
        data = self.cleaned_data
        return PersonDetails(
            given_name=data["given_name"],
            family_name=data["family_name"],
            date_of_birth=data["date_of_birth"],
            aliases=split_lines(data["aliases"]),
            gender=data["gender"],
            address=data["address"].strip(),
            postcode=data["postcode"].strip().upper(),
            address_is_safe_address=data["address_is_safe_address"],
            phone=data["phone"].strip(),
            safe_to_call=data["safe_to_call"],
            best_time_to_call=data["best_time_to_call"].strip(),
            first_language=data["first_language"].strip(),
            interpreter_needed=data["interpreter_needed"],
            ethnicity=data["ethnicity"],
            has_disability=data["has_disability"],
            sexual_orientation=data["sexual_orientation"],
            is_trans=data["is_trans"],
            religion=data["religion"].strip(),
            migration_status=data["migration_status"].strip(),
        )


class PerpetratorForm(forms.Form):
    given_name = forms.CharField(
        label=_("Given name"),
        max_length=100,
        widget=text_input(autocomplete="off"),
        error_messages={"required": _("Enter the perpetrator's given name, or the name she knows him by.")},
    )
    family_name = forms.CharField(label=_("Family name"), required=False, max_length=100, widget=text_input())
    aliases = forms.CharField(
        label=_("Other names and spellings"), required=False, help_text=_("One per line."), widget=text_area(rows=2)
    )
    date_of_birth = DateOfBirthField(
        whose=_("the perpetrator's"), required=False, help_text=_("If known. For example 14 8 1986.")
    )
    relationship_to_victim = forms.CharField(
        label=_("Relationship to the victim"),
        required=False,
        max_length=100,
        help_text=_("For example: husband, ex-partner, boyfriend, son."),
        widget=text_input(),
    )

    def to_input(self) -> PerpetratorInput:
        data = self.cleaned_data
        details = PersonDetails(
            given_name=data["given_name"],
            family_name=data["family_name"],
            date_of_birth=data["date_of_birth"],
            aliases=split_lines(data["aliases"]),
        )
        return PerpetratorInput(person=details, relationship_to_victim=data["relationship_to_victim"])


class ChildForm(forms.Form):
    given_name = forms.CharField(
        label=_("Given name"),
        max_length=100,
        widget=text_input(autocomplete="off"),
        error_messages={"required": _("Enter the child's given name, or leave the row empty.")},
    )
    family_name = forms.CharField(label=_("Family name"), required=False, max_length=100, widget=text_input())
    date_of_birth = DateOfBirthField(whose=_("the child's"), required=False, help_text=_("If known."))
    school = forms.CharField(label=_("School or nursery"), required=False, max_length=200, widget=text_input())

    def to_input(self) -> PersonDetails:
        data = self.cleaned_data
        return PersonDetails(
            given_name=data["given_name"],
            family_name=data["family_name"],
            date_of_birth=data["date_of_birth"],
            school=data["school"].strip(),
        )


PerpetratorFormSet = forms.formset_factory(
    PerpetratorForm, extra=1, min_num=1, validate_min=True, max_num=5, validate_max=True
)
ChildFormSet = forms.formset_factory(ChildForm, extra=4, max_num=10, validate_max=True)

PERPETRATORS_PREFIX = "perpetrators"
CHILDREN_PREFIX = "children"


def new_submission_token() -> uuid.UUID:
    return uuid.uuid4()


def filled_forms(formset: forms.BaseFormSet) -> list[forms.Form]:
    return [form for form in formset.forms if form.has_changed() and form.cleaned_data]


def referral_input(form: ReferralForm, perpetrators: forms.BaseFormSet, children: forms.BaseFormSet) -> ReferralInput:
    data = form.cleaned_data
    return ReferralInput(
        submission_token=data["submission_token"],
        victim=form.victim_details(),
        perpetrators=[entry.to_input() for entry in filled_forms(perpetrators)],
        children=[entry.to_input() for entry in filled_forms(children)],
        children_in_household=data["children_in_household"],
        referrer_phone=data["referrer_phone"],
        risk_summary=data["risk_summary"],
        safety=form.safety_answers(),
        item_answers=form.item_answers(),
        instrument_version=form.version,
        professional_judgement=data["professional_judgement"],
        professional_judgement_reasons=data["professional_judgement_reasons"],
        incidents_in_escalation_window=data["incidents_in_escalation_window"],
        consent=data["consent"],
        sharing_without_consent_reason=data["sharing_without_consent_reason"],
        sharing_approved_by=data["sharing_approved_by"],
    )


class IdvaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        name = obj.user.get_full_name() or obj.user.get_username()
        return f"{name} – {obj.agency}"


class TriageForm(TamperEvidentForm):
    decision = forms.ChoiceField(
        label=_("What happens to this referral?"),
        choices=TriageDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what happens to this referral.")},
    )
    meeting = forms.ModelChoiceField(
        label=_("Meeting"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("Choose a meeting"),
        help_text=_("Meetings of your locality that have not closed."),
        widget=forms.Select,
    )
    emergency_date = forms.DateField(
        label=_("Date of the emergency meeting"),
        required=False,
        widget=DateInput,
        error_messages={"invalid": _("Enter a real date.")},
    )
    emergency_time = forms.TimeField(
        label=_("Start time"),
        required=False,
        help_text=_("24-hour clock, for example 14:30"),
        widget=TimeInput,
        error_messages={"invalid": _("Enter a time such as 14:30.")},
    )
    decline_reason = forms.CharField(
        label=_("Why the referral is declined"),
        required=False,
        help_text=_("The referrer reads this: say what they should do instead."),
        widget=text_area(rows=4),
    )
    information_needed = forms.CharField(
        label=_("What the referrer needs to add"),
        required=False,
        widget=text_area(rows=4),
    )
    idva_agency = forms.ModelChoiceField(
        label=_("IDVA service"),
        queryset=Agency.objects.none(),
        required=False,
        empty_label=_("Not allocated yet"),
        widget=forms.Select,
    )
    idva = IdvaChoiceField(
        label=_("Named IDVA"),
        queryset=Membership.objects.none(),
        required=False,
        empty_label=_("Not named yet"),
        help_text=_("Must work for the IDVA service chosen above."),
        widget=forms.Select,
    )

    def __init__(self, *args, meetings, idva_services, idva_memberships, current_idva_agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
        self.fields["idva_agency"].queryset = idva_services
        self.fields["idva"].queryset = idva_memberships
        if not self.is_bound:
            services = list(idva_services)
            if current_idva_agency is not None:
                self.initial["idva_agency"] = current_idva_agency.pk
            elif len(services) == 1:
                self.initial["idva_agency"] = services[0].pk

    def emergency_at(self) -> dt.datetime | None:
        date = self.cleaned_data.get("emergency_date")
        time = self.cleaned_data.get("emergency_time")
        if date is None or time is None:
            return None
        return timezone.make_aware(dt.datetime.combine(date, time))
