"""A standard-risk victim referred along the pathway the routing proposes, accepted, and fed back on."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from marac.audit.models import AuditAction, AuditEvent
from marac.pathways.models import EventKind, PathwayReferral, PathwayReferralStatus, ProposedRoute
from marac.pathways.services import Decision, pathway_feedback_record, pathway_referral_respond
from marac.pathways.tests.factories import MEDIUM, STANDARD, accept, form_post, pathway, send
from marac.referrals.models import CaseParty, CaseStatus, PartyRole, Referral
from marac.risk.models import Assessment


def test_a_standard_risk_referral_along_the_proposed_pathway_is_accepted_and_fed_back_on(locale):
    along = pathway(locale, levels=("standard",))
    client = locale.client("police_referrer")
    response = client.post(reverse("pathways:new"), form_post(along, yes=STANDARD))
    referral = PathwayReferral.objects.get()
    assert response.status_code == 302 and response.url == reverse("pathways:detail", args=[referral.pk])

    # Filed on her case: her person record, her perpetrator, and the checklist as an assessment. Nothing twice.
    case = referral.case
    assert case.victim.full_name == "Zoë O'Neill"
    assert referral.assessment.case_id == case.pk and referral.assessment.final_level == "standard"
    assert Assessment.objects.filter(case=case).count() == 1
    assert CaseParty.objects.filter(case=case, role=PartyRole.PERPETRATOR, person__given_name="Dale").exists()
    assert not Referral.objects.filter(case=case).exists()
    assert referral.proposed_route == ProposedRoute.THIS_PATHWAY
    assert referral.status == PathwayReferralStatus.AWAITING
    assert referral.to_agency == locale.idva_service and referral.from_agency == locale.police
    assert referral.protocol["response_days"] == 2

    answered = pathway_referral_respond(actor=locale.actor("idva"), referral=referral, decision=Decision.ACCEPT)
    assert answered.status == PathwayReferralStatus.ACCEPTED
    assert answered.feedback_due_at > answered.responded_at

    pathway_feedback_record(
        actor=locale.actor("idva"),
        referral=answered,
        text="Spoke to her on Tuesday; outreach support agreed.",
        final=False,
    )
    answered.refresh_from_db()
    assert answered.first_feedback_at is not None and answered.status == PathwayReferralStatus.ACCEPTED

    # The referrer reads the answer and the feedback on the page.
    page = client.get(reverse("pathways:detail", args=[referral.pk])).content.decode()
    assert "outreach support agreed" in page
    kinds = list(referral.events.values_list("kind", flat=True))
    assert kinds == [EventKind.SENT, EventKind.ACCEPTED, EventKind.FEEDBACK]
    summaries = set(AuditEvent.objects.filter(object_type="pathways.pathwayreferral").values_list("summary", flat=True))
    assert any(summary.startswith("Sent pathway referral") for summary in summaries)
    assert any(summary.startswith("Accepted pathway referral") for summary in summaries)


def test_final_feedback_closes_the_referral_and_the_case_it_alone_opened(locale):
    referral = accept(locale, send(locale, pathway(locale)).referral)
    assert referral.case.status == CaseStatus.ON_PATHWAY
    pathway_feedback_record(actor=locale.actor("idva"), referral=referral, text="Support completed.", final=True)
    referral.refresh_from_db()
    referral.case.refresh_from_db()
    assert referral.status == PathwayReferralStatus.CLOSED and referral.closed_at is not None
    # Its retention clock starts, as a declined first MARAC referral's does.
    assert referral.case.status == CaseStatus.CLOSED and referral.case.closed_at is not None


def test_a_decline_needs_a_reason_the_referrer_reads(locale):
    referral = send(locale, pathway(locale)).referral
    with pytest.raises(ValidationError) as refused:
        pathway_referral_respond(actor=locale.actor("idva"), referral=referral, decision=Decision.DECLINE)
    assert "decline_reason" in refused.value.message_dict
    pathway_referral_respond(
        actor=locale.actor("idva"),
        referral=referral,
        decision=Decision.DECLINE,
        decline_reason="She lives outside our area: refer to Hillcrest Women's Aid.",
    )
    page = locale.client("police_referrer").get(reverse("pathways:detail", args=[referral.pk])).content.decode()
    assert "refer to Hillcrest" in page


def test_only_the_receiving_agency_answers(locale):
    referral = send(locale, pathway(locale)).referral
    with pytest.raises(PermissionDenied):
        pathway_referral_respond(actor=locale.actor("police_rep"), referral=referral, decision=Decision.ACCEPT)
    response = locale.client("police_rep").post(reverse("pathways:respond", args=[referral.pk]), {"decision": "accept"})
    assert response.status_code == 404
    referral.refresh_from_db()
    assert referral.status == PathwayReferralStatus.AWAITING
    assert AuditEvent.objects.filter(action=AuditAction.DENIED, actor=locale.memberships["police_rep"].user).exists()


def test_an_answer_is_given_once(locale):
    referral = accept(locale, send(locale, pathway(locale)).referral)
    with pytest.raises(ValidationError, match="already been answered"):
        pathway_referral_respond(
            actor=locale.actor("idva"), referral=referral, decision=Decision.DECLINE, decline_reason="x"
        )


def test_feedback_waits_for_acceptance(locale):
    referral = send(locale, pathway(locale)).referral
    with pytest.raises(ValidationError, match="Accept the referral"):
        pathway_feedback_record(actor=locale.actor("idva"), referral=referral, text="Called her.", final=False)


def test_the_routing_asks_why_when_the_pathway_chosen_is_not_the_one_proposed(locale):
    standard = pathway(locale, receiver="housing", levels=("standard",), name="Police to housing support")
    medium = pathway(locale, levels=("medium",), name="Police to the IDVA service")
    client = locale.client("police_referrer")
    refused = client.post(reverse("pathways:new"), form_post(standard, yes=MEDIUM))
    assert refused.status_code == 200
    assert "the routing proposes the pathway “Police to the IDVA service”" in refused.content.decode()
    assert not PathwayReferral.objects.exists()
    client.post(
        reverse("pathways:new"), form_post(standard, yes=MEDIUM, routing_reason="She asked for help with her tenancy.")
    )
    referral = PathwayReferral.objects.get()
    assert referral.proposed_route == ProposedRoute.OTHER_PATHWAY
    assert referral.routing_reason == "She asked for help with her tenancy."
    assert medium.referrals.count() == 0


def test_resubmitting_the_form_returns_the_first_referral(locale):
    along = pathway(locale)
    post = form_post(along)
    client = locale.client("police_referrer")
    first = client.post(reverse("pathways:new"), post)
    second = client.post(reverse("pathways:new"), post)
    assert first.url == second.url
    assert PathwayReferral.objects.count() == 1


def test_an_agency_sends_only_along_its_own_pathways(locale):
    housing_pathway = pathway(locale, sender="housing", receiver="idva_service")
    refused = locale.client("police_referrer").post(reverse("pathways:new"), form_post(housing_pathway))
    assert refused.status_code == 200
    assert not PathwayReferral.objects.exists()


def test_a_second_referral_of_the_same_victim_joins_her_open_case(locale):
    first = send(locale, pathway(locale)).referral
    again = send(
        locale, pathway(locale, receiver="housing", levels=()), routing_reason="Rent arrears from the abuse."
    ).referral
    assert again.case_id == first.case_id
    assert again.case.victim_id == first.case.victim_id
