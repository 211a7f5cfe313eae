from django.urls import path

from marac.incidents.imports import views

app_name = "incident_imports"
urlpatterns = [
    path("", views.import_list, name="list"),
    path("new/", views.import_new, name="new"),
    path("<int:pk>/", views.import_detail, name="detail"),
    path("<int:pk>/progress/", views.import_progress, name="progress"),
    path("<int:pk>/bad-rows.csv", views.import_bad_rows, name="bad_rows"),
]
