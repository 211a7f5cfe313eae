"""A case a pathway opens is "on a pathway", not a MARAC case: it has its own status on the case list, no figure of the
MARAC counts it, it waits in no triage queue; a MARAC referral made from the pathway makes it a MARAC case, whose page
links back to the pathway referral for whoever may read that."""

from django.urls import reverse
from django.utils import timezone

from marac.agencies.models import Locality
from marac.audit.models import AuditAction, AuditEvent
from marac.meetings.models import AgendaItem, Meeting, MeetingStatus
from marac.pathways.escalation import MaracReferralInput, pathway_referral_refer_to_marac
from marac.pathways.tests.factories import HIGH, accept, assess, pathway, send
from marac.referrals.models import Case, CaseStatus, Consent, Referral
from marac.referrals.tests.factories import refer, victim
from marac.reports.calculation import count_return
from marac.reports.kpis import count_kpis
from marac.reports.monitoring import count_monitoring
from marac.reports.quarters import Quarter


def test_the_case_a_pathway_opens_is_on_a_pathway_with_no_marac_referral(locale):
    outcome = send(locale, pathway(locale))

    case = outcome.case
    assert outcome.case_created and case.status == CaseStatus.ON_PATHWAY
    assert not Referral.objects.filter(case=case).exists()
    opened = AuditEvent.objects.get(object_type="referrals.case", action=AuditAction.CREATE)
    assert opened.summary == f"Opened case {case.reference} for a pathway referral"
    # A second pathway referral of hers joins it, and it stays on a pathway.
    again = send(locale, pathway(locale, receiver="housing", levels=()), routing_reason="Rent arrears from the abuse.")
    assert again.case == case and not again.case_created
    case.refresh_from_db()
    assert case.status == CaseStatus.ON_PATHWAY


def test_the_case_list_shows_it_with_its_own_status_and_filters_on_it(locale):
    on_pathway = send(locale, pathway(locale)).case
    marac = refer(locale, victim=victim(given_name="Priya", family_name="Shah", aliases=[])).case
    client = locale.client("coordinator")

    everything = client.get(reverse("referrals:case_list"))
    only_on_pathway = client.get(reverse("referrals:case_list"), {"status": CaseStatus.ON_PATHWAY})
    only_referred = client.get(reverse("referrals:case_list"), {"status": CaseStatus.REFERRED})

    assert set(everything.context["cases"]) == {on_pathway, marac}
    assert "On a pathway" in everything.content.decode()
    assert list(only_on_pathway.context["cases"]) == [on_pathway]
    assert list(only_referred.context["cases"]) == [marac]


def test_it_waits_in_no_triage_queue(locale):
    send(locale, pathway(locale))

    queue = locale.client("coordinator").get(reverse("referrals:list"))

    assert list(queue.context["referrals"]) == []
    assert not AgendaItem.objects.exists()


def test_the_marac_referral_made_from_the_pathway_makes_it_a_marac_case(locale):
    referral = accept(locale, send(locale, pathway(locale)).referral)
    assess(locale, referral, yes=HIGH)

    marac = pathway_referral_refer_to_marac(
        actor=locale.actor("idva"), referral=referral, data=MaracReferralInput(consent=Consent.GIVEN)
    )

    case = Case.objects.get()
    assert marac.case == case and case.status == CaseStatus.REFERRED and case.closed_at is None
    moved = AuditEvent.objects.get(object_type="referrals.case", action=AuditAction.UPDATE)
    assert moved.detail == {"status_before": CaseStatus.ON_PATHWAY, "status_after": CaseStatus.REFERRED}


def _figures(locale, quarter: Quarter):
    return (
        count_return(locale.locality, quarter).total.counts,
        count_kpis(locale.locality, [quarter], today=timezone.localdate()),
        count_monitoring(locale.locality, quarter),
    )


def test_no_figure_of_the_marac_counts_a_case_on_a_pathway(locale):
    # One MARAC case, referred and heard this quarter, so that every figure has something to count.
    referred = refer(locale, victim=victim(given_name="Priya", family_name="Shah", aliases=[]))
    meeting = Meeting.objects.create(
        locality=locale.locality, scheduled_for=timezone.now(), status=MeetingStatus.CLOSED
    )
    AgendaItem.objects.create(meeting=meeting, case=referred.case, referral=referred.referral)
    quarter = Quarter.containing(timezone.now())
    before = _figures(locale, quarter)
    assert before[0]["cases"] == 1 and before[1][0].referrals == 1 and before[2].progression["received"] == 1

    # Another victim of the same man on a pathway, accepted, assessed at high risk: still no MARAC referral.
    referral = accept(locale, send(locale, pathway(locale)).referral)
    assess(locale, referral, yes=HIGH)
    assert referral.case.parties.get().person == referred.case.parties.get().person

    assert _figures(locale, quarter) == before
    monitoring = _figures(locale, quarter)[2]
    assert monitoring.victims["victims"] == 1 and monitoring.perpetrators["several_victims"] == 0


def test_the_marac_referral_links_back_to_the_pathway_referral_for_whoever_may_read_it(locale):
    referral = accept(locale, send(locale, pathway(locale)).referral)
    assess(locale, referral, yes=HIGH)
    marac = pathway_referral_refer_to_marac(
        actor=locale.actor("idva"), referral=referral, data=MaracReferralInput(consent=Consent.GIVEN)
    )
    url, link = reverse("referrals:detail", args=[marac.pk]), reverse("pathways:detail", args=[referral.pk])

    # The receiving agency, which made it, and the coordinator read both.
    for persona in ("idva", "coordinator"):
        page = locale.client(persona).get(url).content.decode()
        assert link in page and f"Pathway referral {referral.reference}" in page
        assert locale.client(persona).get(link).status_code == 200
    # The chair reads every MARAC referral of the locality but no pathway referral: no link she would be refused.
    chair = locale.client("chair")
    page = chair.get(url)
    assert page.status_code == 200 and link not in page.content.decode()
    assert chair.get(link).status_code in (403, 404)


def test_an_ordinary_marac_referral_has_no_pathway_to_link_to(locale):
    marac = refer(locale).referral

    response = locale.client("coordinator").get(reverse("referrals:detail", args=[marac.pk]))

    assert response.context["from_pathway"] is None
    assert "Made from" not in response.content.decode()


def test_in_spanish(locale):
    Locality.objects.filter(pk=locale.locality.pk).update(language="es")
    referral = accept(locale, send(locale, pathway(locale)).referral)
    client = locale.client("coordinator")
    listed = client.get(reverse("referrals:case_list")).content.decode()
    assert "En un circuito" in listed
    assess(locale, referral, yes=HIGH)
    marac = pathway_referral_refer_to_marac(
        actor=locale.actor("idva"), referral=referral, data=MaracReferralInput(consent=Consent.GIVEN)
    )

    page = client.get(reverse("referrals:detail", args=[marac.pk])).content.decode()

    assert "Hecha a partir de" in page and f"Derivación por circuito {referral.reference}" in page
