"""Review pages, mounted at risk/reviews/: names are risk:<name>."""

from django.urls import path

from marac.risk import review_views

urlpatterns = [
    path("", review_views.review_list, name="reviews"),
    path("cases/<int:case_pk>/new/", review_views.trigger_new, name="trigger_new"),
]
