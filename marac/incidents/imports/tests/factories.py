"""Building import files and import records for tests. Synthetic names only."""

import csv
import io

from django.utils import timezone

from marac.access.actor import Actor
from marac.agencies.models import Agency
from marac.incidents.imports.services import ImportOutcome, incident_import
from marac.incidents.models import ImportStatus, IncidentImport

HEADER = [
    "incident_ref",
    "occurred_at",
    "incident_type",
    "gravity",
    "victim_given_name",
    "victim_family_name",
    "victim_date_of_birth",
    "victim_postcode",
    "perpetrator_given_name",
    "perpetrator_family_name",
    "perpetrator_date_of_birth",
    "children_present",
    "summary",
]


def row(ref: str, **values: str) -> dict[str, str]:
    """A good row; keyword arguments replace its values."""
    return {
        "incident_ref": ref,
        "occurred_at": "2026-03-14T21:40",
        "incident_type": "physical",
        "gravity": "3",
        "victim_given_name": "Ilona",
        "victim_family_name": "Marsh",
        "victim_date_of_birth": "1991-04-12",
        "victim_postcode": "rv1 2ab",
        "perpetrator_given_name": "Daniel",
        "perpetrator_family_name": "Quill",
        "perpetrator_date_of_birth": "12/08/1988",
        "children_present": "1",
        "summary": "Neighbour called police after shouting.",
        **values,
    }


def csv_bytes(rows: list[dict[str, str]], *, header: list[str] | None = None, bom: bool = False) -> bytes:
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=header or HEADER, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return ("\ufeff" if bom else "").encode() + text.getvalue().encode("utf-8")


def import_rows(
    actor: Actor, agency: Agency, rows: list[dict[str, str]], *, file_name: str = "incidents.csv", **kwargs
) -> ImportOutcome:
    content = kwargs.pop("content", None) or csv_bytes(rows)
    return incident_import(
        actor=actor,
        locality=agency.locality,
        source_agency=agency,
        file=io.BytesIO(content),
        file_name=file_name,
        **kwargs,
    )


def finished_import(*, agency: Agency, **values) -> IncidentImport:
    """An import record as a finished import leaves it, with one bad row kept for download."""
    now = timezone.now()
    return IncidentImport.objects.create(
        **{
            "locality": agency.locality,
            "source_agency": agency,
            "file_name": "export.csv",
            "file_sha256": "0" * 64,
            "keep_good_rows": True,
            "status": ImportStatus.DONE,
            "rows_total": 2,
            "rows_read": 2,
            "rows_imported": 1,
            "rows_bad": 1,
            "errors": [{"row": 3, "field": "gravity", "reason": "must be 1 to 4, not '7'"}],
            "bad_rows_file": "incident_ref,gravity,row,error\r\nX-2,7,3,gravity: must be 1 to 4, not '7'\r\n",
            "started_at": now,
            "finished_at": now,
            **values,
        }
    )
