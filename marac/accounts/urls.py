from django.urls import path

from marac.accounts import language_views, views

app_name = "accounts"
urlpatterns = [
    path("code/", views.second_step, name="second_step"),
    path("set-up/", views.set_up, name="set_up"),
    path("backup-codes/", views.backup_codes, name="backup_codes"),
    path("backup-codes/new/", views.backup_codes_new, name="backup_codes_new"),
    path("language/", language_views.language, name="language"),
]
