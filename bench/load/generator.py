"""The load generator: a closed loop of N HTTP/1.1 connections on asyncio, stdlib only.

Runs in its own process (python -m bench.load.generator), so its CPU use is not mixed into
the server's and the server's into its. Each connection sends a request, reads the whole
response, records it, then sends the next: at most N requests are in flight, and the
throughput measured is what the server sustains at that concurrency (no unbounded queue in
front of it). Connections are kept alive; when the server answers `Connection: close` (as
gunicorn's sync worker always does) the next request opens a new connection and its latency
includes the connect, as a real client's would.

Input: a plan (JSON) {"kinds": {kind: {"weight": w, "urls": [...], "bust": bool}}}. A request
picks a kind by weight, then a URL uniformly; with "bust", a unique `_lt=<token>-<n>` parameter is
appended (a random token per run and a counter) so no cache (ours or any in front) can answer it.
Output (JSON): per kind the latencies, status counts, X-Cache header counts and errors."""

import argparse
import asyncio
import json
import random
import secrets
import time
from collections import Counter, defaultdict
from pathlib import Path

REQUEST_TIMEOUT = 30.0
MAX_HEADER_BYTES = 64 * 1024


class ResponseError(Exception):
    pass


class Connection:
    def __init__(self, host, port):
        self.host, self.port = host, port
        self.reader = self.writer = None

    async def request(self, path):
        """(status, headers dict, body length) of one GET; reconnects when needed."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(
            f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\nUser-Agent: praksisbanken-bench\r\n"
            "Accept: text/html,application/json\r\nAccept-Encoding: identity\r\n\r\n".encode()
        )
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        if len(head) > MAX_HEADER_BYTES:
            raise ResponseError("header too large")
        lines = head.decode("latin-1").split("\r\n")
        parts = lines[0].split(" ", 2)
        if len(parts) < 2 or not parts[0].startswith("HTTP/1."):
            raise ResponseError(f"bad status line {lines[0][:80]!r}")
        status = int(parts[1])
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        length = await self._read_body(headers)
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, headers, length

    async def _read_body(self, headers):
        if "content-length" in headers:
            body = await self.reader.readexactly(int(headers["content-length"]))
            return len(body)
        if headers.get("transfer-encoding", "").lower() == "chunked":
            total = 0
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                await self.reader.readexactly(size + 2)  # chunk + CRLF
                total += size
                if size == 0:
                    return total
        body = await self.reader.read()  # delimited by closing the connection
        headers["connection"] = "close"
        return len(body)

    def close(self):
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


class Recorder:
    def __init__(self):
        self.latencies_ms = defaultdict(list)
        self.statuses = defaultdict(Counter)
        self.cache = defaultdict(Counter)
        self.errors = defaultdict(Counter)
        self.bytes = Counter()

    def as_json(self):
        kinds = set(self.latencies_ms) | set(self.errors)
        return {
            kind: {
                "latencies_ms": self.latencies_ms[kind],
                "statuses": {str(k): v for k, v in sorted(self.statuses[kind].items())},
                "x_cache": dict(self.cache[kind]),
                "errors": dict(self.errors[kind]),
                "bytes": self.bytes[kind],
            }
            for kind in sorted(kinds)
        }


class Plan:
    def __init__(self, plan, seed):
        self.kinds = list(plan["kinds"])
        self.weights = [plan["kinds"][k]["weight"] for k in self.kinds]
        self.urls = {k: plan["kinds"][k]["urls"] for k in self.kinds}
        self.bust = {k: plan["kinds"][k].get("bust", False) for k in self.kinds}
        self.rng = random.Random(seed)
        self.counter = 0
        # Unique across runs too: the same seed repeats the same URLs, the token does not.
        self.token = secrets.token_hex(4)

    def next(self):
        kind = self.rng.choices(self.kinds, self.weights)[0]
        url = self.rng.choice(self.urls[kind])
        if self.bust[kind]:
            self.counter += 1
            url += f"{'&' if '?' in url else '?'}_lt={self.token}-{self.counter}"
        return kind, url


async def worker(connection, plan, recorder, deadline):
    while time.monotonic() < deadline:
        kind, url = plan.next()
        started = time.perf_counter()
        try:
            status, headers, length = await asyncio.wait_for(
                connection.request(url), REQUEST_TIMEOUT
            )
        except (OSError, EOFError, asyncio.LimitOverrunError, ResponseError, ValueError) as exc:
            recorder.errors[kind][type(exc).__name__] += 1
            connection.close()
            continue
        except TimeoutError:
            recorder.errors[kind]["timeout"] += 1
            connection.close()
            continue
        recorder.latencies_ms[kind].append((time.perf_counter() - started) * 1000)
        recorder.statuses[kind][status] += 1
        recorder.cache[kind][headers.get("x-cache", "-")] += 1
        recorder.bytes[kind] += length
    connection.close()


async def run(host, port, plan, concurrency, duration, seed):
    recorder = Recorder()
    shared_plan = Plan(plan, seed)
    started = time.monotonic()
    deadline = started + duration
    await asyncio.gather(
        *(
            worker(Connection(host, port), shared_plan, recorder, deadline)
            for _ in range(concurrency)
        )
    )
    # Requests in flight at the deadline finish after it: divide by the real elapsed time.
    return recorder, time.monotonic() - started


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--plan", type=Path, required=True)
    p.add_argument("--concurrency", type=int, default=32)
    p.add_argument("--duration", type=float, required=True, help="seconds")
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--out", type=Path, required=True)
    args = p.parse_args(argv)
    plan = json.loads(args.plan.read_text())
    recorder, elapsed = asyncio.run(
        run(args.host, args.port, plan, args.concurrency, args.duration, args.seed)
    )
    args.out.write_text(
        json.dumps(
            {"elapsed_s": elapsed, "concurrency": args.concurrency, "kinds": recorder.as_json()}
        )
    )


if __name__ == "__main__":
    main()
