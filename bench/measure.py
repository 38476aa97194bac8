"""Timing and memory helpers: latency summaries, an RSS sampler, per-statement SQLite deadlines."""

import math
import os
import resource
import threading
import time
import tracemalloc
from contextlib import contextmanager

PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def percentile(sorted_values, fraction):
    """Linear interpolation between closest ranks (numpy's default); inf stays inf."""
    if not sorted_values:
        return None
    position = (len(sorted_values) - 1) * fraction
    low, high = math.floor(position), math.ceil(position)
    if math.isinf(sorted_values[high]):
        return math.inf
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


def summarise(samples_ms):
    """p50/p95/mean/max in ms over samples; timed-out samples are math.inf.

    With timeouts, mean and max are None (unknown), and a percentile that falls on a timeout
    is None with `<name>_timed_out` set: reported as "more than the timeout", never a number."""
    values = sorted(samples_ms)
    timeouts = sum(1 for v in values if math.isinf(v))
    finite = [v for v in values if not math.isinf(v)]
    summary = {"n": len(values), "timeouts": timeouts}
    for name, fraction in (("p50", 0.50), ("p95", 0.95)):
        value = percentile(values, fraction)
        # JSON has no infinity: a percentile beyond the timeout is null, flagged.
        summary[name] = None if value is not None and math.isinf(value) else value
        summary[f"{name}_timed_out"] = value is not None and math.isinf(value)
    summary.update(
        mean=sum(finite) / len(finite) if finite and not timeouts else None,
        max=values[-1] if values and not timeouts else None,
        min=values[0] if values else None,
    )
    return summary


def current_rss():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE_SIZE


class RssSampler:
    """Samples this process's resident set size every `interval` seconds in a thread."""

    def __init__(self, interval=0.01):
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, current_rss())
            self._stop.wait(self.interval)

    def __enter__(self):
        self.start = current_rss()
        self.peak = self.start
        self.maxrss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, current_rss())
        self.maxrss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    def result(self):
        return {
            "rss_before_mb": self.start / 2**20,
            "rss_peak_mb": self.peak / 2**20,
            "rss_peak_delta_mb": (self.peak - self.start) / 2**20,
            "ru_maxrss_delta_mb": (self.maxrss_after - self.maxrss_before) / 2**20,
        }


def timed(fn, *args, **kwargs):
    """(result, seconds)."""
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - start


def traced_peak_mb(fn, *args, **kwargs):
    """Peak of Python allocations (tracemalloc) while fn runs, in MB. Slows fn down: never
    combine with timing."""
    tracemalloc.start()
    try:
        fn(*args, **kwargs)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 2**20


@contextmanager
def sqlite_deadline(connection, seconds):
    """Abort SQLite statements on this Django connection that run past `seconds` from now.

    SQLite calls the progress handler every N virtual-machine instructions; a true return
    value interrupts the statement (django.db.OperationalError "interrupted")."""
    connection.ensure_connection()
    raw = connection.connection
    deadline = time.perf_counter() + seconds
    raw.set_progress_handler(lambda: time.perf_counter() > deadline, 20_000)
    try:
        yield
    finally:
        raw.set_progress_handler(None, 0)
