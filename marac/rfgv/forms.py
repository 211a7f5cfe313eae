"""The RFGV settings form. It shapes input (numbers, and bands written one a line); the rules on the values, such
as bands in order, are the service's (`services.rfgv_settings_update`)."""

import re
from decimal import Decimal

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from marac.incidents.models import Gravity, IncidentType
from marac.referrals.forms import text_area
from marac.rfgv.models import RfgvSettings
from marac.rfgv.rules import COMPONENTS
from marac.rfgv.services import Bands, RfgvSettingsInput

_BAND_LINE = re.compile(r"\s*(\d+)\s*[=:]\s*(\d+)\s*")

BAND_HELP = {
    "recency": _(
        "One band a line, most recent first: months since the last incident, “=”, then the points. “3 = 10” means a "
        "last incident within 3 months scores 10 points. A last incident older than every band scores 0."
    ),
    "frequency": _(
        "One band a line, fewest first: a number of incidents in the window, “=”, then the points. “5 = 8” means 5 "
        "or more incidents score 8 points. Fewer than the first band scores 0."
    ),
    "victims": _(
        "One band a line, fewest first: a number of different victims in the window, “=”, then the points. "
        "“3 = 8” means 3 or more victims score 8 points."
    ),
}
BAND_EXAMPLE = {"recency": "6 = 8", "frequency": "5 = 8", "victims": "3 = 8"}
BAND_REQUIRED = {
    "recency": _("Enter at least one recency band, for example 6 = 8."),
    "frequency": _("Enter at least one frequency band, for example 5 = 8."),
    "victims": _("Enter at least one victims band, for example 3 = 8."),
}


def _lowered(label: str) -> str:
    text = str(label)
    return text[:1].lower() + text[1:]


def _worded(message: str, label: str) -> str:
    """A message about the field `label`, in the language of the request."""
    return gettext(message) % {"label": _lowered(label)}


# Field error messages are made when the module loads, before anyone's language is known: they are worded later.
_worded_lazy = lazy(_worded, str)


def _whole(label: str, *, width: int = 3, required_message: str = "", **kwargs) -> forms.IntegerField:
    messages = {"invalid": _worded_lazy(gettext_noop("Enter %(label)s as a whole number."), label)}
    if required_message:
        messages["required"] = required_message
    return forms.IntegerField(
        label=label,
        widget=forms.NumberInput(attrs={"class": f"govuk-input--width-{width}", "inputmode": "numeric"}),
        error_messages=messages,
        **kwargs,
    )


def _decimal(label: str, **kwargs) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=6,
        decimal_places=2,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "required": _worded_lazy(gettext_noop("Enter %(label)s."), label),
            "invalid": _worded_lazy(gettext_noop("Enter %(label)s as a number, for example 1.5."), label),
            "max_decimal_places": _("Use 2 decimal places at most, for example 1.25."),
            "max_digits": _("Enter a smaller number."),
            "max_whole_digits": _("Enter a smaller number."),
        },
        **kwargs,
    )


def _bands_field(component: str, label: str, *, rows: int) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=BAND_HELP[component],
        widget=text_area(rows=rows),
        error_messages={"required": BAND_REQUIRED[component]},
    )


def bands_text(bands: list) -> str:
    return "\n".join(f"{bound} = {points}" for bound, points in bands)


def parse_bands(text: str, example: str) -> Bands:
    bands = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _BAND_LINE.fullmatch(line)
        if match is None:
            raise forms.ValidationError(
                gettext(
                    "Line %(number)s (“%(line)s”): write a whole number, “=” and the points, for example %(example)s."
                )
                % {"number": number, "line": line.strip()[:30], "example": example}
            )
        bands.append((int(match.group(1)), int(match.group(2))))
    return bands


