"""A case with a legal hold in force is never anonymised; once the hold is lifted the next run anonymises it."""

import pytest
from django.utils import timezone

from marac.people.retention import case_anonymise, expired_cases, legal_hold_lift, legal_hold_place
from marac.people.tests.factories import case_with_everything, years_ago
from marac.people.tests.retention_helpers import as_text, case_rows, run_retention
from marac.referrals.models import CaseStatus


@pytest.mark.django_db
def test_a_held_case_is_reported_and_kept_whole_until_the_hold_is_lifted(locale):
    everything = case_with_everything(
        locale, status=CaseStatus.CLOSED, closed_at=years_ago(7), reference="RIV-2019-0003"
    )
    coordinator = locale.actor("coordinator")
    legal_hold_place(actor=coordinator, case=everything.case, reason="Civil claim, solicitor's letter of 2 May")
    before = as_text(case_rows([everything.case.pk]))

    output = run_retention()

    assert "RIV-2019-0003: held" in output
    assert as_text(case_rows([everything.case.pk])) == before

    legal_hold_lift(actor=coordinator, case=everything.case, reason="Claim settled")
    run_retention()
    everything.case.refresh_from_db()
    assert everything.case.erased_at is not None


@pytest.mark.django_db
def test_a_hold_placed_after_the_case_was_found_still_stops_it(locale):
    everything = case_with_everything(locale, status=CaseStatus.CLOSED, closed_at=years_ago(7))
    found = expired_cases(locality=locale.locality, now=timezone.now()).get()
    legal_hold_place(actor=locale.actor("coordinator"), case=everything.case, reason="Domestic homicide review")

    result = case_anonymise(
        actor=locale.actor("coordinator"), case=found, rule=found.rule, clock_started=found.clock_started
    )

    assert result is None
    everything.case.refresh_from_db()
    assert everything.case.erased_at is None
