"""The documents page: every member reads the locality's agreement and protocol, their lawful bases and dates, and
sees which member agencies signed the current versions; reviews due or overdue are flagged."""

import datetime as dt
import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from marac.audit.models import AuditAction, AuditEvent
from marac.governance.models import DocumentKind
from marac.governance.tests.factories import DocumentVersionFactory, SignatureFactory, agreement_signed_by_every_agency
from marac.testing.factories import AgencyFactory

URL = reverse("governance:documents")


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def overview(response, kind: str):
    return next(item for item in response.context["overviews"] if item.kind == kind)


def test_the_current_versions_their_bases_dates_and_signatures(locale):
    old = DocumentVersionFactory(document__locality=locale.locality, label="1")
    current = DocumentVersionFactory(
        document=old.document,
        label="2",
        text="Agencies share only what reduces risk.\n\nCase papers stay in marac.",
        lawful_bases=["uk_gdpr_6_1_e", "dpa_2018_part_3"],
        effective_on=dt.date(2026, 10, 1),
        review_on=timezone.localdate() + dt.timedelta(days=200),
    )
    SignatureFactory(
        version=current,
        agency=locale.housing,
        signer_name="Tom Birch",
        signer_role="Housing Options Manager",
        signed_at=timezone.make_aware(dt.datetime(2026, 10, 3, 11)),
    )
    SignatureFactory(version=old, agency=locale.police)

    response = locale.client("police_referrer").get(URL)

    assert response.status_code == 200
    text = text_of(response)
    assert "Agencies share only what reduces risk." in text
    assert "Case papers stay in marac." in text
    assert "UK GDPR Article 6(1)(e)" in text
    assert "DPA 2018 Part 3" in text
    assert "UK GDPR Article 6(1)(c)" not in text
    assert "1 October 2026" in text
    agreement = overview(response, DocumentKind.AGREEMENT)
    assert agreement.current == current
    assert agreement.earlier == [old]
    rows = {row.agency: row.signature for row in agreement.agencies}
    assert rows[locale.housing].signer_name == "Tom Birch"
    assert rows[locale.police] is None, "a signature of version 1 is not a signature of version 2"
    assert "Tom Birch" in text and "Housing Options Manager" in text and "3 October 2026" in text
    assert text.count("Not signed") == 4
    assert "Riverside Police has not signed version 2." in text
    assert "Review due" not in text and "Review overdue" not in text
    assert reverse("governance:version_detail", kwargs={"pk": old.pk}) in text
    assert "No operating protocol has been published for Riverside MARAC yet." in text


def test_representatives_are_offered_to_sign_and_others_are_not(locale):
    version = DocumentVersionFactory(document__locality=locale.locality)
    sign_url = reverse("governance:sign", kwargs={"pk": version.pk})
    assert sign_url in text_of(locale.client("housing_rep").get(URL))
    assert sign_url in text_of(locale.client("coordinator").get(URL))
    idva_page = text_of(locale.client("idva").get(URL))
    assert sign_url not in idva_page
    assert "Your agency's representative can sign it." in idva_page


def test_only_the_administrator_is_offered_to_publish(locale):
    new_agreement = reverse("governance:version_new", kwargs={"kind": "agreement"})
    assert new_agreement in text_of(locale.client("admin").get(URL))
    assert new_agreement not in text_of(locale.client("coordinator").get(URL))


@pytest.mark.parametrize(("days", "flag"), [(30, "Review due"), (0, "Review due"), (-1, "Review overdue"), (31, None)])
def test_reviews_due_and_overdue_are_flagged(locale, days, flag):
    DocumentVersionFactory(
        document__locality=locale.locality,
        document__kind=DocumentKind.PROTOCOL,
        review_on=timezone.localdate() + dt.timedelta(days=days),
    )
    text = text_of(locale.client("chair").get(URL))
    for candidate in ("Review due", "Review overdue"):
        assert (candidate in text) == (candidate == flag)


def test_only_the_own_localitys_documents(locale, other_locale):
    theirs = DocumentVersionFactory(document__locality=other_locale.locality, text="Hillcrest wording.")
    response = locale.client("coordinator").get(URL)
    assert "Hillcrest wording." not in text_of(response)
    assert all(item.current is None for item in response.context["overviews"])
    assert other_locale.police not in [row.agency for row in overview(response, DocumentKind.AGREEMENT).agencies]
    assert theirs.pk not in AuditEvent.objects.get(action=AuditAction.LIST).detail["ids"]


def test_the_listing_is_audited(locale):
    version = DocumentVersionFactory(document__locality=locale.locality)
    locale.client("auditor").get(URL)
    event = AuditEvent.objects.get(action=AuditAction.LIST, actor=locale.memberships["auditor"].user)
    assert event.detail == {"ids": [version.pk]}


def add_history(locale, rounds: int) -> None:
    for _ in range(rounds):
        AgencyFactory(locality=locale.locality)
        agreement_signed_by_every_agency(locale.locality)
        protocol = DocumentVersionFactory(document__locality=locale.locality, document__kind=DocumentKind.PROTOCOL)
        SignatureFactory(version=protocol, agency=locale.police)


def queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL)
    assert response.status_code == 200
    return len(captured)


def test_query_count_is_constant(locale, django_assert_max_num_queries):
    client = locale.client("police_rep")
    add_history(locale, 1)
    one = queries(client)
    add_history(locale, 15)
    many = queries(client)
    assert many == one
    with django_assert_max_num_queries(one):
        client.get(URL)
