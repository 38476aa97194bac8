"""A submitted draft is not public anywhere until an editor publishes it: not as a page, in
lists, the open API, the search API or the feed. Publishing it makes it appear, which shows
each check would notice a leak."""

import json

import pytest

from cases.models import CasePage
from search.backends import reset_backends
from search.sync import rebuild_index

from .helpers import submit, text, valid_data

pytestmark = pytest.mark.django_db

UNIQUE = "Zebrafinkeprojektet"


@pytest.fixture
def fresh_search_index(settings, tmp_path):
    settings.SEARCH_BACKEND = {
        "BACKEND": "search.backends.embedded.EmbeddedBackend",
        "OPTIONS": {"path": str(tmp_path / "index.db")},
    }
    reset_backends()
    rebuild_index()
    yield
    reset_backends()


def _visible(client, case):
    api = json.loads(client.get("/api/v2/pages/?type=cases.CasePage&limit=100").content)
    search = json.loads(client.get(f"/api/search/?q={UNIQUE}").content)
    return {
        "page": client.get(f"/praksiseksempler/{case.slug}/").status_code == 200,
        "list": any(UNIQUE in text(client.get(f"/praksiseksempler/?side={n}")) for n in (1, 2, 3)),
        "api": case.pk in [item["id"] for item in api["items"]],
        "search": any(UNIQUE in hit["title"] for hit in search["results"]),
        "feed": UNIQUE in text(client.get("/feeds/praksiseksempler/")),
    }


def test_draft_is_nowhere_public_until_published(
    client, review_workflow, fresh_search_index, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, valid_data(title=f"{UNIQUE} i Skanderborg"))
    case = CasePage.objects.get(title=f"{UNIQUE} i Skanderborg")
    assert _visible(client, case) == dict.fromkeys(("page", "list", "api", "search", "feed"), False)

    with django_capture_on_commit_callbacks(execute=True):
        case.get_latest_revision().publish()
    assert _visible(client, case) == dict.fromkeys(("page", "list", "api", "search", "feed"), True)
