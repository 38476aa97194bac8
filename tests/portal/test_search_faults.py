"""Search faults on real processes: gunicorn serving the admin to an editor, `manage.py`
scripts and commands, the private PostgreSQL cluster (conftest.faults_env), and either the
embedded index file or a recorded-response Elasticsearch server (fake_elasticsearch.py).

Every scenario ends the same way: the editor never got a 500, and after `search_sync` the set
of searchable page ids and titles in the index equals the database's: nothing lost, nothing
unpublished or members-only searchable."""

import http.cookiejar
import json
import re
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from .fault_processes import ROOT, free_port, get, run, start_app, stop_app

pytestmark = pytest.mark.faults

ADMIN = ("redaktoer-fejl", "fejl-adgangskode-2026")
ALIAS = "praksisbanken-documents"

SEARCHABLE_SCRIPT = """
import json
from wagtail.models import Page
from search.documents import indexable_ids
ids = indexable_ids()
print("SEARCHABLE", json.dumps({p.pk: p.title for p in Page.objects.filter(pk__in=ids)}))
"""
PAGES_SCRIPT = """
import json
from cases.models import CasePage
cases = CasePage.objects.live().public().order_by("pk")
print("PAGES", json.dumps([c.pk for c in cases]))
"""
ADMIN_SCRIPT = """
from django.contrib.auth import get_user_model
User = get_user_model()
if not User.objects.filter(username="{0}").exists():
    User.objects.create_superuser("{0}", "fejl@example.org", "{1}")
"""


def manage(env, *args, check=True):
    return run([sys.executable, "manage.py", *args], env=env, check=check)


def shell(env, script, marker):
    out = manage(env, "shell", "-c", script).stdout
    return json.loads(out.split(marker, 1)[1].strip().splitlines()[0])


def searchable_in_database(env):
    return {int(pk): title for pk, title in shell(env, SEARCHABLE_SCRIPT, "SEARCHABLE").items()}


