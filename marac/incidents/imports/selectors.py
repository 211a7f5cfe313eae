"""Reads for incident imports, scoped by the rulebook: who may import for which agency, and whose imports they see.

An agency's representative imports her own agency's exports and sees its imports; the coordinator may import for
any agency of the locality and sees every import of it. An import's page shows counts and problems by row and
field; its bad rows file holds personal details, so the same scope guards it.
"""

from django.db.models import QuerySet

from marac.access import policy
from marac.access.actor import Actor
from marac.agencies.models import Agency
from marac.incidents.models import IncidentImport


def _may_import(actor: Actor) -> bool:
    return policy.receives_case_information(actor) and policy.has_permission(actor, "incident.import")


def importable_agencies(actor: Actor) -> QuerySet[Agency]:
    if not _may_import(actor):
        return Agency.objects.none()
    if policy.has_permission(actor, "incident.import_for_any_agency"):
        return Agency.objects.filter(locality=actor.locality, is_active=True).order_by("name")
    return Agency.objects.filter(pk=actor.agency.pk, is_active=True)


def visible_incident_imports(actor: Actor) -> QuerySet[IncidentImport]:
    if not _may_import(actor):
        return IncidentImport.objects.none()
    imports = IncidentImport.objects.filter(locality=actor.locality).select_related("source_agency", "started_by")
    if policy.has_permission(actor, "incident.import_for_any_agency"):
        return imports
    return imports.filter(source_agency=actor.agency)


def import_list(actor: Actor) -> QuerySet[IncidentImport]:
    """The actor's imports, newest first; the bad rows file and the list of problems are left in the database."""
    return visible_incident_imports(actor).defer("bad_rows_file", "errors").order_by("-started_at", "-pk")
