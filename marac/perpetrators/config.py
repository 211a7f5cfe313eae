"""A locality's settings for orders and breaches: its own row, or the defaults."""

from marac.agencies.models import Locality
from marac.perpetrators.models import PerpetratorSettings


def perpetrator_settings(locality: Locality) -> PerpetratorSettings:
    """The locality's settings; an unsaved row with the defaults when it has none (reading never writes)."""
    return PerpetratorSettings.objects.filter(locality=locality).first() or PerpetratorSettings(locality=locality)
