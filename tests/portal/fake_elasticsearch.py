"""A recorded-response Elasticsearch for the fault tests: a real HTTP server process that keeps
indices, aliases and documents in memory and answers what the portal asks (index creation,
aliases, bulk with require_alias, refresh, delete, match-all search with scroll) in
Elasticsearch 8.19's shapes; error answers come from tests/search/elasticsearch/recorded/.

Control, for the tests: POST /_fault {"method", "path", "status", "answer", "items", "times"}
makes matching requests fail (a whole-request error, or per-item errors of a bulk), DELETE
/_fault removes every fault, POST /_hold {"method", "path"} holds the first matching request
until POST /_release, GET /_held says whether one is held, GET /_dump returns the documents
behind an alias. Run: python fake_elasticsearch.py PORT"""

import json
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

RECORDED = Path(__file__).resolve().parents[1] / "search" / "elasticsearch" / "recorded"
SHARDS = {"total": 1, "successful": 1, "failed": 0}

lock = threading.RLock()
indices = {}  # name -> {"mappings": {...}, "docs": {id: source}, "aliases": set()}
faults = []
hold = {"rule": None, "held": False, "release": threading.Event()}


def recorded(name):
    return json.loads((RECORDED / name).read_text(encoding="utf-8"))


def index_missing(name):
    error = {
        "type": "index_not_found_exception",
        "reason": f"no such index [{name}]",
        "resource.type": "index_or_alias",
        "resource.id": name,
        "index_uuid": "_na_",
        "index": name,
    }
    return 404, {"error": {"root_cause": [error], **error}, "status": 404}


def aliased(alias):
    return [name for name, index in indices.items() if alias in index["aliases"]]


def resolve(target):
    if target in indices:
        return target
    names = aliased(target)
    return names[0] if len(names) == 1 else None


