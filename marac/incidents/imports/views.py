"""Pages for importing incidents. Thin: guard, fetch, form, service, redirect.

The upload page imports while the user waits: it takes files up to `forms.MAX_UPLOAD_MB`. Bigger exports are
imported with `manage.py import_incidents`; their import page shows the progress, refreshed by htmx while it runs.
"""

from pathlib import Path

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext, ngettext
from django_htmx.http import HttpResponseClientRefresh

from marac.access import guard
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.incidents.imports import selectors, services
from marac.incidents.imports.forms import MAX_UPLOAD_MB, IncidentImportForm
from marac.incidents.imports.parsing import COLUMNS, REQUIRED_COLUMNS
from marac.incidents.models import ImportStatus, IncidentType
from marac.referrals.views import add_service_errors

PAGE_SIZE = 50
PROBLEMS_PAGE_SIZE = 100
OBJECT_TYPE = "incidents.incidentimport"


def import_list(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "incident.import", object_type=OBJECT_TYPE)
    page = Paginator(selectors.import_list(actor), PAGE_SIZE).get_page(request.GET.get("page"))
    audit_record(
        actor=actor,
        action=AuditAction.LIST,
        summary="Listed incident imports",
        detail={"ids": [record.pk for record in page.object_list]},
    )
    return render(request, "incidents/imports/list.html", {"page": page, "imports": page.object_list})


def _outcome_message(outcome: services.ImportOutcome) -> str:
    record = outcome.incident_import
    if record.status == ImportStatus.REJECTED:
        return gettext(
            "Nothing was imported: the file has problems, listed below. Correct them and import the file again."
        )
    imported = record.rows_imported
    parts = [
        ngettext("Imported %(count)s new incident.", "Imported %(count)s new incidents.", imported)
        % {"count": imported}
    ]
    if known := record.rows_already_known:
        # The English is the same either way; other languages need the number's own form.
        parts.append(
            ngettext(
                "%(count)s had been imported before and were left as they are.",
                "%(count)s had been imported before and were left as they are.",
                known,
            )
            % {"count": known}
        )
    if bad := record.rows_bad:
        parts.append(
            ngettext(
                "%(count)s bad row were not imported: download them below.",
                "%(count)s bad rows were not imported: download them below.",
                bad,
            )
            % {"count": bad}
        )
    rules = outcome.rules
    if rules and rules.referrals_created:
        parts.append(
            gettext("The repeat rule made %(count)s repeat referral(s).") % {"count": len(rules.referrals_created)}
        )
    if rules and rules.flags_raised:
        flagged = len(rules.flags_raised)
        parts.append(
            ngettext(
                "%(count)s people were flagged for referral.", "%(count)s people were flagged for referral.", flagged
            )
            % {"count": flagged}
        )
    return " ".join(parts)


def import_new(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "incident.import", object_type=OBJECT_TYPE)
    agencies = selectors.importable_agencies(actor)
    form = IncidentImportForm(request.POST or None, request.FILES or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            outcome = services.incident_import(
                actor=actor,
                locality=actor.locality,
                source_agency=form.chosen_agency(),
                file=upload,
                file_name=Path(upload.name).name,
                keep_good_rows=form.cleaned_data["keep_good_rows"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            record = outcome.incident_import
            if record.status == ImportStatus.REJECTED:
                messages.error(request, _outcome_message(outcome))
            else:
                messages.success(request, _outcome_message(outcome))
            return redirect("incident_imports:detail", pk=record.pk)
    return render(
        request,
        "incidents/imports/new.html",
        {
            "form": form,
            "max_upload_mb": MAX_UPLOAD_MB,
            "required_columns": REQUIRED_COLUMNS,
            "optional_columns": [name for name in COLUMNS if name not in REQUIRED_COLUMNS],
            "incident_types": IncidentType.choices,
        },
    )


def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "incident.import", object_type=OBJECT_TYPE, object_id=pk)
    record = guard.fetch(actor, selectors.visible_incident_imports(actor), pk)
    problems = Paginator(record.errors, PROBLEMS_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "incidents/imports/detail.html", {"import": record, "problems": problems})


def import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress panel the import page polls while the import runs; when it ends, the page reloads whole."""
    if not request.htmx:
        # Without JavaScript the progress is the import's page, reloaded by hand.
        return import_detail(request, pk)
    actor = request.actor
    guard.require(actor, "incident.import", object_type=OBJECT_TYPE, object_id=pk)
    # Counts only, polled every second: not a view of the import worth an event each time.
    imports = selectors.visible_incident_imports(actor).defer("errors", "bad_rows_file")
    record = guard.fetch(actor, imports, pk, audit=False)
    if record.status != ImportStatus.RUNNING:
        return HttpResponseClientRefresh()
    return render(request, "incidents/imports/_progress.html", {"import": record})


def import_bad_rows(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    guard.require(actor, "incident.import", object_type=OBJECT_TYPE, object_id=pk)
    record = guard.fetch(actor, selectors.visible_incident_imports(actor), pk, audit=False)
    if not record.bad_rows_file:
        raise guard.deny(actor, object_type=OBJECT_TYPE, object_id=pk, reason="The import kept no bad rows file")
    content = services.bad_rows_download(actor=actor, incident_import=record)
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{Path(record.file_name).stem}-bad-rows.csv"
    )
    return response
