"""URLs of the victims' rights log, releases and escapes, and the provisions checklist."""

from django.urls import path

from marac.rights import views

app_name = "rights"
urlpatterns = [
    path("cases/<int:case_pk>/", views.log, name="log"),
    path("cases/<int:case_pk>/information/new/", views.information_new, name="information_new"),
    path("cases/<int:case_pk>/release-choice/new/", views.choice_new, name="choice_new"),
    path("cases/<int:case_pk>/needs-assessments/new/", views.needs_new, name="needs_new"),
    path("needs-assessments/<int:pk>/", views.needs_detail, name="needs_detail"),
    path("perpetrators/<int:person_pk>/releases/new/", views.custody_event_new, name="custody_event_new"),
    path("releases/<int:pk>/", views.custody_event_detail, name="custody_event"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/<int:pk>/told/", views.notification_told, name="notification_told"),
    path("provisions/<slug:code>/", views.provision_edit, name="provision_edit"),
]
