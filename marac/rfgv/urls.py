from django.urls import path

from marac.rfgv import views

app_name = "rfgv"
urlpatterns = [
    path("", views.ranking, name="ranking"),
    path("people/<int:person_pk>/", views.explanation, name="explanation"),
    path("settings/", views.settings_page, name="settings"),
]
