"""The restore drill (ops/restore_drill.py) against the machine's own PostgreSQL.

It always uses postgres://postgres@127.0.0.1:5432 with its own throwaway databases, whatever
DATABASE_URL the suite runs with, so it runs (never skips) in both CI passes."""

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
SERVER = "postgres://postgres@127.0.0.1:5432"

pytestmark = pytest.mark.postgres


def _databases():
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        return {row[0] for row in conn.execute("SELECT datname FROM pg_database")}


def _drill(name, *extra):
    return subprocess.run(
        [sys.executable, "ops/restore_drill.py", "--server", SERVER, "--database", name, *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def test_backup_is_restored_identically_and_the_drill_cleans_up():
    name = f"test_drill_ok_{os.getpid()}"
    result = _drill(name)
    output = result.stdout + result.stderr

    assert result.returncode == 0, output
    assert "OK: databasen og søgeindekset er gendannet identisk." in result.stdout
    # The demo content the fixtures hold, on both sides of the restore.
    cases = len(list((ROOT / "fixtures" / "cases").glob("*.md")))
    methods = len(list((ROOT / "fixtures" / "methods").glob("*.md")))
    assert f"Sider cases.casepage: {cases} før, {cases} efter" in result.stdout
    assert f"Sider methods.methodpage: {methods} før, {methods} efter" in result.stdout
    assert "Søgninger med identiske svar: 8 af 8" in result.stdout
    assert name not in _databases()


def test_a_backup_missing_data_is_reported_as_a_failed_drill():
    # A dump that silently leaves out the case-movement tags (as a wrong pg_dump option would)
    # must make the drill fail and name what was lost.
    name = f"test_drill_bad_{os.getpid()}"
    result = _drill(name, "--pg-dump-arg=--exclude-table-data=cases_casepage_movements")

    assert result.returncode == 1, result.stdout + result.stderr
    assert "FEJL: gendannelsen er ikke identisk" in result.stdout
    assert "cases.CasePage_movements" in result.stdout
    assert name not in _databases()
