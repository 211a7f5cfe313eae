"""The operator's command: register a client, issue a token (shown once), rotate and revoke it."""

import io

import pytest
from django.core.management import CommandError, call_command

from marac.api.models import ApiClient, ApiToken
from marac.api.tests.factories import bearer


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("api_tokens", *args, stdout=out)
    return out.getvalue()


def test_register_issue_rotate_revoke(locale):
    run("register", "--agency", str(locale.police.pk), "--role", "referrer", "--name", "Police records")
    client = ApiClient.objects.get()
    text = run("issue", "--client", str(client.pk), "--scope", "referral.create").splitlines()[-1]
    assert bearer(text).get("/api/v1/referrals/").status_code == 200
    prefix = ApiToken.objects.get().prefix
    new_text = run("rotate", "--token", prefix, "--overlap-hours", "0").splitlines()[-1]
    assert bearer(text).get("/api/v1/referrals/").status_code == 401
    assert bearer(new_text).get("/api/v1/referrals/").status_code == 200
    new_prefix = ApiToken.objects.exclude(prefix=prefix).get().prefix
    assert run("revoke", "--token", new_prefix) == f"Token {new_prefix} revoked.\n"
    assert bearer(new_text).get("/api/v1/referrals/").status_code == 401


def test_a_scope_the_role_lacks_is_refused(locale):
    run("register", "--agency", str(locale.police.pk), "--role", "referrer", "--name", "Police records")
    with pytest.raises(CommandError, match=r"does not hold: case\.list"):
        run("issue", "--client", str(ApiClient.objects.get().pk), "--scope", "case.list")
