"""URLs of the glossary."""

from django.urls import path

from marac.glossary import views

app_name = "glossary"
urlpatterns = [
    path("", views.glossary, name="list"),
    path("new/", views.term_new, name="new"),
    path("<slug:key>/", views.term_edit, name="edit"),
    path("<slug:key>/remove/", views.term_remove, name="remove"),
    path("<slug:key>/restore/", views.term_restore, name="restore"),
]
