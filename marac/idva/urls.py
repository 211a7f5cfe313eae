from django.urls import path

from marac.idva import views

app_name = "idva"
urlpatterns = [
    path("cases/", views.case_list, name="cases"),
    path("cases/<int:case_pk>/contacts/new/", views.contact_new, name="contact_new"),
    path("report-backs/", views.report_back_list, name="report_backs"),
    path("report-backs/<int:pk>/complete/", views.report_back_complete, name="report_back_complete"),
]
