"""gunicorn for Praksisbanken: `gunicorn -c gunicorn.conf.py` (see `make serve`).

Every value can be set from the environment, so the same file serves a laptop and a server:

  GUNICORN_BIND            address to listen on (default 127.0.0.1:8000; nginx proxies to it)
  WEB_CONCURRENCY          worker processes (default 2 × cores + 1, at most 8)
  GUNICORN_THREADS         threads per worker (default 2)
  GUNICORN_TIMEOUT         seconds before a stuck worker is killed and replaced (default 30)
  GUNICORN_MAX_REQUESTS    requests before a worker is recycled (default 20000; 0 = never)
  FORWARDED_ALLOW_IPS      proxies whose X-Forwarded-Proto is trusted (default 127.0.0.1,::1)

The Django settings module comes from DJANGO_SETTINGS_MODULE (portal/wsgi.py; production:
portal.settings.production and the variables listed there).
"""

import os


def _env_int(name, default):
    raw = os.environ.get(name, "")
    return int(raw) if raw.strip() else default


wsgi_app = "portal.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Workers: the usual 2 × cores + 1, capped so a large machine does not open more database
# connections than PostgreSQL allows (each thread may hold one: 8 workers × 2 threads = 16).
workers = _env_int("WEB_CONCURRENCY", min(2 * (os.cpu_count() or 1) + 1, 8))

# gthread rather than sync: a page waits mostly on PostgreSQL and Elasticsearch, not the CPU, so a
# few threads per worker serve more requests with the same memory, and keep-alive connections
# from the proxy do not block a whole worker. Not gevent/eventlet: psycopg and the Elasticsearch
# client would need monkey-patching, and Django's ORM is thread-safe already.
worker_class = "gthread"
# Two, not more: search and page rendering are CPU work under one GIL per process, so more threads
# only queue CPU-bound requests inside one worker. Measured (docs/performance.md): with 4 threads
# the p95 of 4 concurrent searches was ~200 ms, with 1 or 2 threads ~115-120 ms.
threads = _env_int("GUNICORN_THREADS", 2)

# A request that takes longer than this is stuck (the slowest page renders in well under a
# second); the worker is killed and replaced so it cannot hold a slot forever.
timeout = _env_int("GUNICORN_TIMEOUT", 30)
# On reload/stop, workers get this long to finish the requests they have.
graceful_timeout = 30
# Keep-alive toward the proxy; short, because the proxy opens new connections cheaply.
keepalive = 5

# Bounded memory: each worker is replaced after about this many requests, so a slow leak (a
# library cache, fragmentation) cannot grow forever. The jitter spreads the restarts so the
# workers do not all restart at the same moment. Not lower: a fresh worker starts with cold
# caches (facet values, search bitsets), and at ~1,000 requests/s a limit of 1,000 restarted
# every worker every few seconds and tripled the search p95 (docs/performance.md).
max_requests = _env_int("GUNICORN_MAX_REQUESTS", 20000)
max_requests_jitter = max(max_requests // 10, 0)

# Load the application once in the master and fork: faster start, shared memory pages.
# Database connections are opened lazily per request, so none is shared across the fork.
preload_app = True

# X-Forwarded-Proto is only believed from these addresses (the reverse proxy).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs to stderr, for journald/docker. The access log carries the request id that
# portal.middleware.RequestIDMiddleware put in the response, the same id as the application's
# JSON log lines; %(M)s is the duration in milliseconds.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = (
    '%(h)s "%(r)s" %(s)s %(B)s %(M)sms request_id=%({x-request-id}o)s referer="%(f)s" agent="%(a)s"'
)
# %(h)s is the proxy's address; the client's address is in the proxy's own log.
proc_name = "praksisbanken"
# gunicorn's control socket (gunicornc) is not used; no socket file in the home directory.
control_socket_disable = True
