"""Incident imports: upload an agency system's CSV export, and read back each import's status and problems.

The upload goes through the import page's own form (`IncidentImportForm`: a CSV file within the page's size limit,
and the agency, which only the coordinator chooses) and service (`services.incident_import`). Like the page, the
API imports while the caller waits, and only files the page takes: a bigger export is imported on the server with
`manage.py import_incidents`. A body bigger than the limit is refused before it is read.
"""

from pathlib import Path

from django.core.paginator import Paginator
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from marac.access import guard
from marac.api.pagination import PAGE_PARAMETER, audited_page, page_of
from marac.api.schema import ErrorSerializer
from marac.api.serializers.imports import ImportSerializer, ImportSummarySerializer, ImportUploadSerializer
from marac.api.views.base import ApiView
from marac.incidents.imports import forms as import_forms
from marac.incidents.imports import selectors, services
from marac.incidents.imports.views import OBJECT_TYPE, PROBLEMS_PAGE_SIZE

# Room for the multipart envelope and the form's other fields around the file.
MULTIPART_ALLOWANCE_BYTES = 64 * 1024


class UploadTooLarge(exceptions.APIException):
    status_code = 413
    default_code = "upload_too_large"


def _refuse_oversized(request: Request) -> None:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > import_forms.MAX_UPLOAD_BYTES + MULTIPART_ALLOWANCE_BYTES:
        raise UploadTooLarge(
            f"A file of at most {import_forms.MAX_UPLOAD_MB} MB is imported here; a bigger export is imported on "
            "the server with the import command, or split."
        )


class ImportList(ApiView):
    permissions = {"GET": "incident.import", "POST": "incident.import"}
    object_type = OBJECT_TYPE
    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="incidents_imports_list", parameters=[PAGE_PARAMETER], responses=page_of(ImportSummarySerializer)
    )
    def get(self, request: Request) -> Response:
        imports = selectors.import_list(request.actor)
        return audited_page(request, imports, ImportSummarySerializer, summary="Listed incident imports")

    @extend_schema(
        operation_id="incidents_imports_create",
        request={"multipart/form-data": ImportUploadSerializer},
        responses={
            201: OpenApiResponse(
                ImportSerializer, description="Imported, or refused whole (status rejected): the problems say why."
            ),
            413: OpenApiResponse(ErrorSerializer, description="Bigger than the import takes."),
        },
    )
    def post(self, request: Request) -> Response:
        _refuse_oversized(request)
        actor = request.actor
        form = import_forms.IncidentImportForm(
            request.POST, request.FILES, agencies=selectors.importable_agencies(actor)
        )
        if not form.is_valid():
            raise exceptions.ValidationError(
                {
                    ("non_field_errors" if name == "__all__" else name): messages
                    for name, messages in form.errors.items()
                }
            )
        upload = form.cleaned_data["file"]
        outcome = services.incident_import(
            actor=actor,
            locality=actor.locality,
            source_agency=form.chosen_agency(),
            file=upload,
            file_name=Path(upload.name).name,
            keep_good_rows=form.cleaned_data["keep_good_rows"],
        )
        return Response(_with_problems(request, outcome.incident_import), status=status.HTTP_201_CREATED)


def _with_problems(request: Request, record) -> dict:
    problems = Paginator(record.errors, PROBLEMS_PAGE_SIZE).get_page(request.query_params.get("page"))
    record.problems = {
        "count": problems.paginator.count,
        "page": problems.number,
        "pages": problems.paginator.num_pages,
        "results": list(problems.object_list),
    }
    return ImportSerializer(record).data


class ImportDetail(ApiView):
    permissions = {"GET": "incident.import"}
    object_type = OBJECT_TYPE

    @extend_schema(operation_id="incidents_imports_retrieve", parameters=[PAGE_PARAMETER], responses=ImportSerializer)
    def get(self, request: Request, pk: int) -> Response:
        actor = request.actor
        record = guard.fetch(actor, selectors.visible_incident_imports(actor), pk)
        return Response(_with_problems(request, record))
