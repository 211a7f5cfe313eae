from django.urls import path

from marac.circulation import views

app_name = "circulation"
urlpatterns = [
    path("<int:pk>/circulate/", views.circulate, name="circulate"),
    path("<int:pk>/research-returns/", views.research_grid, name="research_grid"),
    path("<int:pk>/research-returns/reminders/", views.research_reminders, name="research_reminders"),
]
