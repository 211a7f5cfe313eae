from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    name = "marac.accounts"
    label = "accounts"
    verbose_name = "Signing in"

    def ready(self) -> None:
        from marac.accounts import signals  # noqa: F401  (connects the lock-out audit)


class VerifiedAdminConfig(admin_apps.AdminConfig):
    """The Django admin, on a site that only lets in staff who passed the second sign-in step."""

    default = False
    default_site = "marac.accounts.admin_site.VerifiedAdminSite"
