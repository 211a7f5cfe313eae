"""The operator's command: subscribe a client (the secret shown once), list and disable subscriptions; each change
audited, the secret never."""

import io

import pytest
from django.core.management import CommandError, call_command

from marac.agencies.models import Role
from marac.api.tests.factories import registered_client
from marac.audit.models import AuditAction, AuditEvent
from marac.webhooks.models import Subscription

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("webhooks", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def client_id(locale) -> str:
    return str(registered_client(locale.housing, Role.AGENCY_REP, name="Housing CRM").pk)


def test_subscribe_list_disable(client_id):
    shown = run(
        "subscribe",
        "--client",
        client_id,
        "--url",
        "https://crm.example/hooks",
        "--event",
        "action.overdue",
        "--event",
        "action.assigned",
    ).splitlines()
    subscription = Subscription.objects.get()
    assert shown[0] == (
        f"Subscription {subscription.pk} for Housing CRM: action.assigned, action.overdue to https://crm.example/hooks."
    )
    assert shown[-1] == subscription.secret
    listed = run("list")
    assert "https://crm.example/hooks" in listed and "active" in listed
    assert subscription.secret not in listed
    assert run("disable", "--subscription", str(subscription.pk)) == f"Subscription {subscription.pk} disabled.\n"
    subscription.refresh_from_db()
    assert not subscription.is_active and subscription.disabled_at is not None
    assert "disabled" in run("list", "--client", client_id)
    events = AuditEvent.objects.filter(object_type="webhooks.subscription").order_by("pk")
    assert [event.action for event in events] == [AuditAction.CREATE, AuditAction.UPDATE]
    assert events[0].detail == {
        "client": int(client_id),
        "target_url": "https://crm.example/hooks",
        "events": ["action.assigned", "action.overdue"],
    }
    assert all(subscription.secret not in str(event.detail) + event.summary for event in events)


@pytest.mark.parametrize(
    "url",
    ["http://crm.example/hooks", "http://127.0.0.1:9000/hooks", "ftp://crm.example/", "https://user:pw@crm.example/"],
)
def test_an_address_that_is_not_https_is_refused(client_id, url):
    with pytest.raises(CommandError):
        run("subscribe", "--client", client_id, "--url", url, "--event", "action.assigned")
    assert not Subscription.objects.exists()


def test_plain_http_to_this_machine_is_allowed_while_developing(client_id, settings):
    settings.DEBUG = True
    run("subscribe", "--client", client_id, "--url", "http://localhost:9000/hooks", "--event", "action.assigned")
    with pytest.raises(CommandError, match="https://"):
        run("subscribe", "--client", client_id, "--url", "http://crm.example/hooks", "--event", "action.assigned")
    assert Subscription.objects.get().target_url == "http://localhost:9000/hooks"


def test_an_unknown_client_or_subscription_is_refused(locale):
    with pytest.raises(CommandError, match="No client 999"):
        run("subscribe", "--client", "999", "--url", "https://crm.example/", "--event", "action.assigned")
    with pytest.raises(CommandError, match="No subscription 999"):
        run("disable", "--subscription", "999")
