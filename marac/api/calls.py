"""One audit event for every call to the API: who (client and token, or the session's user), what, and the answer."""

from rest_framework.request import Request
from rest_framework.response import Response

from marac.audit.models import AuditAction
from marac.audit.services import audit_record

# The codes that mean the call was refused, whatever its method.
REFUSED_STATUSES = frozenset({401, 403, 404, 429})
ACTION_BY_METHOD = {"POST": AuditAction.CREATE, "PUT": AuditAction.UPDATE, "PATCH": AuditAction.UPDATE}


def api_call_record(*, request: Request, response: Response) -> None:
    django_request = request._request
    token = getattr(django_request, "api_token", None)
    status = response.status_code
    action = (
        AuditAction.DENIED if status in REFUSED_STATUSES else ACTION_BY_METHOD.get(request.method, AuditAction.VIEW)
    )
    audit_record(
        actor=django_request.actor,
        action=action,
        summary=f"API {request.method} {django_request.path} answered {status}",
        detail={
            "api_call": True,
            "method": request.method,
            "path": django_request.path,
            "status": status,
            "client": token.client_id if token else None,
            "client_name": token.client.name if token else "",
            "token": token.prefix if token else "",
        },
    )
