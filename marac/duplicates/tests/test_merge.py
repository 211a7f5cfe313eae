"""Merging two records of one person re-points every reference in one go; undoing gives each row back exactly."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ForeignObjectRel
from django.utils import timezone

from marac.audit.models import AuditAction, AuditEvent
from marac.incidents.models import FlagReason, Gravity, Incident, IncidentType, ReferralFlag
from marac.matac.models import Nomination, NominationStatus
from marac.matac.tests.factories import nomination_of
from marac.people.merging import HISTORICAL, person_merge, person_merge_undo, references
from marac.people.models import Alias, Person, PersonMerge
from marac.people.services import PersonDetails, person_find_or_create
from marac.perpetrators.models import Order, OrderType
from marac.perpetrators.tests.factories import breach_of, order_on, programme_agency, programme_for, respond
from marac.referrals.models import CaseParty, PartyRole
from marac.testing.factories import CaseFactory, PersonFactory


def _incident(locale, *, victim: Person, perpetrator: Person | None = None) -> Incident:
    now = timezone.now()
    return Incident.objects.create(
        locality=locale.locality,
        source_agency=locale.police,
        occurred_at=now - dt.timedelta(days=3),
        incident_type=IncidentType.THREATS,
        gravity=Gravity.MODERATE,
        victim=victim,
        perpetrator=perpetrator,
        recorded_at=now,
    )


def snapshot() -> dict:
    """Where every reference to a person points, row by row, and every person's other names."""
    state = {
        reference.key: sorted(reference.model._base_manager.values_list("pk", reference.field.attname))
        for reference in references()
    }
    state["aliases"] = sorted(Alias.objects.values_list("pk", "person_id", "name", "normalised_name"))
    return state


@pytest.fixture
def records(locale):
    """One woman recorded twice (Amara and Mandy), with cases, incidents and other names on both records."""
    locality = locale.locality
    kept = PersonFactory(
        locality=locality, given_name="Amara", family_name="Okafor", date_of_birth=dt.date(1990, 5, 17)
    )
    merged = PersonFactory(
        locality=locality, given_name="Mandy", family_name="Okafor", date_of_birth=dt.date(1990, 5, 17)
    )
    Alias.objects.create(person=kept, name="Mandy Okafor")
    Alias.objects.create(person=merged, name="Mandy Okafor")  # kept has it: set aside
    Alias.objects.create(person=merged, name="Amara Okafor")  # kept's own name: set aside
    Alias.objects.create(person=merged, name="Amanda Oka")  # new to kept: moves
    perpetrator = PersonFactory(locality=locality, given_name="Darren", family_name="Pike")
    kept_case = CaseFactory(locality=locality, victim=kept)
    merged_case = CaseFactory(locality=locality, victim=merged)
    CaseParty.objects.create(case=merged_case, person=perpetrator, role=PartyRole.PERPETRATOR)
    # Her sister's case, where she is named as another household member under her second record.
    sister_case = CaseFactory(locality=locality)
    CaseParty.objects.create(case=sister_case, person=merged, role=PartyRole.HOUSEHOLD)
    incidents = (
        _incident(locale, victim=merged, perpetrator=perpetrator),
        _incident(locale, victim=perpetrator, perpetrator=merged),
        _incident(locale, victim=kept, perpetrator=perpetrator),
    )
    # A third record found earlier to be the same as the second one.
    earlier = PersonFactory(locality=locality, given_name="Mandy", family_name="Okafor-Smith")
    person_merge(actor=locale.actor("coordinator"), kept=merged, merged=earlier)
    return {
        "kept": kept,
        "merged": merged,
        "earlier": earlier,
        "perpetrator": perpetrator,
        "kept_case": kept_case,
        "merged_case": merged_case,
        "sister_case": sister_case,
        "incidents": incidents,
    }


