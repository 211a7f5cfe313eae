"""Settings as a fresh process reads them from its environment, for tests of what the environment variables do."""

import os
import subprocess
import sys


def settings_printed(
    expression: str, *, without: tuple[str, ...] = (), **environment: str
) -> subprocess.CompletedProcess:
    """Start Python with `environment` added (and the variables named in `without` taken away), set Django up, and
    print `expression` (on `s`, the settings)."""
    inherited = {name: value for name, value in os.environ.items() if name not in without}
    env = {**inherited, "DJANGO_SETTINGS_MODULE": "marac.settings", **environment}
    code = f"import django; django.setup(); from django.conf import settings as s; print({expression})"
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
