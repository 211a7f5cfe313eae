"""A victim already on a pathway has a case in the locality: a MARAC referral made on the ordinary form joins it rather
than open a second case for her (one victim, one case in a locality), and from then on it is a MARAC case."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from marac.audit.models import AuditAction, AuditEvent
from marac.pathways.models import PathwayReferralStatus
from marac.pathways.services import pathway_feedback_record
from marac.pathways.tests.factories import accept, pathway, send
from marac.referrals.models import Case, CaseStatus, Referral, TriageStatus
from marac.referrals.services import TriageDecision, months_before, referral_triage
from marac.referrals.tests.factories import form_data, refer, victim


def on_a_pathway(locale):
    """The police referred her along their pathway to the IDVA service, which accepted."""
    return accept(locale, send(locale, pathway(locale)).referral)


def test_a_marac_referral_joins_the_case_her_pathway_opened(locale):
    along = on_a_pathway(locale)
    assert along.case.status == CaseStatus.ON_PATHWAY

    outcome = refer(locale, persona="police_referrer")

    assert outcome.case == along.case and not outcome.case_created
    assert Case.objects.count() == 1
    case = Case.objects.get()
    assert case.status == CaseStatus.REFERRED
    assert case.last_referred_at == outcome.referral.referred_at
    # Nothing on the pathway made it a repeat: no MARAC referral came before this one.
    assert not outcome.referral.is_repeat and outcome.referral.previous_referral is None
    assert outcome.referral.triage_status == TriageStatus.PENDING
    # The pathway's own work goes on.
    along.refresh_from_db()
    assert along.status == PathwayReferralStatus.ACCEPTED
    moved = AuditEvent.objects.get(object_type="referrals.case", action=AuditAction.UPDATE)
    assert moved.summary == "A MARAC referral re-opened the case (on_pathway to referred)"
    assert moved.detail == {"status_before": CaseStatus.ON_PATHWAY, "status_after": CaseStatus.REFERRED}
    made = AuditEvent.objects.get(object_type="referrals.referral", action=AuditAction.CREATE)
    assert made.detail["joined_pathway_case"] is True and made.detail["case_created"] is False


def test_the_referral_form_joins_it_too(locale):
    along = on_a_pathway(locale)

    client = locale.client("housing_rep")
    response = client.post(reverse("referrals:new"), form_data())

    referral = Referral.objects.get()
    assert response.status_code == 302 and response.url == reverse("referrals:detail", args=[referral.pk])
    assert referral.case_id == along.case_id and Case.objects.count() == 1
    followed = client.get(response.url)
    assert f"The case reference is {along.case.reference}" in followed.content.decode()


def test_she_is_found_under_another_of_her_names(locale):
    along = on_a_pathway(locale)

    outcome = refer(locale, victim=victim(given_name="Zoe", family_name="Marsh", aliases=[]))

    assert outcome.case == along.case and Case.objects.count() == 1


def test_another_victim_is_not_joined(locale):
    along = on_a_pathway(locale)

    outcome = refer(locale, victim=victim(given_name="Priya", family_name="Shah", aliases=[]))

    assert outcome.case_created and outcome.case != along.case
    along.case.refresh_from_db()
    assert along.case.status == CaseStatus.ON_PATHWAY


def test_a_case_her_pathway_closed_is_not_joined(locale):
    along = on_a_pathway(locale)
    pathway_feedback_record(actor=locale.actor("idva"), referral=along, text="Support completed.", final=True)
    along.case.refresh_from_db()
    assert along.case.status == CaseStatus.CLOSED

    outcome = refer(locale)

    assert outcome.case_created and outcome.case != along.case
    assert outcome.case.victim_id == along.case.victim_id
    assert outcome.case.status == CaseStatus.REFERRED


def test_within_the_repeat_window_the_repeat_rule_still_decides(locale):
    first = refer(locale)
    along = on_a_pathway(locale)
    assert along.case == first.case  # the pathway joined the case of her recent MARAC referral

    again = refer(locale)

    assert again.referral.is_repeat and again.case == first.case and Case.objects.count() == 1


def test_past_the_window_her_pathway_case_is_joined_not_her_old_case(locale):
    old = refer(locale)
    Referral.objects.filter(pk=old.referral.pk).update(
        referred_at=months_before(timezone.now(), 12) - dt.timedelta(days=1)
    )
    Case.objects.filter(pk=old.case.pk).update(status=CaseStatus.CLOSED)
    along = on_a_pathway(locale)
    assert along.case != old.case and along.case.status == CaseStatus.ON_PATHWAY

    outcome = refer(locale)

    assert outcome.case == along.case and not outcome.case_created and not outcome.referral.is_repeat
    assert Case.objects.count() == 2


def test_a_declined_first_referral_puts_the_case_back_on_its_pathway(locale):
    along = on_a_pathway(locale)
    outcome = refer(locale)

    referral_triage(
        actor=locale.actor("coordinator"),
        referral=outcome.referral,
        decision=TriageDecision.DECLINE,
        decline_reason="Below the threshold: the IDVA service's support on the pathway answers the concern.",
    )

    case = Case.objects.get()
    assert case.status == CaseStatus.ON_PATHWAY and case.closed_at is None
    # When the pathway's work ends, the pathway closes it, as it closes any case it alone keeps open.
    pathway_feedback_record(actor=locale.actor("idva"), referral=along, text="Support completed.", final=True)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.closed_at is not None


def test_a_declined_referral_closes_the_case_once_no_pathway_referral_is_open(locale):
    along = on_a_pathway(locale)
    outcome = refer(locale)
    pathway_feedback_record(actor=locale.actor("idva"), referral=along, text="Support completed.", final=True)
    assert Case.objects.get().status == CaseStatus.REFERRED  # a MARAC referral is in play: the pathway leaves it

    referral_triage(
        actor=locale.actor("coordinator"),
        referral=outcome.referral,
        decision=TriageDecision.DECLINE,
        decline_reason="Below the threshold.",
    )

    assert Case.objects.get().status == CaseStatus.CLOSED
