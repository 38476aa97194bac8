"""Elasticsearch 8 backend through `elasticsearch.dsl`: a FacetedSearch over versioned indices
behind one alias (`<prefix>-documents`, every searchable type in one index), so a rebuild swaps
in atomically and readers never see an empty index. Nothing here touches the global
`connections` registry: every call passes the client. Errors are classified in es_errors.py
(retryable, an operator must act, permanent); live writes use `require_alias`, so nothing
ever writes to an auto-created index under the alias's name.

Mapping: es_mapping.py; analysis: es_analysis.py; queries: es_query.py; errors: es_errors.py."""

import json
import logging
import os
import re
import tempfile
from contextlib import suppress
from datetime import UTC, datetime
from itertools import islice

from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError
from elasticsearch.dsl import FacetedSearch, Index, Search, TermsFacet
from elasticsearch.helpers import scan

from search.contract import (
    FACETS,
    SIMILAR_LIMIT,
    Hit,
    SearchResult,
    SearchUnavailable,
    Suggestion,
)

from . import es_analysis, es_mapping, es_query
from .base import SearchBackend
from .es_errors import guard, item_failures

logger = logging.getLogger(__name__)

FACET_SIZE = 1000  # more than every value of any facet (98 municipalities, all methods)
MAX_WINDOW = 10_000  # Elasticsearch's index.max_result_window
CHUNK_SIZE = 500
REBUILD_TIMEOUT = 120  # seconds per bulk request of a rebuild (searches keep `timeout`)
SNIPPET_CHARS = 180
WAIT = "wait_for"  # a published or unpublished page shows in results at once
SOURCE_EXCLUDES = ["body", "suggest"]
SORTS = {
    "relevance": ["_score", {"published": {"order": "desc", "missing": "_last"}}],
    "newest": [{"published": {"order": "desc", "missing": "_last"}}, {"title_sort": "asc"}],
    "title": [{"title_sort": "asc"}, {"page_id": "asc"}],
}
HIGHLIGHT = {
    "encoder": "html",
    "pre_tags": ["<mark>"],
    "post_tags": ["</mark>"],
    "fragment_size": SNIPPET_CHARS,
    "number_of_fragments": 2,
}


