"""The server under test: gunicorn with the project's gunicorn.conf.py (when there is one),
started as production would start it, and the RSS of its workers."""

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent.parent
CONFIG = ROOT / "gunicorn.conf.py"
START_TIMEOUT = 90


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def gunicorn_command(port, workers=None):
    """gunicorn as `make serve` runs it; the command line only pins the loopback port (and the
    worker count when asked), everything else comes from gunicorn.conf.py."""
    command = [str(ROOT / ".venv" / "bin" / "gunicorn")]
    if CONFIG.exists():
        command += ["--config", str(CONFIG)]
    elif workers is None:
        workers = 2 * (os.cpu_count() or 1) + 1  # gunicorn's own rule of thumb
    command += ["--bind", f"127.0.0.1:{port}"]
    if workers is not None:
        command += ["--workers", str(workers)]
    return command + ["portal.wsgi:application"]


class Server:
    def __init__(self, env, port, log_path, workers=None):
        self.env, self.port, self.log_path = env, port, log_path
        self.command = gunicorn_command(port, workers)
        self.process = None

    def start(self):
        self.log = open(self.log_path, "wb")  # noqa: SIM115 - open for the server's lifetime
        self.process = subprocess.Popen(  # noqa: S603 - fixed argument list
            self.command, cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"gunicorn stoppede (kode {self.process.returncode}); se {self.log_path}"
                )
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=10) as r:  # noqa: S310
                    if r.status == 200 and len(self.workers()) >= 1:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.5)
        raise RuntimeError(f"gunicorn svarede ikke inden {START_TIMEOUT} s; se {self.log_path}")

    def workers(self):
        return psutil.Process(self.process.pid).children()

    def worker_rss_mb(self):
        """{pid: RSS in MB} of every worker process."""
        rss = {}
        for worker in self.workers():
            try:
                rss[worker.pid] = worker.memory_info().rss / 1024 / 1024
            except psutil.NoSuchProcess:
                continue
        return rss

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()  # gunicorn: graceful shutdown on SIGTERM
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process:
            self.log.close()
