"""The settings themselves: safe defaults, Danish, and production refusing to start unsafely."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def _run_settings(module, env_extra, code="from django.conf import settings; settings.DEBUG"):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL"}}
    env.update(DJANGO_SETTINGS_MODULE=module, **env_extra)
    script = f"import django; django.setup(); {code}"
    return subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_site_language_is_danish():
    assert settings.LANGUAGE_CODE == "da"
    assert settings.WAGTAILADMIN_PERMITTED_LANGUAGES == [("da", "Dansk")]
    assert settings.TIME_ZONE == "Europe/Copenhagen"


def test_base_settings_are_safe_by_default():
    result = _run_settings(
        "portal.settings.base",
        {},
        "from django.conf import settings; from portal.settings import base; "
        "print(settings.DEBUG, repr(base.SECRET_KEY))",
    )
    assert result.stdout.strip() == "False ''"


PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 64,
    "ALLOWED_HOSTS": "praksisbanken.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://praksisbanken.example.org",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
    "ELASTICSEARCH_URL": "http://127.0.0.1:9200",
    "EMAIL_HOST": "smtp.example.org",
    "DEFAULT_FROM_EMAIL": "noreply@example.org",
    "WAGTAILADMIN_BASE_URL": "https://praksisbanken.example.org",
    "REDIS_URL": "redis://127.0.0.1:6379/14",
}


@pytest.mark.parametrize("missing", sorted(PRODUCTION_ENV))
def test_production_refuses_to_start_without_each_required_variable(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = _run_settings("portal.settings.production", env)
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_starts_with_all_variables():
    result = _run_settings(
        "portal.settings.production",
        PRODUCTION_ENV,
        "from django.conf import settings; print(settings.DEBUG, settings.SESSION_COOKIE_SECURE)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False True"


def test_database_matches_database_url():
    """The PostgreSQL pass of CI must really run on PostgreSQL."""
    from django.db import connection

    wanted = os.environ.get("DATABASE_URL", "sqlite://")
    expected = "postgresql" if wanted.startswith("postgres") else "sqlite"
    assert connection.vendor == expected
