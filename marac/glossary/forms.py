"""The form for a glossary term: its name and definition in each language marac has. The rules are in `services`."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from marac.glossary.services import DEFINITION_MAX_LENGTH, TERM_MAX_LENGTH


class GlossaryTermForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, name in settings.LANGUAGES:
            self.fields[f"term_{code}"] = forms.CharField(
                label=_("Term in %(language)s") % {"language": name},
                required=False,
                max_length=TERM_MAX_LENGTH,
                widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "lang": code}),
            )
            self.fields[f"definition_{code}"] = forms.CharField(
                label=_("Definition in %(language)s") % {"language": name},
                required=False,
                widget=forms.Textarea(
                    attrs={"class": "govuk-textarea", "rows": 5, "maxlength": DEFINITION_MAX_LENGTH, "lang": code}
                ),
            )

    @classmethod
    def from_wording(cls, wording: dict[str, dict[str, str]], **kwargs) -> "GlossaryTermForm":
        initial = {}
        for code, words in wording.items():
            initial[f"term_{code}"] = words.get("term", "")
            initial[f"definition_{code}"] = words.get("definition", "")
        return cls(initial=initial, **kwargs)

    def wording(self) -> dict[str, dict[str, str]]:
        return {
            code: {"term": self.cleaned_data[f"term_{code}"], "definition": self.cleaned_data[f"definition_{code}"]}
            for code, _name in settings.LANGUAGES
        }
