"""The admin site behind the same two-step sign-in as every other page."""

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme

from marac.accounts import services


class VerifiedAdminSite(admin.AdminSite):
    site_header = "marac administration"
    site_title = "marac administration"

    def has_permission(self, request: HttpRequest) -> bool:
        is_verified = getattr(request.user, "is_verified", None)
        return super().has_permission(request) and is_verified is not None and is_verified()

    @method_decorator(login_not_required)
    def login(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        """The admin's own form would check the password alone: everyone signs in through the two-step flow."""
        wanted = request.GET.get(REDIRECT_FIELD_NAME, "")
        if not url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}):
            wanted = reverse("admin:index", current_app=self.name)
        if not request.user.is_authenticated:
            return redirect_to_login(wanted)
        if self.has_permission(request):
            return redirect(wanted)
        # Signed in, but not staff: the admin is not there for them, as with any page they may not see.
        raise Http404

    def logout(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        if request.user.is_authenticated:
            services.sign_out_record(actor=request.actor, reason="from the admin site")
        return super().logout(request, extra_context)
