"""The settings marac gives each PostgreSQL session: no JIT, and a planner that prices random reads as on SSD."""

import subprocess

import pytest
from django.db import connection

from marac.testing.settings_probe import settings_printed

POSTGRES = "postgres://postgres@127.0.0.1:5432/unused"


def _session_options(**environment: str) -> subprocess.CompletedProcess:
    return settings_printed(
        "s.DATABASES['default'].get('OPTIONS', {}).get('options', '')", DATABASE_URL=POSTGRES, **environment
    )


def test_by_default_no_jit_and_random_reads_priced_for_ssd():
    result = _session_options()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("-c") == ["", " jit=off ", " random_page_cost=1.1\n"]


def test_the_servers_own_settings_can_be_kept():
    result = _session_options(MARAC_POSTGRES_JIT="on", MARAC_POSTGRES_RANDOM_PAGE_COST="")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_another_cost_is_passed_on():
    result = _session_options(MARAC_POSTGRES_RANDOM_PAGE_COST="2")
    assert result.returncode == 0, result.stderr
    assert "-c random_page_cost=2" in result.stdout


@pytest.mark.parametrize("value", ["0", "-1", "fast", "nan", "inf"])
def test_a_cost_it_cannot_use_stops_the_start(value):
    result = _session_options(MARAC_POSTGRES_RANDOM_PAGE_COST=value)
    assert result.returncode != 0 and "MARAC_POSTGRES_RANDOM_PAGE_COST" in result.stderr


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL session setting")
def test_the_session_has_them():
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
