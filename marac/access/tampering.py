"""Forms whose choices are records (agencies, meetings, people): a value that was never offered means the page
was edited in the browser, so the refusal is audited as well as shown to the user as a form error."""

from django import forms

from marac.access.middleware import current_actor
from marac.audit.models import AuditAction
from marac.audit.services import audit_record

# The codes Django gives a choice that was not among those offered.
TAMPERING_CODES = frozenset({"invalid_choice", "invalid_pk_value", "invalid_list"})


class TamperEvidentForm(forms.Form):
    def full_clean(self) -> None:
        super().full_clean()
        if not self.is_bound:
            return
        tampered = sorted(
            name
            for name, errors in self.errors.as_data().items()
            if any(error.code in TAMPERING_CODES for error in errors)
        )
        actor = current_actor()
        if tampered and actor is not None:
            audit_record(
                actor=actor,
                action=AuditAction.DENIED,
                summary="Refused a choice the form never offered",
                detail={"form": type(self).__name__, "fields": tampered},
            )
