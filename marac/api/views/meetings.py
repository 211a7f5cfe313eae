"""Meetings: the list, an agency's agenda, and research on a listed case, as the meeting pages give them.

While a meeting is in progress its cases open only to those who confirmed the confidentiality declaration (the
pages' gate, `selectors.declaration_needed`). A declaration is a person's, confirmed on the pages: a system's
call is refused with 409 until then.
"""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.response import Response

from marac.access import guard, policy
from marac.access.actor import Actor
from marac.api.pagination import PAGE_PARAMETER, audited_page, page_of
from marac.api.schema import ErrorSerializer
from marac.api.serializers.meetings import (
    AgendaSerializer,
    MeetingListedSerializer,
    ResearchInputSerializer,
    ResearchPageSerializer,
    ResearchSerializer,
)
from marac.api.views.base import ApiView
from marac.meetings import selectors, services
from marac.meetings.models import AgendaItem, Meeting, MeetingStatus
from marac.meetings.view_helpers import case_of, record_case_list

WHEN = ("upcoming", "past")
WHEN_PARAMETER = OpenApiParameter(
    "when",
    str,
    enum=WHEN,
    required=False,
    description="upcoming (not closed, soonest first; the default) or past (closed, latest first).",
)
DECLARATION_NEEDED = OpenApiResponse(
    ErrorSerializer, description="The meeting is in progress: confirm its confidentiality declaration on the pages."
)


class DeclarationNeeded(exceptions.APIException):
    status_code = 409
    default_detail = "The meeting is in progress: its cases open once the confidentiality declaration is confirmed."
    default_code = "declaration_needed"


def _declared(actor: Actor, meeting: Meeting) -> None:
    if selectors.declaration_needed(actor=actor, meeting=meeting):
        raise DeclarationNeeded()


class MeetingList(ApiView):
    permissions = {"GET": "meeting.list"}
    object_type = "meetings.meeting"

    @extend_schema(
        operation_id="meetings_list",
        parameters=[WHEN_PARAMETER, PAGE_PARAMETER],
        responses=page_of(MeetingListedSerializer),
    )
    def get(self, request: Request) -> Response:
        upcoming, past = selectors.meetings_for_list(actor=request.actor)
        meetings = past if request.query_params.get("when") == "past" else upcoming
        return audited_page(request, meetings, MeetingListedSerializer, summary="Listed meetings")


class MeetingAgenda(ApiView):
    """The agenda page: in full for the coordinator and chair, identifiers only for invited agencies."""

    permissions = {"GET": "meeting.list"}
    object_type = "meetings.meeting"

    @extend_schema(operation_id="meetings_agenda", responses={200: AgendaSerializer, 409: DECLARATION_NEEDED})
    def get(self, request: Request, pk: int) -> Response:
        actor = request.actor
        meeting = guard.fetch(actor, selectors.marac_meeting_queryset(actor=actor), pk)
        _declared(actor, meeting)
        agenda = {"meeting": meeting, "listings": [], "rows": [], "may_post_research": False}
        if policy.has_permission(actor, "meeting.run"):
            agencies = selectors.invited_agencies(meeting)
            agenda["rows"] = selectors.agenda_overview(actor=actor, meeting=meeting, agencies=agencies)
            agenda["view"] = "full"
            listed = [row.item.case_id for row in agenda["rows"]]
        else:
            agenda["listings"] = selectors.agenda_minimal(actor=actor, meeting=meeting)
            agenda["view"] = "minimal"
            agenda["may_post_research"] = (
                policy.has_permission(actor, "research.submit") and meeting.status != MeetingStatus.CLOSED
            )
            # As the agenda page records it.
            listed = [listing.case_id for listing in agenda["listings"]]
        record_case_list(actor, meeting, listed, "Viewed the agenda")
        return Response(AgendaSerializer(agenda).data)


def _listed_item(request: Request, pk: int) -> AgendaItem:
    actor = request.actor
    item = guard.fetch(actor, selectors.agenda_items_with_identifiers(actor=actor), pk, case_of=case_of)
    _declared(actor, item.meeting)
    return item


class AgendaItemResearch(ApiView):
    """An invited agency's research on one listed case: read it back, and post it (posting again replaces it)."""

    permissions = {"GET": "research.submit", "POST": "research.submit"}
    object_type = "meetings.agendaitem"

    @extend_schema(
        operation_id="meetings_items_research_retrieve",
        responses={200: ResearchPageSerializer, 409: DECLARATION_NEEDED},
    )
    def get(self, request: Request, pk: int) -> Response:
        item = _listed_item(request, pk)
        page = {
            "listing": selectors.minimal_listing(item),
            "meeting": item.meeting,
            "is_open": item.meeting.status != MeetingStatus.CLOSED,
        }
        return Response(ResearchPageSerializer(page).data)

    @extend_schema(
        operation_id="meetings_items_research_create",
        request=ResearchInputSerializer,
        responses={200: ResearchSerializer, 409: DECLARATION_NEEDED},
    )
    def post(self, request: Request, pk: int) -> Response:
        item = _listed_item(request, pk)
        serializer = ResearchInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        research = services.research_submit(
            actor=request.actor,
            agenda_item=item,
            finding=serializer.validated_data["finding"],
            details=serializer.validated_data["details"],
        )
        return Response(ResearchSerializer(research).data)