class DocumentSearch(FacetedSearch):
    """Disjunctive facets come from FacetedSearch itself: results are narrowed with a
    post_filter, and each facet's aggregation is filtered by every other facet only (the
    `type` facet like any other). Unless `exact`, a term suggester on the words finds
    corrections for the words the index lacks."""

    fields = es_query.TEXT_FIELDS
    facets = {key: TermsFacet(field=key, size=FACET_SIZE) for key in FACETS}

    def __init__(self, client, index, text, filters, sort, exact=False):
        self.using = client
        self.index = index
        self.exact = exact
        super().__init__(text, filters, sort)

    def search(self):
        s = super().search()
        if self._query and not self.exact:
            s = s.suggest(es_query.SPELLING_SUGGESTER, self._query, term=es_query.SPELLING)
        return s.extra(track_total_hits=True).source(excludes=SOURCE_EXCLUDES)

    def query(self, search, query):
        return search.query(es_query.text_query(query, exact=self.exact))

    def highlight(self, search):
        # The summary is marked whole (it replaces the plain summary); the body in fragments.
        summary_fields = [f for f in es_query.HIGHLIGHT_FIELDS if f.startswith("summary")]
        body_fields = [f for f in es_query.HIGHLIGHT_FIELDS if not f.startswith("summary")]
        return (
            search.highlight(*summary_fields, number_of_fragments=0)
            .highlight(*body_fields)
            .highlight_options(**HIGHLIGHT)
        )


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    def __init__(
        self,
        url=None,
        index_prefix="praksisbanken",
        client=None,
        timeout=5,
        api_key=None,
        ca_certs=None,
        **kwargs,
    ):
        if client is None:
            url = url or os.environ.get("ELASTICSEARCH_URL") or "http://localhost:9200"
            kwargs.setdefault("max_retries", 1)
            # An API key (ELASTICSEARCH_API_KEY) and a CA certificate for a cluster whose TLS
            # certificate is signed by its own CA (ELASTICSEARCH_CA_CERTS), when set.
            if api_key:
                kwargs["api_key"] = api_key
            if ca_certs:
                kwargs["ca_certs"] = ca_certs
            client = Elasticsearch(url, request_timeout=timeout, **kwargs)
        self.client = client
        self.index_prefix = index_prefix
        self.alias = f"{index_prefix}-documents"
        # Before methods and erfa groups were indexed the alias was `<prefix>-cases`; the
        # first rebuild removes its indices in the same request that adds the new alias.
        self.legacy_alias = f"{index_prefix}-cases"
        self._alias_ready = False

    # Reading

    def search(self, query):
        filters = {key: list(query.selected(key)) for key in FACETS if query.selected(key)}
        text = query.text.strip()
        faceted = DocumentSearch(
            self.client, self.alias, text, filters, SORTS.get(query.sort, []), exact=query.exact
        )
        start = query.offset
        if start + query.page_size > MAX_WINDOW:
            faceted = faceted[0:0]  # beyond what Elasticsearch pages: counts only, no hits
        else:
            faceted = faceted[start : start + query.page_size]
        with guard():
            response = faceted.execute()
        facets = {
            key: {slug: count for slug, count, _selected in values if count}
            for key, values in response.facets.to_dict().items()
        }
        spelling = response.to_dict().get("suggest", {}).get(es_query.SPELLING_SUGGESTER, [])
        return SearchResult(
            query=query,
            hits=[_hit(hit, bool(text)) for hit in response.hits],
            total=response.hits.total.value,
            facets=facets,
            backend=self.name,
            corrected_text=es_query.corrected_text(text, spelling) if spelling else "",
        )

    def suggest(self, text, limit=8):
        text = " ".join(text.split())
        if not text:
            return []
        completion = {"field": "suggest", "size": limit, "skip_duplicates": True}
        s = Search(using=self.client, index=self.alias).extra(size=0)
        s = s.source(["title", "url", "doc_type"]).suggest("titles", text, completion=completion)
        with guard():
            response = s.execute()
        suggestions, seen = [], set()
        for entry in response.to_dict().get("suggest", {}).get("titles", []):
            for option in entry["options"]:
                found = option["_source"]
                title, url = found["title"], found["url"]
                if (title, url) not in seen:
                    seen.add((title, url))
                    suggestions.append(Suggestion(found.get("doc_type", "case"), title, url))
        return suggestions[:limit]

    def similar(self, page_id, limit=SIMILAR_LIMIT, doc_types=None):
        """more_like_this over title, summary, tags and body of the indexed page; never the
        page itself; [] when the page is not indexed."""
        s = Search(using=self.client, index=self.alias)
        s = s.query(es_query.more_like_this(self.alias, page_id, doc_types))
        s = s.source(excludes=SOURCE_EXCLUDES)[:limit]
        with guard():
            response = s.execute()
        return [_hit(hit, False) for hit in response.hits if int(hit.meta.id) != int(page_id)]

    def document_ids(self):
        with guard():
            try:
                hits = scan(self.client, index=self.alias, query={"_source": False})
                return {int(hit["_id"]) for hit in hits}
            except NotFoundError:
                return set()

    def ping(self):
        try:
            return bool(self.client.ping())
        except (TransportError, ApiError):
            return False

    def health(self):
        """(reachable, operator message): the message says what is wrong when it is not."""
        try:
            with guard():
                self.client.info()
                if not self.client.indices.exists_alias(name=self.alias):
                    return True, f"The alias {self.alias} is missing: run rebuild_search_index."
            return True, ""
        except SearchUnavailable as exc:
            return False, str(exc)

    # Writing

    def write(self, documents, delete_ids):
        """One bulk request to the alias (`require_alias`: never auto-creates an index under
        its name); each item's outcome is classified (es_errors.item_failures)."""
        documents = list(documents)
        operations = _operations(documents, delete_ids)
        if not operations:
            return {}
        with guard(write=True):
            self._ensure_alias(documents)
            return self._bulk(self.client, self.alias, operations, require_alias=True)

    def _bulk(self, client, index, operations, refresh=WAIT, **params):
        failures = {}
        for start in range(0, len(operations), CHUNK_SIZE * 2):
            chunk = operations[start : start + CHUNK_SIZE * 2]
            response = client.bulk(operations=chunk, index=index, refresh=refresh, **params)
            if response.get("errors"):
                failures.update(item_failures(response["items"]))
        return failures

    def rebuild(self, documents, total=None, progress=None, before_swap=None):
        """The decompounder's word list comes from the documents' own words, so they are read
        once before the index is created: counted, and spooled as bulk actions to a temporary
        file (not kept in memory) that is then sent in chunks. `before_swap(write)` writes the
        last changes into the new index before the alias moves to it. Returns the
        {page_id: WriteFailure} of documents Elasticsearch did not store.

        Once the alias points at the new index nothing deletes it: a failure after the swap
        (removing the old index) is logged, and the next rebuild removes what was left."""
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
        new_index = f"{self.alias}-{stamp}"
        writer = self.client.options(request_timeout=REBUILD_TIMEOUT)
        failures = {}
        with tempfile.TemporaryFile("w+", encoding="utf-8") as spool, guard(write=True):
            counter = es_analysis.WordCounter()
            for document in documents:
                counter.add(document)
                spool.write(json.dumps(_index_action(document), ensure_ascii=False) + "\n")
            spool.seek(0)
            self._create_index(new_index, es_analysis.Analysis(counter.word_list()))
            try:
                for actions in _chunks(map(json.loads, spool), CHUNK_SIZE):
                    operations = []
                    for action in actions:
                        operations += [{"index": {"_id": action["_id"]}}, action["_source"]]
                    failures.update(self._bulk(writer, new_index, operations, refresh=False))
                    if progress:
                        progress(len(actions))
                if before_swap:

                    def write(docs, delete_ids):
                        ops = _operations(docs, delete_ids)
                        return self._bulk(writer, new_index, ops, refresh=False) if ops else {}

                    before_swap(write)
                writer.indices.refresh(index=new_index)
                self._swap_alias(new_index)
            except BaseException:
                if not self._is_live(new_index):
                    self._drop_quietly(new_index)  # the alias still points at the old index
                raise
        self._alias_ready = True
        self._remove_old_indices(new_index)
        return failures

    # Indices and the alias

    def _create_index(self, name, analysis, aliases=None):
        index = Index(name, using=self.client)
        index.settings(**es_mapping.INDEX_SETTINGS)
        index.mapping(es_mapping.mapping(analysis))
        if aliases:
            index.aliases(**{alias: {} for alias in aliases})
        index.create()

    def _aliased_indices(self, alias):
        try:
            return sorted(self.client.indices.get_alias(name=alias).body)
        except NotFoundError:
            return []

    def _is_live(self, name):
        """Whether the alias points at this index; when that cannot be known, yes (an index
        left behind is removed by the next rebuild; a live index deleted is an outage)."""
        try:
            return name in self._aliased_indices(self.alias)
        except (TransportError, ApiError):
            return True

    def _swap_alias(self, new_index):
        """One `_aliases` request moves the alias, so readers never see it missing (and drops
        the indices of the legacy alias, if any)."""
        old = self._aliased_indices(self.alias)
        legacy = [i for i in self._aliased_indices(self.legacy_alias) if i not in old]
        actions = [{"remove_index": {"index": name}} for name in legacy]
        if old:
            actions.append({"remove": {"indices": old, "alias": self.alias}})
        elif self.client.indices.exists(index=self.alias):
            # A concrete index took the alias name (written before any rebuild): replace it.
            actions.append({"remove_index": {"index": self.alias}})
        actions.append({"add": {"index": new_index, "alias": self.alias}})
        self.client.indices.update_aliases(actions=actions)

    def _remove_old_indices(self, live):
        """Delete the versioned indices of this alias older than the live one and not behind
        the alias: the one just replaced, and any left by a rebuild that died. Found by name
        pattern; the live index and anything newer (another rebuild) are never touched."""
        pattern = re.compile(rf"{re.escape(self.alias)}-\d{{20}}")
        try:
            indices = self.client.indices.get_alias(index=f"{self.alias}-*").body
            old = sorted(
                name
                for name, info in indices.items()
                if pattern.fullmatch(name)
                and name < live
                and self.alias not in info.get("aliases", {})
            )
            if old:
                self.client.options(ignore_status=404).indices.delete(index=",".join(old))
        except (TransportError, ApiError) as exc:
            logger.warning(
                "Search index %s is live; old indices were not removed (the next rebuild "
                "removes them): %s",
                live,
                exc,
            )

    def _drop_quietly(self, name):
        with suppress(TransportError, ApiError):
            self.client.options(ignore_status=404).indices.delete(index=name)

    def _ensure_alias(self, documents):
        """Writes before the first rebuild go to a fresh versioned index behind the alias,
        never to an auto-created index with dynamic mappings under the alias's name (its
        decompounder knows only these documents' words until a rebuild)."""
        if self._alias_ready:
            return
        if not self.client.indices.exists_alias(name=self.alias):
            stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
            analysis = es_analysis.analysis_for(documents)
            self._create_index(f"{self.alias}-{stamp}", analysis, aliases=[self.alias])
        self._alias_ready = True


