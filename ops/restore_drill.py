"""Restore drill: prove that a PostgreSQL backup of Praksisbanken can be restored.

    .venv/bin/python ops/restore_drill.py            (make restore-drill)

On the local PostgreSQL server (default postgres://postgres@127.0.0.1:5432) the drill:

1. creates a throwaway database (default praksisbanken_drill) and fills it like a demo
   installation (as `make setup`): migrate, import_content fixtures/, setup_roles,
   setup_demo_erfa, rebuild_search_index;
2. records a snapshot: rows in every table (and an md5 over each table's rows), pages and live
   pages by type, and the answers of /api/search/ for a fixed set of searches (through
   Django's test client, the whole view stack);
3. takes a backup as in production: `pg_dump --format=custom`;
4. wipes everything: drops and recreates the database and deletes the search index file;
5. restores: `pg_restore`, then `rebuild_search_index` (the index is never backed up, it is
   derived from the database);
6. records the snapshot again, prints a short Danish report and exits 1 on any difference.

The databases and the temporary directory are removed at the end (also on failure), unless
--keep is given. `--snapshot FILE` is the internal mode the drill runs itself in (a separate
process with Django set up against the drill database), so the orchestrating process never
holds a connection to a database it drops.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432"
DEFAULT_DATABASE = "praksisbanken_drill"
STEP_TIMEOUT = 900  # seconds for one management command or pg_* call

# Searches whose answers must survive the restore: text, prefix, ae/oe/aa, facets only.
SEARCHES = (
    "q=borgeren",
    "q=recovery&sort=title",
    "q=mestr",
    "q=socialraadgivere",
    "q=psykiatri&region=region-midtjylland",
    "movement=mestring",
    "status=i-drift&sort=newest&page_size=100",
    "q=tidlig+opsporing",
)


# --- the snapshot, taken inside a Django process ----------------------------------------------

WRITTEN_BY_THE_DRILL = {"search.IndexRebuild"}


def take_snapshot(out_path):
    """Write {"tables": {model: rows}, "pages": {...}, "live_pages": {...}, "searches": {...}}."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.test import Client
    from wagtail.models import Page

    # Only tables the migrations created (a model still without its migration is skipped), and
    # not the log the drill's own steps write to (each rebuild of the search index is recorded).
    existing = set(connection.introspection.table_names())
    tables = {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.db_table in existing
        and model._meta.label not in WRITTEN_BY_THE_DRILL
    }

    labels = {ct.pk: f"{ct.app_label}.{ct.model}" for ct in ContentType.objects.all()}

    def by_type(pages):
        return dict(Counter(labels[pk] for pk in pages.values_list("content_type_id", flat=True)))

    # Contents, not only counts: an md5 over every row's text form, in a fixed order.
    checksums = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            if model._meta.label in tables:
                quoted = connection.ops.quote_name(table)
                cursor.execute(
                    f"SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) "  # noqa: S608
                    f"FROM {quoted} t"
                )
                checksums[model._meta.label] = cursor.fetchone()[0]

    client = Client(HTTP_HOST="127.0.0.1")
    searches = {}
    for params in SEARCHES:
        response = client.get(f"/api/search/?{params}")
        body = response.json()
        searches[params] = {
            "status": response.status_code,
            "total": body.get("total"),
            "urls": [hit["url"] for hit in body.get("results", [])],
            "facets": body.get("facets"),
        }
    snapshot = {
        "tables": tables,
        "checksums": checksums,
        "pages": by_type(Page.objects.all()),
        "live_pages": by_type(Page.objects.live()),
        "searches": searches,
    }
    Path(out_path).write_text(json.dumps(snapshot, ensure_ascii=False, sort_keys=True))


# --- the drill ---------------------------------------------------------------------------------


class DrillError(Exception):
    """A step failed; the message is Danish and says which."""


def say(message):
    print(message, flush=True)


def database_url(server, name):
    parts = urlsplit(server)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


