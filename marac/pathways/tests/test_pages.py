"""The pages of a pathway referral, each doing its one thing through the services."""

from django.urls import reverse

from marac.audit.models import AuditAction, AuditEvent
from marac.pathways.models import PathwayReferral, PathwayReferralStatus
from marac.pathways.tests.factories import HIGH, accept, pathway, send
from marac.referrals.tests.factories import CHECKLIST
from marac.risk.models import Assessment
from marac.risk.tests.factories import dash_version, form_post


def test_the_form_says_so_when_the_agency_has_no_pathway(locale):
    page = locale.client("health_rep").get(reverse("pathways:new")).content.decode()
    assert "Your agency has no pathway to refer along" in page


def test_the_form_shows_what_the_routing_proposes(locale):
    pathway(locale, levels=("standard",), name="Police to the victim service")
    page = locale.client("police_referrer").get(reverse("pathways:new")).content.decode()
    assert "Police to the victim service" in page
    assert "A MARAC referral" in page


def test_accepting_and_declining_through_the_page(locale):
    along = pathway(locale)
    first, second = send(locale, along).referral, send(locale, along).referral
    client = locale.client("idva")
    assert client.get(reverse("pathways:respond", args=[first.pk])).status_code == 200
    assert client.post(reverse("pathways:respond", args=[first.pk]), {"decision": "accept"}).status_code == 302
    refused = client.post(reverse("pathways:respond", args=[second.pk]), {"decision": "decline"})
    assert refused.status_code == 200 and "decline_reason" in refused.context["form"].errors
    client.post(reverse("pathways:respond", args=[second.pk]), {"decision": "decline", "decline_reason": "Full."})
    statuses = dict(PathwayReferral.objects.values_list("pk", "status"))
    assert statuses == {first.pk: PathwayReferralStatus.ACCEPTED, second.pk: PathwayReferralStatus.DECLINED}


def test_feedback_through_the_page(locale):
    referral = accept(locale, send(locale, pathway(locale)).referral)
    client = locale.client("idva")
    assert client.get(reverse("pathways:feedback", args=[referral.pk])).status_code == 200
    response = client.post(
        reverse("pathways:feedback", args=[referral.pk]), {"feedback": "Safety plan agreed.", "final": "on"}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == PathwayReferralStatus.CLOSED


def test_a_new_assessment_through_the_page_proposes_marac(locale):
    referral = accept(locale, send(locale, pathway(locale)).referral)
    client = locale.client("police_rep")
    assert client.get(reverse("pathways:assess", args=[referral.pk])).status_code == 200
    response = client.post(
        reverse("pathways:assess", args=[referral.pk]), form_post(dash_version(locale.locality), yes=HIGH)
    )
    assert response.status_code == 302
    latest = Assessment.objects.latest("assessed_at")
    assert latest.case_id == referral.case_id and latest.final_level == "high" and latest.agency == locale.police
    page = client.get(reverse("pathways:detail", args=[referral.pk])).content.decode()
    assert "Proposed for a MARAC referral" in page


def test_an_assessment_of_the_pathway_is_read_on_it_and_the_read_audited(locale):
    referral = send(locale, pathway(locale)).referral
    client = locale.client("idva")
    response = client.get(reverse("pathways:assessment", args=[referral.pk, referral.assessment_id]))
    assert response.status_code == 200
    assert CHECKLIST.items[0].label in response.content.decode()
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="risk.assessment", object_id=str(referral.assessment_id)
    ).exists()


def test_an_assessment_from_outside_the_pathway_is_not_found_there(locale):
    from marac.risk.tests.factories import AssessmentFactory
    from marac.testing.factories import CaseFactory

    referral = send(locale, pathway(locale)).referral
    elsewhere = AssessmentFactory(case=CaseFactory(locality=locale.locality))
    url = reverse("pathways:assessment", args=[referral.pk, elsewhere.pk])
    assert locale.client("idva").get(url).status_code == 404


def test_the_marac_referral_page_shows_what_will_be_carried(locale):
    referral = send(locale, pathway(locale), yes=HIGH, routing_reason="Her choice.").referral
    page = locale.client("police_referrer").get(reverse("pathways:refer_to_marac", args=[referral.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Visible high risk" in body
    assert f"Made from pathway referral {referral.reference}" in body
