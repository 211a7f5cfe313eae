"""Incidents: record one (the incident form's service) and list the agency's (`incidents.selectors`)."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from marac.api.pagination import PAGE_PARAMETER, audited_page, page_of
from marac.api.serializers.incidents import IncidentInputSerializer, IncidentRecordedSerializer, IncidentSerializer
from marac.api.views.base import ApiView
from marac.incidents import selectors
from marac.incidents.services import incident_record


class IncidentList(ApiView):
    permissions = {"GET": "incident.list", "POST": "incident.record"}
    object_type = "incidents.incident"

    @extend_schema(operation_id="incidents_list", parameters=[PAGE_PARAMETER], responses=page_of(IncidentSerializer))
    def get(self, request: Request) -> Response:
        incidents = selectors.incident_list(actor=request.actor)
        return audited_page(request, incidents, IncidentSerializer, summary="Listed incidents")

    @extend_schema(
        operation_id="incidents_create", request=IncidentInputSerializer, responses={201: IncidentRecordedSerializer}
    )
    def post(self, request: Request) -> Response:
        serializer = IncidentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        outcome = incident_record(actor=request.actor, data=serializer.incident_input())
        incident = outcome.incident
        incident.victim_matched = outcome.victim_matched
        incident.perpetrator_matched = outcome.perpetrator_matched
        return Response(IncidentRecordedSerializer(incident).data, status=status.HTTP_201_CREATED)
