from django.urls import path

from marac.risk import assessment_views

urlpatterns = [
    path("cases/<int:case_pk>/assess/", assessment_views.assessment_new, name="assess"),
    path("assessments/<int:pk>/", assessment_views.assessment_detail, name="assessment_detail"),
]
