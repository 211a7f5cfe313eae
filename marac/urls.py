from django.contrib import admin
from django.urls import include, path

from marac import views
from marac.accounts import views as accounts_views

urlpatterns = [
    path("", views.home, name="home"),
    path("sections/", views.sections, name="sections"),
    path("sign-in/", accounts_views.SignInView.as_view(), name="login"),
    path("sign-out/", accounts_views.SignOutView.as_view(), name="logout"),
    path("account/", include("marac.accounts.urls")),
    path("switch-agency/", views.switch_agency, name="switch_agency"),
    path("", include("marac.referrals.urls")),
    path("meetings/", include("marac.meetings.urls")),
    path("meetings/", include("marac.circulation.urls")),
    path("actions/", include("marac.actions.urls")),
    path("idva/", include("marac.idva.urls")),
    path("audit/", include("marac.audit.urls")),
    path("risk/", include("marac.risk.urls")),
    path("governance/", include("marac.governance.urls")),
    path("access/", include("marac.access.urls")),
    path("people/", include("marac.people.urls")),
    path("duplicates/", include("marac.duplicates.urls")),
    path("transfers/", include("marac.transfers.urls")),
    path("pathways/", include("marac.pathways.urls")),
    path("incidents/imports/", include("marac.incidents.imports.urls")),
    path("incidents/", include("marac.incidents.urls")),
    path("perpetrators/", include("marac.perpetrators.urls")),
    path("matac/ranking/", include("marac.rfgv.urls")),
    path("matac/", include("marac.matac.urls")),
    path("reports/", include("marac.reports.urls")),
    path("rights/", include("marac.rights.urls")),
    path("glossary/", include("marac.glossary.urls")),
    path("duties/", include("marac.duties.urls")),
    path("api/v1/", include("marac.api.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "marac.refusals.bad_request"
