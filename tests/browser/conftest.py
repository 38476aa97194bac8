"""Browser tests: Debian's Chromium through Playwright, against a real server in a subprocess.

One server and one browser per session. The database is its own (a SQLite file in a temporary
directory, or a separate PostgreSQL database when DATABASE_URL points at PostgreSQL), migrated and
filled from fixtures/ with `portal.settings.dev`. pytest-django's live_server is not used: it
flushes the database between tests. These tests only talk HTTP to the server.

The server runs `portal.settings.dev` with DEBUG off (a two-line settings module written to the
temporary directory), and `runserver --insecure` serves the static files. With DEBUG on, Django
answers a missing page with its technical 404 page instead of the portal's 404.html, so the
404 page could not be tested."""

import os
import socket
import subprocess  # noqa: S404
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BROWSER_DB_NAME = "praksisbanken_browser"
SERVER_START_TIMEOUT = 60  # seconds
SETUP_TIMEOUT = 300  # seconds for migrate / import_content / rebuild_search_index
SERVER_SETTINGS = "browser_server_settings"
MAIL_FOLDER = "mail"
_MAIL_DIRS = {}  # server URL -> the folder its e-mails are written to
SERVER_SETTINGS_SOURCE = """import os

from portal.settings.dev import *  # noqa: F403

DEBUG = False
# Mail is written to files the tests read (the `mailbox` fixture), as a user reads their inbox.
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["BROWSER_MAIL_DIR"]
"""
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _admin_connect(database_url):
    """Autocommit connection to the `postgres` database of the server in DATABASE_URL."""
    import psycopg

    parts = urlsplit(database_url)
    admin_url = urlunsplit(("postgresql", parts.netloc, "/postgres", parts.query, ""))
    return psycopg.connect(admin_url, autocommit=True)


