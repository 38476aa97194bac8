"""Relevance benchmark: the portal's search scored against graded judgments by evaluate.py.

    .venv/bin/python -m bench.relevance                      # starts the portal itself
    .venv/bin/python -m bench.relevance --base http://127.0.0.1:8000   # an already running one
    make bench-relevance                                     # `make setup` first, then this

Without --base it serves the project with its current database and search index (what
`make setup` leaves: db.sqlite3 and search-index.sqlite3, or whatever DATABASE_URL,
SEARCH_INDEX_PATH and ELASTICSEARCH_URL say) by `manage.py runserver --noreload` on a free port
of 127.0.0.1, waits for /healthz, runs

    python3 <relevance>/evaluate.py --base URL [--qrels FILE] [--verbose]

(<relevance> is ../shared/relevance next to the project unless --relevance-dir says otherwise),
parses its per-query lines and its final line, prints them with the targets of issue 10, and
writes bench/results/relevance-<date>.json with the figures, the per-query lines, the git commit
and the backend that answered. The server it started is always stopped: at the end, on failure,
on Ctrl-C and on SIGTERM. Every wait is bounded.

Only this benchmark, through evaluate.py, ever reads a judgment file: the search code never
does, and this module only hashes it to record which file was used."""

import argparse
import ast
import contextlib
import datetime
import hashlib
import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.provenance import git

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
DEFAULT_RELEVANCE_DIR = ROOT.parent / "shared" / "relevance"

# Issue 10, "Done when", with the embedded backend against `make run`.
TARGETS = {"ndcg": 0.80, "recall": 0.75, "zero_max": 1, "junk_max": 1}

FINAL_RE = re.compile(
    r"nDCG@(?P<k>\d+) (?P<ndcg>[\d.]+) · recall@\d+ (?P<recall>[\d.]+) · P@1 (?P<p1>[\d.]+)"
    r" · zero (?P<zero>\d+)/(?P<answerable>\d+) · junk (?P<junk>\d+)/(?P<unanswerable>\d+)"
    r" · errors (?P<errors>\d+)"
)
QUERY_RE = re.compile(
    r"^\s*(?P<ndcg>\d+\.\d+) (?P<kind>\S+)\s+(?P<q>'.*'|\".*\"): recall (?P<recall>[\d.]+), "
    r"(?P<results>\d+) results$"
)
ZERO_RE = re.compile(
    r"^\s*(?P<verdict>ok|junk) true-zero (?P<q>'.*'|\".*\"): (?P<results>\d+) results$"
)
ERROR_RE = re.compile(r"^ERROR\s+(?P<q>'.*'|\".*\"): (?P<error>.*)$")
SHOWN_RE = re.compile(r"^\s{5,}(?P<grade>\d) (?P<path>\S*)$")


class BenchError(Exception):
    """Something the user must fix (no server, no evaluate.py, output not understood)."""


HELD = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


def _interrupt(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


def _unblock_signals():
    signal.pthread_sigmask(signal.SIG_UNBLOCK, HELD)


@contextlib.contextmanager
def held_signals():
    """Ctrl-C, SIGTERM and SIGHUP wait (pending) while the block runs."""
    signal.pthread_sigmask(signal.SIG_BLOCK, HELD)
    try:
        yield
    finally:
        _unblock_signals()


# --- the server ---------------------------------------------------------------------------------


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get_json(url, timeout=10):
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - loopback/--base
        return response.status, json.loads(response.read())


class Portal:
    """`manage.py runserver --noreload` on 127.0.0.1:<free port>, in its own process group."""

    def __init__(self, startup_timeout, log):
        self.startup_timeout = startup_timeout
        self.log = log
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = None
        self.output = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in stop()
            prefix="pb-relevance-server-", suffix=".log", delete=False
        )
        self.command = [
            sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{self.port}",
        ]  # fmt: skip

    def start(self):
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.log(f"starting {shlex.join(self.command)}")
        # A signal between fork and `self.process = …` would leave a server nobody stops: hold
        # them until the process is recorded (a pending one is delivered right after). The mask
        # is inherited across exec, so the server itself starts with them unblocked.
        with held_signals():
            self.process = subprocess.Popen(  # noqa: S603
                self.command,
                cwd=ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=self.output,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: stopped as a whole
                preexec_fn=_unblock_signals,  # noqa: PLW1509 - single-threaded here
            )
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(
                    f"the server exited with code {self.process.returncode}:\n{self.tail()}"
                )
            try:
                status, _ = get_json(f"{self.base}/healthz", timeout=2)
                if status == 200:
                    self.log(f"server ready at {self.base} (pid {self.process.pid})")
                    return self
            except (urllib.error.URLError, ConnectionError, TimeoutError, json.JSONDecodeError):
                pass
            time.sleep(0.3)
        raise BenchError(
            f"the server did not answer /healthz within {self.startup_timeout:g} s:\n{self.tail()}"
        )

    def tail(self, lines=30):
        self.output.flush()
        text = Path(self.output.name).read_text(errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def stop(self, grace=10):
        if self.process is not None and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=grace)
            except ProcessLookupError:
                pass
            self.log(f"server stopped (pid {self.process.pid})")
        self.output.close()
        Path(self.output.name).unlink(missing_ok=True)


