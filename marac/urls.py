from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from marac import views

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", auth_views.LoginView.as_view(template_name="auth/login.html"), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("switch-agency/", views.switch_agency, name="switch_agency"),
    path("", include("marac.referrals.urls")),
    path("meetings/", include("marac.meetings.urls")),
    path("actions/", include("marac.actions.urls")),
    path("idva/", include("marac.idva.urls")),
    path("audit/", include("marac.audit.urls")),
    path("risk/", include("marac.risk.urls")),
    path("governance/", include("marac.governance.urls")),
    path("access/", include("marac.access.urls")),
    path("admin/", admin.site.urls),
]
