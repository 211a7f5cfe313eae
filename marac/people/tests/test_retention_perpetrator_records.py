"""Orders, breaches and programmes are anonymised with their case and kept; an order in force keeps its case whole;
MATAC records go with the perpetrator, who is kept while a nomination of his is open."""

import datetime as dt

import pytest
from django.utils import timezone

from marac.incidents.models import Incident
from marac.incidents.tests.factories import IncidentFactory
from marac.matac.models import MatacAction, Nomination, NominationReferral, NominationStatus, RfgvSnapshot
from marac.matac.tests.factories import listing_of, matac_action, matac_meeting, nomination_of
from marac.people.models import Person
from marac.people.retention import DELETED_WITH_PERSON, ERASED, ERASURE, expired_cases
from marac.people.tests.factories import case_with_everything, years_ago
from marac.people.tests.retention_helpers import as_text, case_rows, run_retention
from marac.perpetrators.models import (
    Breach,
    BreachResponse,
    Order,
    OrderCondition,
    ProgrammeReferral,
    ProgrammeStatus,
    ProgrammeUpdate,
    ResponseKind,
)
from marac.perpetrators.tests.factories import breach_of, order_on, programme_agency, programme_for, respond
from marac.referrals.models import Case, CaseParty, CaseStatus, PartyRole
from marac.testing.factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db

# Written into the records below: none may survive the case's anonymisation.
ORDER_TEXT = (
    "RV-MC-2018-0442",
    "Not to enter Larch Road or the clinic on Mill Street",
    "Waited at the school gate on Mill Street",
    "She withdrew her statement after his brother called",
    "Moved in with his new partner in Ash Court",
    "Missed two sessions: says his new partner is ill",
)
DAYS_IN_SEVEN_YEARS = 7 * 365


def _order_records(locale, everything, *, ends_on: dt.date | None) -> dict:
    """An order on the case (protecting the child too) with a breach answered by no action, and a programme that
    ended in drop-out with one update."""
    today = timezone.localdate()
    starts_days_ago = DAYS_IN_SEVEN_YEARS + 300
    order = order_on(
        everything.case,
        owner=locale.police,
        perpetrator=everything.perpetrator,
        reference=ORDER_TEXT[0],
        starts_days_ago=starts_days_ago,
        ends_in_days=None if ends_on is None else (ends_on - today).days,
        conditions=(ORDER_TEXT[1],),
    )
    order.other_protected.set([everything.child])
    reported_at = years_ago(7, days=200)
    incident = IncidentFactory(
        locality=locale.locality,
        source_agency=locale.housing,
        victim=everything.victim,
        perpetrator=everything.perpetrator,
        occurred_at=reported_at - dt.timedelta(hours=2),
    )
    breach = breach_of(order, agency=locale.housing, reported_at=reported_at, description=ORDER_TEXT[2])
    Breach.objects.filter(pk=breach.pk).update(incident=incident)
    response = respond(breach, agency=locale.police, hours=30, kind=ResponseKind.NO_ACTION, reason=ORDER_TEXT[3])
    programme = programme_for(
        everything.case,
        agency=programme_agency(locale.locality),
        perpetrator=everything.perpetrator,
        order=order,
        sessions_attended=5,
        status=ProgrammeStatus.DROPPED_OUT,
        dropout_reason=ORDER_TEXT[4],
        ended_on=today - dt.timedelta(days=DAYS_IN_SEVEN_YEARS + 100),
    )
    update = ProgrammeUpdate.objects.create(
        programme=programme,
        sessions_attended=5,
        status=ProgrammeStatus.DROPPED_OUT,
        note=ORDER_TEXT[5],
        agency=programme.programme_agency,
        recorded_by=programme.recorded_by,
        recorded_at=years_ago(7, days=100),
    )
    return {
        "order": order,
        "incident": incident,
        "breach": breach,
        "response": response,
        "programme": programme,
        "update": update,
    }


def test_the_perpetrator_records_are_placed_in_the_table():
    for label in ("order", "ordercondition", "breach", "breachresponse", "programmereferral", "programmeupdate"):
        assert ERASURE[f"perpetrators.{label}"].case_path.endswith("case_id"), label
    assert {
        "matac.nomination",
        "matac.nominationreferral",
        "matac.rfgvsnapshot",
        "matac.mataclisting",
        "matac.matacaction",
        "matac.matacactionupdate",
    } <= set(DELETED_WITH_PERSON)