def portal_facts(base):
    """The backend that answers, the documents it holds and /readyz, before evaluating."""
    facts = {}
    try:
        _, data = get_json(f"{base.rstrip('/')}/api/search/?page_size=1", timeout=30)
        facts["backend"] = data.get("backend")
        facts["documents"] = data.get("total")
    except (urllib.error.URLError, OSError, json.JSONDecodeError, ValueError) as exc:
        facts["backend"] = None
        facts["backend_error"] = str(exc)
    try:
        _, facts["readyz"] = get_json(f"{base.rstrip('/')}/readyz", timeout=30)
    except urllib.error.HTTPError as exc:
        facts["readyz"] = {"http_status": exc.code}
    except (urllib.error.URLError, OSError, json.JSONDecodeError, ValueError) as exc:
        facts["readyz"] = {"error": str(exc)}
    return facts


# --- evaluate.py and its output -----------------------------------------------------------------


def run_evaluate(args, base, log):
    evaluate = args.relevance_dir / "evaluate.py"
    if not evaluate.is_file():
        raise BenchError(f"{evaluate} not found (give --relevance-dir)")
    command = [args.python, str(evaluate), "--base", base]
    if args.qrels:
        command += ["--qrels", str(args.qrels)]
    if args.verbose:
        command.append("--verbose")
    log(f"running {shlex.join(command)}")
    try:
        completed = subprocess.run(  # noqa: S603
            command,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=args.eval_timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise BenchError(f"evaluate.py did not finish within {args.eval_timeout:g} s") from exc
    return command, completed


def _query_text(token):
    try:
        return ast.literal_eval(token)
    except (ValueError, SyntaxError):
        return token.strip("'\"")


def parse_output(stdout):
    """(figures, per-query list) from evaluate.py's output; raises BenchError without the final
    line."""
    queries, figures = [], None
    for line in stdout.splitlines():
        if match := FINAL_RE.search(line):
            g = match.groupdict()
            figures = {
                "k": int(g["k"]),
                "ndcg": float(g["ndcg"]),
                "recall": float(g["recall"]),
                "p_at_1": float(g["p1"]),
                "zero": int(g["zero"]),
                "answerable": int(g["answerable"]),
                "junk": int(g["junk"]),
                "unanswerable": int(g["unanswerable"]),
                "errors": int(g["errors"]),
                "line": line.strip(),
            }
        elif match := QUERY_RE.match(line):
            queries.append(
                {
                    "q": _query_text(match["q"]),
                    "kind": match["kind"],
                    "ndcg": float(match["ndcg"]),
                    "recall": float(match["recall"]),
                    "results": int(match["results"]),
                    "line": line.rstrip(),
                }
            )
        elif match := ZERO_RE.match(line):
            queries.append(
                {
                    "q": _query_text(match["q"]),
                    "kind": "true-zero",
                    "verdict": match["verdict"],
                    "results": int(match["results"]),
                    "line": line.rstrip(),
                }
            )
        elif match := ERROR_RE.match(line):
            queries.append(
                {"q": _query_text(match["q"]), "error": match["error"], "line": line.rstrip()}
            )
        elif (match := SHOWN_RE.match(line)) and queries:
            queries[-1].setdefault("shown", []).append(
                {"grade": int(match["grade"]), "path": match["path"]}
            )
    if figures is None:
        tail = "\n".join(stdout.splitlines()[-20:])
        raise BenchError(f"evaluate.py printed no final line with the figures:\n{tail}")
    return figures, queries


def targets(figures):
    rows = [
        ("nDCG@10", f"{figures['ndcg']:.3f}", f"≥ {TARGETS['ndcg']:.2f}",
         figures["ndcg"] >= TARGETS["ndcg"]),
        ("recall@10", f"{figures['recall']:.3f}", f"≥ {TARGETS['recall']:.2f}",
         figures["recall"] >= TARGETS["recall"]),
        ("zero-result queries", f"{figures['zero']}/{figures['answerable']}",
         f"≤ {TARGETS['zero_max']}", figures["zero"] <= TARGETS["zero_max"]),
        ("results on true-zero queries", f"{figures['junk']}/{figures['unanswerable']}",
         f"≤ {TARGETS['junk_max']}", figures["junk"] <= TARGETS["junk_max"]),
        ("errors", str(figures["errors"]), "0", figures["errors"] == 0),
    ]  # fmt: skip
    return [
        {"measure": name, "measured": value, "target": target, "met": met}
        for name, value, target, met in rows
    ]


# --- provenance ---------------------------------------------------------------------------------


def git_state():
    return {
        "commit": git("rev-parse", "HEAD"),
        "dirty_search": git("status", "--short", "search/", "fixtures/search/"),
        "dirty_files": len(git("status", "--short").splitlines()),
    }


def file_facts(path):
    path = Path(path)
    if not path.is_file():
        return {"path": str(path), "sha256": None}
    return {"path": str(path), "sha256": hashlib.sha256(path.read_bytes()).hexdigest()[:16]}


# --- command line -------------------------------------------------------------------------------


def parser():
    p = argparse.ArgumentParser(
        prog="python -m bench.relevance", description=__doc__.split("\n\n")[0]
    )
    p.add_argument("--base", help="URL of an already running portal (default: start one)")
    p.add_argument(
        "--relevance-dir",
        type=Path,
        default=DEFAULT_RELEVANCE_DIR,
        help="folder with evaluate.py and the judgments (default ../shared/relevance)",
    )
    p.add_argument("--qrels", type=Path, help="judgment file (default: evaluate.py's own)")
    p.add_argument("--verbose", action="store_true", help="evaluate.py shows the first results")
    p.add_argument("--python", default="python3", help="interpreter for evaluate.py")
    p.add_argument("--startup-timeout", type=float, default=90, help="seconds for the server")
    p.add_argument("--eval-timeout", type=float, default=600, help="seconds for evaluate.py")
    p.add_argument("--out", type=Path, help="JSON file (default bench/results/relevance-<date>)")
    p.add_argument("--quiet", action="store_true", help="only the summary, not every query")
    return p


def log(message):
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())}Z] {message}", file=sys.stderr, flush=True)


