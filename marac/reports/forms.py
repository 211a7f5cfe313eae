"""The choice of quarter for the reports, and the locality's report settings. Shapes input only."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marac.reports.models import ReportSettings
from marac.reports.quarters import Quarter


class QuarterForm(forms.Form):
    quarter = forms.CharField(
        label=_("Quarter"),
        help_text=_("The year and quarter, for example 2026-Q3 for July to September 2026."),
        max_length=7,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
        error_messages={"required": _("Enter the quarter, for example 2026-Q3.")},
    )

    def clean_quarter(self) -> Quarter:
        try:
            quarter = Quarter.parse(self.cleaned_data["quarter"])
        except ValueError:
            raise forms.ValidationError(
                _("Enter the quarter as the year, -Q and 1 to 4, for example 2026-Q3.")
            ) from None
        if quarter > Quarter.containing(timezone.now()):
            raise forms.ValidationError(_("Choose a quarter that has begun: this one or an earlier one."))
        return quarter


SETTINGS_FIELDS = (
    "adult_female_population",
    "population_minoritised_percent",
    "population_lgbt_percent",
    "population_disabled_percent",
    "population_male_percent",
    "population_aged_16_17_percent",
    "idva_fte",
    "administrator_fte",
    "referral_to_meeting_target_days",
    "actions_on_time_target_percent",
    "suppression_threshold",
)


class ReportSettingsForm(forms.ModelForm):
    """The locality's population, staffing and targets; the model's validators say what is allowed."""

    class Meta:
        model = ReportSettings
        fields = SETTINGS_FIELDS
        # Shown and read in the reader's own format: 18.5 in English, 18,5 in Spanish.
        localized_fields = (
            "population_minoritised_percent",
            "population_lgbt_percent",
            "population_disabled_percent",
            "population_male_percent",
            "population_aged_16_17_percent",
            "idva_fte",
            "administrator_fte",
        )
        labels = {
            "adult_female_population": _("Women aged 16 or over living in the area"),
            "population_minoritised_percent": _("Racially minoritised, per cent of adults"),
            "population_lgbt_percent": _("Lesbian, gay, bisexual or trans, per cent of adults"),
            "population_disabled_percent": _("Disabled, per cent of adults"),
            "population_male_percent": _("Men, per cent of adults"),
            "population_aged_16_17_percent": _("Aged 16 or 17, per cent of those aged 16 or over"),
            "idva_fte": _("IDVAs, full-time equivalent"),
            "administrator_fte": _("MARAC administrators, full-time equivalent"),
            "referral_to_meeting_target_days": _("Days from referral to meeting: target"),
            "actions_on_time_target_percent": _("Actions done by their due date: target, per cent"),
            "suppression_threshold": _("Suppression threshold"),
        }
        error_messages = {
            "referral_to_meeting_target_days": {
                "required": _("Enter the target number of days from referral to meeting.")
            },
            "actions_on_time_target_percent": {
                "required": _("Enter the target share of actions done on time, in per cent.")
            },
            "suppression_threshold": {"required": _("Enter the suppression threshold: 1 or more.")},
        }
