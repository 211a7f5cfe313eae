"""A call needs two things: its token's scope, and the rulebook's permission for the acting role.

The scope narrows what a client's token may do; it never widens the rulebook. A missing scope is a 403 (it says
nothing about any record); a role without the permission is refused by `guard.require` as the pages refuse it:
404, audited.
"""

from typing import TYPE_CHECKING

from rest_framework import exceptions
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

if TYPE_CHECKING:
    from rest_framework.views import APIView

from marac.access import guard
from marac.audit.models import AuditAction
from marac.audit.services import audit_record


def acting_token(request: Request):
    """The token the call was made with; None for a browser session."""
    return getattr(request._request, "api_token", None)


class ScopeAndRulebook(BasePermission):
    """Each view names the permission of each method in `permissions`, for example {"GET": "case.list"}."""

    def has_permission(self, request: Request, view: "APIView") -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        permission = view.permissions.get(request.method)
        if permission is None:
            # HEAD and OPTIONS read as GET does.
            permission = view.permissions.get("GET")
        if permission is None:
            raise exceptions.MethodNotAllowed(request.method)
        actor = request.actor
        token = acting_token(request)
        if token is not None and permission not in token.scopes:
            audit_record(
                actor=actor,
                action=AuditAction.DENIED,
                summary=f"API token lacks the scope {permission}",
                detail={"object_type": view.object_type, "token": token.prefix, "scope": permission},
            )
            raise exceptions.PermissionDenied(f"This token does not have the scope {permission}.")
        guard.require(actor, permission, object_type=view.object_type)
        return True
