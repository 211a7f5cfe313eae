from django.urls import path

from marac.governance import views

app_name = "governance"
urlpatterns = [
    path("", views.documents, name="documents"),
    path("<str:kind>/new/", views.version_new, name="version_new"),
    path("versions/<int:pk>/", views.version_detail, name="version_detail"),
    path("versions/<int:pk>/sign/", views.sign, name="sign"),
]
