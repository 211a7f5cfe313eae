"""Finding the person a referral names among the people a locality already knows.

A match needs the same date of birth and the same name after normalisation (accents, case, punctuation and
spacing ignored), where either side's name may be one of the recorded aliases. Without a date of birth
there is no automatic match: names alone are too common to merge records on. A record merged into another
(`Person.merged_into`) is never matched.

These reads run inside the referral service to decide which record to reuse; their results are never
shown to a user, so they are not scoped by the access policy.
"""

import datetime as dt
import zlib
from collections.abc import Iterable

from django.db import connection
from django.db.models import Q, QuerySet

from marac.agencies.models import Locality
from marac.people.models import Person
from marac.people.normalise import normalise_name


def name_keys(names: Iterable[str]) -> set[str]:
    return {key for key in (normalise_name(name) for name in names) if key}


def matching_people(*, locality: Locality, names: Iterable[str], date_of_birth: dt.date | None) -> QuerySet[Person]:
    """People in the locality with this date of birth whose name or any alias equals any of `names`."""
    keys = name_keys(names)
    if date_of_birth is None or not keys:
        return Person.objects.none()
    return (
        Person.objects.filter(locality=locality, date_of_birth=date_of_birth, merged_into__isnull=True)
        .filter(Q(normalised_name__in=keys) | Q(aliases__normalised_name__in=keys))
        .distinct()
        .order_by("pk")
    )


# Namespace of the advisory locks below; the two-integer lock keys never collide with single-key locks.
_IDENTITY_LOCK_NAMESPACE = 7_317_002


def lock_identity(*, locality: Locality, date_of_birth: dt.date | None) -> None:
    """Serialise matching for one date of birth in one locality until the transaction ends.

    Two referrals for the same new person arriving at once would otherwise both find no match and create
    two records. Every match shares the date of birth, so it is the lock key. SQLite already serialises
    writers, so only PostgreSQL needs the lock.
    """
    if date_of_birth is None or connection.vendor != "postgresql":
        return
    key = zlib.crc32(f"{locality.pk}:{date_of_birth.isoformat()}".encode()) - 2**31
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_IDENTITY_LOCK_NAMESPACE, key])
