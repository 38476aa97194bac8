"""Elasticsearch 8 backend through `elasticsearch.dsl`: a FacetedSearch over versioned indices
behind one alias (`<prefix>-documents`, every searchable type in one index), so a rebuild swaps
in atomically and readers never see an empty index. Nothing here touches the global
`connections` registry: every call passes the client. Connection failures, timeouts, 429 and
5xx answers become SearchUnavailable.

Mapping: es_mapping.py; analysis: es_analysis.py; queries: es_query.py; errors: es_errors.py."""

import json
import os
import tempfile
from contextlib import suppress
from datetime import UTC, datetime
from itertools import islice

from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError
from elasticsearch.dsl import FacetedSearch, Index, Search, TermsFacet
from elasticsearch.helpers import bulk, scan

from search.contract import FACETS, SIMILAR_LIMIT, Hit, SearchResult, Suggestion

from . import es_analysis, es_mapping, es_query
from .base import SearchBackend
from .es_errors import guard

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

    def __init__(self, url=None, index_prefix="praksisbanken", client=None, timeout=5, **kwargs):
        if client is None:
            url = url or os.environ.get("ELASTICSEARCH_URL") or "http://localhost:9200"
            kwargs.setdefault("max_retries", 1)
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

    # Writing

    def index_documents(self, documents):
        documents = list(documents)
        actions = [_index_action(doc) for doc in documents]
        if not actions:
            return
        with guard():
            self._ensure_alias(documents)
            bulk(self.client, actions, index=self.alias, chunk_size=CHUNK_SIZE, refresh=WAIT)

    def delete_documents(self, page_ids):
        actions = [{"_op_type": "delete", "_id": str(page_id)} for page_id in page_ids]
        if not actions:
            return
        with guard():
            bulk(self.client, actions, index=self.alias, ignore_status=(404,), refresh=WAIT)

    def rebuild(self, documents, total=None, progress=None):
        """The decompounder's word list comes from the documents' own words, so they are read
        once before the index is created: counted, and spooled as bulk actions to a temporary
        file (not kept in memory) that is then sent in chunks."""
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
        new_index = f"{self.alias}-{stamp}"
        writer = self.client.options(request_timeout=REBUILD_TIMEOUT)
        with tempfile.TemporaryFile("w+", encoding="utf-8") as spool, guard():
            counter = es_analysis.WordCounter()
            for document in documents:
                counter.add(document)
                spool.write(json.dumps(_index_action(document), ensure_ascii=False) + "\n")
            spool.seek(0)
            self._create_index(new_index, es_analysis.Analysis(counter.word_list()))
            try:
                for actions in _chunks(map(json.loads, spool), CHUNK_SIZE):
                    bulk(writer, actions, index=new_index, chunk_size=CHUNK_SIZE)
                    if progress:
                        progress(len(actions))
                writer.indices.refresh(index=new_index)
                self._swap_alias(new_index)
            except BaseException:
                self._drop_quietly(new_index)  # the alias still points at the old index
                raise
        self._alias_ready = True

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
        if old:
            self.client.options(ignore_status=404).indices.delete(index=",".join(old))

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
