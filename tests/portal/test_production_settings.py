"""portal.settings.production in real processes: what an operator sees when starting the portal.

Each test starts `manage.py` or Python with DJANGO_SETTINGS_MODULE=portal.settings.production
and a controlled environment; nothing is imported into the test process itself."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "praksisbanken.example.org,testserver",
    "CSRF_TRUSTED_ORIGINS": "https://praksisbanken.example.org",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
    "ELASTICSEARCH_URL": "http://127.0.0.1:9",
    "EMAIL_HOST": "smtp.example.org",
    "DEFAULT_FROM_EMAIL": "noreply@example.org",
    "WAGTAILADMIN_BASE_URL": "https://praksisbanken.example.org",
    "REDIS_URL": "redis://127.0.0.1:6379/14",
}
# Not required (the portal starts without it), but a real deployment sets the editorial role
# address; the placeholder default is a deploy warning (sitepages.W001).
EDITORIAL_EMAIL = {"PRAKSISBANKEN_EDITORIAL_EMAIL": "redaktionen@praksisbanken.example.org"}
# Variables a developer may have exported that would change what production reads.
_CLEARED = {
    *PRODUCTION_ENV,
    *EDITORIAL_EMAIL,
    "DJANGO_SETTINGS_MODULE",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "SECURE_SSL_REDIRECT",
    "STATIC_ROOT",
    "REDIS_URL",
    "SEARCH_BACKEND",
    "ELASTICSEARCH_API_KEY",
    "ELASTICSEARCH_CA_CERTS",
    "TRUSTED_PROXY_COUNT",
    "SEARCH_INDEX_PATH",
    "GUNICORN_BIND",
    "WEB_CONCURRENCY",
    "GUNICORN_THREADS",
    "GUNICORN_TIMEOUT",
    "GUNICORN_MAX_REQUESTS",
}


def _run(args, env_extra, timeout=300):
    env = {k: v for k, v in os.environ.items() if k not in _CLEARED}
    env.update(DJANGO_SETTINGS_MODULE="portal.settings.production", **env_extra)
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_check_deploy_gives_no_warning_with_every_variable_set():
    env = {**PRODUCTION_ENV, **EDITORIAL_EMAIL}
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    output = result.stdout + result.stderr
    # --fail-level WARNING: a warning or error would make the exit status non-zero.
    assert result.returncode == 0, output
    assert "WARNINGS:" not in output
    assert "ERRORS:" not in output
    assert "System check identified" in output


@pytest.mark.parametrize("missing", sorted(PRODUCTION_ENV))
def test_check_refuses_to_run_without_each_required_variable(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = _run(["manage.py", "check"], env)
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert "ImproperlyConfigured" in last_line
    assert f"Miljøvariablen {missing} skal være sat" in last_line


def test_a_short_secret_key_is_refused():
    result = _run(["manage.py", "check"], {**PRODUCTION_ENV, "SECRET_KEY": "kort-nøgle"})
    assert result.returncode != 0
    assert "SECRET_KEY skal være mindst 50 tegn" in result.stderr


@pytest.mark.parametrize("url", ["sqlite:///db.sqlite3", "mysql://u:p@127.0.0.1/pb"])
def test_a_database_other_than_postgresql_is_refused(url):
    result = _run(["manage.py", "check"], {**PRODUCTION_ENV, "DATABASE_URL": url})
    assert result.returncode != 0
    assert "DATABASE_URL skal pege på PostgreSQL" in result.stderr


def test_the_embedded_search_index_needs_an_explicit_opt_out():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "ELASTICSEARCH_URL"}
    code = "import django; django.setup(); from django.conf import settings; "
    code += "print(settings.SEARCH_BACKEND['BACKEND'])"
    result = _run(["-c", code], {**env, "SEARCH_BACKEND": "embedded"})
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "search.backends.embedded.EmbeddedBackend"

    wrong = _run(["manage.py", "check"], {**env, "SEARCH_BACKEND": "solr"})
    assert wrong.returncode != 0
    assert "SEARCH_BACKEND skal være 'elasticsearch' eller 'embedded'" in wrong.stderr


def test_no_proxy_is_trusted_unless_trusted_proxy_count_is_set():
    """Without a proxy in front, X-Forwarded-For is whatever the client wrote: production trusts
    it only when the operator says how many proxies there are."""
    code = "import django; django.setup(); from django.conf import settings; "
    code += "print(settings.TRUSTED_PROXY_COUNT)"
    unset = _run(["-c", code], PRODUCTION_ENV)
    assert unset.returncode == 0, unset.stderr[-3000:]
    assert unset.stdout.strip() == "0"
    behind_nginx = _run(["-c", code], {**PRODUCTION_ENV, "TRUSTED_PROXY_COUNT": "1"})
    assert behind_nginx.stdout.strip() == "1"


def test_elasticsearch_api_key_and_ca_certificate_come_from_the_environment():
    code = "import django, json; django.setup(); from django.conf import settings; "
    code += "print(json.dumps(settings.SEARCH_BACKEND['OPTIONS']))"
    env = {
        **PRODUCTION_ENV,
        "ELASTICSEARCH_API_KEY": "aWQ6c2VjcmV0",
        "ELASTICSEARCH_CA_CERTS": "/etc/ca.pem",
    }
    result = _run(["-c", code], env)
    assert result.returncode == 0, result.stderr[-3000:]
    options = json.loads(result.stdout.strip().splitlines()[-1])
    assert options["api_key"] == "aWQ6c2VjcmV0"
    assert options["ca_certs"] == "/etc/ca.pem"
    unset = json.loads(_run(["-c", code], PRODUCTION_ENV).stdout.strip().splitlines()[-1])
    assert (unset["api_key"], unset["ca_certs"]) == (None, None)


def test_make_serve_trusts_no_proxy():
    """`make serve` runs gunicorn with nothing in front of it."""
    env = {k: v for k, v in os.environ.items() if k != "TRUSTED_PROXY_COUNT"}
    dry_run = subprocess.run(
        ["make", "-n", "serve"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert dry_run.returncode == 0, dry_run.stderr
    gunicorn = [line for line in dry_run.stdout.splitlines() if "gunicorn -c" in line]
    assert gunicorn and "TRUSTED_PROXY_COUNT=0 " in gunicorn[0]


_CLIENT_SCRIPT = """
import django, json, logging
django.setup()
from django.test import Client
client = Client()
healthz = client.get("/healthz", secure=True)
redirect = client.get("/metoder/")
plain_healthz = client.get("/healthz")
logging.getLogger("portal.check").warning("produktionslog")
print(json.dumps({
    "hsts": healthz.headers.get("Strict-Transport-Security"),
    "csp": healthz.headers.get("Content-Security-Policy"),
    "redirect": [redirect.status_code, redirect.headers.get("Location")],
    "plain_healthz": plain_healthz.status_code,
}))
"""


def test_production_sends_hsts_redirects_to_https_and_logs_json():
    # /healthz and a plain-HTTP request: neither touches the database.
    result = _run(["-c", _CLIENT_SCRIPT], PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr[-3000:]
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert "unsafe-inline" not in answer["csp"]
    assert answer["redirect"] == [301, "https://testserver/metoder/"]
    # The load balancer polls over plain HTTP inside the network: no redirect for it.
    assert answer["plain_healthz"] == 200
    log_lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    entry = next(e for e in log_lines if e["message"] == "produktionslog")
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "portal.check"
    assert entry["request_id"] == "-"


_STATIC_SCRIPT = """
import django, json
django.setup()
from django.contrib.staticfiles.storage import staticfiles_storage
from django.test import Client
client = Client()
hashed_url = staticfiles_storage.url("css/site.css")
hashed = client.get(hashed_url, secure=True, HTTP_ACCEPT_ENCODING="gzip")
plain = client.get("/static/css/site.css", secure=True)
print(json.dumps({
    "url": hashed_url,
    "status": hashed.status_code,
    "cache": hashed.headers.get("Cache-Control"),
    "encoding": hashed.headers.get("Content-Encoding"),
    "plain_cache": plain.headers.get("Cache-Control"),
}))
"""


def test_collectstatic_writes_hashed_compressed_files_served_with_far_future_caching(tmp_path):
    env = {**PRODUCTION_ENV, "STATIC_ROOT": str(tmp_path / "static")}
    collected = _run(["manage.py", "collectstatic", "--noinput"], env, timeout=600)
    assert collected.returncode == 0, collected.stderr[-3000:]
    css = tmp_path / "static" / "css"
    hashed = [p for p in css.glob("site.*.css") if p.name != "site.css"]
    assert hashed, sorted(p.name for p in css.iterdir())
    assert (css / f"{hashed[0].name}.gz").is_file()

    result = _run(["-c", _STATIC_SCRIPT], env)
    assert result.returncode == 0, result.stderr[-3000:]
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["url"] == f"/static/css/{hashed[0].name}"
    assert answer["status"] == 200
    assert "immutable" in answer["cache"]
    assert "max-age=315360000" in answer["cache"]
    assert answer["encoding"] == "gzip"
    # The unhashed name may change content at the next deploy, so it is not cached for long.
    assert "immutable" not in (answer["plain_cache"] or "")


def test_gunicorn_config_loads_the_app_and_reads_the_environment():
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    env = {**PRODUCTION_ENV, "GUNICORN_BIND": "0.0.0.0:9123", "WEB_CONCURRENCY": "3"}
    checked = _run_gunicorn(gunicorn, ["--check-config"], env)
    assert checked.returncode == 0, checked.stderr[-3000:]
    printed = _run_gunicorn(gunicorn, ["--print-config"], env)
    config = dict(
        (part.strip() for part in line.split("=", 1))
        for line in printed.stdout.splitlines()
        if "=" in line
    )
    assert config["bind"] == "['0.0.0.0:9123']"
    assert config["workers"] == "3"
    assert config["worker_class"] == "gthread"
    assert config["timeout"] == "30"
    assert int(config["max_requests"]) > 0 and int(config["max_requests_jitter"]) > 0
    assert "x-request-id" in config["access_log_format"]


def _run_gunicorn(gunicorn, args, env_extra):
    env = {k: v for k, v in os.environ.items() if k not in _CLEARED}
    env.update(DJANGO_SETTINGS_MODULE="portal.settings.production", **env_extra)
    return subprocess.run(
        [gunicorn, "-c", "gunicorn.conf.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_warns_about_the_placeholder_editorial_address():
    result = _run(["manage.py", "check", "--deploy"], PRODUCTION_ENV)
    assert "sitepages.W001" in result.stdout + result.stderr
