"""python -m bench.load: build the data, start gunicorn, run the phases, report.

Phases, each a separate run of the load generator (python -m bench.load.generator):
1. warm-up (not reported): the cached pages (into the page cache), then the mix once over;
2. cached: only the fixed set of cached anonymous pages, --cached-duration seconds;
3. search: only /soeg/ with query and facets, each URL unique (never cached), first over one
   connection, then over --search-concurrency connections (the target is judged on the latter);
4. mixed: the weighted mix of bench/load/mix.py over all 10,000 cases, --duration seconds.
RSS of the gunicorn workers is taken after the warm-up and after the last phase. Then, with the
server stopped, bench/load/probe.py times each kind of page alone, without the page cache."""

import argparse
import datetime
import json
import os
import resource
import secrets
import shutil
import subprocess
import sys
import time
import zlib
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from . import mix, report
from .server import ROOT, Server, free_port

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432"
DEFAULT_DATABASE = "praksisbanken_bench"
DEFAULT_WORKDIR = Path("/tmp/praksisbanken-bench")  # noqa: S108 - a throwaway benchmark directory
PYTHON = sys.executable


def log(message):
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())}Z] {message}", file=sys.stderr, flush=True)


def database_url(server, name):
    parts = urlsplit(server)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


def admin(server, statement, params=None):
    """Run one statement on the server's `postgres` database; rows of a SELECT."""
    import psycopg

    with psycopg.connect(database_url(server, "postgres"), autocommit=True) as conn:
        cursor = conn.execute(statement, params)
        return cursor.fetchall() if cursor.description else None


