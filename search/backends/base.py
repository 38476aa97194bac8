from search.contract import SearchQuery, SearchResult, SearchUnavailable, WriteRefused


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

    def write(self, documents: list, delete_ids: list) -> dict:
        """Add or replace these SearchDocuments and delete these page ids, in one request where
        the backend can. Returns {page_id: WriteFailure} of what was not stored; raises
        SearchUnavailable (retry later), SearchMisconfigured (an operator must act) or
        WriteRefused (the request as a whole is malformed)."""
        raise NotImplementedError

    def index_documents(self, documents: list) -> None:
        """Add or replace these SearchDocuments (raises if any is not stored)."""
        self._raise_failures(self.write(list(documents), []))

    def delete_documents(self, page_ids: list) -> None:
        self._raise_failures(self.write([], list(page_ids)))

    @staticmethod
    def _raise_failures(failures):
        if failures:
            first = next(iter(failures.values()))
            if all(not failure.permanent for failure in failures.values()):
                raise SearchUnavailable(f"{len(failures)} document(s) not stored: {first.error}")
            raise WriteRefused(f"{len(failures)} document(s) refused: {first.error}")

    def rebuild(self, documents, total=None, progress=None, before_swap=None) -> dict:
        """Replace the whole index with `documents` (an iterable); readers never see it empty.

        `progress(n)` is called as documents are written. `before_swap(write)` is called once
        the documents are in, before readers see the new index: `write(documents, delete_ids)`
        writes into the new index (search.sync replays the changes made meanwhile with it).
        Returns {page_id: WriteFailure} of documents not stored."""
        raise NotImplementedError

    def document_ids(self) -> set:
        """The page ids currently in the index (for checks and tests)."""
        raise NotImplementedError

    def ping(self) -> bool:
        raise NotImplementedError

    def health(self):
        """(reachable, operator message): for /readyz."""
        reachable = self.ping()
        return reachable, "" if reachable else f"The {self.name} search index cannot be reached."
