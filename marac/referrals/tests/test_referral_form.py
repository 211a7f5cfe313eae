"""The referral page: the sections, the result, and errors that save nothing."""

from django.urls import reverse

from marac.people.models import Person
from marac.referrals.models import Case, CaseParty, Consent, PartyRole, Referral
from marac.referrals.tests.factories import form_data
from marac.risk.models import Assessment

URL = reverse("referrals:new")


def assert_nothing_saved():
    assert not Referral.objects.exists()
    assert not Case.objects.exists()
    assert not Person.objects.exists()
    assert not Assessment.objects.exists()


def test_the_page_has_every_section_and_the_checklist(locale):
    response = locale.client("police_referrer").get(URL)

    content = response.content.decode()
    assert response.status_code == 200
    for heading in (
        "The victim",
        "Address and safe contact",
        "Equality monitoring",
        "Perpetrators",
        "Children",
        "What happened",
        "Professional judgement and escalation",
        "Consent",
    ):
        assert heading in content
    assert content.count('type="radio" name="answer_') == 24 * 3
    assert content.count('class="marac-item-row"') == 24  # the assessment form's own row partial
    assert content.index("Is it safe for her to talk now?") < content.index("1. Is there an injury")
    assert "14 or more “yes” answers on the Domestic abuse risk checklist (24 items)" in content
    assert "Number of domestic abuse incidents in the last 12 months" in content
    assert 'name="submission_token"' in content
    assert "<script>" not in content and 'style="' not in content


def test_a_valid_referral_is_saved_and_shown_to_the_referrer(locale):
    client = locale.client("police_referrer")

    response = client.post(URL, form_data(yes=3))

    referral = Referral.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("referrals:detail", args=[referral.pk])
    assert referral.referring_agency == locale.police
    assert referral.referrer_phone == "01632 960001"
    assert referral.children_in_household == 1
    assert referral.assessment.score == 3
    victim = referral.case.victim
    assert (victim.given_name, victim.postcode, victim.safe_to_call) == ("Zoë", "RV1 2AB", True)
    assert list(victim.aliases.values_list("name", flat=True)) == ["Zoe Marsh"]
    child = CaseParty.objects.get(case=referral.case, role=PartyRole.CHILD).person
    assert (child.given_name, child.school) == ("Mia", "Riverside Primary")
    page = client.get(response.url)
    assert referral.case.reference in page.content.decode()
    assert "Referral sent" in page.content.decode()


def test_missing_reasons_for_professional_judgement(locale):
    response = locale.client("police_referrer").post(URL, form_data(professional_judgement_reasons=""))

    content = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in content
    assert "Write down the concerns behind your professional judgement" in content
    assert 'href="#id_professional_judgement_reasons"' in content
    assert_nothing_saved()


def test_consent_not_given_needs_a_reason_and_an_approver(locale):
    response = locale.client("police_referrer").post(URL, form_data(consent=Consent.REFUSED))

    content = response.content.decode()
    assert "Give the reason for sharing the victim&#x27;s information without her consent." in content
    assert "Say who approved sharing without consent." in content
    assert_nothing_saved()


def test_consent_refused_with_reason_and_approver_is_accepted(locale):
    data = form_data(
        consent=Consent.REFUSED,
        sharing_without_consent_reason="Risk to life; children in the home.",
        sharing_approved_by="Safeguarding lead, Riverside Police",
    )
    locale.client("police_referrer").post(URL, data)

    referral = Referral.objects.get()
    assert referral.consent == Consent.REFUSED
    assert referral.sharing_approved_by == "Safeguarding lead, Riverside Police"


def test_no_criterion_met(locale):
    data = form_data(professional_judgement=None, professional_judgement_reasons="", incidents_in_escalation_window="0")

    response = locale.client("police_referrer").post(URL, data)

    content = response.content.decode()
    assert "This referral meets none of the criteria" in content
    assert "potential escalation" in content
    assert_nothing_saved()


def test_field_errors_keep_what_was_typed(locale):
    data = form_data(**{"given_name": "", "perpetrators-0-given_name": "", "date_of_birth_month": "13"})

    response = locale.client("police_referrer").post(URL, data)

    content = response.content.decode()
    assert "Enter the victim&#x27;s given name." in content
    assert "Perpetrator 1: Enter the perpetrator&#x27;s given name" in content
    assert "date of birth as a real date" in content
    assert "Non-fatal strangulation; separation planned." in content
    assert_nothing_saved()


def test_a_young_perpetrator_is_flagged(locale):
    data = form_data(**{"perpetrators-0-date_of_birth_year": "2010"})

    response = locale.client("police_referrer").post(URL, data, follow=True)

    assert "17 or under when referred" in response.content.decode()


def test_roles_that_cannot_refer_get_a_404(locale):
    for persona in ("analyst", "admin", "auditor"):
        assert locale.client(persona).get(URL).status_code == 404


def test_fourteen_yes_on_the_checklist_is_visible_high_risk(locale):
    no_judgement = {"professional_judgement": None, "professional_judgement_reasons": ""}
    client = locale.client("police_referrer")

    refused = client.post(URL, form_data(yes=13, **no_judgement)).content.decode()
    assert "this one scores 13, medium risk" in refused
    assert_nothing_saved()

    client.post(URL, form_data(yes=14, **no_judgement))
    referral = Referral.objects.get()
    assert referral.meets_visible_high_risk
    assert referral.criteria_met == ["Visible high risk"]
    assert referral.assessment.safety["perpetrator_whereabouts"] == "Arrested, in custody"
    assert referral.case.risk_level == "high" and referral.case.next_review_due is not None


def test_the_safety_question_must_be_answered(locale):
    response = locale.client("police_referrer").post(URL, form_data(safe_to_talk=None))

    assert '<a href="#id_safe_to_talk">Say whether it is safe for her to talk now.</a>' in response.content.decode()
    assert_nothing_saved()
