"""Actions: the agency's list (`policy.visible_actions`), one action, and progress on it (the pages' service)."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from marac.access import guard, policy
from marac.actions import selectors, services
from marac.actions.models import Action, ActionStatus
from marac.api.pagination import PAGE_PARAMETER, audited_page, page_of
from marac.api.serializers.actions import ActionSerializer, ActionUpdateInputSerializer, ActionUpdateSerializer
from marac.api.views.base import ApiView

STATUS_FILTERS = [*ActionStatus.values, selectors.INCOMPLETE]
FILTER_PARAMETERS = [
    OpenApiParameter("status", str, enum=STATUS_FILTERS, required=False, description="All statuses if omitted."),
    OpenApiParameter("overdue", bool, required=False, description="Only actions past their due date."),
    PAGE_PARAMETER,
]


def _case_of(action: Action):
    return action.case


def _fetch(request: Request, pk: int, *, audit: bool = True) -> Action:
    actor = request.actor
    return guard.fetch(actor, selectors.actions_with_trail(actor=actor), pk, case_of=_case_of, audit=audit)


class ActionList(ApiView):
    permissions = {"GET": "action.list"}
    object_type = "actions.action"

    @extend_schema(operation_id="actions_list", parameters=FILTER_PARAMETERS, responses=page_of(ActionSerializer))
    def get(self, request: Request) -> Response:
        status_filter = request.query_params.get("status", "")
        actions = selectors.actions_for_actor(
            actor=request.actor,
            status=status_filter if status_filter in STATUS_FILTERS else "",
            overdue_only=request.query_params.get("overdue", "").lower() == "true",
        )
        return audited_page(request, actions, ActionSerializer, summary="Listed actions")


class ActionDetail(ApiView):
    permissions = {"GET": "action.list"}
    object_type = "actions.action"

    @extend_schema(operation_id="actions_retrieve", responses=ActionSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(ActionSerializer(_fetch(request, pk)).data)


class ActionUpdates(ApiView):
    """The action's trail of updates; posting one records progress, as the action's update page does."""

    permissions = {"GET": "action.list", "POST": "action.update"}
    object_type = "actions.action"

    @extend_schema(operation_id="actions_updates_list", responses=ActionUpdateSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        action = _fetch(request, pk)
        return Response(ActionUpdateSerializer(action.updates.all(), many=True).data)

    @extend_schema(
        operation_id="actions_updates_create", request=ActionUpdateInputSerializer, responses={201: ActionSerializer}
    )
    def post(self, request: Request, pk: int) -> Response:
        actor = request.actor
        action = _fetch(request, pk, audit=False)
        if not policy.may_update_action(actor, action):
            raise guard.deny(actor, object_type=self.object_type, object_id=pk, reason="May not update this action")
        serializer = ActionUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.action_update(
            actor=actor,
            action=action,
            status=serializer.validated_data["status"],
            note=serializer.validated_data["note"],
        )
        # Read again: whether it is overdue depends on the status just recorded.
        return Response(ActionSerializer(_fetch(request, pk, audit=False)).data, status=status.HTTP_201_CREATED)
