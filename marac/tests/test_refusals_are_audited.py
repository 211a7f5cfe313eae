"""A form sent without its security token, or an oversized request, is refused, saves nothing, and is audited."""

from django.test import Client
from django.urls import reverse

from marac.accounts.testing import verified_client
from marac.audit.models import AuditAction, AuditEvent
from marac.referrals.models import Referral
from marac.referrals.tests.factories import form_data


def test_a_form_without_its_csrf_token_is_refused_and_audited(locale):
    user = locale.memberships["police_referrer"].user
    client = verified_client(user, Client(enforce_csrf_checks=True))
    response = client.post(reverse("referrals:new"), form_data(yes=15))
    assert response.status_code == 403
    assert "Nothing was saved" in response.content.decode()
    assert not Referral.objects.exists()
    event = AuditEvent.objects.get(action=AuditAction.DENIED, actor=user)
    assert event.detail["path"] == reverse("referrals:new")


def test_an_oversized_request_is_refused_and_audited(locale, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = locale.client("police_referrer").post(reverse("referrals:new"), {"risk_summary": "x" * 5000})
    assert response.status_code == 400
    assert not Referral.objects.exists()
    assert AuditEvent.objects.filter(action=AuditAction.DENIED, summary__contains="oversized").exists()
