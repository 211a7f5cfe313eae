from django.urls import reverse

from marac.audit.models import AuditAction, AuditEvent


def test_signing_out_is_audited_and_ends_the_session(locale):
    client = locale.client("analyst")
    response = client.post(reverse("logout"), follow=True)
    assert response.redirect_chain[0][0] == reverse("login")
    assert "You have signed out." in response.content.decode()
    assert client.get(reverse("home")).status_code == 302
    user = locale.memberships["analyst"].user
    assert AuditEvent.objects.filter(actor=user, action=AuditAction.LOGOUT, summary="Signed out").count() == 1