def test_every_reference_to_a_person_is_moved_or_named_historical():
    moved = {reference.model._meta.label_lower for reference in references()}
    # Hidden ones too: the link tables of many-to-many relations, and keys declared with related_name="+".
    related = {
        relation.related_model._meta.label_lower
        for relation in Person._meta.get_fields(include_hidden=True)
        if isinstance(relation, ForeignObjectRel) and not relation.many_to_many
    }
    assert related == moved | HISTORICAL
    links = {relation.through._meta.label_lower for relation in Person._meta.related_objects if relation.many_to_many}
    assert links, "an order's other protected people are a many-to-many relation"
    assert links <= moved, "every many-to-many relation to a person moves through its link table"
    assert {
        "referrals.case.victim",
        "referrals.caseparty.person",
        "people.alias.person",
        "incidents.incident.victim",
        "incidents.incident.perpetrator",
        "incidents.referralflag.person",
        "people.person.merged_into",
        "perpetrators.order.perpetrator",
        "perpetrators.order_other_protected.person",
        "perpetrators.programmereferral.perpetrator",
        "matac.nomination.person",
    } <= {reference.key for reference in references()}


def test_merging_re_points_every_reference(locale, records):
    kept, merged = records["kept"], records["merged"]

    merge = person_merge(actor=locale.actor("coordinator"), kept=kept, merged=merged)

    for reference in references():
        assert not reference.rows_of(merged).exists(), reference.key
    records["merged_case"].refresh_from_db()
    assert records["merged_case"].victim == kept
    assert CaseParty.objects.get(case=records["sister_case"]).person == kept
    victim_incident, perpetrator_incident, _ = records["incidents"]
    victim_incident.refresh_from_db()
    perpetrator_incident.refresh_from_db()
    assert victim_incident.victim == kept
    assert perpetrator_incident.perpetrator == kept
    assert sorted(kept.aliases.values_list("name", flat=True)) == ["Amanda Oka", "Mandy Okafor", "Mandy Okafor-Smith"]
    merged.refresh_from_db()
    assert merged.merged_into == kept
    records["earlier"].refresh_from_db()
    assert records["earlier"].merged_into == kept, "every merged record stays one step from a live one"
    assert merge.name_alias is None, "kept already had the name 'Mandy Okafor'"
    assert len(merge.set_aside) == 2
    assert merge.moved["referrals.case.victim"] == [records["merged_case"].pk]


def test_the_merged_name_becomes_another_name_of_the_kept_record(locale):
    kept = PersonFactory(locality=locale.locality, given_name="Siobhán", family_name="O'Neill")
    merged = PersonFactory(locality=locale.locality, given_name="Shivaun", family_name="O'Neill")

    merge = person_merge(actor=locale.actor("coordinator"), kept=kept, merged=merged)

    assert merge.name_alias.person == kept
    assert list(kept.aliases.values_list("name", flat=True)) == ["Shivaun O'Neill"]


def test_undoing_restores_every_row_exactly(locale, records):
    before = snapshot()
    merge = person_merge(actor=locale.actor("coordinator"), kept=records["kept"], merged=records["merged"])
    assert snapshot() != before

    person_merge_undo(actor=locale.actor("coordinator"), merge=merge)

    assert snapshot() == before
    merge.refresh_from_db()
    assert merge.is_undone
    assert merge.undone_by == locale.memberships["coordinator"].user


def test_what_was_recorded_against_the_kept_record_since_stays_with_it(locale, records):
    kept, merged = records["kept"], records["merged"]
    merge = person_merge(actor=locale.actor("coordinator"), kept=kept, merged=merged)
    since = _incident(locale, victim=kept)

    person_merge_undo(actor=locale.actor("coordinator"), merge=merge)

    since.refresh_from_db()
    assert since.victim == kept