def admin_execute(server, *statements):
    """Run statements on the server's `postgres` database (CREATE/DROP DATABASE need it)."""
    import psycopg

    with psycopg.connect(database_url(server, "postgres"), autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def recreate_database(server, name):
    admin_execute(
        server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"'
    )


def drop_database(server, name):
    admin_execute(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(command, env, what):
    """Run one step; on failure raise DrillError with the step's own output."""
    started = time.monotonic()
    result = subprocess.run(  # noqa: S603 - fixed argument lists, no shell
        command,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=STEP_TIMEOUT,
        check=False,
    )
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()[-3000:]
        raise DrillError(f"{what} fejlede (kode {result.returncode}):\n{output}")
    say(f"  ✓ {what} ({time.monotonic() - started:.1f} s)")
    return result


def manage(env, *args):
    return run([sys.executable, "manage.py", *args], env, f"manage.py {' '.join(args)}")


def snapshot(env, path):
    run(
        [sys.executable, str(Path(__file__).resolve()), "--snapshot", str(path)],
        env,
        "øjebliksbillede",
    )
    return json.loads(Path(path).read_text())


def drill_environment(url, workdir):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.dev",
        DATABASE_URL=url,
        SEARCH_INDEX_PATH=str(workdir / "search-index.sqlite3"),
        MEDIA_ROOT=str(workdir / "media"),
        PYTHONPATH=str(ROOT),
    )
    env.pop("ELASTICSEARCH_URL", None)  # the embedded index: the drill must not touch a cluster
    return env


def differences(before, after):
    """Danish lines describing every difference between two snapshots."""
    lines = []
    for section, label in (("tables", "rækker i"), ("pages", "sider af typen"),
                           ("live_pages", "publicerede sider af typen")):  # fmt: skip
        for key in sorted(set(before[section]) | set(after[section])):
            old, new = before[section].get(key, 0), after[section].get(key, 0)
            if old != new:
                lines.append(f"{label} {key}: {old} før, {new} efter")
    for key in sorted(before["checksums"]):
        old_rows, new_rows = before["tables"].get(key), after["tables"].get(key)
        if before["checksums"][key] != after["checksums"].get(key) and old_rows == new_rows:
            lines.append(f"indholdet af {key} er ændret (samme antal rækker: {old_rows})")
    for params, old in before["searches"].items():
        new = after["searches"].get(params)
        if new != old:
            new_total = new["total"] if new else None
            lines.append(
                f"søgningen ?{params} gav andre svar: {old['total']} træf før, {new_total} efter"
            )
    return lines


def report(before, after, dump_size, problems):
    say("")
    say("Gendannelsesøvelse – resultat")
    megabytes = f"{dump_size / 1024 / 1024:.1f}".replace(".", ",")
    say(f"  Backup (pg_dump, custom-format): {megabytes} MB")
    for key in sorted(before["pages"]):
        say(f"  Sider {key}: {before['pages'][key]} før, {after['pages'].get(key, 0)} efter")
    rows_before, rows_after = sum(before["tables"].values()), sum(after["tables"].values())
    say(f"  Tabeller: {len(before['tables'])}, rækker i alt: {rows_before} før, {rows_after} efter")
    same_content = sum(after["checksums"].get(k) == v for k, v in before["checksums"].items())
    tables = len(before["checksums"])
    say(f"  Tabeller med identisk indhold (md5 over alle rækker): {same_content} af {tables}")
    for params, answer in before["searches"].items():
        new_total = after["searches"].get(params, {}).get("total")
        say(f"  Søgning ?{params}: {answer['total']} træf før, {new_total} efter")
    same = sum(after["searches"].get(p) == s for p, s in before["searches"].items())
    say(f"  Søgninger med identiske svar: {same} af {len(before['searches'])}")
    if problems:
        say(f"FEJL: gendannelsen er ikke identisk ({len(problems)} forskelle):")
        for line in problems:
            say(f"  - {line}")
    else:
        say("OK: databasen og søgeindekset er gendannet identisk.")


def drill(args):
    name = args.database
    url = database_url(args.server, name)
    workdir = Path(tempfile.mkdtemp(prefix="restore-drill-"))
    env = drill_environment(url, workdir)
    dump = workdir / f"{name}.dump"
    say(f"Gendannelsesøvelse på {database_url(args.server, name)} (arbejdsmappe {workdir})")
    try:
        say("1. Demo-installation")
        recreate_database(args.server, name)
        manage(env, "migrate", "--noinput")
        manage(env, "import_content", "fixtures/")
        manage(env, "setup_roles")
        manage(env, "setup_demo_erfa")
        manage(env, "rebuild_search_index", "--no-progress")
        before = snapshot(env, workdir / "before.json")

        say("2. Backup")
        run(["pg_dump", "--format=custom", f"--file={dump}", *args.pg_dump_arg, url], env,
            "pg_dump --format=custom")  # fmt: skip

        say("3. Alt slettes")
        recreate_database(args.server, name)
        Path(env["SEARCH_INDEX_PATH"]).unlink(missing_ok=True)
        wiped = public_table_count(url)
        if wiped:
            raise DrillError(f"Databasen var ikke tom efter sletningen ({wiped} tabeller).")
        say("  ✓ databasen er tom, søgeindekset er slettet")

        say("4. Gendannelse")
        run(["pg_restore", "--no-owner", "--exit-on-error", "--single-transaction",
             f"--dbname={url}", str(dump)], env, "pg_restore")  # fmt: skip
        manage(env, "rebuild_search_index", "--no-progress")
        after = snapshot(env, workdir / "after.json")

        problems = differences(before, after)
        report(before, after, dump.stat().st_size, problems)
        return 1 if problems else 0
    except (DrillError, subprocess.TimeoutExpired) as exc:
        say(f"FEJL: {exc}")
        return 2
    finally:
        if args.keep:
            say(f"Beholdt: databasen {name} og {workdir}")
        else:
            drop_database(args.server, name)
            shutil.rmtree(workdir, ignore_errors=True)
            say(f"Ryddet op: databasen {name} og arbejdsmappen er slettet.")


def public_table_count(url):
    """Tables in the public schema: 0 right after the wipe."""
    import psycopg

    with psycopg.connect(url) as conn:
        row = conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()
    return row[0]


def parser():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument(
        "--server", default=DEFAULT_SERVER, help=f"PostgreSQL (standard {DEFAULT_SERVER})"
    )
    p.add_argument("--database", default=DEFAULT_DATABASE, help="navnet på øvelsens database")
    p.add_argument(
        "--pg-dump-arg",
        action="append",
        default=[],
        help="ekstra argument til pg_dump (gentages), fx --pg-dump-arg=--exclude-table-data=X",
    )
    p.add_argument("--keep", action="store_true", help="behold database og arbejdsmappe")
    p.add_argument("--snapshot", metavar="FILE", help=argparse.SUPPRESS)
    return p


def main(argv=None):
    args = parser().parse_args(argv)
    if args.snapshot:
        take_snapshot(args.snapshot)
        return 0
    return drill(args)


if __name__ == "__main__":
    sys.exit(main())
