"""In production, Django's deployment checklist finds nothing to report, and nothing is silenced."""

import os
import subprocess
import sys

from django.conf import settings

SECURE_KEY = "p" * 30 + "-not-a-development-key-" + "q" * 30


def run_manage(*args: str, **environment: str) -> subprocess.CompletedProcess:
    inherited = {
        name: value
        for name, value in os.environ.items()
        if name not in {"SECRET_KEY", "MARAC_DEMO_OTP_CODE", "DEBUG", "ALLOWED_HOSTS"}
    }
    env = {**inherited, "DJANGO_SETTINGS_MODULE": "marac.settings", **environment}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_is_clean_in_production():
    result = run_manage(
        "check",
        "--deploy",
        MARAC_ENV="production",
        SECRET_KEY=SECURE_KEY,
        ALLOWED_HOSTS="marac.example.org",
        DEFAULT_FROM_EMAIL="marac@marac.example.org",
        MARAC_SITE_URL="https://marac.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced).", result.stdout + result.stderr
    assert "WARNINGS" not in result.stderr


def test_settings_silence_no_check():
    assert not getattr(settings, "SILENCED_SYSTEM_CHECKS", [])


def test_a_weak_key_refuses_to_start_as_django_would_warn():
    result = run_manage("check", MARAC_ENV="production", SECRET_KEY="a" * 60, ALLOWED_HOSTS="marac.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
