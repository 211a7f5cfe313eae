"""The form for loading an instrument file. It only checks that the upload is a readable file of the right kind and
size; whether the instrument in it is valid is decided by `registry.instrument_load`."""

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy

MAX_INSTRUMENT_FILE_KB = 200
MAX_INSTRUMENT_FILE_BYTES = MAX_INSTRUMENT_FILE_KB * 1024
INSTRUMENT_FILE_SUFFIXES = (".json", ".yaml", ".yml")
MAX_FILENAME_LENGTH = 200  # InstrumentVersion.source_filename


class InstrumentLoadForm(forms.Form):
    file_text: str  # the file's content, once the form is valid

    file = forms.FileField(
        label=gettext_lazy("Instrument file"),
        help_text=format_lazy(
            gettext_lazy("A JSON or YAML file (.json, .yaml or .yml) of at most {size} KB."),
            size=MAX_INSTRUMENT_FILE_KB,
        ),
        error_messages={
            "required": gettext_lazy("Select an instrument file to load."),
            "empty": gettext_lazy("The selected file is empty. Select the instrument file."),
            "invalid": gettext_lazy("The selected file could not be read. Select it again."),
        },
        widget=forms.FileInput(attrs={"accept": ",".join(INSTRUMENT_FILE_SUFFIXES)}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(INSTRUMENT_FILE_SUFFIXES):
            raise forms.ValidationError(
                gettext("%(file)s: the file must be a JSON or YAML file (.json, .yaml or .yml).")
                % {"file": upload.name}
            )
        if len(upload.name) > MAX_FILENAME_LENGTH:
            raise forms.ValidationError(
                gettext("The file name is longer than %(length)s characters. Rename the file and load it again.")
                % {"length": MAX_FILENAME_LENGTH}
            )
        if upload.size > MAX_INSTRUMENT_FILE_BYTES:
            raise forms.ValidationError(
                gettext(
                    "%(file)s: the file is %(size)s; it must be at most %(limit)s KB. An instrument file is plain "
                    "text and much smaller than that: check that you chose the right file."
                )
                % {"file": upload.name, "size": filesizeformat(upload.size), "limit": MAX_INSTRUMENT_FILE_KB}
            )
        try:
            self.file_text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                gettext("%(file)s: the file is not plain text in UTF-8. Save it as UTF-8 text and load it again.")
                % {"file": upload.name}
            ) from None
        return upload
