from django.urls import path

from marac.incidents import views

app_name = "incidents"
urlpatterns = [
    path("", views.incident_list, name="list"),
    path("new/", views.incident_new, name="new"),
    path("<int:pk>/", views.incident_detail, name="detail"),
    path("flags/", views.flag_list, name="flags"),
    path("flags/<int:pk>/", views.flag_detail, name="flag_detail"),
    path("flags/<int:pk>/resolve/", views.flag_resolve_view, name="flag_resolve"),
]
