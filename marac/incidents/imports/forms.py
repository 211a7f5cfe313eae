"""The upload form. It checks that the upload is a CSV file of a size the page imports; the rows are checked by
`services.incident_import`."""

from django import forms
from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marac.access.tampering import TamperEvidentForm

# The page imports while the user waits; bigger exports go through `manage.py import_incidents` (see
# docs/incident-import.md), which shows progress and is not cut short by a web server's time limit.
MAX_UPLOAD_MB = 5
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
UPLOAD_SUFFIXES = (".csv", ".txt")


class IncidentImportForm(TamperEvidentForm):
    source_agency = forms.ModelChoiceField(
        label=_("Which agency's records are these?"),
        help_text=_("The agency whose system the file was exported from. Its incident numbers identify the incidents."),
        queryset=None,
        empty_label=_("Choose an agency"),
        error_messages={"required": _("Choose the agency whose records the file holds.")},
    )
    file = forms.FileField(
        label=_("CSV file of incidents"),
        help_text=format_lazy(
            _(
                "A CSV file in UTF-8 of at most {limit} MB, with the columns described in the import guide. "
                "A bigger file is imported by the system administrator with the import command."
            ),
            limit=MAX_UPLOAD_MB,
        ),
        error_messages={
            "required": _("Select the CSV file to import."),
            "empty": _("The selected file is empty. Select the export of incidents."),
            "invalid": _("The selected file could not be read. Select it again."),
        },
        widget=forms.FileInput(attrs={"accept": ",".join(UPLOAD_SUFFIXES)}),
    )
    keep_good_rows = forms.BooleanField(
        label=_("If some rows are bad, import the good ones and give me the bad ones as a file to correct"),
        help_text=_("Otherwise a file with any bad row imports nothing, and every problem is listed."),
        required=False,
    )

    def __init__(self, *args, agencies: QuerySet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_agency"].queryset = agencies
        if len(agencies) == 1:
            # An agency's representative imports her own agency's records: nothing to choose.
            self.single_agency = agencies[0]
            del self.fields["source_agency"]
        else:
            self.single_agency = None

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(UPLOAD_SUFFIXES):
            raise forms.ValidationError(
                gettext("%(file_name)s: the file must be a CSV file (.csv).") % {"file_name": upload.name}
            )
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                gettext(
                    "%(file_name)s is %(size)s; this page imports files of at most %(limit)s MB. Ask your system "
                    "administrator to import it with the import command, or split it."
                )
                % {"file_name": upload.name, "size": filesizeformat(upload.size), "limit": MAX_UPLOAD_MB}
            )
        return upload

    def chosen_agency(self):
        return self.single_agency or self.cleaned_data["source_agency"]
