from django.urls import path

from marac.meetings import calendar_views, minutes_views, views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.meeting_new, name="new"),
    path("calendar.ics", calendar_views.calendar_feed, name="calendar_feed"),
    path("<int:pk>/meeting.ics", calendar_views.meeting_ics, name="ics"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/declaration/", views.declare, name="declare"),
    path("<int:pk>/run/", views.meeting_run, name="run"),
    path("<int:pk>/start/", views.meeting_start, name="start"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/close/", views.meeting_close, name="close"),
    path("<int:pk>/minutes/", minutes_views.minutes_page, name="minutes"),
    path("<int:pk>/minutes.pdf", minutes_views.minutes_pdf, name="minutes_pdf"),
    path("items/<int:pk>/", views.agenda_item, name="item"),
    path("items/<int:pk>/research/", views.research, name="research"),
    path("items/<int:pk>/actions/", views.agenda_item_action_add, name="item_action_add"),
    path("items/<int:pk>/reviews/<int:action_pk>/", views.agenda_item_action_review, name="item_action_review"),
]
