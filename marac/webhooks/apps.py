from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "marac.webhooks"
    label = "webhooks"
    verbose_name = "Webhooks"
