"""Production refuses to start without a sender address for notices or the site address their links use."""

from marac.tests.test_production_settings import SECURE_KEY, load_settings

PRODUCTION = {"MARAC_ENV": "production", "SECRET_KEY": SECURE_KEY, "ALLOWED_HOSTS": "marac.example.org"}


def test_production_needs_a_sender_address():
    result = load_settings(**PRODUCTION, MARAC_SITE_URL="https://marac.example.org")
    assert result.returncode != 0
    assert "DEFAULT_FROM_EMAIL" in result.stderr


def test_production_needs_the_site_address():
    result = load_settings(**PRODUCTION, DEFAULT_FROM_EMAIL="marac@marac.example.org")
    assert result.returncode != 0
    assert "MARAC_SITE_URL" in result.stderr
