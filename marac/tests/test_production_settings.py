"""Production refuses the development secret key and hardens cookies and transport."""

import subprocess

from marac.testing.settings_probe import settings_printed

SECURE_KEY = "p" * 30 + "-not-a-development-key-" + "q" * 30


def load_settings(**environment: str) -> subprocess.CompletedProcess:
    return settings_printed(
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0, s.DEBUG",
        without=("SECRET_KEY",),
        **environment,
    )


def test_production_refuses_the_development_secret_key():
    result = load_settings(MARAC_ENV="production", ALLOWED_HOSTS="marac.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_with_its_own_key_is_hardened():
    result = load_settings(
        MARAC_ENV="production",
        SECRET_KEY=SECURE_KEY,
        ALLOWED_HOSTS="marac.example.org",
        DEFAULT_FROM_EMAIL="marac@marac.example.org",
        MARAC_SITE_URL="https://marac.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True", "False"]
