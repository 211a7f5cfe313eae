from django.urls import path

from marac.audit import views

app_name = "audit"
urlpatterns = [
    path("cases/<int:case_pk>/", views.case_trail, name="case_trail"),
    path("search/", views.search, name="search"),
    path("search/export/", views.search_export, name="search_export"),
]
