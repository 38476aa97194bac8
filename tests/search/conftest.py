import os
import uuid

import pytest

from search.backends import get_backend, reset_backends
from search.sync import rebuild_index

EMBEDDED = "search.backends.embedded.EmbeddedBackend"
# Indices of a live test run (make test-elasticsearch) are named <prefix>-<random>-documents-….
TEST_PREFIX = os.environ.get("ELASTICSEARCH_TEST_INDEX_PREFIX", "pbtest")
ELASTICSEARCH = "search.backends.elasticsearch.ElasticsearchBackend"


def backend_configs(tmp_path):
    """Every backend the contract runs against here: always the embedded one, and
    Elasticsearch when a server is given in ELASTICSEARCH_URL."""
    configs = {"embedded": {"BACKEND": EMBEDDED, "OPTIONS": {"path": str(tmp_path / "i.db")}}}
    if os.environ.get("ELASTICSEARCH_URL"):
        configs["elasticsearch"] = {
            "BACKEND": ELASTICSEARCH,
            "OPTIONS": {
                "url": os.environ["ELASTICSEARCH_URL"],
                "index_prefix": f"{TEST_PREFIX}-{uuid.uuid4().hex[:8]}",
            },
        }
    return configs


BACKENDS = ["embedded"] + (["elasticsearch"] if os.environ.get("ELASTICSEARCH_URL") else [])


@pytest.fixture(params=BACKENDS)
def search_index(request, settings, tmp_path, db, django_capture_on_commit_callbacks):
    """A fresh index of the configured kind, rebuilt from the test database.

    Index updates triggered by the test run after commit: use
    `django_capture_on_commit_callbacks(execute=True)` around changes that should reach it."""
    from erfa.demo import setup_demo_erfa

    # The whole catalogue, as `make run` has it: cases and methods (imported for every test)
    # and the erfa groups' public pages (without demo members or meetings).
    # Their index updates run now (into the default test index; the rebuild below indexes
    # them here): left pending, they would hold back the updates a test triggers.
    with django_capture_on_commit_callbacks(execute=True):
        setup_demo_erfa(with_demo_data=False)
    settings.SEARCH_BACKEND = backend_configs(tmp_path)[request.param]
    reset_backends()
    rebuild_index()
    backend = get_backend()
    yield backend
    if request.param == "elasticsearch":
        # Elasticsearch refuses wildcard deletes by default: delete by name.
        names = list(backend.client.indices.get(index=f"{backend.index_prefix}-*"))
        if names:
            backend.client.indices.delete(index=",".join(names))
    reset_backends()


@pytest.fixture
def unreachable_search(settings, tmp_path):
    """The embedded backend with an index path below a plain file: it can never be opened, as
    when the search is down. Yields nothing; the backend is forgotten afterwards."""
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    settings.SEARCH_BACKEND = {"BACKEND": EMBEDDED, "OPTIONS": {"path": str(blocker / "index.db")}}
    reset_backends()
    yield
    reset_backends()
