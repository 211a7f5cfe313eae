"""URLs of matac, under /matac/ (the ranking of serial perpetrators is rfgv's, under /matac/ranking/)."""

from django.urls import path

from marac.matac import action_views, meeting_views, views

app_name = "matac"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("nominate/", views.nominate, name="nominate"),
    path("selection/", views.selection, name="selection"),
    path("nominations/", views.nomination_list, name="nominations"),
    path("nominations/<int:pk>/", views.nomination_detail, name="nomination"),
    path("nominations/<int:pk>/decide/", views.nomination_decide, name="decide"),
    path("nominations/<int:pk>/exit/", views.nomination_exit_view, name="exit"),
    path("meetings/new/", meeting_views.meeting_new, name="meeting_new"),
    path("meetings/<int:pk>/", meeting_views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/nominees/", meeting_views.listing_add, name="listing_add"),
    path("meetings/<int:pk>/start/", meeting_views.meeting_start, name="meeting_start"),
    path("meetings/<int:pk>/attendance/", meeting_views.meeting_attendance, name="meeting_attendance"),
    path("meetings/<int:pk>/close/", meeting_views.meeting_close, name="meeting_close"),
    path("listings/<int:pk>/", meeting_views.listing_detail, name="listing"),
    path("listings/<int:pk>/actions/", meeting_views.listing_action_add, name="listing_action_add"),
    path("actions/", action_views.action_list, name="actions"),
    path("actions/<int:pk>/", action_views.action_detail, name="action"),
    path("actions/<int:pk>/update/", action_views.action_update, name="action_update"),
]
