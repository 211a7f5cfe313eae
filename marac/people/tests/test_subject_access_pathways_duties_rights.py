"""Pathway referrals, referral-back duties with the disclosures and moves behind them, and the victims' rights log in
the subject access file and page: each in the file of the victim whose case holds it, a release or escape in the file
of the man it was recorded against, and none of it in anyone else's."""

import pytest
from django.urls import reverse

from marac.accounts.models import UserPreference
from marac.audit.models import AuditAction, AuditEvent
from marac.people.subject_access import WITHHELD_CASE, WITHHELD_CONTACT, WITHHELD_RELEASE_NOTIFICATIONS
from marac.people.tests.factories import case_with_everything
from marac.people.tests.subject_access_helpers import exported
from marac.people.tests.support_records import HERS, OTHERS, SupportTexts, support_records
from marac.rights.models import CustodyEvent, CustodyEventKind
from marac.testing.factories import PersonFactory
from marac.tests.html import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def everything(locale):
    return case_with_everything(locale)


@pytest.fixture
def records(locale, everything):
    return support_records(locale, everything.case, everything.perpetrator)


@pytest.fixture
def erin(locale, records):
    """Another woman's case with its own pathway referrals, duties and rights log, and her perpetrator's release."""
    other = case_with_everything(
        locale,
        victim=PersonFactory(locality=locale.locality, given_name="Erin", family_name="Vale"),
        perpetrator=PersonFactory(locality=locale.locality, given_name="Jon", family_name="Marsh"),
    )
    support_records(locale, other.case, other.perpetrator, texts=OTHERS)
    return other


def _found(texts: SupportTexts, text: str) -> list[str]:
    return [written for written in texts.all() if written in text]


def _her_case(data, everything) -> dict:
    [case] = [case for case in data["cases"] if case["reference"] == everything.case.reference]
    return case


def _summary_rows(response) -> dict[str, list[str]]:
    """Each summary list key on the page with the values it has, one per case or section."""
    rows: dict[str, list[str]] = {}
    for row in parse(response.content.decode()).find_all("div", class_="govuk-summary-list__row"):
        key = row.find("dt").text
        rows.setdefault(key, []).append(row.find("dd").text)
    return rows


def test_the_victims_file_holds_her_pathway_referrals_with_each_step(locale, everything, records):
    data, _text = exported(locale, everything.victim)

    declined, accepted = _her_case(data, everything)["pathway_referrals"]
    assert (declined["from_agency"], declined["to_agency"], declined["status"]) == (
        locale.police.name,
        locale.idva_service.name,
        "Declined",
    )
    assert declined["pathway"] == f"{locale.police.name} to {locale.idva_service.name}"
    assert declined["risk_summary"] == HERS.pathway_risk and declined["consent"] == "Consent given"
    assert declined["decline_reason"] == HERS.pathway_decline
    assert [(step["step"], step["agency"], step["text"]) for step in declined["steps"]] == [
        ("Sent", locale.police.name, ""),
        ("Declined", locale.idva_service.name, HERS.pathway_decline),
    ]
    assert (accepted["to_agency"], accepted["status"]) == (locale.housing.name, "Accepted")
    assert accepted["first_feedback_at"] is not None and accepted["referred_to_marac_at"] is None
    assert [(step["step"], step["text"]) for step in accepted["steps"]] == [
        ("Sent", ""),
        ("Accepted", ""),
        ("Feedback to the referrer", HERS.pathway_feedback),
    ]
    assert accepted["sent_with_assessment_of"] == data["cases"][0]["assessments"][0]["assessed_at"]
    assert {
        "cases[].pathway_referrals[].risk_summary",
        "cases[].pathway_referrals[].decline_reason",
        "cases[].pathway_referrals[].steps[].text",
    } <= set(data["review_before_release"])


