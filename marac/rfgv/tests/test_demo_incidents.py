"""The demo's incidents give the MATAC ranking a meaningful list: six serial perpetrators with two to four victims."""

import pytest
from django.utils import timezone

from marac.demo.builder import demo_build, demo_locality
from marac.incidents.models import Incident
from marac.people.models import Person
from marac.perpetrators.models import Breach
from marac.rfgv.scoring import rank_serial_perpetrators

pytestmark = pytest.mark.django_db


def test_the_demo_locality_has_six_serial_perpetrators(db):
    counts = demo_build()

    # Breaches of orders (built later in the demo) are recorded as incidents too.
    from_breaches = Breach.objects.exclude(incident=None).values("incident")
    assert counts["incidents"] == Incident.objects.exclude(pk__in=from_breaches).count()
    assert counts["incidents"] > counts["cases"]
    ranked = rank_serial_perpetrators(locality=demo_locality())
    assert len(ranked) == 6
    assert sorted(score.victim_count for score in ranked) == [2, 2, 2, 2, 3, 4]
    unknown_age = Person.objects.filter(pk__in=[score.person_id for score in ranked], date_of_birth__isnull=True)
    assert unknown_age.count() == 1
    # Recorded across the agencies, the police most of all.
    sources = set(Incident.objects.values_list("source_agency__name", flat=True))
    assert "Riverside Police" in sources and len(sources) >= 5
    assert not Incident.objects.filter(occurred_at__gt=timezone.now()).exists()
