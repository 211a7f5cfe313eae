"""What hangs off a person rather than one case, in their subject access file and on the page: incidents, referral
flags, orders with their conditions and breaches, programmes, MATAC nominations; and what is withheld from whom."""

import pytest
from django.urls import reverse

from marac.audit.models import AuditAction, AuditEvent
from marac.incidents.tests.factories import IncidentFactory
from marac.people.subject_access import (
    WITHHELD_CONTACT,
    WITHHELD_MATAC_TACTICS,
    WITHHELD_ORDER_OF_ANOTHER,
    subject_access_people,
)
from marac.people.tests.factories import CHILD_PROTECTED, PERPETRATOR_PROTECTED, case_with_everything
from marac.people.tests.person_records import (
    BREACH_TEXT,
    CONDITIONS,
    INCIDENT_SUMMARY,
    MATAC_ACTION,
    MATAC_DISCUSSION,
    OTHER_VICTIM_PROTECTED,
    OTHER_VICTIM_SUMMARY,
    PROGRAMME_NOTE,
    person_records,
)
from marac.people.tests.subject_access_helpers import exported
from marac.testing.factories import PersonFactory

pytestmark = pytest.mark.django_db

VICTIM_PROTECTED = ("Amy Oka", "1990-05-17", "14 Larch Road", "RV1 2AB", "07700 900123", "evenings")


@pytest.fixture
def everything(locale):
    return case_with_everything(locale)


@pytest.fixture
def records(locale, everything):
    return person_records(locale, everything)


def _whys(data) -> set[str]:
    return {entry["why"] for entry in data["withheld"]}


def test_the_victims_file_holds_her_incidents_flags_and_the_orders_protecting_her(locale, everything, records):
    data, text = exported(locale, everything.victim)

    assert data["incidents"] == [
        {
            "occurred_at": data["incidents"][0]["occurred_at"],
            "type": "Strangulation, choking or suffocation",
            "gravity": "Life-threatening: strangulation, serious injury, attempt to kill",
            "recorded_by_agency": locale.police.name,
            "your_role": "Victim",
            "other_person": {"role": "Perpetrator", "name": "Darren Pike"},
            "summary": INCIDENT_SUMMARY,
        }
    ], "only hers: not his incident against another woman"
    assert OTHER_VICTIM_SUMMARY not in text and "Erin" not in text
    [flag] = data["referral_flags"]
    assert (flag["reason"], flag["resolved_at"], flag["resolution"]) == ("Potential escalation", None, "")

    assert data["orders_against_you"] == []
    [order] = data["orders_protecting_you"]
    assert (order["your_part"], order["order_type"], order["reference"], order["released"]) == (
        "Protects you",
        "Restraining order",
        "RV-MC-2026-0117",
        True,
    )
    assert order["against"] == {"role": "Perpetrator", "name": "Darren Pike"}
    assert order["also_protects"] == ["Lily Okafor"]
    assert order["conditions"] == list(CONDITIONS), "her own order's conditions are released to her"
    [breach] = order["breaches"]
    assert (breach["description"], breach["reporting_agency"]) == (BREACH_TEXT, locale.housing.name)
    assert (breach["response"]["kind"], breach["response"]["agency"]) == ("Arrest", locale.police.name)
    assert data["programmes"] == [], "his programme is his, not hers"
    assert PROGRAMME_NOTE not in text
    assert data["matac_nominations"] == [] and MATAC_DISCUSSION not in text
    assert [detail for detail in PERPETRATOR_PROTECTED + CHILD_PROTECTED if detail in text] == []
    assert data["subject"]["contact"]["address"] == "14 Larch Road", "the victim wherever she appears"


def test_the_perpetrators_file_lists_his_orders_with_the_conditions_to_review(locale, everything, records):
    data, text = exported(locale, everything.perpetrator)

    roles = {(entry["your_role"], entry["other_person"]["name"], entry["summary"]) for entry in data["incidents"]}
    assert roles == {
        ("Perpetrator", "Amara Okafor", INCIDENT_SUMMARY),
        ("Perpetrator", "Erin Vale", OTHER_VICTIM_SUMMARY),
    }
    assert "incidents[].summary" in data["review_before_release"]
    assert data["orders_protecting_you"] == []
    [order] = data["orders_against_you"]
    assert (order["your_part"], order["released"], order["electronic_monitoring"]) == ("Made against you", True, True)
    assert order["protects"] == [
        {"role": "Victim", "name": "Amara Okafor"},
        {"role": "Also protected", "name": "Lily Okafor"},
    ]
    assert order["conditions"] == list(CONDITIONS)
    assert "orders_against_you[].conditions[]" in data["review_before_release"], "never released to him unread"
    assert "orders_against_you[].breaches[].description" in data["review_before_release"]
    assert [breach["description"] for breach in order["breaches"]] == [BREACH_TEXT]

    [programme] = data["programmes"]
    assert (programme["programme"], programme["sessions_expected"], programme["sessions_attended"]) == (
        "Respectful Relationships",
        24,
        6,
    )
    assert programme["status"] == "Still attending"
    assert [update["note"] for update in programme["updates"]] == [PROGRAMME_NOTE]
    assert "programmes[].updates[].note" in data["review_before_release"]

    # Nobody else's details: the women he harmed by name only, the child by name only.
    assert [detail for detail in VICTIM_PROTECTED + OTHER_VICTIM_PROTECTED + CHILD_PROTECTED if detail in text] == []
    assert data["subject"]["contact"] is None
    assert WITHHELD_CONTACT in _whys(data)


