"""Settings for running more than one process: a shared cache, transaction pooling, and proxies in front."""

import subprocess

import pytest
from django.core.cache import caches
from django.test import RequestFactory
from django.test.utils import override_settings

from marac.access.middleware import client_ip
from marac.testing.settings_probe import settings_printed


def _settings_with(**environment: str) -> subprocess.CompletedProcess:
    return settings_printed(
        "s.CACHES['default']['BACKEND'], s.DATABASES['default'].get('DISABLE_SERVER_SIDE_CURSORS', False), "
        "s.MARAC_TRUSTED_PROXIES",
        **environment,
    )


def test_by_default_one_process_counts_alone():
    result = _settings_with()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.core.cache.backends.locmem.LocMemCache", "False", "0"]


def test_the_processes_share_a_cache_in_the_database_behind_transaction_pooling_and_two_proxies():
    result = _settings_with(MARAC_CACHE="database", MARAC_TRANSACTION_POOLING="on", MARAC_TRUSTED_PROXIES="2")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.core.cache.backends.db.DatabaseCache", "True", "2"]


@pytest.mark.parametrize(
    ("name", "value"), [("MARAC_CACHE", "redis"), ("MARAC_TRUSTED_PROXIES", "-1"), ("MARAC_TRUSTED_PROXIES", "one")]
)
def test_a_setting_it_cannot_use_stops_the_start(name, value):
    result = _settings_with(**{name: value})
    assert result.returncode != 0 and name in result.stderr


@pytest.mark.django_db(transaction=True)
def test_the_database_cache_is_seen_by_every_process_sharing_the_database():
    from django.core.management import call_command

    database_cache = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "marac_cache"}
    with override_settings(CACHES={"default": database_cache}):
        call_command("createcachetable", verbosity=0)
        caches["default"].set("api-rate-client-1", [1, 2, 3])
        # Another process has its own cache objects but the same table.
        from django.core.cache.backends.db import DatabaseCache

        assert DatabaseCache("marac_cache", {}).get("api-rate-client-1") == [1, 2, 3]


def _request(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_proxies_the_connection_is_the_client_and_the_header_is_ignored(settings):
    settings.MARAC_TRUSTED_PROXIES = 0
    assert client_ip(_request("198.51.100.7", "203.0.113.9")) == "198.51.100.7"


def test_behind_proxies_the_client_is_the_address_the_outermost_proxy_saw(settings):
    settings.MARAC_TRUSTED_PROXIES = 2
    # The client claimed 10.0.0.1; the outer proxy saw 203.0.113.9; the inner proxy saw the outer one.
    assert client_ip(_request("192.0.2.2", "10.0.0.1, 203.0.113.9, 192.0.2.1")) == "203.0.113.9"


@pytest.mark.parametrize("forwarded", [None, "203.0.113.9", "10.0.0.1, not-an-address, 192.0.2.1"])
def test_a_header_that_did_not_pass_every_proxy_leaves_the_connections_address(settings, forwarded):
    settings.MARAC_TRUSTED_PROXIES = 2
    assert client_ip(_request("192.0.2.2", forwarded)) == "192.0.2.2"
