"""The case list: only the cases the actor may see, filtered by status."""

from django.urls import reverse

from marac.audit.models import AuditAction, AuditEvent
from marac.referrals.models import Case, CaseStatus
from marac.referrals.tests.factories import refer, victim
from marac.referrals.tests.helpers import hold_meeting


def test_the_coordinator_filters_the_locality_s_cases_by_status(locale, other_locale):
    referred = refer(locale).case
    closed = refer(locale, victim=victim(given_name="Priya", family_name="Shah", aliases=[])).case
    Case.objects.filter(pk=closed.pk).update(status=CaseStatus.CLOSED)
    elsewhere = refer(other_locale).case
    client = locale.client("coordinator")

    everything = client.get(reverse("referrals:case_list"))
    only_closed = client.get(reverse("referrals:case_list"), {"status": CaseStatus.CLOSED})
    nonsense = client.get(reverse("referrals:case_list"), {"status": "nonsense"})

    assert set(everything.context["cases"]) == {referred, closed}
    assert list(only_closed.context["cases"]) == [closed]
    assert set(nonsense.context["cases"]) == {referred, closed}
    assert elsewhere.reference not in everything.content.decode()
    event = AuditEvent.objects.filter(action=AuditAction.LIST).latest("pk")
    assert set(event.detail["ids"]) == {referred.pk, closed.pk}


def test_an_agency_sees_only_the_cases_it_is_invited_to(locale):
    invited = refer(locale)
    refer(locale, victim=victim(given_name="Priya", family_name="Shah", aliases=[]))
    hold_meeting(locale, invited.referral, invited=("housing",))

    response = locale.client("housing_rep").get(reverse("referrals:case_list"))

    assert list(response.context["cases"]) == [invited.case]


def test_a_repeat_is_tagged_in_the_list(locale):
    refer(locale)
    refer(locale)
    assert ">Repeat<" in locale.client("coordinator").get(reverse("referrals:case_list")).content.decode()


def test_roles_without_case_content_are_refused_the_case_list(locale):
    refer(locale)
    for persona in ("analyst", "police_referrer"):
        assert locale.client(persona).get(reverse("referrals:case_list")).status_code == 404
