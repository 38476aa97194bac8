"""Real processes for tests/portal/test_faults.py: a private PostgreSQL cluster that may be
stopped and started, gunicorn started against it, and plain HTTP without any test client."""

import os
import shutil
import socket
import subprocess  # noqa: S404
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PG_BIN_CANDIDATES = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
SETUP_TIMEOUT = 300  # seconds for migrate / import_content
START_TIMEOUT = 60  # seconds for a server to answer
DB_NAME = "praksisbanken_faults"
SETTINGS_MODULE = "faults_server_settings"
SETTINGS_SOURCE = "from portal.settings.dev import *  # noqa: F403\n\nDEBUG = False\n"
CLOSED_ELASTICSEARCH = "http://127.0.0.1:9"
CASE_SLUG = "silkeborg-rejselaerer"
CASE_PATH = f"/praksiseksempler/{CASE_SLUG}/"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(args, env=None, timeout=SETUP_TIMEOUT, check=True):
    result = subprocess.run(  # noqa: S603
        [str(a) for a in args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if check and result.returncode != 0:
        pytest.fail(
            f"{' '.join(map(str, args))} failed ({result.returncode}):\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}",
            pytrace=False,
        )
    return result


class PrivatePostgres:
    """A PostgreSQL cluster of our own that the tests may stop and start."""

    def __init__(self):
        if not PG_BIN_CANDIDATES:
            pytest.skip("PostgreSQL server binaries missing (/usr/lib/postgresql/*/bin)")
        self.bin = PG_BIN_CANDIDATES[0]
        self.as_postgres = []
        if os.geteuid() == 0:
            if shutil.which("runuser") is None:
                pytest.skip("runuser missing: cannot run PostgreSQL as the postgres user")
            self.as_postgres = ["runuser", "-u", "postgres", "--"]
        self.root = Path(tempfile.mkdtemp(prefix="pb-faults-pg-"))
        if self.as_postgres:
            shutil.chown(self.root, "postgres", "postgres")
        self.data = self.root / "data"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/{DB_NAME}"

    def _pg(self, *args, check=True):
        return run([*self.as_postgres, *args], timeout=120, check=check)

    def init(self):
        self._pg(
            self.bin / "initdb", "-D", self.data, "-A", "trust", "-U", "postgres",
            "-E", "UTF8", "--locale=C", "--no-sync",
        )  # fmt: skip

    def start(self):
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c full_page_writes=off"
        )
        self._pg(
            self.bin / "pg_ctl", "-D", self.data, "-l", self.root / "server.log", "-w",
            "-t", "60", "-o", options, "start",
        )  # fmt: skip

    def stop(self, check=True):
        return self._pg(
            self.bin / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop", check=check
        )

    def create_database(self):
        import psycopg

        admin = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')

    def query(self, sql):
        import psycopg

        with psycopg.connect(self.url.replace("postgres://", "postgresql://", 1)) as conn:
            return conn.execute(sql).fetchall()

    def destroy(self):
        if self.data.exists():
            self.stop(check=False)
        shutil.rmtree(self.root, ignore_errors=True)


def get(url):
    """(status, headers, body) of a GET, errors included."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def wait_for(url, proc, log_path):
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"gunicorn exited:\n{log_path.read_text()[-3000:]}", pytrace=False)
        try:
            get(url)
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    pytest.fail(f"gunicorn did not answer:\n{log_path.read_text()[-3000:]}", pytrace=False)


def start_app(faults_env, name, workers=1, **extra_env):
    tmp, port = faults_env["tmp"], free_port()
    env = {**faults_env["env"], "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE, **extra_env}
    command = [sys.executable, "-m", "gunicorn"]
    if (ROOT / "gunicorn.conf.py").exists():
        command += ["-c", "gunicorn.conf.py"]
    command += ["portal.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(workers), "--timeout", "60"]
    log_path = tmp / f"{name}.log"
    with log_path.open("w") as log:
        proc = subprocess.Popen(  # noqa: S603
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    base_url = f"http://127.0.0.1:{port}"
    wait_for(f"{base_url}/robots.txt", proc, log_path)
    return proc, base_url


def stop_app(proc):
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def uncached(base_url, path):
    # A query string of its own: never in the page cache, so the database must answer.
    return f"{base_url}{path}?v={uuid.uuid4().hex}"


def queued_page_ids(cluster):
    return {row[0] for row in cluster.query("SELECT page_id FROM search_indexchange")}


TEST_REDIS_URL = "redis://127.0.0.1:6379/15"


def require_redis():
    import redis

    try:
        redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Redis is required in CI at {TEST_REDIS_URL}")
        pytest.skip(f"no Redis at {TEST_REDIS_URL}")
