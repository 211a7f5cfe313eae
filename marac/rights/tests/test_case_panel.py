"""The case page links to the rights log for those who read it, warns of notifications still to give, and offers the
agencies that share the case a way to record the perpetrator's release or escape."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marac.incidents.tests.factories import perpetrator_of
from marac.rights.tests.factories import choice, notification, victim_case
from marac.testing.factories import PersonFactory


def case_page(locale, persona, case):
    return locale.client(persona).get(reverse("referrals:case_detail", kwargs={"pk": case.pk}))


def test_the_idva_sees_the_link_and_the_outstanding_notification(locale):
    case = victim_case(locale)
    choice(locale, case, wants=True)
    notification(locale, case, opted_in=True)

    page = case_page(locale, "idva", case).content.decode()

    assert reverse("rights:log", kwargs={"case_pk": case.pk}) in page
    assert "1 notification is still to give." in page
    assert reverse("rights:custody_event_new", kwargs={"person_pk": perpetrator_of(case).pk}) in page


def test_the_chair_sees_the_link_but_records_no_release(locale):
    case = victim_case(locale)

    page = case_page(locale, "chair", case).content.decode()

    assert reverse("rights:log", kwargs={"case_pk": case.pk}) in page
    assert reverse("rights:custody_event_new", kwargs={"person_pk": perpetrator_of(case).pk}) not in page


def test_the_panel_adds_no_query_per_perpetrator(locale):
    one, many = victim_case(locale), victim_case(locale)
    for index in range(5):
        many.parties.create(person=PersonFactory(locality=locale.locality, given_name=f"P{index}"), role="perpetrator")
    client = locale.client("idva")
    client.get(reverse("referrals:case_detail", kwargs={"pk": one.pk}))

    counts = []
    for case in (one, many):
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("referrals:case_detail", kwargs={"pk": case.pk}))
        counts.append(len(queries))
    assert counts[0] == counts[1]