def _operations(documents, delete_ids):
    operations = []
    for document in documents:
        action = _index_action(document)
        operations += [{"index": {"_id": action["_id"]}}, action["_source"]]
    operations += [{"delete": {"_id": str(page_id)}} for page_id in delete_ids]
    return operations


def _index_action(document):
    return {"_id": str(document.page_id), "_source": es_mapping.source(document)}


def _chunks(iterable, size):
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _hit(hit, has_text):
    source = hit.to_dict()
    summary = source.get("summary", "")
    return Hit(
        page_id=int(hit.meta.id),
        title=source.get("title", ""),
        url=source.get("url", ""),
        summary=summary,
        highlight=_snippet(hit.meta.to_dict().get("highlight", {}), summary) if has_text else "",
        organisations=source.get("organisations", []),
        movements=source.get("movement", []),
        challenges=source.get("challenge", []),
        published=source.get("published", ""),
        doc_type=source.get("doc_type", "case"),
    )


def _snippet(highlight, summary):
    """Elasticsearch's marked text (already HTML-escaped, `encoder: html`) from the first
    field with a match: the whole summary, else body fragments; '' when nothing is marked,
    as in the embedded backend."""
    for field in es_query.HIGHLIGHT_FIELDS:
        fragments = highlight.get(field, [])
        if any("<mark>" in fragment for fragment in fragments):
            return " … ".join(fragments)
    return ""