def test_a_repeated_part_in_one_case_is_set_aside_and_put_back(locale):
    case = CaseFactory(locality=locale.locality)
    first = PersonFactory(locality=locale.locality, given_name="Darren", family_name="Pike")
    second = PersonFactory(locality=locale.locality, given_name="Daz", family_name="Pike")
    kept_party = CaseParty.objects.create(case=case, person=first, role=PartyRole.PERPETRATOR)
    repeated = CaseParty.objects.create(
        case=case, person=second, role=PartyRole.PERPETRATOR, relationship_to_victim="Ex-partner"
    )
    before = snapshot()

    merge = person_merge(actor=locale.actor("coordinator"), kept=first, merged=second)

    assert list(CaseParty.objects.filter(case=case).values_list("pk", "person_id")) == [(kept_party.pk, first.pk)]
    person_merge_undo(actor=locale.actor("coordinator"), merge=merge)
    assert snapshot() == before
    assert CaseParty.objects.get(pk=repeated.pk).relationship_to_victim == "Ex-partner"


def test_a_second_open_flag_under_a_conditional_unique_rule_is_set_aside_with_its_links(locale):
    first = PersonFactory(locality=locale.locality, given_name="Amara", family_name="Okafor")
    second = PersonFactory(locality=locale.locality, given_name="Amy", family_name="Okafor")
    flags = {}
    for person in (first, second):
        flag = ReferralFlag.objects.create(
            locality=locale.locality, person=person, reason=FlagReason.ESCALATION, raised_at=timezone.now()
        )
        flag.incidents.set([_incident(locale, victim=person)])
        flags[person.pk] = flag
    resolved = ReferralFlag.objects.create(
        locality=locale.locality,
        person=second,
        reason=FlagReason.ESCALATION,
        raised_at=timezone.now(),
        resolved_at=timezone.now(),
    )
    before = snapshot()

    merge = person_merge(actor=locale.actor("coordinator"), kept=first, merged=second)

    assert not ReferralFlag.objects.filter(pk=flags[second.pk].pk).exists(), "one open flag per reason"
    assert ReferralFlag.objects.get(pk=resolved.pk).person == first, "a resolved flag is no repeat: it moves"
    person_merge_undo(actor=locale.actor("coordinator"), merge=merge)
    assert snapshot() == before
    restored = ReferralFlag.objects.get(pk=flags[second.pk].pk)
    assert list(restored.incidents.values_list("victim_id", flat=True)) == [second.pk]


def test_merged_records_are_never_matched_again(locale, records):
    person_merge(actor=locale.actor("coordinator"), kept=records["kept"], merged=records["merged"])

    match = person_find_or_create(
        actor=locale.actor("coordinator"),
        locality=locale.locality,
        details=PersonDetails(given_name="Mandy", family_name="Okafor", date_of_birth=dt.date(1990, 5, 17)),
    )

    assert match.person == records["kept"]
    assert not match.created


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("itself", "cannot be merged into itself"),
        ("other locality", "different areas"),
        ("already merged", "was already merged into"),
        ("into a merged record", "was already merged into"),
        ("anonymised", "anonymised"),
    ],
)
def test_refusals(locale, other_locale, records, case, message):
    kept, merged = records["kept"], records["merged"]
    if case == "itself":
        merged = kept
    elif case == "other locality":
        merged = PersonFactory(locality=other_locale.locality)
    elif case == "already merged":
        merged = records["earlier"]
    elif case == "into a merged record":
        kept = records["earlier"]
    else:
        Person.objects.filter(pk=merged.pk).update(erased_at=timezone.now())
    before = snapshot()

    with pytest.raises(ValidationError, match=message):
        person_merge(actor=locale.actor("coordinator"), kept=kept, merged=merged)

    assert snapshot() == before


def test_a_merge_cannot_be_undone_while_a_later_merge_involves_its_kept_record(locale, records):
    actor = locale.actor("coordinator")
    first = person_merge(actor=actor, kept=records["kept"], merged=records["merged"])
    third = PersonFactory(locality=locale.locality, given_name="Amara", family_name="Okafor-Jones")
    later = person_merge(actor=actor, kept=third, merged=records["kept"])

    with pytest.raises(ValidationError, match=f"Person {records['kept'].pk} was merged again .* undo that merge first"):
        person_merge_undo(actor=actor, merge=first)

    person_merge_undo(actor=actor, merge=later)
    records["merged"].refresh_from_db()
    assert records["merged"].merged_into == records["kept"]
    person_merge_undo(actor=actor, merge=first)
    records["merged"].refresh_from_db()
    assert records["merged"].merged_into is None


