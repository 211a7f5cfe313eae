"""Changing a person's own settings, with an audit event saying what changed."""

from django.db import transaction

from marac.access.actor import Actor
from marac.accounts.models import UserPreference
from marac.audit.changes import apply_changes
from marac.audit.models import AuditAction
from marac.audit.services import audit_record


def language_choose(*, actor: Actor, language: str) -> UserPreference:
    """Saves the actor's own language ("" to follow her locality's); audited only when it changes."""
    with transaction.atomic():
        preference, _created = UserPreference.objects.select_for_update().get_or_create(user=actor.user)
        changes = apply_changes(preference, {"language": language})
        if changes:
            preference.save(update_fields=["language"])
            audit_record(
                actor=actor,
                action=AuditAction.UPDATE,
                target=preference,
                summary="Changed the language of the pages",
                detail=changes,
            )
    return preference
