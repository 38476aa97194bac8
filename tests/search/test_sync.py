"""The index follows the site: publish, unpublish, move, delete, restrictions, tag changes and
taxonomy renames reach it after commit; restricted pages and drafts never do."""

import pytest
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from cases.factories import CasePageFactory
from cases.models import CaseIndexPage, CasePage
from search.contract import SearchQuery
from search.models import IndexChange
from taxonomy.models import Movement

pytestmark = pytest.mark.django_db


def found(backend, slug, **query):
    result = backend.search(SearchQuery(page_size=100, **query))
    return any(hit.url.endswith(f"/{slug}/") for hit in result.hits)


def mestring_count(backend):
    result = backend.search(SearchQuery())
    return result.facets["movement"].get("mestring", 0)


def test_publishing_adds_and_unpublishing_removes_at_once(
    search_index, django_capture_on_commit_callbacks
):
    before = mestring_count(search_index)
    index = CaseIndexPage.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        case = CasePageFactory(parent=index, title="Kvarkmetoden", live=False)
        case.save_revision().publish()
    assert found(search_index, case.slug, text="kvarkmetoden")
    assert mestring_count(search_index) == before + 1
    case.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        case.unpublish()
    assert not found(search_index, case.slug, text="kvarkmetoden")
    assert mestring_count(search_index) == before


def test_a_draft_is_never_indexed(search_index, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = CasePageFactory(parent=CaseIndexPage.objects.get(), title="Kvarkkladde", live=False)
        case.title = "Kvarkkladde med ændring"
        case.save_revision()
    assert not found(search_index, case.slug, text="kvarkkladde")


def test_restricted_pages_are_absent_from_results_and_counts(
    search_index, django_capture_on_commit_callbacks
):
    case = CasePage.objects.get(slug="silkeborg-rejselaerer")
    before = search_index.search(SearchQuery()).facets["municipality"]["silkeborg"]
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=case, restriction_type="login")
    assert not found(search_index, case.slug, text="rejselærer")
    assert search_index.search(SearchQuery()).facets["municipality"]["silkeborg"] == before - 1
    # A rebuild does not bring it back either.
    call_command("rebuild_search_index", "--no-progress", stdout=None)
    assert case.pk not in search_index.document_ids()
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.filter(page=case).delete()
    assert found(search_index, case.slug, text="rejselærer")


def test_moving_under_a_restricted_section_removes_it(
    search_index, django_capture_on_commit_callbacks
):
    home = CaseIndexPage.objects.get().get_parent()
    with django_capture_on_commit_callbacks(execute=True):
        members = home.add_child(instance=CaseIndexPage(title="Kun for medlemmer", slug="intern"))
        PageViewRestriction.objects.create(page=members, restriction_type="login")
    case = CasePage.objects.get(slug="favrskov-social-indsats")
    with django_capture_on_commit_callbacks(execute=True):
        case.move(members, pos="last-child")
    assert case.pk not in search_index.document_ids()


def test_deleting_removes(search_index, django_capture_on_commit_callbacks):
    case = CasePage.objects.get(slug="favrskov-social-indsats")
    with django_capture_on_commit_callbacks(execute=True):
        case.delete()
    assert case.pk not in search_index.document_ids()


def test_tag_changes_reindex_the_case(search_index, django_capture_on_commit_callbacks):
    case = CasePage.objects.get(slug="silkeborg-rejselaerer")
    mestring = Movement.objects.get(slug="mestring")
    assert not found(search_index, case.slug, filters={"movement": ("mestring",)})
    with django_capture_on_commit_callbacks(execute=True):
        case.movements.add(mestring)
        case.save()
    assert found(search_index, case.slug, filters={"movement": ("mestring",)})


def test_renaming_a_taxonomy_slug_updates_the_facets(
    search_index, django_capture_on_commit_callbacks
):
    tagged = CasePage.objects.live().filter(movements__slug="mestring").count()
    with django_capture_on_commit_callbacks(execute=True):
        movement = Movement.objects.get(slug="mestring")
        movement.slug = "mestring-i-hverdagen"
        movement.save()
    facets = search_index.search(SearchQuery(filters={"type": ("case",)})).facets["movement"]
    assert facets.get("mestring-i-hverdagen") == tagged
    assert "mestring" not in facets


def test_queue_is_replayed_by_search_sync(search_index, django_capture_on_commit_callbacks):
    case = CasePage.objects.get(slug="silkeborg-rejselaerer")
    IndexChange.objects.create(page_id=case.pk)
    search_index.delete_documents([case.pk])
    call_command("search_sync", stdout=None)
    assert IndexChange.objects.count() == 0
    assert case.pk in search_index.document_ids()


def test_outage_publishing_works_queue_grows_and_replay_loses_nothing(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    """Elasticsearch configured on a closed loopback port: editors can still publish, the
    change waits in the queue, and `search_sync` applies it once a backend answers."""
    from search.backends import get_backend, reset_backends

    settings.SEARCH_BACKEND = {
        "BACKEND": "search.backends.elasticsearch.ElasticsearchBackend",
        "OPTIONS": {"url": "http://127.0.0.1:9", "timeout": 1, "max_retries": 0},
    }
    reset_backends()
    index = CaseIndexPage.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        case = CasePageFactory(parent=index, title="Kvarkmetoden under nedbrud", live=False)
        case.save_revision().publish()
    case.refresh_from_db()
    assert case.live
    with django_capture_on_commit_callbacks(execute=True):
        case.unpublish()
        other = CasePageFactory(parent=index, title="Kvarkmetoden igen", live=False)
        other.save_revision().publish()
    queued = set(IndexChange.objects.values_list("page_id", flat=True))
    assert {case.pk, other.pk} <= queued

    # The search server answers again (here: the embedded index, already built).
    settings.SEARCH_BACKEND = {
        "BACKEND": "search.backends.embedded.EmbeddedBackend",
        "OPTIONS": {"path": str(tmp_path / "index.db")},
    }
    reset_backends()
    backend = get_backend()
    backend.rebuild([])
    call_command("search_sync", stdout=None)
    assert IndexChange.objects.count() == 0
    ids = backend.document_ids()
    assert other.pk in ids  # published during the outage: now searchable
    assert case.pk not in ids  # unpublished during the outage: stays out
    reset_backends()
