"""Elasticsearch without a server: the real client, over a fake node that records each request
and answers with responses recorded (by hand, in Elasticsearch 8's shape) in recorded/."""

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl

import pytest
from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport._node import NodeApiResponse
from elasticsearch import Elasticsearch

from search.backends.elasticsearch import ElasticsearchBackend
from search.documents import SearchDocument

# The live scenarios need a server: without ELASTICSEARCH_URL they are not even collected
# (the top-level conftest counts skipped tests as failures in CI).
collect_ignore = [] if os.environ.get("ELASTICSEARCH_URL") else ["test_live.py"]

RECORDED = Path(__file__).parent / "recorded"
ALIAS = "praksisbanken-documents"
OLD_INDEX = "praksisbanken-documents-20240101120000000000"
# The alias before methods and erfa groups were indexed; a rebuild drops its indices.
LEGACY_ALIAS = "praksisbanken-cases"
LEGACY_INDEX = "praksisbanken-cases-20231001080000000000"


def recorded(name):
    return json.loads((RECORDED / name).read_text(encoding="utf-8"))


@dataclass
class Request:
    method: str
    path: str
    params: dict
    body: object  # parsed JSON, a list for NDJSON (bulk), or None


def _bulk_response(request):
    """One item per action, in the recorded shape, with the action's index and id."""
    template = recorded("bulk.json")
    examples = {op: item for entry in template["items"] for op, item in entry.items()}
    items = []
    for line in request.body:
        op, meta = next(iter(line.items())) if len(line) == 1 else (None, None)
        if op not in examples:
            continue  # a document line
        index = meta.get("_index") or request.path.strip("/").split("/")[0]
        items.append({op: {**examples[op], "_index": index, "_id": meta["_id"]}})
    return 200, {**template, "items": items}


DEFAULT_ROUTES = [
    ("HEAD", r"/", 200, None),
    ("HEAD", rf"/_alias/{ALIAS}", 200, None),
    ("GET", rf"/_alias/{ALIAS}", 200, "get_alias.json"),
    ("GET", rf"/_alias/{LEGACY_ALIAS}", 404, "legacy_alias_missing.json"),
    ("GET", rf"/{ALIAS}-(\*|%2A)/_alias", 200, "get_indices_alias.json"),
    ("POST", r"/_aliases", 200, "acknowledged.json"),
    ("POST", r"/[^/]+/_refresh", 200, "refresh.json"),
    ("PUT", r"/[^/]+/_bulk", 200, _bulk_response),
    ("PUT", r"/[^/_][^/]*", 200, "create_index.json"),
    ("DELETE", r"/[^/_][^/]*", 200, "acknowledged.json"),
    ("POST", rf"/{ALIAS}/_search", 200, "search.json"),
]


class RecordingNode(BaseNode):
    """An elastic_transport node that never opens a socket. A subclass per test (see the
    `fake` fixture) holds that test's routes and request log."""

    _CLIENT_META_HTTP_CLIENT = ("rn", "1.0")
    routes: list = []
    requests: list = []
    # What the server says it is; OpenSearch and other look-alikes send no such header.
    product = "Elasticsearch"

    def perform_request(self, method, target, body=None, headers=None, request_timeout=None):
        path, _, query = target.partition("?")
        request = Request(method, path, dict(parse_qsl(query)), _parse(path, body))
        self.requests.append(request)
        status, payload = self._answer(request)
        data = b"" if payload is None else json.dumps(payload).encode()
        headers = HttpHeaders({"X-Elastic-Product": self.product} if self.product else {})
        if payload is not None:
            headers["Content-Type"] = "application/vnd.elasticsearch+json;compatible-with=8"
        meta = ApiResponseMeta(
            status=status, http_version="1.1", headers=headers, duration=0.0, node=self.config
        )
        return NodeApiResponse(meta, data)

    def _answer(self, request):
        for method, pattern, status, response in self.routes:
            if method == request.method and re.fullmatch(pattern, request.path):
                if callable(response):
                    return response(request)
                return status, (recorded(response) if isinstance(response, str) else response)
        error = {"error": f"no route for {request.method} {request.path}", "status": 404}
        return 404, error


