from django.urls import path

from marac.pathways import configuration_views, views

app_name = "pathways"
urlpatterns = [
    path("", views.referral_list, name="list"),
    path("new/", views.referral_new, name="new"),
    path("<int:pk>/", views.referral_detail, name="detail"),
    path("<int:pk>/respond/", views.referral_respond, name="respond"),
    path("<int:pk>/feedback/", views.referral_feedback, name="feedback"),
    path("<int:pk>/assess/", views.referral_assess, name="assess"),
    path("<int:pk>/assessments/<int:assessment_pk>/", views.referral_assessment, name="assessment"),
    path("<int:pk>/refer-to-marac/", views.referral_refer_to_marac, name="refer_to_marac"),
    path("settings/", configuration_views.settings_page, name="settings"),
    path("settings/new/", configuration_views.pathway_new, name="pathway_new"),
    path("settings/<int:pk>/", configuration_views.pathway_edit, name="pathway_edit"),
]
