"""What every API view shares: outside the pages' sign-in redirect, permission per method, one audit event a call."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from marac.api.calls import api_call_record


def service_error(error: DjangoValidationError) -> exceptions.ValidationError:
    """A service's rule violations, by field, as the API's 400 (with DRF's name for those of no one field)."""
    if hasattr(error, "error_dict"):
        return exceptions.ValidationError(
            {
                ("non_field_errors" if key == NON_FIELD_ERRORS else key): messages
                for key, messages in error.message_dict.items()
            }
        )
    return exceptions.ValidationError({"non_field_errors": error.messages})


class AuditedCallMixin:
    """Every answer, refusals included, is recorded once (`marac.api.calls`)."""

    def finalize_response(self, request: Request, response: Response, *args, **kwargs) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        api_call_record(request=request, response=response)
        return response


class ApiView(AuditedCallMixin, APIView):
    """`permissions` names the rulebook's permission for each method; `object_type` what a refusal is about."""

    permissions: dict[str, str] = {}
    object_type: str = ""

    @classmethod
    def as_view(cls, **initkwargs):
        view = super().as_view(**initkwargs)
        # A token is not a signed-in session: the API answers 401 itself rather than redirect to the sign-in page.
        view.login_required = False
        return view

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, DjangoValidationError):
            exc = service_error(exc)
        return super().handle_exception(exc)