def test_orders_breaches_and_programmes_are_anonymised_with_their_case_and_every_row_stays(locale):
    everything = case_with_everything(locale, status=CaseStatus.CLOSED, closed_at=years_ago(7))
    records = _order_records(locale, everything, ends_on=timezone.localdate() - dt.timedelta(days=DAYS_IN_SEVEN_YEARS))
    before = as_text(case_rows([everything.case.pk]))
    assert [text for text in ORDER_TEXT if text not in before] == [], "the fixture holds every text looked for"
    counts = {label: len(rows) for label, rows in case_rows([everything.case.pk]).items()}

    run_retention()

    after = as_text(case_rows([everything.case.pk]))
    assert [text for text in ORDER_TEXT if text in after] == []
    assert {label: len(rows) for label, rows in case_rows([everything.case.pk]).items()} == counts
    order = Order.objects.get(pk=records["order"].pk)
    assert (order.reference, order.issued_by) == (ERASED, "Riverside Magistrates' Court")
    assert (order.starts_on, order.ends_on) == (records["order"].starts_on, records["order"].ends_on)
    assert list(order.other_protected.all()) == [everything.child], "the link stays, to the anonymised child"
    assert list(OrderCondition.objects.filter(order=order).values_list("text", flat=True)) == [ERASED]
    breach = Breach.objects.get(pk=records["breach"].pk)
    assert (breach.description, breach.reported_at) == (ERASED, records["breach"].reported_at)
    response = BreachResponse.objects.get(pk=records["response"].pk)
    assert (response.kind, response.reason, response.responded_at) == (
        ResponseKind.NO_ACTION,
        ERASED,
        records["response"].responded_at,
    ), "the response time and its kind are still counted"
    programme = ProgrammeReferral.objects.get(pk=records["programme"].pk)
    assert (programme.status, programme.sessions_attended, programme.dropout_reason) == (
        ProgrammeStatus.DROPPED_OUT,
        5,
        ERASED,
    )
    assert programme.programme_name == "Respectful Relationships"
    assert ProgrammeUpdate.objects.get(pk=records["update"].pk).note == ERASED
    # The breach's incident was the people's: past its own clock, it went (and no breach held it back).
    assert breach.incident_id is None
    assert not Incident.objects.filter(pk=records["incident"].pk).exists()
    perpetrator = Person.objects.get(pk=everything.perpetrator.pk)
    assert perpetrator.given_name == ERASED and perpetrator.erased_at is not None


@pytest.mark.parametrize("ends", ["no end", "ends next month"])
def test_an_order_in_force_keeps_its_case_and_its_people_whole(locale, ends):
    everything = case_with_everything(locale, status=CaseStatus.CLOSED, closed_at=years_ago(7))
    ends_on = None if ends == "no end" else timezone.localdate() + dt.timedelta(days=30)
    records = _order_records(locale, everything, ends_on=ends_on)
    assert not expired_cases(locality=locale.locality, now=timezone.now()).exists()

    output = run_retention()

    assert "nothing has passed its retention period" in output
    assert Case.objects.get(pk=everything.case.pk).erased_at is None
    assert OrderCondition.objects.get(order=records["order"]).text == ORDER_TEXT[1]
    assert Person.objects.get(pk=everything.perpetrator.pk).given_name == "Darren"

    # Once it has ended, the case's own clock (long run) applies at the next run.
    Order.objects.filter(pk=records["order"].pk).update(ends_on=timezone.localdate() - dt.timedelta(days=1))
    run_retention()
    assert Case.objects.get(pk=everything.case.pk).erased_at is not None
    assert OrderCondition.objects.get(order=records["order"]).text == ERASED


def test_the_perpetrator_of_an_order_on_a_live_case_keeps_his_details_even_if_no_longer_a_party(locale):
    old = case_with_everything(locale, status=CaseStatus.CLOSED, closed_at=years_ago(7))
    live = CaseFactory(locality=locale.locality, status=CaseStatus.MONITORING)
    CaseParty.objects.create(case=live, person=old.perpetrator, role=PartyRole.PERPETRATOR)
    order_on(live, owner=locale.police, perpetrator=old.perpetrator).other_protected.set([old.child])
    CaseParty.objects.filter(case=live).delete()  # the order still binds him, and still protects her

    run_retention()

    assert Person.objects.get(pk=old.victim.pk).given_name == ERASED
    assert Person.objects.get(pk=old.perpetrator.pk).given_name == "Darren"
    assert Person.objects.get(pk=old.child.pk).given_name == "Lily"


def test_an_open_nomination_keeps_the_perpetrator_and_his_matac_records_go_with_him_after(locale):
    everything = case_with_everything(locale, status=CaseStatus.CLOSED, closed_at=years_ago(7))
    nomination = nomination_of(locale, everything.perpetrator, status=NominationStatus.SELECTED)
    other = nomination_of(locale, PersonFactory(locality=locale.locality), status=NominationStatus.SELECTED)
    meeting = matac_meeting(locale)
    for position, each in enumerate((nomination, other), start=1):
        matac_action(listing_of(meeting, each, position=position), locale.police)

    run_retention()

    assert Person.objects.get(pk=everything.victim.pk).given_name == ERASED
    assert Person.objects.get(pk=everything.perpetrator.pk).given_name == "Darren", "on MATAC now"
    assert Nomination.objects.filter(pk=nomination.pk).exists()

    Nomination.objects.filter(pk=nomination.pk).update(status=NominationStatus.EXITED, exited_at=timezone.now())
    # The next time retention anonymises him (his last case already has), here through an incident of his expiring.
    IncidentFactory(
        locality=locale.locality,
        source_agency=locale.police,
        victim=PersonFactory(locality=locale.locality),
        perpetrator=everything.perpetrator,
        occurred_at=years_ago(6, days=10),
    )
    run_retention()

    assert Person.objects.get(pk=everything.perpetrator.pk).given_name == ERASED
    assert not Nomination.objects.filter(pk=nomination.pk).exists()
    assert not NominationReferral.objects.filter(nomination_id=nomination.pk).exists()
    assert not RfgvSnapshot.objects.filter(nomination_id=nomination.pk).exists()
    assert list(Nomination.objects.all()) == [other], "nobody else's"
    assert MatacAction.objects.get().nomination == other
