"""Writes for governance documents: publishing a version, signing it, recording review reminders. One transaction
each, each audited."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from marac.access import policy
from marac.access.actor import Actor
from marac.audit.english import in_english
from marac.audit.models import AuditAction
from marac.audit.services import audit_record
from marac.governance import lawful_bases
from marac.governance.models import (
    REVIEW_NOTICE_DAYS,
    Document,
    DocumentKind,
    DocumentVersion,
    ReviewReminder,
    Signature,
)
from marac.governance.selectors import LATEST_FIRST, all_documents_due_for_review

MAX_LABEL_LENGTH = DocumentVersion._meta.get_field("label").max_length


def document_version_publish(
    *,
    actor: Actor,
    kind: str,
    label: str,
    text: str,
    lawful_bases_codes: list[str],
    effective_on: dt.date,
    review_on: dt.date,
    summary_of_changes: str = "",
) -> DocumentVersion:
    """Publish a new version of the actor's locality's protocol or agreement. It becomes the current version at once,
    and every agency must sign it: signatures of earlier versions no longer count."""
    if not policy.has_permission(actor, "governance.publish"):
        raise ValidationError(gettext("Only a locality administrator can publish a protocol or agreement."))
    label, text, summary_of_changes = label.strip(), text.strip(), summary_of_changes.strip()
    errors: dict[str, str] = {}
    if kind not in DocumentKind.values:
        errors["kind"] = gettext("Choose the operating protocol or the information-sharing agreement.")
    if not label:
        errors["label"] = gettext("Enter the version number.")
    elif len(label) > MAX_LABEL_LENGTH:
        errors["label"] = gettext("The version number must be %(limit)s characters or fewer.") % {
            "limit": MAX_LABEL_LENGTH
        }
    if not text:
        errors["text"] = gettext("Enter the text of the document.")
    unknown = [code for code in lawful_bases_codes if code not in lawful_bases.BY_CODE]
    if not lawful_bases_codes:
        errors["lawful_bases"] = gettext("Select at least one lawful basis the document relies on.")
    elif unknown:
        errors["lawful_bases"] = gettext("Unknown lawful basis: %(codes)s.") % {"codes": ", ".join(unknown)}
    if review_on <= effective_on:
        errors["review_on"] = gettext("The review date must be after the date the version takes effect.")
    if errors:
        raise ValidationError(errors)
    ordered_codes = [basis.code for basis in lawful_bases.CATALOGUE if basis.code in lawful_bases_codes]
    with transaction.atomic():
        document, _created = Document.objects.get_or_create(locality=actor.locality, kind=kind)
        # Serialises publishing and signing of one document, so a signature never lands on a version that was
        # replaced while it was being made.
        document = Document.objects.select_for_update().get(pk=document.pk)
        if document.versions.filter(label=label).exists():
            raise ValidationError(
                {
                    "label": gettext("Version %(label)s already exists. Give the new version a new number.")
                    % {"label": label}
                }
            )
        previous = document.versions.order_by(*LATEST_FIRST).first()
        version = DocumentVersion.objects.create(
            document=document,
            label=label,
            text=text,
            summary_of_changes=summary_of_changes,
            lawful_bases=ordered_codes,
            effective_on=effective_on,
            review_on=review_on,
            published_at=timezone.now(),
            published_by=actor.user,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target=version,
            summary=f"Published {in_english(document.get_kind_display()).lower()} version {label}",
            detail={
                "kind": kind,
                "label": label,
                "replaces": previous.pk if previous else None,
                "lawful_bases": ordered_codes,
                "effective_on": effective_on.isoformat(),
                "review_on": review_on.isoformat(),
            },
        )
    return version


def document_sign(
    *, actor: Actor, version: DocumentVersion, signer_name: str, signer_role: str
) -> tuple[Signature, bool]:
    """The actor signs the current version for their agency. Signing a version the agency already signed changes
    nothing and returns the existing signature; signing a replaced version is refused.

    Returns the signature and whether it was made now."""
    if not policy.has_permission(actor, "governance.sign"):
        raise ValidationError(gettext("Only an agency representative or the coordinator can sign for an agency."))
    agency = actor.agency
    if version.document.locality_id != agency.locality_id:
        raise ValidationError(gettext("An agency can only sign its own locality's documents."))
    signer_name, signer_role = signer_name.strip(), signer_role.strip()
    errors = {}
    if not signer_name:
        errors["signer_name"] = gettext("Enter your name as you sign.")
    if not signer_role:
        errors["signer_role"] = gettext("Enter your role in your agency.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=version.document_id)
        latest = document.versions.order_by(*LATEST_FIRST).first()
        if latest.pk != version.pk:
            raise ValidationError(
                gettext(
                    "Version %(label)s has been replaced by version %(latest)s. Read and sign the current version "
                    "instead."
                )
                % {"label": version.label, "latest": latest.label}
            )
        existing = Signature.objects.filter(version=version, agency=agency).first()
        if existing is not None:
            return existing, False
        signature = Signature.objects.create(
            version=version,
            agency=agency,
            signed_by=actor.user,
            signed_at=timezone.now(),
            signer_name=signer_name,
            signer_role=signer_role,
        )
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            target=signature,
            summary=f"Signed {in_english(document.get_kind_display()).lower()} version {version.label} for {agency}",
            detail={"version": version.pk, "agency": agency.pk, "signer_name": signer_name, "signer_role": signer_role},
        )
    return signature, True


def review_reminders_record(
    *, actor: Actor, today: dt.date, within_days: int = REVIEW_NOTICE_DAYS
) -> list[ReviewReminder]:
    """Record one reminder for each current version whose review is due within `within_days` or overdue, unless one
    was recorded for that version and review date before. Returns the reminders recorded now."""
    with transaction.atomic():
        due = list(all_documents_due_for_review(within_days, today=today))
        already = set(ReviewReminder.objects.filter(version__in=due).values_list("version_id", "due_on"))
        now = timezone.now()
        recorded = []
        for version in due:
            if (version.pk, version.review_on) in already:
                continue
            reminder = ReviewReminder.objects.create(version=version, due_on=version.review_on, recorded_at=now)
            audit_record(
                actor=actor,
                action=AuditAction.CREATE,
                target=reminder,
                summary=f"Review reminder: {in_english(version)}, review due on {version.review_on:%d %B %Y}",
                detail={"version": version.pk, "due_on": version.review_on.isoformat()},
            )
            recorded.append(reminder)
    return recorded
