"""The OpenAPI schema: every operation also documents the refusals and errors it may answer with."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


ERRORS = {
    "401": "No token, or an unknown, expired or revoked one.",
    "403": "The token lacks the scope this call needs.",
    "404": "Not found, or not visible to the caller: the two are not told apart.",
    "429": "Too many calls: wait as the Retry-After header says.",
}


class ApiSchema(AutoSchema):
    def _get_response_bodies(self, direction: str = "response") -> dict:
        responses = super()._get_response_bodies(direction)
        error = self._get_response_for_code(ErrorSerializer, "400")
        for code, description in ERRORS.items():
            responses.setdefault(code, {**error, "description": description})
        responses.setdefault(
            "400",
            {
                "description": "The request breaks a rule: the messages say which, by field.",
                "content": {"application/json": {"schema": {"type": "object", "additionalProperties": True}}},
            },
        )
        return responses


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "marac.api.authentication.ApiTokenAuthentication"
    name = "bearerToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A token issued to your agency's system: `marac_<prefix>_<secret>`.",
        }


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = "marac.api.authentication.VerifiedSessionAuthentication"
    name = "session"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": "sessionid", "description": "Signed in to the pages."}
