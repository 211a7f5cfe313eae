"""The pages of a transfer from start to finish, as the two coordinators use them."""

from django.urls import reverse

from marac.referrals.models import Case, CaseStatus
from marac.testing.factories import CaseFactory
from marac.transfers.models import Transfer, TransferStatus
from marac.transfers.tests.factories import TransferFactory, case_with_history


def test_the_case_page_offers_the_transfer_to_the_coordinator_only(locale):
    case = CaseFactory(locality=locale.locality)
    url = reverse("referrals:case_detail", args=[case.pk])
    link = reverse("transfers:new", args=[case.pk])
    assert link in locale.client("coordinator").get(url).content.decode()
    assert link not in locale.client("chair").get(url).content.decode()
    assert locale.client("chair").get(link).status_code == 404


def test_requesting_shows_the_banner_on_the_case_and_keeps_its_status(locale, other_locale):
    case = case_with_history(locale)
    client = locale.client("coordinator")
    response = client.post(
        reverse("transfers:new", args=[case.pk]),
        {"to_locality": other_locale.locality.pk, "reason": "She moved to her sister's.", "new_postcode_district": ""},
    )
    transfer = Transfer.objects.get()
    assert response.status_code == 302 and response.url == reverse("transfers:detail", args=[transfer.pk])
    body = client.get(reverse("referrals:case_detail", args=[case.pk])).content.decode()
    assert "Transfer requested" in body
    assert reverse("transfers:new", args=[case.pk]) not in body
    assert Case.objects.get(pk=case.pk).status == CaseStatus.MONITORING


def test_the_request_form_explains_its_errors(locale):
    case = CaseFactory(locality=locale.locality)
    response = locale.client("coordinator").post(reverse("transfers:new", args=[case.pk]), {"reason": ""})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Choose the area the case moves to." in body
    assert "Say why the case moves" in body
    assert not Transfer.objects.exists()


def test_the_receiving_coordinator_reads_the_pack_and_accepts(locale, other_locale):
    transfer = TransferFactory(sending_case=case_with_history(locale), to_locality=other_locale.locality)
    client = other_locale.client("coordinator")
    body = client.get(reverse("transfers:detail", args=[transfer.pk])).content.decode()
    assert "Leah Marsh" in body and "Owen Marsh" in body and "Fit a door viewer and new locks" in body
    assert "Rent arrears" not in body  # Riverside shares a summary: no research.

    response = client.post(reverse("transfers:accept", args=[transfer.pk]))
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.ACCEPTED
    assert response.url == reverse("referrals:detail", args=[transfer.receiving_referral_id])
    referral_page = client.get(response.url).content.decode()
    assert f"Transferred in from {locale.locality}" in referral_page
    assert client.get(reverse("referrals:triage", args=[transfer.receiving_referral_id])).status_code == 200
    case_page = client.get(reverse("referrals:case_detail", args=[transfer.receiving_case_id])).content.decode()
    assert f"Transferred in from {locale.locality}" in case_page
    sender_page = locale.client("coordinator").get(reverse("referrals:case_detail", args=[transfer.sending_case_id]))
    assert f"Transferred to {other_locale.locality}" in sender_page.content.decode()


def test_declining_from_the_page(locale, other_locale):
    transfer = TransferFactory(sending_case=CaseFactory(locality=locale.locality), to_locality=other_locale.locality)
    client = other_locale.client("coordinator")
    url = reverse("transfers:decline", args=[transfer.pk])
    assert client.get(url).status_code == 200
    assert "Say why the case is declined" in client.post(url, {"decline_reason": ""}).content.decode()
    response = client.post(url, {"decline_reason": "Her new address is in Lakeside."})
    assert response.url == reverse("transfers:list")
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.DECLINED
    sender_view = locale.client("coordinator").get(reverse("transfers:detail", args=[transfer.pk])).content.decode()
    assert "Her new address is in Lakeside." in sender_view


def test_withdrawing_from_the_page(locale, other_locale):
    transfer = TransferFactory(sending_case=CaseFactory(locality=locale.locality), to_locality=other_locale.locality)
    response = locale.client("coordinator").post(reverse("transfers:withdraw", args=[transfer.pk]))
    assert response.url == reverse("referrals:case_detail", args=[transfer.sending_case_id])
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.WITHDRAWN
    again = locale.client("coordinator").post(reverse("transfers:withdraw", args=[transfer.pk]), follow=True)
    assert "withdrawn already" in again.content.decode()
