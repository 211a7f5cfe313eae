"""Finding, in the receiving locality, the victim a transfer names and the case she already has there.

As in `marac.people.matching`, these reads decide what the acceptance service reuses; what the receiving
coordinator is shown of them goes through the access policy (see `selectors.receiving_checks`).
"""

from django.db.models import QuerySet

from marac.agencies.models import Locality
from marac.people.matching import matching_people
from marac.people.models import Person
from marac.referrals.models import Case, CaseStatus
from marac.transfers.pack import PackPerson

# A case in one of these states is still being managed: a transfer in joins it rather than opening another.
OPEN_CASE_STATUSES = (
    CaseStatus.REFERRED,
    CaseStatus.LISTED,
    CaseStatus.HEARD,
    CaseStatus.MONITORING,
    CaseStatus.ON_PATHWAY,
)


def victim_matches(*, locality: Locality, victim: PackPerson) -> QuerySet[Person]:
    """People of the receiving locality with the victim's date of birth and one of her names."""
    return matching_people(locality=locality, names=victim.all_names, date_of_birth=victim.date_of_birth)


def case_to_join(*, locality: Locality, victim: PackPerson) -> Case | None:
    """The receiving locality's open case for the same victim, most recently referred first, if there is one."""
    return (
        Case.objects.filter(
            locality=locality,
            victim__in=victim_matches(locality=locality, victim=victim),
            status__in=OPEN_CASE_STATUSES,
            erased_at__isnull=True,
        )
        .select_related("victim")
        .order_by("-last_referred_at", "-pk")
        .first()
    )
