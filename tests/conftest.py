import os
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the real content, imported once from fixtures/.

    Each test then runs in a transaction that is rolled back, so tests may change anything."""
    from django.core.management import call_command

    from content.importer import import_content

    with django_db_blocker.unblock():
        import_content(FIXTURES)
        call_command("setup_roles")


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with empty caches: a value cached from rows that a rolled-back test
    wrote must not leak into the next test."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture
def fixtures_dir():
    return FIXTURES


def pytest_sessionfinish(session, exitstatus):
    # In CI nothing may be skipped: a skipped browser or PostgreSQL test hides a missing install.
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if IN_CI and skipped and exitstatus == 0:
        reporter.write_line(f"CI=true: {skipped} skipped test(s) count as failures.", red=True)
        session.exitstatus = 1
