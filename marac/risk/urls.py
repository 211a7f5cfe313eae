"""Risk pages: instruments (locality administrators), assessments, and reviews."""

from django.urls import include, path

app_name = "risk"
urlpatterns = [
    path("instruments/", include("marac.risk.instrument_urls")),
    path("", include("marac.risk.assessment_urls")),
    path("reviews/", include("marac.risk.review_urls")),
]