def test_a_merge_is_undone_once(locale, records):
    merge = person_merge(actor=locale.actor("coordinator"), kept=records["kept"], merged=records["merged"])
    person_merge_undo(actor=locale.actor("coordinator"), merge=merge)

    with pytest.raises(ValidationError, match="already undone"):
        person_merge_undo(actor=locale.actor("coordinator"), merge=merge)


def test_merge_and_undo_are_audited_with_both_ids_and_on_each_case(locale, records):
    kept, merged = records["kept"], records["merged"]
    merge = person_merge(actor=locale.actor("coordinator"), kept=kept, merged=merged)

    event = AuditEvent.objects.get(object_type="people.personmerge", object_id=str(merge.pk), action=AuditAction.CREATE)
    assert (event.detail["kept"], event.detail["merged"]) == (kept.pk, merged.pk)
    assert event.actor == locale.memberships["coordinator"].user
    on_cases = AuditEvent.objects.filter(summary="Two records of a person on this case merged")
    assert set(on_cases.values_list("case_id", flat=True)) == {records["merged_case"].pk, records["sister_case"].pk}

    person_merge_undo(actor=locale.actor("coordinator"), merge=merge)

    undone = AuditEvent.objects.get(
        object_type="people.personmerge", object_id=str(merge.pk), action=AuditAction.UPDATE
    )
    assert (undone.detail["kept"], undone.detail["merged"]) == (kept.pk, merged.pk)
    assert undone.detail["not_restored"] == 0
    assert "Okafor" not in str(event.detail) + str(undone.detail)


def test_the_merge_record_keeps_what_moved(locale, records):
    merge = person_merge(actor=locale.actor("coordinator"), kept=records["kept"], merged=records["merged"])

    stored = PersonMerge.objects.get(pk=merge.pk)
    assert set(stored.moved) == {
        "referrals.case.victim",
        "referrals.caseparty.person",
        "incidents.incident.victim",
        "incidents.incident.perpetrator",
        "people.alias.person",
        "people.person.merged_into",
    }
    assert stored.moved["people.person.merged_into"] == [records["earlier"].pk]


@pytest.fixture
def perpetrator_records(locale):
    """One man recorded twice (Darren and Daz Pike): an order, a breach and its response, a programme and a MATAC
    nomination under the second record; an order under the first."""
    locality = locale.locality
    kept = PersonFactory(locality=locality, given_name="Darren", family_name="Pike", date_of_birth=dt.date(1985, 2, 3))
    merged = PersonFactory(locality=locality, given_name="Daz", family_name="Pike", date_of_birth=dt.date(1985, 2, 3))
    first_case = CaseFactory(locality=locality)
    CaseParty.objects.create(case=first_case, person=kept, role=PartyRole.PERPETRATOR)
    second_case = CaseFactory(locality=locality)
    CaseParty.objects.create(case=second_case, person=merged, role=PartyRole.PERPETRATOR)
    kept_order = order_on(first_case, owner=locale.police, perpetrator=kept)
    merged_order = order_on(second_case, owner=locale.police, perpetrator=merged)
    breach = breach_of(merged_order, agency=locale.housing)
    respond(breach, agency=locale.police, hours=5)
    programme = programme_for(second_case, agency=programme_agency(locality), perpetrator=merged, order=merged_order)
    nomination = nomination_of(locale, merged)
    return {
        "kept": kept,
        "merged": merged,
        "first_case": first_case,
        "second_case": second_case,
        "kept_order": kept_order,
        "merged_order": merged_order,
        "breach": breach,
        "programme": programme,
        "nomination": nomination,
    }


