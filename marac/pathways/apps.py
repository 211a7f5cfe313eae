from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PathwaysConfig(AppConfig):
    name = "marac.pathways"
    label = "pathways"
    verbose_name = _("Pathways")
