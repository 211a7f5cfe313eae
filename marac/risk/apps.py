from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _register_shipped_instruments(sender, **kwargs) -> None:
    from marac.risk.registry import register_shipped_instruments

    register_shipped_instruments()


class RiskConfig(AppConfig):
    name = "marac.risk"
    label = "risk"

    def ready(self) -> None:
        post_migrate.connect(_register_shipped_instruments, sender=self)