def report(result, quiet=False):
    lines = []
    if not quiet:
        for q in result["queries"]:
            lines.append(q["line"])
            lines += [f"         {shown['grade']} {shown['path']}" for shown in q.get("shown", [])]
        lines.append("")
    f = result["figures"]
    lines.append(f["line"])
    lines.append(
        f"backend {result['portal'].get('backend')} · {result['portal'].get('documents')} "
        f"documents · commit {result['git']['commit'][:10]}"
        + (" (local changes under search/)" if result["git"]["dirty_search"] else "")
        + f" · {result['started_utc']}"
    )
    lines.append("")
    lines.append("| measure | measured | target (issue 10) | |")
    lines.append("|---|---:|---:|---|")
    for row in result["targets"]:
        verdict = "met" if row["met"] else "**not met**"
        lines.append(f"| {row['measure']} | {row['measured']} | {row['target']} | {verdict} |")
    return "\n".join(lines)


def main(argv=None):
    args = parser().parse_args(argv)
    args.relevance_dir = args.relevance_dir.resolve()
    started = datetime.datetime.now(datetime.UTC)
    previous = {sig: signal.signal(sig, _interrupt) for sig in (signal.SIGTERM, signal.SIGHUP)}
    portal = None
    try:
        if args.base:
            base = args.base.rstrip("/")
        else:
            portal = Portal(args.startup_timeout, log)  # assigned first: stopped however we leave
            portal.start()
            base = portal.base
        facts = portal_facts(base)
        log(f"backend {facts.get('backend')}, {facts.get('documents')} documents")
        if not facts.get("documents"):
            log("warning: the index answers no documents; run `make setup` first")
        clock = time.monotonic()
        command, completed = run_evaluate(args, base, log)
        seconds = time.monotonic() - clock
        if completed.stderr.strip():
            print(completed.stderr.rstrip(), file=sys.stderr)
        figures, queries = parse_output(completed.stdout)
    except BenchError as exc:
        log(f"failed: {exc}")
        return 2
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    finally:
        # A second Ctrl-C must not cut the stopping short: signals wait until it is done.
        with held_signals():
            if portal is not None:
                portal.stop()
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    result = {
        "started_utc": started.isoformat(timespec="seconds"),
        "finished_utc": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "command": "python -m bench.relevance " + shlex.join(argv or sys.argv[1:]),
        "evaluate_command": shlex.join(command),
        "evaluate_exit_code": completed.returncode,
        "evaluate_seconds": round(seconds, 2),
        "base": base,
        "server": shlex.join(portal.command) if portal else "given with --base",
        "portal": facts,
        "git": git_state(),
        "evaluate": file_facts(args.relevance_dir / "evaluate.py"),
        "qrels": file_facts(args.qrels or args.relevance_dir / "queries-dev.json"),
        "figures": figures,
        "targets": targets(figures),
        "queries": queries,
        "output": completed.stdout.splitlines(),
    }
    out = args.out or RESULTS / f"relevance-{started:%Y-%m-%d}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    print(report(result, quiet=args.quiet))
    log(f"written {out}")
    return 1 if figures["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
