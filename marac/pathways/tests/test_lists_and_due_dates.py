"""Both sides see the same due dates: an overdue answer or overdue feedback shows on the sending agency's list and
on the receiving agency's, and on the referral's page."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marac.pathways.tests.factories import HIGH, accept, assess, overdue, pathway, send
from marac.referrals.tests.factories import victim
from marac.tests.html import parse


def rows_of(client, direction: str, **params) -> list[str]:
    page = parse(client.get(reverse("pathways:list"), {"direction": direction, **params}).content.decode())
    return [row.text for row in page.find_all("tr", class_="govuk-table__row")[1:]]


def test_an_overdue_answer_shows_on_both_agencies_lists_and_the_page(locale):
    referral = send(locale, pathway(locale)).referral
    assert not any("Overdue" in row for row in rows_of(locale.client("idva"), "received"))
    overdue(referral, response_due_at=True)
    received = rows_of(locale.client("idva"), "received")
    sent = rows_of(locale.client("police_referrer"), "sent")
    assert len(received) == len(sent) == 1
    assert "Overdue" in received[0] and "Overdue" in sent[0]
    assert "answer" in sent[0]
    page = locale.client("police_referrer").get(reverse("pathways:detail", args=[referral.pk])).content.decode()
    assert "Answer overdue" in page


def test_overdue_feedback_shows_on_both_lists(locale):
    referral = accept(locale, send(locale, pathway(locale)).referral)
    overdue(referral, feedback_due_at=True)
    assert "Overdue" in rows_of(locale.client("police_referrer"), "sent")[0]
    assert "Overdue" in rows_of(locale.client("idva"), "received")[0]
    page = locale.client("idva").get(reverse("pathways:detail", args=[referral.pk])).content.decode()
    assert "Feedback overdue" in page


def test_finished_referrals_are_shown_only_when_asked(locale):
    from marac.pathways.services import Decision, pathway_referral_respond

    referral = send(locale, pathway(locale)).referral
    pathway_referral_respond(
        actor=locale.actor("idva"), referral=referral, decision=Decision.DECLINE, decline_reason="Out of area."
    )
    assert rows_of(locale.client("police_referrer"), "sent") == []
    assert len(rows_of(locale.client("police_referrer"), "sent", show="all")) == 1


def test_the_coordinator_sees_every_referral_of_the_locality(locale):
    send(locale, pathway(locale))
    send(
        locale,
        pathway(locale, sender="health", receiver="housing"),
        persona="health_rep",
        victim=victim(given_name="Ana"),
    )
    assert len(rows_of(locale.client("coordinator"), "all")) == 2
    # Any other role asking for everything gets its own agency's default list.
    assert len(rows_of(locale.client("health_rep"), "all")) == 1


def count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


def test_the_list_and_the_page_run_a_constant_number_of_queries(locale):
    along = pathway(locale)
    first = accept(locale, send(locale, along).referral)
    client = locale.client("idva")
    one = count_queries(client, reverse("pathways:list"), {"direction": "received"})
    page_one = count_queries(client, reverse("pathways:detail", args=[first.pk]))
    for index in range(6):
        referral = accept(locale, send(locale, along, victim=victim(given_name=f"Ana{index}", aliases=[])).referral)
        assess(locale, referral, yes=HIGH)
        assess(locale, first, yes=index)
    many = count_queries(client, reverse("pathways:list"), {"direction": "received"})
    page_many = count_queries(client, reverse("pathways:detail", args=[first.pk]))
    assert many == one
    assert page_many == page_one