def test_the_victims_file_holds_the_disclosures_and_moves_and_the_duties_they_raised(locale, everything, records):
    data, _text = exported(locale, everything.victim)

    case = _her_case(data, everything)
    assert [(event["kind"], event["agency"], event["note"]) for event in case["disclosures_and_moves"]] == [
        ("Disclosure of abuse", locale.health.name, HERS.disclosure),
        ("The victim moves", locale.housing.name, HERS.move),
    ]
    duties = {duty["agency"]: duty for duty in case["referral_back_duties"]}
    assert (duties[locale.health.name]["after"], duties[locale.health.name]["status"]) == (
        "Disclosure of abuse",
        "Awaiting the agency",
    )
    moved = duties[locale.housing.name]
    assert (moved["after"], moved["status"], moved["decline_reason"]) == (
        "The victim moves",
        "Not referred back, with a reason",
        HERS.duty_decline,
    )
    assert moved["answered_at"] is not None and moved["referred_back_at"] is None
    assert {"cases[].disclosures_and_moves[].note", "cases[].referral_back_duties[].decline_reason"} <= set(
        data["review_before_release"]
    )


def test_the_victims_file_holds_her_rights_log(locale, everything, records):
    data, text = exported(locale, everything.victim)

    case = _her_case(data, everything)
    [information] = case["information_given"]
    assert information["topics"] == [
        "Support services she can turn to",
        "That she can ask to be told when the perpetrator is released or escapes",
    ]
    assert (information["method"], information["language"], information["interpreter_used"]) == (
        "In person",
        "Yoruba",
        True,
    )
    assert information["note"] == HERS.information_note
    choices = [
        (choice["wants_to_be_told"], choice["in_force"], choice["note"])
        for choice in case["release_notification_choices"]
    ]
    assert choices == [(False, False, ""), (True, True, HERS.choice_note)], "oldest first; the latest in force"
    [notification] = case["release_notifications"]
    assert notification["perpetrator"] == {"role": "Perpetrator", "name": "Darren Pike"}
    assert (notification["release"], notification["had_asked_to_be_told"]) == ("Released temporarily", True)
    assert (notification["told_by_agency"], notification["method"], notification["note"]) == (
        locale.idva_service.name,
        "Phone call",
        HERS.notification_note,
    )
    assert HERS.establishment not in text, "where he was held is his, not hers"
    versions = [
        (assessment["version"], assessment["reason"], assessment["change_description"], assessment["needs"])
        for assessment in case["needs_assessments"]
    ]
    assert versions == [
        (
            1,
            "Initial assessment",
            "",
            ["No contact with the perpetrator: separate entrances and waiting areas", "An interpreter"],
        ),
        (2, "Significant change in her circumstances", HERS.needs_change, ["Safe accommodation or a refuge"]),
    ]
    assert case["needs_assessments"][1]["her_views"] == HERS.her_views
    assert data["custody_events"] == [], "his release is his: she has the notification"
    assert {
        "cases[].information_given[].note",
        "cases[].release_notifications[].note",
        "cases[].needs_assessments[].findings",
        "cases[].needs_assessments[].her_views",
    } <= set(data["review_before_release"])
    assert data["subject"]["contact"]["address"] == "14 Larch Road", "still the victim wherever she appears"


def test_each_victims_file_holds_her_own_case_records_and_none_of_another_womans(locale, everything, records, erin):
    hers, her_text = exported(locale, everything.victim)
    others, other_text = exported(locale, erin.victim)

    assert _found(OTHERS, her_text) == []
    assert _found(HERS, other_text) == []
    assert _found(OTHERS, other_text) == [text for text in OTHERS.all() if text != OTHERS.establishment]
    assert len(_her_case(hers, everything)["pathway_referrals"]) == 2
    assert [case["reference"] for case in others["cases"]] == [erin.case.reference]


@pytest.mark.parametrize("party", ["perpetrator", "child"])
def test_the_other_parties_files_carry_none_of_her_case_records(locale, everything, records, erin, party):
    data, text = exported(locale, getattr(everything, party))

    [case] = data["cases"]
    assert (case["released"], case["why_not_released"]) == (False, WITHHELD_CASE)
    assert "pathway_referrals" not in case and "needs_assessments" not in case
    own = (HERS.establishment,) if party == "perpetrator" else ()
    assert [written for written in HERS.all() + OTHERS.all() if written in text] == list(own)


