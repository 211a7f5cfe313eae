"""Changing a locality's report settings: one transaction, every change audited."""

from django.db import transaction

from marac.access.actor import Actor
from marac.agencies.models import Locality
from marac.audit.changes import apply_changes, settings_save
from marac.reports.forms import SETTINGS_FIELDS
from marac.reports.models import ReportSettings


def report_settings_update(*, actor: Actor, locality: Locality, data: dict[str, object]) -> ReportSettings:
    """Save the given fields of the locality's report settings; raises ValidationError naming each bad field. The
    reports use them from the next time they are shown: figures already exported keep what they said."""
    unknown = set(data) - set(SETTINGS_FIELDS)
    if unknown:
        raise ValueError(f"Not report settings: {sorted(unknown)}")
    with transaction.atomic():
        settings, _created = ReportSettings.objects.select_for_update().get_or_create(locality=locality)
        changes = apply_changes(settings, data)
        settings.full_clean(exclude=["locality", "updated_by"])
        settings_save(actor=actor, settings=settings, changes=changes, name="report settings")
    return settings
