from django.urls import path

from marac.access import views

app_name = "access"
urlpatterns = [
    path("cases/<int:case_pk>/must-not-see/", views.case_exclusions, name="case_exclusions"),
    path(
        "cases/<int:case_pk>/must-not-see/<int:pk>/remove/", views.case_exclusion_remove, name="case_exclusion_remove"
    ),
]
