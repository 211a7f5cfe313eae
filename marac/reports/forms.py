"""The choice of quarter for the return. Shapes input only."""

from django import forms
from django.utils import timezone

from marac.reports.quarters import Quarter


class QuarterForm(forms.Form):
    quarter = forms.CharField(
        label="Quarter",
        help_text="The year and quarter, for example 2026-Q3 for July to September 2026.",
        max_length=7,
        error_messages={"required": "Enter the quarter, for example 2026-Q3."},
    )

    def clean_quarter(self) -> Quarter:
        try:
            quarter = Quarter.parse(self.cleaned_data["quarter"])
        except ValueError:
            raise forms.ValidationError("Enter the quarter as the year, -Q and 1 to 4, for example 2026-Q3.") from None
        if quarter > Quarter.containing(timezone.now()):
            raise forms.ValidationError("Choose a quarter that has begun: this one or an earlier one.")
        return quarter