def _parse(path, body):
    if not body:
        return None
    text = body.decode("utf-8")
    if path.endswith("/_bulk"):
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    return json.loads(text)


class Fake:
    def __init__(self):
        self.node_class = type(
            "TestNode", (RecordingNode,), {"routes": list(DEFAULT_ROUTES), "requests": []}
        )
        self.client = Elasticsearch(
            "http://localhost:9200", node_class=self.node_class, max_retries=0
        )
        self.backend = ElasticsearchBackend(client=self.client)

    @property
    def requests(self):
        return self.node_class.requests

    def route(self, method, pattern, response, status=200):
        """Answer `method pattern` with a recorded file, a body or a callable, before the
        default routes."""
        self.node_class.routes.insert(0, (method, pattern, status, response))

    def sent(self, method, pattern=".*"):
        return [r for r in self.requests if r.method == method and re.fullmatch(pattern, r.path)]

    def only(self, method, pattern=".*"):
        found = self.sent(method, pattern)
        assert len(found) == 1, (method, pattern, [(r.method, r.path) for r in self.requests])
        return found[0]


@pytest.fixture
def fake():
    return Fake()


@pytest.fixture(autouse=True)
def no_synonyms(settings, tmp_path):
    """No synonym groups unless a test writes its own file: queries and mappings here must not
    change when editors extend fixtures/search/synonyms.txt."""
    path = tmp_path / "no-synonyms.txt"
    path.write_text("", encoding="utf-8")
    settings.SEARCH_SYNONYMS_PATH = str(path)


def make_document(page_id=1, **overrides):
    values = {
        "page_id": page_id,
        "doc_type": "case",
        "title": "Rejselærer i folkeskolen",
        "summary": "En lærer fra en specialklasse kommer ud til elever, der mistrives.",
        "body": "Rejselæreren støtter eleven og lærerteamet.\nSupervision i ADHD-pædagogik.",
        "url": "/eksempler/silkeborg-rejselaerer/",
        "published": "2024-03-01T10:00:00+00:00",
        "organisations": [
            {"kind": "municipality", "slug": "silkeborg", "name": "Silkeborg", "code": 740}
        ],
        "tags": "Tidlig opsporing · Når vi handler for sent · Børn og unge",
        "facets": {
            "type": ["case"],
            "movement": ["tidlig-opsporing"],
            "challenge": ["naar-vi-handler-for-sent"],
            "handlerum": ["organisering"],
            "municipality": ["silkeborg"],
            "region": ["region-midtjylland"],
            "target_group": ["boern-og-unge"],
            "sector": ["boern-unge-og-skole"],
            "method": [],
            "evidence": ["erfaringsbaseret"],
            "status": ["i-drift"],
        },
    }
    values.update(overrides)
    return SearchDocument(**values)


def bulk_answer(outcomes):
    """A bulk route answering each action by its page id: `outcomes` maps an id to the recorded
    item of that kind ("ok" by default; 400, 409, 429: the errors of the recorded files)."""
    errors = {
        400: recorded("bulk_mixed.json")["items"][2]["index"],
        409: recorded("bulk_version_conflict.json")["items"][0]["index"],
        429: recorded("bulk_mixed.json")["items"][1]["index"],
    }

    def answer(request):
        status, body = _bulk_response(request)
        for entry in body["items"]:
            op, item = next(iter(entry.items()))
            outcome = outcomes.get(int(item["_id"]), "ok")
            if outcome != "ok":
                entry[op] = {**errors[outcome], "_index": item["_index"], "_id": item["_id"]}
        body["errors"] = any("error" in next(iter(e.values())) for e in body["items"])
        return status, body

    return answer
