"""Forms for publishing and signing. They collect input only; the rules are in `services`."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from marac.forms import DateInput
from marac.governance import lawful_bases
from marac.governance.models import DocumentVersion

LABEL_MAX_LENGTH = DocumentVersion._meta.get_field("label").max_length
TEXT_MAX_LENGTH = 100_000


class DocumentVersionForm(forms.Form):
    label = forms.CharField(
        label=_("Version number"),
        max_length=LABEL_MAX_LENGTH,
        help_text=_("As the partnership numbers it, for example 3 or 2.1. It must differ from every earlier version."),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
        error_messages={"required": _("Enter the version number.")},
    )
    effective_on = forms.DateField(
        label=_("Takes effect on"),
        widget=DateInput,
        error_messages={"required": _("Enter the date this version takes effect."), "invalid": _("Enter a real date.")},
    )
    review_on = forms.DateField(
        label=_("Review by"),
        help_text=_("marac reminds you 30 days before this date."),
        widget=DateInput,
        error_messages={
            "required": _("Enter the date by which this version must be reviewed."),
            "invalid": _("Enter a real date."),
        },
    )
    lawful_bases = forms.MultipleChoiceField(
        label=_("Lawful bases"),
        help_text=_("Select every basis the member agencies rely on to share information under this document."),
        choices=lawful_bases.CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Select at least one lawful basis the document relies on.")},
    )
    text = forms.CharField(
        label=_("Text"),
        # Validated, not shown as a character count: a protocol is long, and no one writes near the limit.
        validators=[MaxLengthValidator(TEXT_MAX_LENGTH)],
        help_text=_("Plain paragraphs: leave a blank line between paragraphs."),
        widget=forms.Textarea(attrs={"rows": 20}),
        error_messages={"required": _("Enter the text of the document.")},
    )
    summary_of_changes = forms.CharField(
        label=_("What changed"),
        required=False,
        max_length=2000,
        help_text=_("Shown to the agencies that must sign again, so they know what to read closely."),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
    )


class SignatureForm(forms.Form):
    signer_name = forms.CharField(
        label=_("Your full name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Enter your name as you sign.")},
    )
    signer_role = forms.CharField(
        label=_("Your role in your agency"),
        max_length=200,
        help_text=_("Your job title, for example Detective Inspector, Safeguarding Lead or Head of Service."),
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
        error_messages={"required": _("Enter your role in your agency.")},
    )
    confirm = forms.BooleanField(
        label=_("I have read this version and I have the authority to sign it for my agency"),
        error_messages={"required": _("Confirm that you have read this version and may sign it for your agency.")},
    )


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's refusal on the form: on the field it names, else above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
