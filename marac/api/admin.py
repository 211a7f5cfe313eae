"""API clients and tokens in the admin site: to see them and revoke a token at once. Clients are registered and
tokens issued with the `api_tokens` command, which shows a token's secret once (the site never stores it)."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from marac.api.models import ApiClient, ApiToken
from marac.api.services import api_token_revoke
from marac.read_only_admin import ReadOnlyAdmin


@admin.register(ApiClient)
class ApiClientAdmin(ReadOnlyAdmin):
    list_display = ("name", "membership", "created_at")
    list_select_related = ("membership__agency", "membership__user")


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ("prefix", "client", "scopes", "expires_at", "revoked_at", "last_used_at")
    list_filter = ("client",)
    list_select_related = ("client__membership__agency",)
    exclude = ("secret_hash",)
    actions = ["revoke"]

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        tokens = list(queryset.select_related("client"))
        for token in tokens:
            api_token_revoke(actor=request.actor, token=token)
        self.message_user(request, f"Revoked {len(tokens)} tokens.", messages.SUCCESS)
