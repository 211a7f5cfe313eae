from django.urls import path

from marac.people import views

app_name = "people"
urlpatterns = [
    path("subject-access/", views.subject_access_find, name="subject_access_find"),
    path("<int:pk>/subject-access/", views.subject_access_view, name="subject_access"),
    path("<int:pk>/subject-access/file/", views.subject_access_download, name="subject_access_download"),
    path("cases/<int:case_pk>/legal-hold/", views.legal_hold, name="legal_hold"),
]
