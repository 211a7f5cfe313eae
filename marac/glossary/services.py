"""Writes for the glossary: a locality changes, adds, removes and restores terms. One transaction each, audited.

Glossary words are configuration, not personal data: the audit event keeps them, before and after.
"""

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from marac.access import policy
from marac.access.actor import Actor
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.glossary import selectors
from marac.glossary.defaults import SHIPPED_BY_KEY
from marac.glossary.models import GlossaryTerm

TERM_MAX_LENGTH = 120
DEFINITION_MAX_LENGTH = 2000
LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


def _require_editor(actor: Actor) -> None:
    if not policy.has_permission(actor, "glossary.edit") or actor.locality is None:
        raise PermissionDenied("Only the coordinator or the locality administrator may edit the glossary.")


def _clean_wording(wording: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """Keep the languages with words; a term needs its definition and a definition its term, in each language."""
    cleaned: dict[str, dict[str, str]] = {}
    errors: dict[str, str] = {}
    for code in LANGUAGE_CODES:
        words = wording.get(code) or {}
        term = (words.get("term") or "").strip()
        definition = (words.get("definition") or "").strip()
        if term and not definition:
            errors[f"definition_{code}"] = gettext("Enter the definition of the term in this language.")
        elif definition and not term:
            errors[f"term_{code}"] = gettext("Enter the term this definition explains.")
        elif len(term) > TERM_MAX_LENGTH:
            errors[f"term_{code}"] = gettext("A term is at most %(limit)s characters.") % {"limit": TERM_MAX_LENGTH}
        elif len(definition) > DEFINITION_MAX_LENGTH:
            errors[f"definition_{code}"] = gettext("A definition is at most %(limit)s characters.") % {
                "limit": DEFINITION_MAX_LENGTH
            }
        elif term:
            cleaned[code] = {"term": term, "definition": definition}
    if errors:
        raise ValidationError(errors)
    if not cleaned:
        raise ValidationError(
            {NON_FIELD_ERRORS: gettext("Enter the term and its definition in at least one language.")}
        )
    return cleaned


def _check_name_free(actor: Actor, wording: dict[str, dict[str, str]], *, key: str | None) -> None:
    """Two entries with the same name would leave agencies guessing which one is meant."""
    names = {selectors.sort_key(words["term"]) for words in wording.values()}
    for language in LANGUAGE_CODES:
        for entry in selectors.glossary_entries(locality=actor.locality, language=language):
            if entry.key != key and not entry.removed and selectors.sort_key(entry.term) in names:
                raise ValidationError(
                    {
                        NON_FIELD_ERRORS: gettext(
                            "The glossary already has “%(term)s”. Change that entry instead of adding another."
                        )
                        % {"term": entry.term}
                    }
                )


def _english_name(wording: dict[str, dict[str, str]], key: str) -> str:
    words = wording.get(settings.LANGUAGE_CODE) or next(iter(wording.values()), {})
    return words.get("term") or key


def _new_key(actor: Actor, wording: dict[str, dict[str, str]]) -> str:
    base = slugify(_english_name(wording, ""))[:50] or "term"
    taken = set(GlossaryTerm.objects.filter(locality=actor.locality).values_list("key", flat=True)) | set(
        SHIPPED_BY_KEY
    )
    taken.add("new")  # the address of the page that adds a term
    key, number = base, 2
    while key in taken:
        key, number = f"{base}-{number}", number + 1
    return key


def glossary_term_add(*, actor: Actor, wording: dict[str, dict[str, str]]) -> GlossaryTerm:
    """Add a term of the locality's own."""
    _require_editor(actor)
    wording = _clean_wording(wording)
    with transaction.atomic():
        _check_name_free(actor, wording, key=None)
        term = GlossaryTerm.objects.create(
            locality=actor.locality,
            key=_new_key(actor, wording),
            wording=wording,
            updated_by=actor.user,
            updated_at=timezone.now(),
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target=term,
            summary=f"Added “{_english_name(wording, term.key)}” to the glossary",
            detail={"key": term.key, "wording": wording},
        )
    return term


def _locked_row(actor: Actor, key: str) -> GlossaryTerm | None:
    return GlossaryTerm.objects.select_for_update().filter(locality=actor.locality, key=key).first()


def _require_known(actor: Actor, key: str, row: GlossaryTerm | None) -> None:
    if row is None and key not in SHIPPED_BY_KEY:
        raise ValidationError({NON_FIELD_ERRORS: gettext("There is no such term in the glossary.")})


def _save(actor: Actor, key: str, row: GlossaryTerm | None, *, wording: dict, removed: bool) -> GlossaryTerm:
    if row is None:
        row = GlossaryTerm(locality=actor.locality, key=key)
    row.wording, row.removed = wording, removed
    row.updated_by, row.updated_at = actor.user, timezone.now()
    row.save()
    return row


def glossary_term_change(*, actor: Actor, key: str, wording: dict[str, dict[str, str]]) -> GlossaryTerm:
    """Put the locality's own words on a term: a shipped one, or one it added."""
    _require_editor(actor)
    wording = _clean_wording(wording)
    with transaction.atomic():
        row = _locked_row(actor, key)
        _require_known(actor, key, row)
        _check_name_free(actor, wording, key=key)
        before = selectors.term_wording(locality=actor.locality, key=key)
        term = _save(actor, key, row, wording=wording, removed=bool(row and row.removed))
        audit_record(
            actor=actor,
            action=AuditAction.CREATE if row is None else AuditAction.UPDATE,
            target=term,
            summary=f"Changed “{_english_name(wording, key)}” in the glossary",
            detail={"key": key, "before": before, "after": wording},
        )
    return term


def glossary_term_remove(*, actor: Actor, key: str) -> GlossaryTerm:
    """Take a term out of the locality's glossary. It can be restored."""
    _require_editor(actor)
    with transaction.atomic():
        row = _locked_row(actor, key)
        _require_known(actor, key, row)
        if row is not None and row.removed:
            return row
        term = _save(actor, key, row, wording=row.wording if row else {}, removed=True)
        audit_record(
            actor=actor,
            action=AuditAction.CREATE if row is None else AuditAction.UPDATE,
            target=term,
            summary=f"Removed “{_english_name(selectors.term_wording(locality=actor.locality, key=key), key)}” "
            "from the glossary",
            detail={"key": key},
        )
    return term


def glossary_term_restore(*, actor: Actor, key: str) -> GlossaryTerm:
    """Put a removed term back; a shipped term changed by the locality goes back to the shipped words."""
    _require_editor(actor)
    with transaction.atomic():
        row = _locked_row(actor, key)
        if row is None:
            raise ValidationError({NON_FIELD_ERRORS: gettext("This term has not been changed or removed.")})
        before = {"wording": row.wording, "removed": row.removed}
        shipped = key in SHIPPED_BY_KEY
        wording = {} if shipped else row.wording
        if not shipped:
            # A term the locality added comes back only if no other entry took its name meanwhile.
            _check_name_free(actor, wording, key=key)
        term = _save(actor, key, row, wording=wording, removed=False)
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=term,
            summary=(
                f"Restored the shipped words of “{_english_name(selectors.shipped_wording(key), key)}” in the glossary"
                if shipped
                else f"Restored “{_english_name(wording, key)}” to the glossary"
            ),
            detail={"key": key, "before": before},
        )
    return term
