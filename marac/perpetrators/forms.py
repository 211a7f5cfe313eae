"""Forms for orders, breaches and their responses, and court-ordered programmes. They shape input only: the rules
are in the services."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marac.access.tampering import TamperEvidentForm
from marac.agencies.models import Agency
from marac.forms import DATE_INPUT_FORMATS, TIME_INPUT_FORMATS, DateInput, TimeInput
from marac.incidents.models import Gravity
from marac.people.models import Person
from marac.perpetrators.breach_services import DESCRIPTION_LIMIT, BreachInput, ResponseInput
from marac.perpetrators.models import Order, OrderCondition, OrderType, ProgrammeStatus, ResponseKind
from marac.perpetrators.order_services import OrderInput
from marac.perpetrators.programme_services import MAX_SESSIONS, AttendanceInput, ProgrammeInput
from marac.referrals.forms import split_lines, text_area, text_input
from marac.referrals.services import months_before

DATE_INVALID = _("Enter the date as day/month/year, for example 24/11/2026.")


def date_field(*, label: str, required_message: str | None = None, help_text: str = "") -> forms.DateField:
    """Required when it has a message for that; the messages stay lazy (their language is the request's)."""
    error_messages = {"invalid": DATE_INVALID}
    if required_message is not None:
        error_messages["required"] = required_message
    return forms.DateField(
        label=label,
        help_text=help_text,
        required=required_message is not None,
        input_formats=DATE_INPUT_FORMATS,
        widget=DateInput,
        error_messages=error_messages,
    )


def time_field(*, label: str, required_message: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        help_text=_("24-hour clock, for example 21:30. If you do not know it, give your best estimate."),
        input_formats=TIME_INPUT_FORMATS,
        widget=TimeInput,
        error_messages={
            "required": required_message,
            "invalid": _("Enter the time on the 24-hour clock, for example 21:30."),
        },
    )


def combine(cleaned: dict, date_name: str, time_name: str) -> None:
    """Turn a date and a time field into one aware datetime under the date field's name."""
    date, time = cleaned.get(date_name), cleaned.get(time_name)
    if isinstance(date, dt.date) and time is not None:
        cleaned[date_name] = timezone.make_aware(dt.datetime.combine(date, time.replace(second=0, microsecond=0)))


def now_initial(*pairs: tuple[str, str]) -> dict:
    now = timezone.localtime()
    initial = {}
    for date_name, time_name in pairs:
        initial[date_name] = now.date()
        initial[time_name] = now.time().replace(second=0, microsecond=0)
    return initial


def _people_choices(people: list[Person]) -> list[tuple[int, str]]:
    return [
        (
            person.pk,
            gettext("%(name)s, born %(date_of_birth)s")
            % {"name": person.full_name, "date_of_birth": f"{person.date_of_birth:%d/%m/%Y}"}
            if person.date_of_birth
            else person.full_name,
        )
        for person in people
    ]


class OrderForm(TamperEvidentForm):
    order_type = forms.ChoiceField(
        label=_("Type of order"),
        choices=OrderType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the type of order.")},
    )
    perpetrator = forms.TypedChoiceField(
        label=_("Who is the order against?"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the perpetrator the order is against.")},
    )
    other_protected = forms.TypedMultipleChoiceField(
        label=_("Who else does it protect?"),
        help_text=_("The victim of this case is protected. Tick any child or household member it also names."),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    issued_by = forms.CharField(
        label=_("Made by"),
        max_length=200,
        help_text=_("The court or the police force that made it, for example Riverside Magistrates' Court."),
        widget=text_input(),
        error_messages={"required": _("Enter the court or police force that made the order.")},
    )
    reference = forms.CharField(
        label=_("Reference"),
        required=False,
        max_length=100,
        help_text=_("The court's or the force's reference."),
        widget=text_input("govuk-input--width-20"),
    )
    owner_agency = forms.TypedChoiceField(
        label=_("Agency that owns the order"),
        coerce=int,
        help_text=_("The agency that applied for it or polices it. It is told by e-mail before the order ends."),
        error_messages={"required": _("Choose the agency that owns the order.")},
    )
    starts_on = date_field(label=_("Starts on"), required_message=_("Enter the date the order starts."))
    ends_on = date_field(
        label=_("Ends on"),
        help_text=_("Leave it empty if the order has no end date. Notices and barring orders always have one."),
    )
    notification_requirements = forms.BooleanField(
        label=_("He must tell the police where he lives (notification requirements)"), required=False
    )
    electronic_monitoring = forms.BooleanField(label=_("He is electronically monitored"), required=False)
    conditions = forms.CharField(
        label=_("Conditions"),
        help_text=_(
            "One per line, in the order's own words: for example, not to contact her directly or through others."
        ),
        widget=text_area(rows=6),
        error_messages={"required": _("Enter the order's conditions, one per line: for example, not to contact her.")},
    )

    def __init__(self, *args, perpetrators: list[Person], others: list[Person], agencies: list[Agency], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["perpetrator"].choices = _people_choices(perpetrators)
        self.fields["other_protected"].choices = _people_choices(others)
        self.fields["owner_agency"].choices = [("", gettext("Choose the agency")), *((a.pk, a.name) for a in agencies)]
        if not others:
            del self.fields["other_protected"]

    def order_input(self) -> OrderInput:
        data = self.cleaned_data
        return OrderInput(
            order_type=data["order_type"],
            perpetrator_id=data["perpetrator"],
            issued_by=data["issued_by"],
            owner_agency_id=data["owner_agency"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            conditions=split_lines(data["conditions"]),
            reference=data["reference"],
            notification_requirements=data["notification_requirements"],
            electronic_monitoring=data["electronic_monitoring"],
            other_protected_ids=list(data.get("other_protected", [])),
        )


WHOLE_ORDER = "whole"


def _condition_or_whole(value: str) -> int | None:
    return None if value == WHOLE_ORDER else int(value)


class BreachForm(TamperEvidentForm):
    """`occurred_at` and `reported_at` arrive as dates and leave `cleaned_data` as full dates and times."""

    condition = forms.TypedChoiceField(
        label=_("What was breached?"),
        coerce=_condition_or_whole,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the condition breached, or the order as a whole.")},
    )
    occurred_at = date_field(
        label=_("Date of the breach"), required_message=_("Enter the date and time of the breach.")
    )
    occurred_time = time_field(label=_("Time of the breach"), required_message=_("Enter the time of the breach."))
    reported_at = date_field(
        label=_("Date your agency was told"),
        required_message=_("Enter the date and time your agency was told of the breach."),
        help_text=_("The response is measured from this moment."),
    )
    reported_time = time_field(
        label=_("Time your agency was told"), required_message=_("Enter the time you were told.")
    )
    gravity = forms.TypedChoiceField(
        label=_("How serious was it?"),
        choices=Gravity.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how serious the breach was.")},
    )
    description = forms.CharField(
        label=_("What happened"),
        help_text=_("A short factual account: what he did, where, who saw it, how your agency learnt of it."),
        max_length=DESCRIPTION_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": DESCRIPTION_LIMIT}),
        error_messages={"required": _("Say briefly what happened.")},
    )

    def __init__(self, *args, conditions: list[OrderCondition], **kwargs):
        kwargs.setdefault("initial", {}).update(
            {
                **now_initial(("occurred_at", "occurred_time"), ("reported_at", "reported_time")),
                "condition": WHOLE_ORDER,
            }
        )
        super().__init__(*args, **kwargs)
        self.fields["condition"].choices = [
            (WHOLE_ORDER, gettext("The order as a whole")),
            *(
                (
                    condition.pk,
                    gettext("Condition %(position)s: %(text)s")
                    % {"position": condition.position, "text": condition.text},
                )
                for condition in conditions
            ),
        ]

    def clean(self) -> dict:
        cleaned = super().clean()
        combine(cleaned, "occurred_at", "occurred_time")
        combine(cleaned, "reported_at", "reported_time")
        return cleaned

    def breach_input(self) -> BreachInput:
        data = self.cleaned_data
        return BreachInput(
            occurred_at=data["occurred_at"],
            reported_at=data["reported_at"],
            description=data["description"],
            gravity=data["gravity"],
            condition_id=data["condition"],
        )


class ResponseForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What was done?"),
        choices=ResponseKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the response.")},
    )
    responded_at = date_field(
        label=_("Date of the response"), required_message=_("Enter the date and time of the response.")
    )
    responded_time = time_field(label=_("Time of the response"), required_message=_("Enter the time of the response."))
    reason = forms.CharField(
        label=_("Reason or note"),
        required=False,
        help_text=_(
            "Required for no action: say why. For any other response, anything the other agencies should know."
        ),
        widget=text_area(rows=4),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).update(now_initial(("responded_at", "responded_time")))
        super().__init__(*args, **kwargs)

    def clean(self) -> dict:
        cleaned = super().clean()
        combine(cleaned, "responded_at", "responded_time")
        return cleaned

    def response_input(self) -> ResponseInput:
        data = self.cleaned_data
        return ResponseInput(kind=data["kind"], responded_at=data["responded_at"], reason=data["reason"])


SESSIONS_EXPECTED_RANGE = format_lazy(
    _("Enter the number of sessions expected, from 1 to {limit}."), limit=MAX_SESSIONS
)


class ProgrammeForm(TamperEvidentForm):
    perpetrator = forms.TypedChoiceField(
        label=_("Who is referred?"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the perpetrator referred.")},
    )
    programme_agency = forms.TypedChoiceField(
        label=_("Agency that runs the programme"),
        coerce=int,
        error_messages={"required": _("Choose the agency that runs the programme.")},
    )
    programme_name = forms.CharField(label=_("Programme"), required=False, max_length=200, widget=text_input())
    order = forms.TypedChoiceField(
        label=_("Order that requires it"),
        coerce=int,
        empty_value=None,
        required=False,
    )
    ordered_by = forms.CharField(
        label=_("Ordered by"),
        required=False,
        max_length=200,
        help_text=_("The court. Leave it empty to use the court of the order chosen above."),
        widget=text_input(),
    )
    referred_on = date_field(label=_("Referred on"), required_message=_("Enter the date of the referral."))
    sessions_expected = forms.IntegerField(
        label=_("Sessions expected"),
        min_value=1,
        max_value=MAX_SESSIONS,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={
            "required": _("Enter the number of sessions expected."),
            "invalid": _("Enter the number of sessions as a whole number."),
            "min_value": SESSIONS_EXPECTED_RANGE,
            "max_value": SESSIONS_EXPECTED_RANGE,
        },
    )

    def __init__(self, *args, perpetrators: list[Person], agencies: list[Agency], orders: list[Order], **kwargs):
        kwargs.setdefault("initial", {}).setdefault("referred_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["perpetrator"].choices = _people_choices(perpetrators)
        self.fields["programme_agency"].choices = [
            ("", gettext("Choose the agency")),
            *((a.pk, a.name) for a in agencies),
        ]
        self.fields["order"].choices = [
            ("", gettext("None recorded here")),
            *(
                (
                    order.pk,
                    gettext("%(order_type)s %(number)s against %(name)s")
                    % {
                        "order_type": order.get_order_type_display(),
                        "number": order.pk,
                        "name": order.perpetrator.full_name,
                    },
                )
                for order in orders
            ),
        ]

    def programme_input(self) -> ProgrammeInput:
        data = self.cleaned_data
        return ProgrammeInput(
            perpetrator_id=data["perpetrator"],
            programme_agency_id=data["programme_agency"],
            ordered_by=data["ordered_by"],
            referred_on=data["referred_on"],
            sessions_expected=data["sessions_expected"],
            programme_name=data["programme_name"],
            order_id=data["order"],
        )


class AttendanceForm(forms.Form):
    sessions_attended = forms.IntegerField(
        label=_("Sessions attended so far"),
        min_value=0,
        max_value=MAX_SESSIONS,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={
            "required": _("Enter the number of sessions attended so far."),
            "invalid": _("Enter the number of sessions as a whole number."),
            "min_value": _("The number of sessions cannot be negative."),
            "max_value": format_lazy(_("Enter no more than {limit} sessions."), limit=MAX_SESSIONS),
        },
    )
    status = forms.ChoiceField(
        label=_("Is he still attending?"),
        choices=ProgrammeStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether he is still attending, has completed or has dropped out.")},
    )
    dropout_reason = forms.CharField(
        label=_("Why he dropped out"),
        required=False,
        help_text=_("Required when he has dropped out."),
        widget=text_area(rows=3),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=text_area(rows=3))

    def attendance_input(self) -> AttendanceInput:
        data = self.cleaned_data
        return AttendanceInput(
            sessions_attended=data["sessions_attended"],
            status=data["status"],
            dropout_reason=data["dropout_reason"],
            note=data["note"],
        )


REPORT_PERIODS = [
    ("3", _("Last 3 months")),
    ("6", _("Last 6 months")),
    ("12", _("Last 12 months")),
    ("all", _("Every breach")),
]
DEFAULT_PERIOD = "12"


class BreachReportForm(forms.Form):
    period = forms.ChoiceField(label=_("Breaches reported in"), choices=REPORT_PERIODS)

    @classmethod
    def from_query(cls, query) -> "BreachReportForm":
        """Always bound: without a period in the address, the default one."""
        return cls({"period": query.get("period") or DEFAULT_PERIOD})

    def since(self) -> dt.date | None:
        period = self.cleaned_data["period"] if self.is_valid() else DEFAULT_PERIOD
        if period == "all":
            return None
        return timezone.localdate(months_before(timezone.now(), int(period)))
