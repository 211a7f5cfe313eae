from django.urls import path

from marac.actions import followup_views, views

app_name = "actions"
urlpatterns = [
    path("", views.action_list, name="ours"),
    path("by-agency/", views.action_performance, name="performance"),
    path("<int:pk>/", views.action_detail, name="detail"),
    path("<int:pk>/update/", views.action_update, name="update"),
    path("<int:pk>/chase/", followup_views.action_chase_record, name="chase"),
]
