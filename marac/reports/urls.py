from django.urls import path

from marac.reports import views

app_name = "reports"
urlpatterns = [
    path("return/", views.data_return, name="return"),
    path("return/export.csv", views.export_csv, name="export_csv"),
    path("return/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("return/figures/<slug:figure_key>/", views.figure_cases, name="figure_cases"),
]
