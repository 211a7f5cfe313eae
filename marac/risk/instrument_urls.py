from django.urls import path

from marac.risk import instrument_views

urlpatterns = [
    path("", instrument_views.instrument_list, name="instrument_list"),
    path("load/", instrument_views.instrument_load, name="instrument_load"),
    path("<int:pk>/", instrument_views.instrument_detail, name="instrument_detail"),
    path("<int:pk>/file/", instrument_views.instrument_file, name="instrument_file"),
]
