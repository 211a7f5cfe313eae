from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "marac.api"
    label = "api"
    verbose_name = "API clients"
