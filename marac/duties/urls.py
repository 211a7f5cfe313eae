from django.urls import path

from marac.duties import views

app_name = "duties"
urlpatterns = [
    path("", views.our_duties, name="ours"),
    path("locality/", views.monitor, name="monitor"),
    path("protocol/", views.protocol, name="protocol"),
    path("protocol/edit/", views.protocol_edit, name="protocol_edit"),
    path("<int:pk>/", views.duty_detail, name="detail"),
    path("<int:pk>/refer/", views.duty_refer, name="refer"),
    path("<int:pk>/decline/", views.duty_decline, name="decline"),
    path("cases/<int:case_pk>/events/new/", views.event_new, name="event_new"),
]
