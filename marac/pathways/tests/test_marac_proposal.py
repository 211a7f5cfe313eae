"""A case on a pathway whose risk rises, or that meets another MARAC criterion, is proposed for MARAC; the MARAC
referral made from it carries the pathway's person, assessments and history, and the two point at each other."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from marac.incidents.models import Gravity, Incident, IncidentType
from marac.pathways.escalation import MaracReferralInput, pathway_referral_refer_to_marac
from marac.pathways.models import EventKind, PathwayReferral
from marac.pathways.routing import proposals_for, with_latest_assessment
from marac.pathways.services import pathway_feedback_record
from marac.pathways.tests.factories import HIGH, MEDIUM, STANDARD, accept, assess, pathway, send
from marac.referrals.models import CaseStatus, Consent, Referral, TriageStatus
from marac.referrals.submitted import SubmittedDetails
from marac.referrals.tests.factories import refer, victim
from marac.risk.models import Assessment


def proposal_of(locale, referral):
    annotated = with_latest_assessment(PathwayReferral.objects.select_related("case")).get(pk=referral.pk)
    return proposals_for([annotated], locality=locale.locality)[referral.pk]


def test_a_later_high_assessment_proposes_a_marac_referral_that_carries_the_pathways_history(locale):
    referral = accept(locale, send(locale, pathway(locale), yes=STANDARD).referral)
    pathway_feedback_record(
        actor=locale.actor("idva"), referral=referral, text="Met her at the GP surgery.", final=False
    )
    assert not proposal_of(locale, referral).proposed

    high = assess(locale, referral, persona="idva", yes=HIGH)
    proposal = proposal_of(locale, referral)
    assert proposal.proposed and proposal.reaches_marac_level
    assert proposal.latest_assessment == high

    # Both agencies see it proposed, on their lists and on the page.
    for persona, direction in (("police_referrer", "sent"), ("idva", "received")):
        page = locale.client(persona).get(reverse("pathways:list"), {"direction": direction}).content.decode()
        assert "Proposed for MARAC" in page
    detail = locale.client("police_referrer").get(reverse("pathways:detail", args=[referral.pk])).content.decode()
    assert "Proposed for a MARAC referral" in detail

    # The IDVA confirms consent and nothing else: the referral is made from what the pathway holds.
    response = locale.client("idva").post(
        reverse("pathways:refer_to_marac", args=[referral.pk]), {"consent": Consent.GIVEN}
    )
    marac = Referral.objects.get()
    assert response.status_code == 302 and response.url == reverse("referrals:detail", args=[marac.pk])

    # Same person, same case, every assessment; its checklist is the high assessment itself, not a copy.
    assert marac.case_id == referral.case_id
    assert marac.case.victim_id == referral.case.victim_id
    assert marac.assessment_id == high.pk
    assert set(Assessment.objects.filter(case=marac.case).values_list("pk", flat=True)) == {
        referral.assessment_id,
        high.pk,
    }
    assert Assessment.objects.count() == 2
    assert marac.meets_visible_high_risk and marac.criteria_met == ["Visible high risk"]
    assert marac.referring_agency == locale.idva_service
    assert marac.triage_status == TriageStatus.PENDING
    assert marac.children_in_household == referral.children_in_household
    submitted = SubmittedDetails.from_referral(marac)
    assert submitted.victim.full_name == "Zoë O'Neill" and submitted.victim.phone == "07700 900123"
    assert [person.full_name for person in submitted.perpetrators] == ["Dale Brack"]

    # Its account: the pathway referral's own, then the pathway's history in order, in English.
    account = marac.risk_summary
    assert account.startswith(referral.risk_summary)
    assert f"Made from pathway referral {referral.reference}" in account
    history = account.split("History on the pathway:\n", 1)[1].splitlines()
    assert [line.split(": ", 1)[1].split(" ")[0] for line in history] == [
        "sent",
        "assessment",
        "accepted",
        "feedback",
        "assessment",
    ]
    assert "Met her at the GP surgery." in account
    assert "High risk (score 15" in account

    # They point at each other, and the pathway records it.
    referral.refresh_from_db()
    assert referral.marac_referral == marac and marac.from_pathway == referral
    assert referral.events.filter(kind=EventKind.REFERRED_TO_MARAC).exists()
    assert not proposal_of(locale, referral).proposed
    link = reverse("referrals:detail", args=[marac.pk])
    assert link in locale.client("idva").get(reverse("pathways:detail", args=[referral.pk])).content.decode()
    # The referrer is told, and links only to what the policy lets her read (her agency did not make it).
    page = locale.client("police_referrer").get(reverse("pathways:detail", args=[referral.pk])).content.decode()
    assert f"case {marac.case.reference}" in page and link not in page


def test_referring_twice_returns_the_first_marac_referral(locale):
    referral = accept(locale, send(locale, pathway(locale)).referral)
    assess(locale, referral, yes=HIGH)
    actor = locale.actor("idva")
    first = pathway_referral_refer_to_marac(actor=actor, referral=referral, data=MaracReferralInput(Consent.GIVEN))
    again = pathway_referral_refer_to_marac(actor=actor, referral=referral, data=MaracReferralInput(Consent.GIVEN))
    assert first == again and Referral.objects.count() == 1


def test_sent_at_high_risk_it_is_proposed_at_once(locale):
    outcome = send(locale, pathway(locale), yes=HIGH, routing_reason="She asked for the IDVA service first.")
    assert outcome.proposal.proposed and outcome.proposal.reaches_marac_level


def test_the_marac_level_is_the_localitys_choice(locale):
    from marac.pathways.configuration import routing_update

    routing_update(actor=locale.actor("admin"), marac_from_level="medium")
    referral = send(locale, pathway(locale), yes=STANDARD).referral
    assess(locale, referral, yes=MEDIUM)
    assert proposal_of(locale, referral).proposed


def test_potential_escalation_from_recorded_incidents_proposes_it(locale):
    referral = send(locale, pathway(locale)).referral
    assert not proposal_of(locale, referral).proposed
    for days in (10, 40, 90):
        Incident.objects.create(
            locality=locale.locality,
            source_agency=locale.police,
            occurred_at=timezone.now() - dt.timedelta(days=days),
            incident_type=IncidentType.PHYSICAL,
            gravity=Gravity.MODERATE,
            victim=referral.case.victim,
            recorded_at=timezone.now(),
        )
    proposal = proposal_of(locale, referral)
    assert proposal.proposed and proposal.escalation and proposal.incidents_in_window == 3
    marac = pathway_referral_refer_to_marac(
        actor=locale.actor("police_referrer"), referral=referral, data=MaracReferralInput(Consent.GIVEN)
    )
    assert marac.meets_potential_escalation and marac.incidents_in_escalation_window == 3


def test_a_victim_referred_to_marac_within_the_repeat_window_is_a_repeat(locale):
    earlier = refer(locale)
    Referral.objects.filter(pk=earlier.referral.pk).update(triage_status=TriageStatus.DECLINED)
    earlier.case.status = CaseStatus.CLOSED
    earlier.case.save()
    referral = send(locale, pathway(locale)).referral
    # She joins the case of that referral, as the repeat rule would have her.
    assert referral.case_id == earlier.case.pk
    proposal = proposal_of(locale, referral)
    assert proposal.proposed and proposal.repeat_of.pk == earlier.referral.pk
    marac = pathway_referral_refer_to_marac(
        actor=locale.actor("police_referrer"), referral=referral, data=MaracReferralInput(Consent.GIVEN)
    )
    assert marac.is_repeat and marac.previous_referral == earlier.referral
    marac.case.refresh_from_db()
    assert marac.case.status == CaseStatus.REFERRED


def test_a_marac_referral_made_since_by_another_route_answers_the_proposal(locale):
    referral = send(locale, pathway(locale)).referral
    assess(locale, accept(locale, referral), yes=HIGH)
    refer(locale, persona="police_rep", victim=victim())
    proposal = proposal_of(locale, referral)
    assert proposal.referred_since is not None and not proposal.proposed
    with pytest.raises(ValidationError, match="since this referral was sent"):
        pathway_referral_refer_to_marac(
            actor=locale.actor("idva"), referral=referral, data=MaracReferralInput(Consent.GIVEN)
        )


def test_without_a_criterion_it_needs_professional_judgement(locale):
    referral = send(locale, pathway(locale)).referral
    actor = locale.actor("police_referrer")
    with pytest.raises(ValidationError) as refused:
        pathway_referral_refer_to_marac(actor=actor, referral=referral, data=MaracReferralInput(Consent.GIVEN))
    assert "professional_judgement_reasons" in refused.value.message_dict
    marac = pathway_referral_refer_to_marac(
        actor=actor,
        referral=referral,
        data=MaracReferralInput(Consent.GIVEN, professional_judgement_reasons="Threats to kill since the referral."),
    )
    assert marac.meets_professional_judgement
    assert marac.professional_judgement_reasons == "Threats to kill since the referral."


def test_judgement_that_raised_the_level_is_carried_as_professional_judgement(locale):
    referral = send(locale, pathway(locale)).referral
    assess(
        locale,
        accept(locale, referral),
        yes=STANDARD,
        judgement_level="high",
        judgement_reason="Non-fatal strangulation last week.",
    )
    marac = pathway_referral_refer_to_marac(
        actor=locale.actor("idva"), referral=referral, data=MaracReferralInput(Consent.GIVEN)
    )
    assert not marac.meets_visible_high_risk
    assert marac.meets_professional_judgement
    assert marac.professional_judgement_reasons == "Non-fatal strangulation last week."


def test_sharing_without_consent_needs_its_reason(locale):
    referral = send(locale, pathway(locale), yes=HIGH, routing_reason="Her choice.").referral
    with pytest.raises(ValidationError) as refused:
        pathway_referral_refer_to_marac(
            actor=locale.actor("police_referrer"), referral=referral, data=MaracReferralInput(Consent.REFUSED)
        )
    assert {"sharing_without_consent_reason", "sharing_approved_by"} <= set(refused.value.message_dict)
