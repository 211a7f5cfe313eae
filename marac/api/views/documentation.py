"""The schema, and Swagger UI to read and try it, served from our own origin under the pages' CSP.

Swagger UI's assets come from drf-spectacular-sidecar (static files, no CDN); its start-up script is fetched as a
file of its own (the split view), since the CSP allows no inline script.
"""

from csp.decorators import csp_update
from django.utils.decorators import method_decorator
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import IsAuthenticated

from marac.api.views.base import AuditedCallMixin


class _OutsideSignInRedirect:
    @classmethod
    def as_view(cls, **initkwargs):
        view = super().as_view(**initkwargs)
        view.login_required = False
        return view


class SchemaView(_OutsideSignInRedirect, AuditedCallMixin, SpectacularAPIView):
    """For any caller with a valid token or a signed-in session."""

    permission_classes = [IsAuthenticated]


# Swagger UI's stylesheet draws its icons from data: URLs.
@method_decorator(csp_update({"img-src": ["data:"]}), name="dispatch")
class DocsView(AuditedCallMixin, SpectacularSwaggerSplitView):
    """For people signed in to the pages (a browser brings no bearer token): the sign-in redirect applies."""

    permission_classes = [IsAuthenticated]
    template_name = "api/swagger_ui.html"
    url_name = "api:schema"
