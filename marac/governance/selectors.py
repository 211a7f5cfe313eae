"""Reads for governance documents: which version is current, who signed it, and whether an agency may receive case
information at all.

The current version of a document is its latest published one. It is computed in SQL (a correlated subquery) so that
the gate below costs one query and can never disagree with the pages.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from marac.access.actor import Actor
from marac.agencies.models import Agency, Locality
from marac.governance.models import (
    REVIEW_NOTICE_DAYS,
    Document,
    DocumentKind,
    DocumentVersion,
    ReviewState,
    Signature,
)

LATEST_FIRST = ("-published_at", "-pk")


def _latest_version_of_document(document_ref) -> Subquery:
    return Subquery(DocumentVersion.objects.filter(document=document_ref).order_by(*LATEST_FIRST).values("pk")[:1])


def _current_version_pk(*, locality_id, kind: str) -> Subquery:
    return Subquery(
        DocumentVersion.objects.filter(document__locality_id=locality_id, document__kind=kind)
        .order_by(*LATEST_FIRST)
        .values("pk")[:1]
    )


def current_versions(locality: Locality) -> QuerySet[DocumentVersion]:
    """The current version of each of the locality's documents: at most one per kind."""
    return DocumentVersion.objects.filter(
        document__locality=locality, pk=_latest_version_of_document(OuterRef("document"))
    ).select_related("document", "published_by")


def current_version(*, locality: Locality, kind: str) -> DocumentVersion | None:
    return current_versions(locality).filter(document__kind=kind).first()


def is_current(version: DocumentVersion) -> bool:
    latest = DocumentVersion.objects.filter(document_id=version.document_id).order_by(*LATEST_FIRST).first()
    return latest is not None and latest.pk == version.pk


def agency_may_receive_case_information(agency: Agency | None) -> bool:
    """True only when the agency has signed the current version of its locality's information-sharing agreement.

    One query, whatever the data: call it once per request and keep the answer. No agreement published means no
    agency has signed one, so no agency receives case information."""
    if agency is None:
        return False
    current = _current_version_pk(locality_id=agency.locality_id, kind=DocumentKind.AGREEMENT)
    return Signature.objects.filter(agency_id=agency.pk, version_id=current).exists()


def signed_current_agreement(agency_ref, locality_ref) -> Exists:
    """The gate above as an expression, for a query that reads the agency anyway (the actor's memberships)."""
    current = _current_version_pk(locality_id=locality_ref, kind=DocumentKind.AGREEMENT)
    return Exists(Signature.objects.filter(agency_id=agency_ref, version_id=current))


def agencies_without_current_signature(locality: Locality) -> QuerySet[Agency]:
    """The locality's active agencies that receive no case information: they have not signed the current agreement."""
    current = _current_version_pk(locality_id=locality.pk, kind=DocumentKind.AGREEMENT)
    signed = Signature.objects.filter(agency_id=OuterRef("pk"), version_id=current)
    return Agency.objects.filter(locality=locality, is_active=True).exclude(Exists(signed)).order_by("name")


def documents_due_for_review(
    locality: Locality, within_days: int = REVIEW_NOTICE_DAYS, *, today: dt.date | None = None
) -> QuerySet[DocumentVersion]:
    """Current versions whose review date is within `within_days` or already past. A superseded version needs no
    review: replacing it was the review."""
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=within_days)
    return current_versions(locality).filter(review_on__lte=horizon).order_by("review_on")


def all_documents_due_for_review(within_days: int = REVIEW_NOTICE_DAYS, *, today: dt.date) -> QuerySet[DocumentVersion]:
    """`documents_due_for_review` for every locality at once, for the scheduled reminders."""
    return (
        DocumentVersion.objects.filter(
            pk=_latest_version_of_document(OuterRef("document")),
            review_on__lte=today + dt.timedelta(days=within_days),
        )
        .select_related("document__locality")
        .order_by("review_on", "pk")
    )


# Pages -------------------------------------------------------------------------------------------------------------


def visible_document_versions(actor: Actor) -> QuerySet[DocumentVersion]:
    """Versions of the actor's own locality's documents; every member of the locality may read them."""
    if actor.membership is None:
        return DocumentVersion.objects.none()
    return DocumentVersion.objects.filter(document__locality=actor.locality).select_related("document", "published_by")


@dataclass(frozen=True)
class AgencySignature:
    """One member agency's line in a version's table of signatures."""

    agency: Agency
    signature: Signature | None


@dataclass(frozen=True)
class DocumentOverview:
    kind: DocumentKind
    current: DocumentVersion | None
    review_state: ReviewState | None
    earlier: list[DocumentVersion]
    agencies: list[AgencySignature]
    own_signature: Signature | None  # the acting agency's signature of the current version

    @property
    def signed_count(self) -> int:
        return sum(1 for row in self.agencies if row.signature is not None)

    @property
    def anchor(self) -> str:
        return f"{self.kind}-current"


def _signature_rows(agencies: list[Agency], signatures: list[Signature]) -> list[AgencySignature]:
    """Every active member agency, and any agency that signed and has since left, in name order."""
    by_agency = {signature.agency_id: signature for signature in signatures}
    listed = {agency.pk: agency for agency in agencies}
    for signature in signatures:
        listed.setdefault(signature.agency_id, signature.agency)
    return [
        AgencySignature(agency=agency, signature=by_agency.get(agency.pk))
        for agency in sorted(listed.values(), key=lambda agency: agency.name)
    ]


def _signatures_with_signer() -> QuerySet[Signature]:
    return Signature.objects.select_related("agency", "signed_by")


def governance_overview(actor: Actor, *, today: dt.date) -> list[DocumentOverview]:
    """The actor's locality's agreement and protocol: each current version, the earlier ones, and every member agency
    with its signature of the current version. Four queries however many agencies, versions and signatures."""
    if actor.membership is None:
        return []
    versions = list(
        visible_document_versions(actor)
        .defer("text", "summary_of_changes")
        .annotate(
            is_latest=ExpressionWrapper(
                Q(pk=_latest_version_of_document(OuterRef("document"))), output_field=BooleanField()
            )
        )
        .order_by(*LATEST_FIRST)
    )
    current_pks = [version.pk for version in versions if version.is_latest]
    current = {version.kind: version for version in visible_document_versions(actor).filter(pk__in=current_pks)}
    signatures = list(_signatures_with_signer().filter(version_id__in=current_pks))
    agencies = list(Agency.objects.filter(locality=actor.locality, is_active=True))
    overviews = []
    for kind in DocumentKind:
        version = current.get(kind)
        signed = [signature for signature in signatures if version and signature.version_id == version.pk]
        overviews.append(
            DocumentOverview(
                kind=kind,
                current=version,
                review_state=version.review_state(today=today) if version else None,
                earlier=[earlier for earlier in versions if earlier.kind == kind and not earlier.is_latest],
                agencies=_signature_rows(agencies, signed),
                own_signature=next((signature for signature in signed if signature.agency_id == actor.agency.pk), None),
            )
        )
    return overviews


def version_signatures(version: DocumentVersion) -> list[AgencySignature]:
    """Every member agency with its signature of this version, or none."""
    agencies = list(Agency.objects.filter(locality_id=version.document.locality_id, is_active=True))
    return _signature_rows(agencies, list(_signatures_with_signer().filter(version=version)))


def signature_of(*, agency: Agency, version: DocumentVersion) -> Signature | None:
    return _signatures_with_signer().filter(agency=agency, version=version).first()


def document_of(*, locality: Locality, kind: str) -> Document | None:
    return Document.objects.filter(locality=locality, kind=kind).first()