class RfgvSettingsForm(forms.Form):
    window_months = _whole(
        _("Look-back window, in months"),
        help_text=_("Incidents this many months before the scoring date count. 36 is three years; some areas use 24."),
    )
    minimum_age = _whole(
        _("Minimum age"), help_text=_("On the scoring date. A perpetrator of unknown age is included.")
    )
    minimum_victims = _whole(
        _("Minimum number of different victims"), help_text=_("Within the look-back window. MATAC's definition is 2.")
    )

    recency_weight = _decimal(_("Recency weight"), help_text=_("The band's points are multiplied by this."))
    recency_bands = _bands_field("recency", _("Recency bands"), rows=6)
    frequency_weight = _decimal(_("Frequency weight"), help_text=_("The band's points are multiplied by this."))
    frequency_bands = _bands_field("frequency", _("Frequency bands"), rows=6)
    gravity_weight = _decimal(
        _("Gravity weight"), help_text=_("The capped sum of incident points is multiplied by this.")
    )
    gravity_cap = _whole(
        _("Cap on the sum of incident points"),
        width=4,
        required=False,
        help_text=_(
            "Leave empty for no cap. The cap keeps many minor incidents from outweighing the other components."
        ),
    )
    victims_weight = _decimal(_("Victims weight"), help_text=_("The band's points are multiplied by this."))
    victims_bands = _bands_field("victims", _("Victims bands"), rows=5)

    def __init__(self, *args, settings: RfgvSettings, **kwargs):
        kwargs["initial"] = {
            "window_months": settings.window_months,
            "minimum_age": settings.minimum_age,
            "minimum_victims": settings.minimum_victims,
            "gravity_cap": settings.gravity_cap,
            **{f"{component}_weight": getattr(settings, f"{component}_weight") for component in COMPONENTS},
            **{f"{component}_bands": bands_text(getattr(settings, f"{component}_bands")) for component in BAND_HELP},
            **{f"gravity_points_{level}": settings.gravity_points.get(str(level)) for level in Gravity.values},
            **{f"type_factor_{kind}": settings.gravity_type_factors.get(kind) for kind in IncidentType.values},
            **kwargs.get("initial", {}),
        }
        super().__init__(*args, **kwargs)
        for level, label in Gravity.choices:
            gravity, _colon, described = str(label).partition(":")
            self.fields[f"gravity_points_{level}"] = _whole(
                gettext("Points for a %(gravity)s incident") % {"gravity": gravity.lower()},
                required_message=gettext("Enter the points for a %(gravity)s incident.") % {"gravity": gravity.lower()},
                help_text=described.strip().capitalize() + ".",
            )
        for kind, label in IncidentType.choices:
            self.fields[f"type_factor_{kind}"] = _decimal(gettext("Factor for %(type)s") % {"type": _lowered(label)})

    def _clean_bands(self, component: str) -> Bands:
        return parse_bands(self.cleaned_data[f"{component}_bands"], BAND_EXAMPLE[component])

    def clean_recency_bands(self) -> Bands:
        return self._clean_bands("recency")

    def clean_frequency_bands(self) -> Bands:
        return self._clean_bands("frequency")

    def clean_victims_bands(self) -> Bands:
        return self._clean_bands("victims")

    @property
    def gravity_point_fields(self) -> list:
        return [self[f"gravity_points_{level}"] for level in Gravity.values]

    @property
    def type_factor_fields(self) -> list:
        return [self[f"type_factor_{kind}"] for kind in IncidentType.values]

    @property
    def type_factor_errors(self) -> bool:
        """Whether a factor needs fixing: its section of the page opens to show it."""
        return any(field.errors for field in self.type_factor_fields)

    def settings_input(self) -> RfgvSettingsInput:
        data = self.cleaned_data
        return RfgvSettingsInput(
            window_months=data["window_months"],
            minimum_age=data["minimum_age"],
            minimum_victims=data["minimum_victims"],
            weights={component: Decimal(data[f"{component}_weight"]) for component in COMPONENTS},
            recency_bands=data["recency_bands"],
            frequency_bands=data["frequency_bands"],
            victims_bands=data["victims_bands"],
            gravity_points={level: data[f"gravity_points_{level}"] for level in Gravity.values},
            type_factors={kind: data[f"type_factor_{kind}"] for kind in IncidentType.values},
            gravity_cap=data.get("gravity_cap"),
        )