def test_the_perpetrators_file_lists_his_releases_and_withholds_who_was_told(locale, everything, records, erin):
    data, text = exported(locale, everything.perpetrator)

    assert data["custody_events"] == [
        {
            "kind": "Released temporarily",
            "occurred_at": data["custody_events"][0]["occurred_at"],
            "establishment": HERS.establishment,
            "due_back_on": records.custody_event.returns_on.isoformat(),
            "reporting_agency": locale.police.name,
        }
    ], "only his own: not the other man's release"
    assert {"what": "custody_events[].notifications", "why": WITHHELD_RELEASE_NOTIFICATIONS} in data["withheld"]
    assert HERS.notification_note not in text
    assert data["subject"]["contact"] is None


def test_a_release_told_to_nobody_is_listed_without_a_withheld_entry(locale, everything):
    CustodyEvent.objects.create(
        locality=locale.locality,
        perpetrator=everything.perpetrator,
        kind=CustodyEventKind.ESCAPED,
        occurred_at=everything.case.opened_at,
        establishment="Riverside police station",
        reporting_agency=locale.police,
        recorded_by=locale.memberships["police_rep"].user,
        recorded_at=everything.case.opened_at,
    )
    data, _text = exported(locale, everything.perpetrator)
    assert [event["kind"] for event in data["custody_events"]] == ["Escaped from custody"]
    assert WITHHELD_RELEASE_NOTIFICATIONS not in {entry["why"] for entry in data["withheld"]}


def test_a_victim_with_a_release_recorded_against_her_gets_no_contact_details_in_her_record(locale, everything):
    CustodyEvent.objects.create(
        locality=locale.locality,
        perpetrator=everything.victim,
        kind=CustodyEventKind.RELEASED,
        occurred_at=everything.case.opened_at,
        establishment="HMP Southfield",
        reporting_agency=locale.police,
        recorded_by=locale.memberships["police_rep"].user,
        recorded_at=everything.case.opened_at,
    )
    data, _text = exported(locale, everything.victim)
    assert [event["establishment"] for event in data["custody_events"]] == ["HMP Southfield"]
    assert data["subject"]["contact"] is None
    assert WITHHELD_CONTACT in {entry["why"] for entry in data["withheld"]}


def test_the_export_event_lists_his_releases(locale, everything, records, erin):
    exported(locale, everything.perpetrator)
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.detail["custody_events"] == [records.custody_event.pk]


def test_the_page_counts_what_the_file_carries(locale, everything, records, erin):
    client = locale.client("coordinator")

    victim = _summary_rows(client.get(reverse("people:subject_access", kwargs={"pk": everything.victim.pk})))
    perpetrator = client.get(reverse("people:subject_access", kwargs={"pk": everything.perpetrator.pk}))

    [referrals] = victim["Pathway referrals"]
    assert referrals.count(f"{locale.police.name} to") == 2 and "declined" in referrals and "accepted" in referrals
    assert victim["Disclosures and moves recorded by agencies"] == ["2"]
    assert victim["Referral-back duties"] == ["2"]
    assert victim["Information given about the victim's rights"] == ["1 time"]
    assert victim["Choices about release notifications"] == ["2 – in force: wants to be told"]
    assert victim["Release notifications"] == ["1"]
    assert victim["Individual needs assessment"] == ["2 versions"]
    assert victim["Releases and escapes from custody"] == ["None"]
    [releases] = _summary_rows(perpetrator)["Releases and escapes from custody"]
    assert releases.startswith("Released temporarily, ") and f"reported by {locale.police.name}" in releases
    assert "Which victims were told, and whether they had asked to be, is withheld from the file" in releases
    page = perpetrator.content.decode()
    assert [written for written in HERS.all() if written in page] == [], "the page counts; the file carries"


def test_the_page_is_in_spanish_for_a_coordinator_who_chose_spanish(locale, everything, records):
    UserPreference.objects.create(user=locale.memberships["coordinator"].user, language="es")

    victim = _summary_rows(
        locale.client("coordinator").get(reverse("people:subject_access", kwargs={"pk": everything.victim.pk}))
    )

    assert victim["Obligaciones de nueva derivación"] == ["2"]
    assert victim["Valoración individual de necesidades"] == ["2 versiones"]
    assert victim["Elecciones sobre las comunicaciones de puesta en libertad"] == [
        "2 – vigente: quiere que se le comunique"
    ]
    [referrals] = victim["Derivaciones por circuito"]
    assert f"de {locale.police.name} a {locale.housing.name}" in referrals