def _recreate_postgres_db(database_url, name):
    with _admin_connect(database_url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(database_url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


def _drop_postgres_db(database_url, name):
    with _admin_connect(database_url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _manage(env, *args):
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=SETUP_TIMEOUT,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(
            f"manage.py {' '.join(args)} failed ({result.returncode}):\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}",
            pytrace=False,
        )


def _wait_for_server(url, proc, log_path):
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(
                f"runserver exited with {proc.returncode}:\n{log_path.read_text()[-3000:]}",
                pytrace=False,
            )
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310
                return
        except urllib.error.HTTPError:
            return  # The server answers, even if not with 200.
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    pytest.fail(
        f"runserver did not answer {url} within {SERVER_START_TIMEOUT} s:\n"
        f"{log_path.read_text()[-3000:]}",
        pytrace=False,
    )


# Two known accounts for the erfa flow: a coordinator of one group and a staff member who is
# not (yet) a member. The demo set-up's own users have random passwords.
BROWSER_PASSWORD = "browser-test-adgang-2026"  # noqa: S105
ERFA_GROUP_SLUG = "mestringsforloeb"
BROWSER_USERS_SCRIPT = f"""
from django.contrib.auth import get_user_model
from erfa.models import ErfaGroupPage, Membership
from erfa.models.membership import Role
User = get_user_model()
group = ErfaGroupPage.objects.get(slug="{ERFA_GROUP_SLUG}")
for name, first in (("browser-koordinator", "Koordinator"), ("browser-deltager", "Deltager")):
    user, _ = User.objects.get_or_create(
        username=name, defaults={{"email": name + "@example.org", "first_name": first}}
    )
    user.set_password("{BROWSER_PASSWORD}")
    user.save()
Membership.add(group, User.objects.get(username="browser-koordinator"), Role.COORDINATOR)
"""
# Two known accounts for the editorial flow (after `setup_roles`): a contributor for one
# municipality and a national editor.
CONTRIBUTOR_MUNICIPALITY_SLUG = "favrskov"
EDITORIAL_USERS_SCRIPT = f"""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from editorial.roles import EDITOR_GROUP, contributor_group_name
from taxonomy.models import Municipality
User = get_user_model()
municipality = Municipality.objects.get(slug="{CONTRIBUTOR_MUNICIPALITY_SLUG}")
for name, first, group in (
    ("browser-bidragyder", "Bidragyder", contributor_group_name(municipality)),
    ("browser-redaktoer", "Redaktør", EDITOR_GROUP),
    # No role yet: the account flow makes them an erfa-group's coordinator in the admin.
    ("browser-tovholder", "Tove", None),
    # No role: forgets the password in the password-reset test.
    ("browser-glemsom", "Glenn", None),
):
    user, _ = User.objects.get_or_create(
        username=name, defaults={{"email": name + "@example.org", "first_name": first}}
    )
    user.set_password("{BROWSER_PASSWORD}")
    user.save()
    user.groups.set([Group.objects.get(name=group)] if group else [])
"""


@pytest.fixture(scope="session")
def server_url(tmp_path_factory):
    """Base URL (no trailing slash) of a real dev server with all content from fixtures/."""
    tmp = tmp_path_factory.mktemp("browser-server")
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    outer_db = os.environ.get("DATABASE_URL", "")
    use_postgres = outer_db.startswith("postgres")
    # One browser database per outer database (e.g. test_wt12): parallel runs on one PostgreSQL
    # server must not drop each other's.
    browser_db = f"{BROWSER_DB_NAME}_{urlsplit(outer_db).path.strip('/') or 'default'}"
    if use_postgres:
        database_url = _recreate_postgres_db(outer_db, browser_db)
    else:
        database_url = f"sqlite:///{tmp / 'browser.sqlite3'}"

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": database_url,
        "WAGTAILADMIN_BASE_URL": base_url,
        "MEDIA_ROOT": str(tmp / "media"),
        "PYTHONUNBUFFERED": "1",
        # The server's own embedded search index, never the developer's (or an Elasticsearch).
        "ELASTICSEARCH_URL": "",
        "SEARCH_INDEX_PATH": str(tmp / "search-index.sqlite3"),
        "BROWSER_MAIL_DIR": str(tmp / MAIL_FOLDER),
    }
    (tmp / MAIL_FOLDER).mkdir()
    _MAIL_DIRS[base_url] = tmp / MAIL_FOLDER
    proc = None
    log_path = tmp / "runserver.log"
    try:
        _manage(env, "migrate", "--noinput")
        _manage(env, "import_content", "fixtures/")
        _manage(env, "rebuild_search_index", "--no-progress")
        _manage(env, "setup_demo_erfa")
        _manage(env, "shell", "-c", BROWSER_USERS_SCRIPT)
        _manage(env, "setup_roles")
        _manage(env, "shell", "-c", EDITORIAL_USERS_SCRIPT)
        (tmp / f"{SERVER_SETTINGS}.py").write_text(SERVER_SETTINGS_SOURCE)
        server_env = {
            **env,
            "DJANGO_SETTINGS_MODULE": SERVER_SETTINGS,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(tmp), env.get("PYTHONPATH")])),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
        }
        with log_path.open("w") as log:
            proc = subprocess.Popen(  # noqa: S603
                [
                    sys.executable,
                    "manage.py",
                    "runserver",
                    f"127.0.0.1:{port}",
                    "--noreload",
                    "--insecure",
                ],
                cwd=ROOT,
                env=server_env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        _wait_for_server(f"{base_url}/", proc, log_path)
        yield base_url
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        if use_postgres:
            _drop_postgres_db(outer_db, browser_db)


@pytest.fixture(scope="session")
def mail_dir(server_url):
    """The folder the server writes its e-mails to (one file per sending)."""
    return _MAIL_DIRS[server_url]


@pytest.fixture(scope="session")
def axe_path():
    if not AXE_JS.is_file():
        pytest.skip(f"axe-core missing: {AXE_JS} (run `npm ci` in {ROOT})")
    return AXE_JS


@pytest.fixture(scope="session")
def browser(axe_path):
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium missing: {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()


@pytest.fixture
def context(browser, server_url):
    context = browser.new_context(base_url=server_url, locale="da-DK")
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page
