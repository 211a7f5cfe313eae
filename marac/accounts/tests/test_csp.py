"""Every page carries a strict Content-Security-Policy: our own origin only, no inline script or style."""

import pytest
from django.test import Client
from django.urls import reverse


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parts = [part.split() for part in header.split(";") if part.strip()]
    return {name: values for name, *values in parts}


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_policy_is_strict(locale, signed_in):
    client = locale.client("coordinator") if signed_in else Client()
    response = client.get(reverse("home") if signed_in else reverse("login"))
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert not any("unsafe" in value or value == "data:" for values in policy.values() for value in values)


def test_the_pages_of_this_app_have_no_inline_script_or_style(locale):
    client = locale.client("coordinator")
    for name in ("accounts:backup_codes", "home"):
        page = client.get(reverse(name)).content.decode()
        assert "<script>" not in page and "style=" not in page and "<style" not in page
