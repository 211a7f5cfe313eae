from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext, gettext_lazy


class SignInForm(AuthenticationForm):
    """Django's form (it passes the request to the backends, which django-axes needs), in our own words."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": gettext_lazy("Enter a correct user name and password. Both are case-sensitive."),
        "inactive": gettext_lazy("This account is not active. Ask your locality administrator."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = gettext("User name")
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "spellcheck": "false"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=40,
        error_messages={"required": gettext_lazy("Enter the code")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "spellcheck": "false", "class": "govuk-input--width-10"}
        ),
    )


class SecondStepForm(CodeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = gettext(
            "The 6-digit code your authenticator app shows for marac now, or one of your backup codes."
        )


class SetUpForm(CodeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].label = gettext("Code from the app")
        self.fields["code"].help_text = gettext("The 6-digit code the app shows once it has the key.")
        self.fields["code"].widget.attrs["inputmode"] = "numeric"


# The choice of no language of one's own: the pages then follow the locality's.
FOLLOW_LOCALITY = "locality"


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("Language of the pages"), widget=forms.RadioSelect)

    def __init__(self, *args, locality_language: str, **kwargs):
        super().__init__(*args, **kwargs)
        names = dict(settings.LANGUAGES)
        follow = gettext("The language of your locality (%(language)s)") % {"language": names[locality_language]}
        self.fields["language"].choices = [(FOLLOW_LOCALITY, follow), *settings.LANGUAGES]

    def chosen_language(self) -> str:
        """The language to store: "" for the locality's."""
        chosen = self.cleaned_data["language"]
        return "" if chosen == FOLLOW_LOCALITY else chosen