def environment(args, port):
    """The production settings' environment, with loopback values (no TLS on 127.0.0.1)."""
    env = {k: v for k, v in os.environ.items() if k not in ("ELASTICSEARCH_URL", "REDIS_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1",
        CSRF_TRUSTED_ORIGINS=f"http://127.0.0.1:{port}",
        DATABASE_URL=database_url(args.server, args.database),
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        EMAIL_HOST="127.0.0.1",
        DEFAULT_FROM_EMAIL="praksisbanken@example.org",
        WAGTAILADMIN_BASE_URL=f"http://127.0.0.1:{port}",
        # No Elasticsearch 8 on this machine: the embedded index, which production allows on a
        # single machine. One SQLite file, read by every worker.
        SEARCH_BACKEND="embedded",
        SEARCH_INDEX_PATH=str(args.workdir / "search-index.sqlite3"),
        MEDIA_ROOT=str(args.workdir / "media"),
        STATIC_ROOT=str(args.workdir / "static"),
        PYTHONPATH=str(ROOT),
    )
    if args.max_requests is not None:
        env["GUNICORN_MAX_REQUESTS"] = str(args.max_requests)  # read by gunicorn.conf.py
    env["REDIS_URL"] = f"redis://127.0.0.1:{args.redis_port}/0"
    return env


def start_redis(args):
    """A private Redis (production requires REDIS_URL: the shared page cache), on its own port,
    without persistence, so the benchmark never touches the machine's Redis."""
    executable = shutil.which("redis-server")
    if executable is None:
        raise SystemExit("redis-server findes ikke; installér det (Debian: redis-server)")
    args.redis_port = free_port()
    return subprocess.Popen(  # noqa: S603
        [executable, "--port", str(args.redis_port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(args.workdir)],
        stdout=open(args.workdir / "redis.log", "wb"),  # noqa: SIM115
        stderr=subprocess.STDOUT,
    )  # fmt: skip


def run_step(command, env, what):
    started = time.monotonic()
    result = subprocess.run(command, cwd=ROOT, env=env, check=False)  # noqa: S603
    if result.returncode:
        raise SystemExit(f"{what} fejlede (kode {result.returncode})")
    log(f"{what}: {time.monotonic() - started:.1f} s")


def prepare_data(args, env):
    """Fresh database, fixtures + synthetic cases, index, static files; returns dataset JSON."""
    out = args.workdir / "dataset.json"
    quiet = {**env, "LOG_LEVEL": "WARNING"}  # not one INFO line per imported page
    exists = admin(args.server, "SELECT 1 FROM pg_database WHERE datname = %s", [args.database])
    index_exists = Path(env["SEARCH_INDEX_PATH"]).exists()
    if args.reuse and exists and index_exists:
        log(f"genbruger databasen {args.database} og indekset i {args.workdir}")
        command = [PYTHON, "-m", "bench.load.dataset", "--cases", str(args.cases), "--urls-only"]
    else:
        admin(args.server, f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
        admin(args.server, f'CREATE DATABASE "{args.database}"')
        Path(env["SEARCH_INDEX_PATH"]).unlink(missing_ok=True)
        command = [PYTHON, "-m", "bench.load.dataset", "--cases", str(args.cases)]
    run_step([*command, "--seed", str(args.seed), "--out", str(out)], quiet, "data")
    run_step([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], quiet, "collectstatic")
    return json.loads(out.read_text())


def generate(args, port, name, plan, duration, concurrency):
    plan_path = args.workdir / f"plan-{name}.json"
    out = args.workdir / f"result-{name}.json"
    plan_path.write_text(json.dumps(plan))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load_before = os.getloadavg()
    command = [PYTHON, "-m", "bench.load.generator", "--port", str(port), "--plan", str(plan_path),
               "--duration", str(duration), "--concurrency", str(concurrency), "--out", str(out),
               "--seed", str(args.seed + zlib.crc32(name.encode()))]  # fmt: skip
    subprocess.run(command, cwd=ROOT, check=True)  # noqa: S603
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = json.loads(out.read_text())
    result["generator_cpu_s"] = (after.ru_utime + after.ru_stime) - (
        before.ru_utime + before.ru_stime
    )
    result["load_before"], result["load_after"] = load_before, os.getloadavg()
    summary = report.summarise_phase(result)
    log(f"{name}: {report.phase_line(summary)}")
    return summary


def memory(server):
    rss = server.worker_rss_mb()
    return {"workers": len(rss), "total_mb": sum(rss.values()), "per_worker_mb": rss}


def run_phases(args, env, port, dataset):
    server = Server(env, port, args.workdir / "gunicorn.log", workers=args.workers)
    log(f"starter: {' '.join(server.command)}")
    server.start()
    try:
        urls = dataset["urls"]
        phases = {}
        memory_boot = memory(server)
        # Warm-up: fill the page cache, then touch every kind of request once in each worker
        # (templates, search facet bitsets, API serializers load on first use), so the growth
        # measured from here on is what the run adds, not what start-up still had to load.
        generate(args, port, "warmup", mix.cached_plan(urls), args.warmup, args.concurrency)
        generate(args, port, "warmup-mixed", mix.mixed_plan(urls), args.warmup, args.concurrency)
        memory_start = memory(server)
        phases["cached"] = generate(
            args, port, "cached", mix.cached_plan(urls), args.cached_duration, args.concurrency
        )
        # One search at a time: the service time without queueing, for comparison.
        phases["search_single"] = generate(
            args, port, "search-single", mix.search_plan(), args.search_duration, 1
        )
        phases["search"] = generate(
            args, port, "search", mix.search_plan(), args.search_duration, args.search_concurrency
        )
        phases["mixed"] = generate(
            args, port, "mixed", mix.mixed_plan(urls), args.duration, args.concurrency
        )
        memory_end = memory(server)
        return (
            phases,
            {"boot": memory_boot, "start": memory_start, "end": memory_end},
            server.command,
        )
    finally:
        server.stop()


def run_probe(args, env):
    """Single requests without the page cache (bench/load/probe.py), after the load."""
    out = args.workdir / "probe.json"
    probe_env = {**env, "PRAKSISBANKEN_PAGE_CACHE_SECONDS": "0", "LOG_LEVEL": "WARNING"}
    command = [PYTHON, "-m", "bench.load.probe", "--dataset", str(args.workdir / "dataset.json"),
               "--out", str(out)]  # fmt: skip
    run_step(command, probe_env, "enkeltforespørgsler")
    return json.loads(out.read_text())


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--cases", type=int, default=10000, help="praksiseksempler i alt (31 rigtige)")
    p.add_argument("--duration", type=float, default=60, help="sekunder i den blandede fase")
    p.add_argument("--concurrency", type=int, default=32, help="samtidige forbindelser")
    p.add_argument("--cached-duration", type=float, default=20)
    p.add_argument("--search-duration", type=float, default=20)
    p.add_argument("--search-concurrency", type=int, default=4)
    p.add_argument("--warmup", type=float, default=10, help="sekunder i hver af to opvarmninger")
    p.add_argument("--workers", type=int, default=None, help="gunicorn-workers (standard: konfig)")
    p.add_argument(
        "--max-requests",
        type=int,
        default=None,
        help="GUNICORN_MAX_REQUESTS (standard: konfig; 0 = workers genbruges aldrig)",
    )
    p.add_argument("--server", default=DEFAULT_SERVER, help="PostgreSQL-serveren")
    p.add_argument("--database", default=DEFAULT_DATABASE)
    p.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    p.add_argument("--reuse", action="store_true", help="genbrug database og indeks fra sidst")
    p.add_argument("--keep", action="store_true", help="behold databasen og arbejdsmappen")
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument(
        "--out", type=Path, default=None, help="JSON (standard bench/results/load-<dato>.json)"
    )
    p.add_argument("--docs", action="store_true", help="skriv tabellen ind i docs/performance.md")
    args = p.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    started = datetime.datetime.now(datetime.UTC)
    port = free_port()
    redis = start_redis(args)
    env = environment(args, port)
    try:
        dataset = prepare_data(args, env)
        phases, memory_taken, command = run_phases(args, env, port, dataset)
        probe = run_probe(args, env)
    finally:
        redis.terminate()
        redis.wait()
        if not args.keep and not args.reuse:
            admin(args.server, f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
            shutil.rmtree(args.workdir, ignore_errors=True)
    result = {
        "started": started.isoformat(timespec="seconds"),
        "finished": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "command": report.reproducing_command(sys.argv),
        "gunicorn": command,
        "machine": report.machine(),
        "versions": report.versions(),
        "options": {k: str(v) for k, v in vars(args).items()},
        "dataset": dataset["facts"],
        "phases": phases,
        "memory_boot": memory_taken["boot"],
        "memory_start": memory_taken["start"],
        "memory_end": memory_taken["end"],
        "probe": probe,
    }
    result["targets"] = report.targets(result)
    out = args.out or ROOT / "bench" / "results" / f"load-{started.date().isoformat()}.json"
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    markdown = report.markdown(result, out)
    print(markdown)
    if args.docs:
        report.write_docs(markdown)
    log(f"JSON: {out}")
    return 0 if all(t["met"] for t in result["targets"].values()) else 1
