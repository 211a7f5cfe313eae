from django.urls import path

from marac.reports import annual_views, dashboard_views, monitoring_views, settings_views, views

app_name = "reports"
urlpatterns = [
    path("return/", views.data_return, name="return"),
    path("return/export.csv", views.export_csv, name="export_csv"),
    path("return/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("return/figures/<slug:figure_key>/", views.figure_cases, name="figure_cases"),
    path("dashboard/", dashboard_views.dashboard, name="dashboard"),
    path("monitoring/", monitoring_views.monitoring, name="monitoring"),
    path("annual-review/", annual_views.annual_review, name="annual_review"),
    path("annual-review/pack.pdf", annual_views.annual_pack, name="annual_pack"),
    path("settings/", settings_views.settings_page, name="settings"),
]
