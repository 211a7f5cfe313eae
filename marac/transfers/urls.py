from django.urls import path

from marac.transfers import views

app_name = "transfers"
urlpatterns = [
    path("", views.transfer_list, name="list"),
    path("cases/<int:case_pk>/new/", views.transfer_new, name="new"),
    path("<int:pk>/", views.transfer_detail, name="detail"),
    path("<int:pk>/withdraw/", views.transfer_withdraw, name="withdraw"),
    path("<int:pk>/accept/", views.transfer_accept, name="accept"),
    path("<int:pk>/decline/", views.transfer_decline, name="decline"),
]
