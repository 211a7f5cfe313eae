"""The admin site lists subscriptions and deliveries with their status, to read only, and never shows a secret."""

import pytest
from django.urls import reverse

from marac.accounts.testing import verified_client
from marac.agencies.models import Role
from marac.referrals.tests.factories import refer
from marac.testing.factories import UserFactory
from marac.webhooks.models import WebhookDelivery
from marac.webhooks.tests.helpers import subscribed

pytestmark = pytest.mark.django_db


def test_deliveries_and_subscriptions_are_listed_without_the_secret(locale):
    created = subscribed(locale.police, Role.REFERRER, ["referral.received"])
    refer(locale, "police_referrer")
    WebhookDelivery.objects.update(attempts=2, last_status=503, last_error="HTTP 503")
    staff = verified_client(UserFactory(is_staff=True, is_superuser=True))
    deliveries = staff.get(reverse("admin:webhooks_webhookdelivery_changelist")).content.decode()
    assert (
        "referral.received" in deliveries and "HTTP 503" in deliveries and 'class="field-state">pending<' in deliveries
    )
    subscription_url = reverse("admin:webhooks_subscription_change", args=[created.subscription.pk])
    for url in (reverse("admin:webhooks_subscription_changelist"), subscription_url):
        page = staff.get(url)
        assert page.status_code == 200
        assert created.secret not in page.content.decode()
    assert staff.get(reverse("admin:webhooks_webhookdelivery_add")).status_code == 403