class Editor:
    """A browser-like client of the admin: cookies, CSRF token, redirects not followed."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.jar = http.cookiejar.CookieJar()

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect
        )

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base_url + path, body, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def token(self, path):
        status, page = self.request(path)
        assert status == 200, (path, status)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    def login(self):
        token = self.token("/admin/login/")
        status, _ = self.request(
            "/admin/login/",
            {"csrfmiddlewaretoken": token, "username": ADMIN[0], "password": ADMIN[1]},
        )
        assert status == 302

    def unpublish(self, page_id):
        path = f"/admin/pages/{page_id}/unpublish/"
        return self.request(path, {"csrfmiddlewaretoken": self.token(path)})[0]

    def publish(self, page_id):
        path = f"/admin/bulk/wagtailcore/page/publish/?id={page_id}"
        return self.request(path, {"csrfmiddlewaretoken": self.token(path)})[0]


@pytest.fixture(scope="module")
def search_env(faults_env):
    manage(faults_env["env"], "shell", "-c", ADMIN_SCRIPT.format(*ADMIN))
    return faults_env


def live_cases(env):
    return shell(env, PAGES_SCRIPT, "PAGES")


# --- Elasticsearch ---------------------------------------------------------------------------


class FakeElasticsearch:
    def __init__(self, tmp):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = (tmp / f"fake-es-{self.port}.log").open("w")
        script = ROOT / "tests" / "portal" / "fake_elasticsearch.py"
        self.proc = subprocess.Popen(  # noqa: S603
            [sys.executable, str(script), str(self.port)], stdout=self.log, stderr=self.log
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                get(self.url + "/")
                return
            except OSError:
                time.sleep(0.1)
        pytest.fail("the recorded-response Elasticsearch did not start")

    def control(self, path, payload=None, method="POST"):
        data = json.dumps(payload).encode() if payload is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method)  # noqa: S310
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return json.loads(response.read() or b"{}")

    def fault(self, **rule):
        self.control("/_fault", rule)

    def clear(self):
        self.control("/_fault", method="DELETE")

    def searchable(self):
        dump = self.control(f"/_dump?alias={ALIAS}", method="GET")
        return {int(pk): source["title"] for pk, source in dump["docs"].items()}, dump

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=10)
        self.log.close()


@pytest.fixture
def elasticsearch(search_env):
    fake = FakeElasticsearch(search_env["tmp"])
    env = {**search_env["env"], "ELASTICSEARCH_URL": fake.url}
    manage(env, "rebuild_search_index", "--no-progress")
    yield fake, env
    fake.stop()


@pytest.fixture
def es_app(search_env, elasticsearch):
    fake, env = elasticsearch
    proc, base_url = start_app(search_env, "gunicorn-es-faults", ELASTICSEARCH_URL=fake.url)
    editor = Editor(base_url)
    editor.login()
    yield fake, env, editor, base_url
    stop_app(proc)


FAULTS = {
    "400": {"path": r"/[^/]+/_bulk", "items": {"*": 400}},
    "401": {"path": r".*", "status": 401, "answer": "security_401.json"},
    "403": {"path": r"/[^/]+/_bulk", "status": 403, "answer": "security_403.json"},
    "409": {"path": r"/[^/]+/_bulk", "items": {"*": 409}},
    "429": {"path": r"/[^/]+/_bulk", "status": 429, "answer": "rejected_429.json"},
}


@pytest.mark.parametrize("answer", [*FAULTS, "mixed"])
def test_elasticsearch_errors_never_fail_the_editor_and_lose_nothing(es_app, answer):
    fake, env, editor, base_url = es_app
    case_id = live_cases(env)[list(FAULTS).index(answer) if answer in FAULTS else 5]
    if answer == "mixed":  # the case's deletion is throttled, its methods' documents refused
        fake.fault(path=r"/[^/]+/_bulk", items={str(case_id): 429, "*": 400})
    else:
        fake.fault(**FAULTS[answer])

    assert editor.unpublish(case_id) == 302  # the editor's change is saved, no 500
    status, _, body = get(f"{base_url}/readyz")
    assert status == 200
    ready = json.loads(body)
    assert ready["index_changes"]["pending"] + ready["index_changes"]["failed"] >= 1
    if answer == "401":
        assert ready["search"]["reachable"] is False
        assert "401" in ready["search"]["message"]
    if answer in ("400", "mixed"):
        assert ready["index_changes"]["failed"] >= 1
        assert "document_parsing_exception" in ready["index_changes"]["failures"][0]["error"]

    fake.clear()
    # Failed (refused) changes wait for an operator: `--retry-failed` is that operator.
    manage(env, "search_sync", "--retry-failed")
    indexed, _ = fake.searchable()
    assert case_id not in indexed
    assert indexed == searchable_in_database(env)


def test_a_case_unpublished_and_another_published_during_a_rebuild(es_app):
    fake, env, editor, _ = es_app
    first, second = live_cases(env)[6:8]
    assert editor.unpublish(second) == 302  # a draft to publish during the rebuild
    # Hold the rebuild's first bulk request into its new index until the editor is done.
    fake.control("/_hold", {"method": "PUT", "path": rf"/{ALIAS}-\d{{20}}/_bulk"})
    rebuild = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "rebuild_search_index", "--no-progress"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not fake.control("/_held", method="GET")["held"]:
            assert time.monotonic() < deadline and rebuild.poll() is None, rebuild.stderr.read()
            time.sleep(0.1)
        assert editor.unpublish(first) == 302
        assert editor.publish(second) == 302
    finally:
        fake.control("/_release")
    _, err = rebuild.communicate(timeout=120)
    assert rebuild.returncode == 0, err
    indexed, dump = fake.searchable()
    # Right after the rebuild, before any search_sync: the new index already has both changes.
    assert first not in indexed
    assert second in indexed
    assert indexed == searchable_in_database(env)
    manage(env, "search_sync")
    assert fake.searchable()[0] == searchable_in_database(env)


def test_deleting_the_old_index_failing_after_the_swap(elasticsearch):
    fake, env = elasticsearch
    old_index = fake.searchable()[1]["index"]
    fake.fault(method="DELETE", path=r"/[^_].*", status=503, answer="all_shards_failed.json")
    result = manage(env, "rebuild_search_index", "--no-progress")
    assert "Søgeindekset" in result.stdout
    indexed, dump = fake.searchable()
    assert dump["index"] != old_index  # the alias moved to the new index, which is still there
    assert old_index in dump["indices"]  # left for the next rebuild, never the live one deleted
    assert indexed == searchable_in_database(env)
    fake.clear()
    manage(env, "rebuild_search_index", "--no-progress")
    assert old_index not in fake.searchable()[1]["indices"]  # removed by name pattern


# --- a worker killed between commit and send ----------------------------------------------------

KILLED_PUBLISH = """
import os, signal
from django.db import transaction
from cases.models import CasePage
page = CasePage.objects.get(pk={page_id})
page.title = "{title}"
with transaction.atomic():
    # Runs first after the commit, before the outbox delivers: the process dies in between.
    transaction.on_commit(lambda: os.kill(os.getpid(), signal.SIGKILL))
    page.save_revision().publish()
