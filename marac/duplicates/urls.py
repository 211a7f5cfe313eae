from django.urls import path

from marac.duplicates import views

app_name = "duplicates"
urlpatterns = [
    path("", views.candidate_list, name="list"),
    path("<int:pk>/", views.candidate_detail, name="detail"),
    path("<int:pk>/undo/", views.candidate_undo, name="undo"),
]