def test_a_perpetrators_orders_programmes_and_nominations_move_and_come_back(locale, perpetrator_records):
    records = perpetrator_records
    kept, merged = records["kept"], records["merged"]
    before = snapshot()

    merge = person_merge(actor=locale.actor("coordinator"), kept=kept, merged=merged)

    assert merge.moved["perpetrators.order.perpetrator"] == [records["merged_order"].pk]
    assert merge.moved["perpetrators.programmereferral.perpetrator"] == [records["programme"].pk]
    assert merge.moved["matac.nomination.person"] == [records["nomination"].pk]
    assert set(kept.orders_against.values_list("pk", flat=True)) == {
        records["kept_order"].pk,
        records["merged_order"].pk,
    }
    assert list(kept.programme_referrals.all()) == [records["programme"]]
    assert list(kept.matac_nominations.all()) == [records["nomination"]]
    records["breach"].refresh_from_db()
    assert records["breach"].order_id == records["merged_order"].pk, "the breach follows its order, untouched"
    on_cases = AuditEvent.objects.filter(summary="Two records of a person on this case merged")
    assert set(on_cases.values_list("case_id", flat=True)) == {records["second_case"].pk}

    person_merge_undo(actor=locale.actor("coordinator"), merge=merge)

    assert snapshot() == before
    assert list(merged.matac_nominations.all()) == [records["nomination"]]


def test_the_people_an_order_protects_move_link_by_link_and_a_repeated_link_is_set_aside(locale):
    locality = locale.locality
    case = CaseFactory(locality=locality)
    kept = PersonFactory(locality=locality, given_name="Lily", family_name="Okafor", date_of_birth=dt.date(2016, 8, 1))
    merged = PersonFactory(
        locality=locality, given_name="Lilly", family_name="Okafor", date_of_birth=dt.date(2016, 8, 1)
    )
    brother = PersonFactory(locality=locality, given_name="Sam", family_name="Okafor")
    both = order_on(case, owner=locale.police)
    both.other_protected.set([kept, merged, brother])
    only_merged = order_on(case, owner=locale.police, order_type=OrderType.BAIL_CONDITIONS)
    only_merged.other_protected.set([merged])
    links = Order.other_protected.through.objects
    repeated_link = links.get(order=both, person=merged)
    moving_link = links.get(order=only_merged, person=merged)
    before = snapshot()

    merge = person_merge(actor=locale.actor("coordinator"), kept=kept, merged=merged)

    assert merge.moved["perpetrators.order_other_protected.person"] == [moving_link.pk]
    assert [row["model"] for row in merge.set_aside] == ["perpetrators.order_other_protected"]
    assert set(both.other_protected.all()) == {kept, brother}
    assert list(only_merged.other_protected.all()) == [kept]
    assert not merged.orders_protecting.exists()
    assert set(
        AuditEvent.objects.filter(summary="Two records of a person on this case merged").values_list(
            "case_id", flat=True
        )
    ) == {case.pk}, "the case of an order whose protected people changed"

    person_merge_undo(actor=locale.actor("coordinator"), merge=merge)

    assert snapshot() == before
    assert links.get(pk=repeated_link.pk).person_id == merged.pk, "put back with its own id"
    assert set(both.other_protected.all()) == {kept, merged, brother}
    assert list(only_merged.other_protected.all()) == [merged]


def test_two_open_nominations_of_one_man_are_refused_until_one_is_closed(locale, perpetrator_records):
    records = perpetrator_records
    kept, merged = records["kept"], records["merged"]
    nomination_of(locale, kept)
    before = snapshot()

    with pytest.raises(ValidationError, match=r"nomination \d+ repeats one of the kept record's.*resolve that by hand"):
        person_merge(actor=locale.actor("coordinator"), kept=kept, merged=merged)

    assert snapshot() == before
    Nomination.objects.filter(pk=records["nomination"].pk).update(status=NominationStatus.DECLINED)
    merge = person_merge(actor=locale.actor("coordinator"), kept=kept, merged=merged)
    assert merge.moved["matac.nomination.person"] == [records["nomination"].pk], "a closed nomination moves"
