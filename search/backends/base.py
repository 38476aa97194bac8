from search.contract import SearchQuery, SearchResult


class SearchBackend:
    """What every backend does. Facet counts in `search` are disjunctive: each facet's counts
    apply every other facet's filters but not its own."""

    name = "base"

    def search(self, query: SearchQuery) -> SearchResult:
        raise NotImplementedError

    def suggest(self, text: str, limit: int = 8) -> list:
        """Titles of indexed documents starting with (a word starting with) `text`:
        [Suggestion] with the document's type as kind."""
        raise NotImplementedError

    def similar(self, page_id: int, limit: int = 5, doc_types=None) -> list:
        """[Hit] of the documents most like this one, never itself; `doc_types` limits them to
        these types (codes of contract.DOC_TYPES)."""
        raise NotImplementedError

    def index_documents(self, documents: list) -> None:
        """Add or replace these SearchDocuments."""
        raise NotImplementedError

    def delete_documents(self, page_ids: list) -> None:
        raise NotImplementedError

    def rebuild(self, documents, total=None, progress=None) -> None:
        """Replace the whole index with `documents` (an iterable); readers never see it empty.

        `progress(n)` is called as documents are written."""
        raise NotImplementedError

    def document_ids(self) -> set:
        """The page ids currently in the index (for checks and tests)."""
        raise NotImplementedError

    def ping(self) -> bool:
        raise NotImplementedError