def matches(rule, method, path):
    return rule.get("method", "*") in ("*", method) and re.fullmatch(rule["path"], path)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length).decode("utf-8") if length else ""

    def _send(self, status, payload=None, product=True):
        data = b"" if payload is None else json.dumps(payload).encode()
        self.send_response(status)
        if product:
            self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Type", "application/vnd.elasticsearch+json;compatible-with=8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def do_HEAD(self):
        self._handle()

    def do_GET(self):
        self._handle()

    def do_PUT(self):
        self._handle()

    def do_POST(self):
        self._handle()

    def do_DELETE(self):
        self._handle()

    def _handle(self):
        url = urlsplit(self.path)
        path, params = unquote(url.path), {k: v[-1] for k, v in parse_qs(url.query).items()}
        body = self._body()
        if path.startswith("/_fault") or path in ("/_hold", "/_release", "/_held", "/_dump"):
            return self._control(path, params, body)
        rule = hold["rule"]
        if rule and matches(rule, self.command, path):
            hold["rule"], hold["held"] = None, True
            hold["release"].wait(120)
        with lock:
            fault = next((f for f in faults if matches(f, self.command, path)), None)
            if fault:
                if fault.get("times") is not None:
                    fault["times"] -= 1
                    if fault["times"] <= 0:
                        faults.remove(fault)
                if fault.get("status"):
                    answer = recorded(fault["answer"]) if fault.get("answer") else None
                    return self._send(fault["status"], answer, product=fault.get("product", True))
            status, payload = self._route(self.command, path, params, body, fault)
        self._send(status, payload)

    def _control(self, path, params, body):
        data = json.loads(body) if body else {}
        if path == "/_fault" and self.command == "POST":
            with lock:
                faults.insert(0, data)
        elif path == "/_fault" and self.command == "DELETE":
            with lock:
                faults.clear()
        elif path == "/_hold":
            hold["release"].clear()
            hold["held"], hold["rule"] = False, data
        elif path == "/_release":
            hold["release"].set()
        elif path == "/_held":
            return self._send(200, {"held": hold["held"]})
        elif path == "/_dump":
            with lock:
                name = resolve(params["alias"])
                docs = indices[name]["docs"] if name else {}
                return self._send(200, {"index": name, "indices": sorted(indices), "docs": docs})
        return self._send(200, {"acknowledged": True})

    def _route(self, method, path, params, body, fault):  # noqa: C901 - one branch per endpoint
        parts = [p for p in path.split("/") if p]
        if not parts:
            info = {"name": "fake", "cluster_name": "test", "version": {"number": "8.19.0"}}
            return 200, (None if method == "HEAD" else info)
        if parts[0] == "_alias":
            names = aliased(parts[1])
            if not names:
                return 404, {"error": f"alias [{parts[1]}] missing", "status": 404}
            return 200, {n: {"aliases": {parts[1]: {}}} for n in names}
        if parts[0] == "_aliases":
            for action in json.loads(body)["actions"]:
                ((kind, spec),) = action.items()
                if kind == "add":
                    indices[spec["index"]]["aliases"].add(spec["alias"])
                elif kind == "remove":
                    for name in spec.get("indices", [spec.get("index")]):
                        indices[name]["aliases"].discard(spec["alias"])
                elif kind == "remove_index":
                    indices.pop(spec["index"], None)
            return 200, {"acknowledged": True}
        if parts[0] == "_search" and parts[1:] == ["scroll"]:
            if method == "DELETE":
                return 200, {"succeeded": True, "num_freed": 1}
            return 200, self._hits([], scroll=True)
        target = parts[0]
        if len(parts) == 1:
            if method == "HEAD":
                return (200 if resolve(target) or aliased(target) else 404), None
            if method == "PUT":
                spec = json.loads(body) if body else {}
                indices[target] = {
                    "mappings": spec.get("mappings", {}),
                    "docs": {},
                    "aliases": set(spec.get("aliases", {})),
                }
                return 200, {"acknowledged": True, "shards_acknowledged": True, "index": target}
            if method == "DELETE":
                names = target.split(",")
                missing = [n for n in names if n not in indices]
                if missing:
                    return index_missing(missing[0])
                for name in names:
                    del indices[name]
                return 200, {"acknowledged": True}
        if parts[1] == "_alias" and method == "GET":
            pattern = re.compile(re.escape(target).replace(r"\*", ".*"))
            return 200, {
                n: {"aliases": {a: {} for a in i["aliases"]}}
                for n, i in indices.items()
                if pattern.fullmatch(n)
            }
        name = resolve(target)
        if parts[1] == "_refresh":
            return (200, {"_shards": SHARDS}) if name else index_missing(target)
        if parts[1] == "_search":
            if not name:
                return index_missing(target)
            return 200, self._hits(list(indices[name]["docs"].items()), scroll="scroll" in params)
        if parts[1] == "_bulk":
            return 200, self._bulk(target, name, params, body, fault)
        return 400, {"error": {"type": "illegal_argument_exception", "reason": path}, "status": 400}

    def _hits(self, docs, scroll=False):
        response = {
            "took": 1,
            "timed_out": False,
            "_shards": {**SHARDS, "skipped": 0},
            "hits": {
                "total": {"value": len(docs), "relation": "eq"},
                "max_score": 1.0 if docs else None,
                "hits": [
                    {"_index": "x", "_id": doc_id, "_score": 1.0, "_source": source}
                    for doc_id, source in docs
                ],
            },
        }
        if scroll:
            response["_scroll_id"] = "FGluY2x1ZGVfY29udGV4dF91dWlk"
        return response

    def _bulk(self, target, name, params, body, fault):
        lines = [json.loads(line) for line in body.splitlines() if line.strip()]
        item_faults = (fault or {}).get("items", {})
        items, i = [], 0
        while i < len(lines):
            ((op, meta),) = lines[i].items()
            source = lines[i + 1] if op == "index" else None
            i += 2 if op == "index" else 1
            doc_id = meta["_id"]
            if doc_id in item_faults or "*" in item_faults:
                status = item_faults.get(doc_id, item_faults.get("*"))
                example = {400: ("bulk_mixed.json", 2), 409: ("bulk_version_conflict.json", 0),
                           429: ("bulk_mixed.json", 1)}[status]  # fmt: skip
                error = recorded(example[0])["items"][example[1]]["index"]
                items.append({op: {**error, "_index": name or target, "_id": doc_id}})
                continue
            if params.get("require_alias") == "true" and not aliased(target):
                error = recorded("bulk_require_alias.json")["items"][0]["index"]
                items.append({op: {**error, "_index": target, "_id": doc_id}})
                continue
            if name is None:  # Elasticsearch would auto-create a dynamic index here
                indices[target] = {"mappings": {}, "docs": {}, "aliases": set()}
                name = target
            docs = indices[name]["docs"]
            existed = doc_id in docs
            if op == "index":
                docs[doc_id] = source
                result, status = ("updated", 200) if existed else ("created", 201)
            else:
                docs.pop(doc_id, None)
                result, status = ("deleted", 200) if existed else ("not_found", 404)
            items.append({op: {"_index": name, "_id": doc_id, "_version": 1, "result": result,
                               "_shards": SHARDS, "_seq_no": 0, "_primary_term": 1,
                               "status": status}})  # fmt: skip
        errors = any("error" in next(iter(item.values())) for item in items)
        return {"errors": errors, "took": 1, "items": items}


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    server.daemon_threads = True
    server.serve_forever()