def test_the_perpetrators_matac_nomination_shows_his_scores_and_withholds_the_tactics(locale, everything, records):
    data, text = exported(locale, everything.perpetrator)

    [nomination] = data["matac_nominations"]
    assert nomination["status"] == "Exited" and nomination["exit_reason"] == "Risk reduced: the tactics worked"
    # Entry 6 (recency), exit 2: hand-computed from the snapshots.
    assert (nomination["score_at_entry"], nomination["score_at_exit"], nomination["change_in_score"]) == (
        "6.00",
        "2.00",
        "-4.00",
    )
    assert [score["occasion"] for score in nomination["scores"]] == [
        "At referral",
        "At selection (entry)",
        "At exit",
    ]
    assert nomination["subject_profile"] == "Unemployed, new partner with two children."
    assert {"matac_nominations[].subject_profile", "matac_nominations[].intelligence_profile"} <= set(
        data["review_before_release"]
    )
    [referral] = nomination["referrals"]
    assert (referral["source"], referral["agency"]) == ("Partner referral", locale.police.name)
    assert MATAC_DISCUSSION not in text and MATAC_ACTION not in text
    assert WITHHELD_MATAC_TACTICS in _whys(data)


def test_a_child_protected_by_the_order_gets_its_facts_and_none_of_its_conditions(locale, everything, records):
    data, text = exported(locale, everything.child)

    [order] = data["orders_protecting_you"]
    assert order == {
        "case": everything.case.reference,
        "your_part": "Protects you as one of the victim's household",
        "order_type": "Restraining order",
        "reference": "RV-MC-2026-0117",
        "issued_by": "Riverside Magistrates' Court",
        "owner_agency": locale.police.name,
        "starts_on": order["starts_on"],
        "ends_on": order["ends_on"],
        "notification_requirements": False,
        "electronic_monitoring": True,
        "released": False,
        "why_not_released": WITHHELD_ORDER_OF_ANOTHER,
    }
    assert [text_ for text_ in (*CONDITIONS, BREACH_TEXT, "Darren", "Amara") if text_ in text] == []
    assert {"what": "orders_protecting_you[0].conditions, .breaches", "why": WITHHELD_ORDER_OF_ANOTHER} in data[
        "withheld"
    ]


def test_a_person_known_only_from_incidents_can_be_answered_for(locale):
    victim = PersonFactory(locality=locale.locality, given_name="Ana", family_name="Petrova", address="5 Oak Row")
    IncidentFactory(
        locality=locale.locality,
        source_agency=locale.police,
        victim=victim,
        summary="Pushed her down the stairs",
    )
    actor = locale.actor("coordinator")
    assert subject_access_people(actor=actor).filter(pk=victim.pk).exists()

    data, _text = exported(locale, victim)

    assert data["cases"] == []
    [incident] = data["incidents"]
    assert (incident["your_role"], incident["other_person"]) == (
        "Victim",
        {"role": "Perpetrator", "name": "Darren Vale"},
    )
    assert data["subject"]["contact"]["address"] == "5 Oak Row", "a victim wherever she appears"


def test_a_perpetrator_known_only_from_incidents_gets_no_contact_details(locale):
    incident = IncidentFactory(locality=locale.locality, source_agency=locale.police)
    data, _text = exported(locale, incident.perpetrator)
    assert data["subject"]["contact"] is None
    assert WITHHELD_CONTACT in _whys(data)


def test_incident_people_are_refused_to_other_localities_and_roles(locale, other_locale):
    incident = IncidentFactory(locality=locale.locality, source_agency=locale.police)
    assert not subject_access_people(actor=other_locale.actor("coordinator")).filter(pk=incident.victim_id).exists()
    assert not subject_access_people(actor=locale.actor("police_rep")).exists()
    response = other_locale.client("coordinator").get(
        reverse("people:subject_access", kwargs={"pk": incident.victim_id})
    )
    assert response.status_code == 404


def test_the_export_event_lists_what_the_file_covers(locale, everything, records):
    exported(locale, everything.perpetrator)
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.detail["incidents"] == sorted([records.incident.pk, records.other_incident.pk])
    assert event.detail["orders"] == [records.order.pk] and event.detail["released_orders"] == [records.order.pk]
    assert event.detail["programmes"] == [records.programme.pk]
    assert event.detail["matac_nominations"] == [records.nomination.pk]
    assert "Okafor" not in str(event.detail)


def test_the_page_shows_what_the_file_carries(locale, everything, records):
    client = locale.client("coordinator")

    perpetrator = client.get(reverse("people:subject_access", kwargs={"pk": everything.perpetrator.pk}))
    child = client.get(reverse("people:subject_access", kwargs={"pk": everything.child.pk}))

    page = perpetrator.content.decode()
    assert "Restraining order on" in page and "against this person" in page
    assert "the conditions may name where the victim lives or goes" in page
    assert "Respectful Relationships: 6 of 24 sessions, still attending" in page
    assert "Discussed at 1 meeting, 1 action agreed – withheld from the file" in page
    report = perpetrator.context["report"]
    assert (len(report.incidents_as_perpetrator), len(report.incidents_as_victim)) == (2, 0)
    child_page = child.content.decode()
    assert "protects this person as one of the victim&#x27;s household" in child_page
    assert "Conditions and breaches withheld" in child_page
    assert CONDITIONS[0] not in page + child_page, "the page counts; the file carries"
