"""Who sees which referrals: a referrer her own agency's, the coordinator the locality's."""

from django.urls import reverse

from marac.audit.models import AuditAction, AuditEvent
from marac.referrals.models import TriageStatus
from marac.referrals.tests.factories import refer, victim


def test_a_referrer_lists_only_her_own_agency_s_referrals(locale):
    ours = refer(locale, "police_referrer").referral
    theirs = refer(locale, "housing_rep", victim=victim(given_name="Priya", family_name="Shah", aliases=[])).referral

    response = locale.client("police_rep").get(reverse("referrals:list"))

    assert list(response.context["referrals"]) == [ours]
    assert theirs.case.reference not in response.content.decode()
    event = AuditEvent.objects.filter(action=AuditAction.LIST).latest("pk")
    assert event.detail["ids"] == [ours.pk]


def test_the_referrer_sees_the_triage_and_case_status(locale):
    refer(locale)
    content = locale.client("police_referrer").get(reverse("referrals:list")).content.decode()
    assert "Awaiting triage" in content
    assert "Referred" in content


def test_the_coordinator_s_queue_puts_referrals_awaiting_triage_first(locale):
    done = refer(locale).referral
    done.triage_status = TriageStatus.DECLINED
    done.save()
    waiting = refer(locale, "housing_rep", victim=victim(given_name="Priya", family_name="Shah", aliases=[])).referral
    asked = refer(locale, "health_rep", victim=victim(given_name="Lena", family_name="Voss", aliases=[])).referral
    asked.triage_status = TriageStatus.MORE_INFORMATION
    asked.save()

    response = locale.client("coordinator").get(reverse("referrals:list"))

    assert list(response.context["referrals"]) == [waiting, asked, done]


def test_another_agency_s_referral_is_not_found_and_the_attempt_audited(locale):
    theirs = refer(locale, "housing_rep").referral

    response = locale.client("police_referrer").get(reverse("referrals:detail", args=[theirs.pk]))

    assert response.status_code == 404
    denied = AuditEvent.objects.get(action=AuditAction.DENIED)
    assert denied.detail == {"object_type": "referrals.referral", "object_id": str(theirs.pk)}
    assert denied.actor_username == locale.memberships["police_referrer"].user.username


def test_a_referral_of_another_locality_is_not_found(locale, other_locale):
    theirs = refer(other_locale).referral
    assert locale.client("coordinator").get(reverse("referrals:detail", args=[theirs.pk])).status_code == 404


def test_the_allocated_idva_service_sees_the_referral(locale):
    referral = refer(locale).referral
    client = locale.client("idva")
    assert client.get(reverse("referrals:detail", args=[referral.pk])).status_code == 404

    referral.case.idva_agency = locale.idva_service
    referral.case.save()

    assert client.get(reverse("referrals:detail", args=[referral.pk])).status_code == 200


def test_viewing_a_referral_is_audited(locale):
    referral = refer(locale).referral
    locale.client("police_referrer").get(reverse("referrals:detail", args=[referral.pk]))
    event = AuditEvent.objects.filter(action=AuditAction.VIEW).latest("pk")
    assert (event.object_type, event.object_id, event.case_id) == (
        "referrals.referral",
        str(referral.pk),
        referral.case_id,
    )
