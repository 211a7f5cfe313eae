from django.urls import path

from marac.meetings import calendar_views, coordination_views, minutes_views, views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.meeting_new, name="new"),
    path("calendar.ics", calendar_views.calendar_feed, name="calendar_feed"),
    path("calendar/", calendar_views.calendar_subscription, name="calendar_subscription"),
    path("calendar/new/", calendar_views.calendar_subscription_new, name="calendar_subscription_new"),
    path("calendar/revoke/", calendar_views.calendar_subscription_revoke, name="calendar_subscription_revoke"),
    path("calendar/<slug:token>.ics", calendar_views.subscribed_feed, name="calendar_subscribed_feed"),
    path("<int:pk>/meeting.ics", calendar_views.meeting_ics, name="ics"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/declaration/", views.declare, name="declare"),
    path("<int:pk>/run/", views.meeting_run, name="run"),
    path("<int:pk>/start/", views.meeting_start, name="start"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/close/", views.meeting_close, name="close"),
    path("<int:pk>/coordination/", coordination_views.coordination_page, name="coordination"),
    path("<int:pk>/coordination/open/", coordination_views.coordination_open, name="coordination_open"),
    path("<int:pk>/minutes/", minutes_views.minutes_page, name="minutes"),
    path("<int:pk>/minutes.pdf", minutes_views.minutes_pdf, name="minutes_pdf"),
    path("items/<int:pk>/", views.agenda_item, name="item"),
    path("items/<int:pk>/research/", views.research, name="research"),
    path("items/<int:pk>/coordination/", coordination_views.coordination_case, name="coordination_case"),
    path(
        "items/<int:pk>/coordination/actions/",
        coordination_views.coordination_action_add,
        name="coordination_action_add",
    ),
    path("items/<int:pk>/coordination/review/", coordination_views.coordination_review, name="coordination_review"),
    path(
        "items/<int:pk>/coordination/escalate/", coordination_views.coordination_escalate, name="coordination_escalate"
    ),
    path("items/<int:pk>/draft/", views.agenda_item_draft, name="item_draft"),
    path("items/<int:pk>/actions/", views.agenda_item_action_add, name="item_action_add"),
    path("items/<int:pk>/reviews/<int:action_pk>/", views.agenda_item_action_review, name="item_action_review"),
]
