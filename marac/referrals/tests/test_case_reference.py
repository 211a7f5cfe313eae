"""Case references are readable and unique: locality prefix, year, sequence."""

from unittest import mock

from django.db import IntegrityError
from django.utils import timezone

from marac.referrals import services
from marac.referrals.models import Case
from marac.referrals.tests.factories import refer, victim


def test_references_count_up_within_the_year(locale):
    year = timezone.localdate().year
    first = refer(locale).case
    second = refer(locale, victim=victim(given_name="Priya", family_name="Shah", aliases=[])).case
    assert first.reference == f"RIV-{year}-0001"
    assert second.reference == f"RIV-{year}-0002"


def test_the_sequence_continues_past_four_digits(locale):
    year = timezone.localdate().year
    Case.objects.create(
        locality=locale.locality,
        reference=f"RIV-{year}-9999",
        victim=refer(locale).case.victim,
        opened_at=timezone.now(),
        last_referred_at=timezone.now(),
    )
    case = refer(locale, victim=victim(given_name="Priya", family_name="Shah", aliases=[])).case
    assert case.reference == f"RIV-{year}-10000"


def test_a_clash_with_a_reference_taken_at_the_same_moment_is_retried(locale):
    real_create = Case.objects.create
    calls = []

    def clash_once(**kwargs):
        calls.append(kwargs["reference"])
        if len(calls) == 1:
            raise IntegrityError("UNIQUE constraint failed: referrals_case.reference")
        return real_create(**kwargs)

    with mock.patch.object(Case.objects, "create", side_effect=clash_once):
        case = refer(locale).case

    assert len(calls) == 2
    assert case.reference == calls[1]


def test_the_prefix_comes_from_the_locality_name(locale):
    locale.locality.name = "Ōak Vale"
    assert services.reference_prefix(locale.locality) == "OAK"
