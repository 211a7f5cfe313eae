"""URLs of perpetrators: the perpetrator page, orders, breaches and court-ordered programmes."""

from django.urls import path

from marac.perpetrators import views

app_name = "perpetrators"
urlpatterns = [
    path("<int:pk>/", views.perpetrator_detail, name="detail"),
    path("orders/", views.order_list, name="orders"),
    path("orders/<int:pk>/", views.order_detail, name="order_detail"),
    path("orders/<int:order_pk>/breaches/new/", views.breach_new, name="breach_new"),
    path("cases/<int:case_pk>/orders/new/", views.order_new, name="order_new"),
    path("breaches/<int:pk>/respond/", views.breach_respond_view, name="breach_respond"),
    path("breaches/report/", views.breach_report, name="breach_report"),
    path("cases/<int:case_pk>/programmes/new/", views.programme_new, name="programme_new"),
    path("programmes/<int:pk>/", views.programme_update_view, name="programme_update"),
]
