"""MATAC records go with the perpetrator they are about: when retention anonymises a person
(`marac.people.retention`), his nominations, their referrals, scores, listings and actions (with their trails and the
reminders recorded for them) are deleted outright, as his incidents are. They hang off a person, not a case, so no
case's clock applies to them."""

from django.db.models import QuerySet

from marac.matac.models import MatacAction, MatacListing, Nomination, NominationReferral, RfgvSnapshot

# Deleted children first: every relation between them protects the parent.
MATAC_MODELS = (
    "matac.matacactionupdate",
    "matac.matacactionnotice",
    "matac.matacaction",
    "matac.mataclisting",
    "matac.rfgvsnapshot",
    "matac.nominationreferral",
    "matac.nomination",
)


def matac_records_delete(*, person_ids: QuerySet | list[int]) -> int:
    """Delete every MATAC record about these people (in the caller's transaction); returns the rows deleted."""
    nominations = Nomination.objects.filter(person_id__in=person_ids)
    deleted = 0
    for rows in (
        MatacAction.objects.filter(nomination__in=nominations),  # their updates and notices go with them (cascade)
        MatacListing.objects.filter(nomination__in=nominations),
        RfgvSnapshot.objects.filter(nomination__in=nominations),
        NominationReferral.objects.filter(nomination__in=nominations),
        nominations,
    ):
        deleted += rows.delete()[0]
    return deleted
