"""The victim's subject access file holds every kind of record marac keeps about her case, in the documented format."""

import pytest
from django.urls import reverse

from marac.people.subject_access import FORMAT, FORMAT_VERSION
from marac.people.tests.factories import FREE_TEXT, case_with_everything, years_ago
from marac.people.tests.retention_helpers import run_retention
from marac.people.tests.subject_access_helpers import download, exported
from marac.referrals.models import Case, CaseStatus


@pytest.fixture
def everything(locale):
    return case_with_everything(locale)


@pytest.mark.django_db
def test_the_file_is_a_json_attachment_that_is_not_cached(locale, everything):
    response = download(locale, everything.victim)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(f'attachment; filename="subject-access-{everything.victim.pk}-')
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_the_file_holds_every_kind_of_record(locale, everything):
    data, _text = exported(locale, everything.victim)

    assert (data["format"], data["format_version"]) == (FORMAT, FORMAT_VERSION)
    assert data["generated"]["purpose"] == "Request received 3 March, SAR-0112"
    subject = data["subject"]
    assert (subject["given_name"], subject["family_name"], subject["date_of_birth"]) == (
        "Amara",
        "Okafor",
        "1990-05-17",
    )
    assert subject["other_names"] == ["Amy Oka"]
    assert subject["contact"]["address"] == "14 Larch Road" and subject["contact"]["phone"] == "07700 900123"

    [case] = data["cases"]
    assert (case["reference"], case["your_role"], case["released"]) == (everything.case.reference, ["Victim"], True)
    assert case["risk_level"] == "High"
    assert {person["name"] for person in case["other_people"]} == {"Darren Pike", "Lily Okafor"}
    [referral] = case["referrals"]
    assert referral["referring_agency"] == locale.police.name and referral["consent"] == "Not sought"
    assert referral["as_referred"]["victim"]["address"] == "14 Larch Road"
    [assessment] = case["assessments"]
    assert assessment["score"] == 15 and assessment["final_level"] == "High"
    assert assessment["safety"] == {"safe_to_talk": "Yes", "safe_contact": "Her work mobile"}
    assert any(answer["note"] == FREE_TEXT[2] for answer in assessment["answers"])
    [meeting] = case["meetings"]
    assert meeting["discussion"] == FREE_TEXT[3]
    assert [research["details"] for research in meeting["research"]] == [FREE_TEXT[4]]
    assert {action["text"] for action in case["actions"]} == {"Marker on the address", FREE_TEXT[5]}
    assert [update["note"] for action in case["actions"] for update in action["updates"]] == [FREE_TEXT[6]]
    assert [contact["victim_views"] for contact in case["contacts_with_victim"]] == [FREE_TEXT[8]]
    assert [report_back["note"] for report_back in case["report_backs"]] == [FREE_TEXT[10]]
    assert [event["note"] for event in case["review_events"]] == [FREE_TEXT[12]]
    assert case["legal_holds"] == []
    viewers = {(entry["user"], entry["agency"], entry["role"]) for entry in case["access_log"]}
    assert ("riverside-police_rep", locale.police.name, "Agency representative") in viewers
    assert "cases[].meetings[].discussion" in data["review_before_release"]


@pytest.mark.django_db
def test_the_file_shows_who_looked_at_her_record(locale, everything):
    locale.client("coordinator").get(reverse("people:subject_access", kwargs={"pk": everything.victim.pk}))
    download(locale, everything.victim)
    data, _text = exported(locale, everything.victim)
    actions = [entry["action"] for entry in data["record_access_log"]]
    assert actions == ["Viewed", "Exported"]
    assert {entry["user"] for entry in data["record_access_log"]} == {"riverside-coordinator"}


@pytest.mark.django_db
def test_an_anonymised_victims_file_says_so(locale, everything):
    Case.objects.filter(pk=everything.case.pk).update(status=CaseStatus.CLOSED, closed_at=years_ago(7))
    run_retention()
    data, text = exported(locale, everything.victim)
    assert data["subject"]["given_name"] == "[erased]" and data["subject"]["anonymised_on"] is not None
    assert data["cases"][0]["anonymised_on"] is not None
    assert "Amara" not in text and "14 Larch Road" not in text
