"""The private PostgreSQL cluster shared by the fault tests (test_faults.py,
test_search_faults.py): started once per session, migrated and filled from fixtures/."""

import os
import sys

import pytest

from .fault_processes import SETTINGS_MODULE, SETTINGS_SOURCE, PrivatePostgres, run


@pytest.fixture(scope="session")
def faults_env(tmp_path_factory):
    """Environment of processes using the private cluster, migrated and filled from fixtures/."""
    tmp = tmp_path_factory.mktemp("faults")
    cluster = PrivatePostgres()
    try:
        cluster.init()
        cluster.start()
        cluster.create_database()
        (tmp / f"{SETTINGS_MODULE}.py").write_text(SETTINGS_SOURCE)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DATABASE_URL": cluster.url,
            "MEDIA_ROOT": str(tmp / "media"),
            "SEARCH_INDEX_PATH": str(tmp / "search-index.sqlite3"),
            "ELASTICSEARCH_URL": "",
            "REDIS_URL": "",  # each app process keeps its own page cache
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(tmp), os.environ.get("PYTHONPATH")])),
            "PYTHONUNBUFFERED": "1",
        }
        manage = [sys.executable, "manage.py"]
        run([*manage, "migrate", "--noinput"], env=env)
        run([*manage, "import_content", "fixtures/"], env=env)
        yield {"env": env, "cluster": cluster, "tmp": tmp}
    finally:
        cluster.destroy()