"""


def embedded_searchable(path):
    with sqlite3.connect(path) as conn:
        return dict(conn.execute("SELECT id, title FROM docs"))


@pytest.fixture
def embedded(search_env):
    path = search_env["tmp"] / f"index-{time.monotonic_ns()}.sqlite3"
    env = {**search_env["env"], "SEARCH_INDEX_PATH": str(path), "SEARCH_INDEX_TIMEOUT": "1"}
    manage(env, "rebuild_search_index", "--no-progress")
    return path, env


def test_a_worker_killed_between_commit_and_send_loses_nothing(embedded):
    path, env = embedded
    page_id = live_cases(env)[8]
    title = "Titel gemt lige før processen blev dræbt"
    script = KILLED_PUBLISH.format(page_id=page_id, title=title)
    killed = manage(env, "shell", "-c", script, check=False)
    assert killed.returncode == -signal.SIGKILL
    assert embedded_searchable(path)[page_id] != title  # never sent
    assert searchable_in_database(env)[page_id] == title  # but committed, with its outbox row
    manage(env, "search_sync")
    assert embedded_searchable(path) == searchable_in_database(env)


# --- the embedded index file locked or unwritable -------------------------------------------------

LOCK_HOLDER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("LOCKED", flush=True)
time.sleep(120)
"""


@pytest.mark.parametrize("fault", ["locked", "unwritable"])
def test_the_embedded_index_locked_or_unwritable_during_a_publish(search_env, embedded, fault):
    path, env = embedded
    proc, base_url = start_app(
        search_env, f"gunicorn-embedded-{fault}", SEARCH_INDEX_PATH=str(path),
        SEARCH_INDEX_TIMEOUT="1",
    )  # fmt: skip
    holder = None
    try:
        editor = Editor(base_url)
        editor.login()
        page_id = live_cases(env)[9 if fault == "locked" else 10]
        if fault == "locked":
            holder = subprocess.Popen(  # noqa: S603
                [sys.executable, "-c", LOCK_HOLDER, str(path)], stdout=subprocess.PIPE, text=True
            )
            assert holder.stdout.readline().strip() == "LOCKED"
        else:
            subprocess.run(["chattr", "+i", str(path)], check=True)  # even root cannot write
        assert editor.unpublish(page_id) == 302
    finally:
        if holder:
            holder.kill()
            holder.wait()
        subprocess.run(["chattr", "-i", str(path)], check=False)
        stop_app(proc)
    assert page_id in embedded_searchable(path)  # the index could not take the change
    manage(env, "search_sync")
    assert page_id not in embedded_searchable(path)
    assert embedded_searchable(path) == searchable_in_database(env)


def test_search_sync_follow_delivers_and_stops_on_sigterm(embedded):
    path, env = embedded
    page_id = live_cases(env)[11]
    worker = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "search_sync", "--follow", "--interval", "0.5"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        script = KILLED_PUBLISH.format(page_id=page_id, title="Leveret af arbejderen")
        assert manage(env, "shell", "-c", script, check=False).returncode == -signal.SIGKILL
        deadline = time.monotonic() + 30
        while embedded_searchable(path).get(page_id) != "Leveret af arbejderen":
            assert time.monotonic() < deadline, "the worker did not deliver the change"
            time.sleep(0.2)
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=30)
    assert worker.returncode == 0
    assert embedded_searchable(path) == searchable_in_database(env)
