"""The anonymous page cache (portal/cache.py): what is stored, what never is, and purging.

The cache is off in the test settings; the `page_cache` fixture turns it on with a fresh
in-memory cache. Purges run when a transaction commits, so publishing happens inside
django_capture_on_commit_callbacks(execute=True), as a real commit would."""

import pytest
from django.core.cache import cache
from django.test import Client
from wagtail.models import PageViewRestriction

from cases.models import CasePage
from erfa.factories import ErfaGroupPageFactory, MeetingFactory, add_member, make_user
from portal.cache import purge_page_cache
from taxonomy.models import Movement
from tests.search.conftest import search_index  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PRAKSISBANKEN_PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def case():
    return CasePage.objects.live().public().order_by("pk").first()


def body(response):
    return response.content.decode()


def test_second_anonymous_visit_is_served_from_the_cache(page_cache, client, case):
    first = client.get(case.url)
    second = client.get(case.url)
    assert first.status_code == second.status_code == 200
    assert first["X-Cache"] == "MISS"
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_a_cached_page_is_served_without_any_database_query(
    page_cache, client, case, django_assert_num_queries
):
    client.get(case.url)
    with django_assert_num_queries(0):
        response = client.get(case.url)
    assert response["X-Cache"] == "HIT"
    assert case.title in body(response)


def test_query_string_and_host_are_part_of_the_key(page_cache, client):
    client.get("/praksiseksempler/")
    assert client.get("/praksiseksempler/?page=2")["X-Cache"] == "MISS"
    assert client.get("/praksiseksempler/", HTTP_HOST="localhost")["X-Cache"] == "MISS"
    assert client.get("/praksiseksempler/", HTTP_HOST="LOCALHOST")["X-Cache"] == "HIT"


def test_public_api_is_cached_too(page_cache, client):
    url = "/api/v2/pages/?type=cases.CasePage&limit=5"
    first = client.get(url)
    second = client.get(url)
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    assert second.json() == first.json()


def test_publishing_a_change_shows_at_once(
    page_cache, client, case, django_capture_on_commit_callbacks
):
    client.get(case.url)
    assert client.get(case.url)["X-Cache"] == "HIT"

    case.title = "Ny overskrift efter redigering"
    with django_capture_on_commit_callbacks(execute=True):
        case.save_revision().publish()

    response = client.get(case.url)
    assert response["X-Cache"] == "MISS"
    assert "Ny overskrift efter redigering" in body(response)
    assert client.get(case.url)["X-Cache"] == "HIT"


def test_unpublishing_removes_the_page_at_once(
    page_cache, client, case, django_capture_on_commit_callbacks
):
    client.get(case.url)
    url = case.url
    with django_capture_on_commit_callbacks(execute=True):
        case.unpublish()
    assert client.get(url).status_code == 404


def test_renaming_a_taxonomy_value_purges_the_pages_showing_it(
    page_cache, client, django_capture_on_commit_callbacks
):
    movement = Movement.objects.order_by("pk").first()
    url = f"/bevaegelser/{movement.slug}/"
    client.get(url)
    assert client.get(url)["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        movement.name = "Omdøbt bevægelse til test"
        movement.save()
    response = client.get(url)
    assert response["X-Cache"] == "MISS"
    assert "Omdøbt bevægelse til test" in body(response)


def test_logged_in_pages_are_never_cached_or_shown_to_others(page_cache, client, case):
    user = make_user("personlig-bruger", first_name="Pernille")
    member = Client()
    member.force_login(user)
    for _ in range(2):
        own = member.get(case.url)
        assert own["X-Cache"] == "BYPASS"
        assert "Log ud" in body(own)

    anonymous = client.get(case.url)
    assert anonymous["X-Cache"] == "MISS"  # nothing was stored from the logged-in visits
    assert "Log ud" not in body(anonymous)
    assert "Min kalender" not in body(anonymous)


def test_logged_in_user_never_gets_the_anonymous_copy(page_cache, client, case):
    client.get(case.url)
    assert client.get(case.url)["X-Cache"] == "HIT"
    client.force_login(make_user("efter-cache"))
    response = client.get(case.url)
    assert response["X-Cache"] == "BYPASS"
    assert "Log ud" in body(response)


def test_members_only_meetings_on_a_group_page_never_reach_anonymous_visitors(page_cache, client):
    group = ErfaGroupPageFactory(title="Cachegruppen", slug="cachegruppen")
    MeetingFactory(group=group, title="Lukket arbejdsmøde", members_only=True, days=10)
    member = make_user("gruppemedlem")
    add_member(group, member)
    member_client = Client()
    member_client.force_login(member)
    assert "Lukket arbejdsmøde" in body(member_client.get(group.url))

    for _ in range(2):
        response = client.get(group.url)
        assert response.status_code == 200
        assert "Lukket arbejdsmøde" not in body(response)


def test_members_only_meeting_url_is_never_cached(page_cache, client):
    group = ErfaGroupPageFactory(title="Lukket gruppe", slug="lukket-gruppe")
    meeting = MeetingFactory(group=group, title="Internt møde", members_only=True, days=10)
    member = make_user("moedemedlem")
    add_member(group, member)
    member_client = Client()
    member_client.force_login(member)
    url = f"{group.url}moeder/{meeting.pk}/"
    assert "Internt møde" in body(member_client.get(url))

    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/log-ind/")
    assert "Internt møde" not in body(response)


def test_a_new_public_meeting_purges_the_group_page(
    page_cache, client, django_capture_on_commit_callbacks
):
    group = ErfaGroupPageFactory(title="Travl gruppe", slug="travl-gruppe")
    client.get(group.url)
    assert client.get(group.url)["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        MeetingFactory(group=group, title="Åbent netværksmøde", days=5)
    response = client.get(group.url)
    assert response["X-Cache"] == "MISS"
    assert "Åbent netværksmøde" in body(response)


def test_restricting_a_cached_page_to_a_group_takes_effect_at_once(
    page_cache, client, case, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Group

    client.get(case.url)
    assert client.get(case.url)["X-Cache"] == "HIT"
    insiders = Group.objects.create(name="Inderkreds til cachetest")
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=case, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(insiders)

    response = client.get(case.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/log-ind/")

    insider = make_user("inderkreds")
    insider.groups.add(insiders)
    insider_client = Client()
    insider_client.force_login(insider)
    assert insider_client.get(case.url).status_code == 200
    # The insider's view was not stored: anonymous visitors are still sent to log in.
    assert client.get(case.url).status_code == 302


def test_password_protected_page_is_never_stored(
    page_cache, client, case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=case, restriction_type=PageViewRestriction.PASSWORD, password="hemmeligt-ord"
        )
    for _ in range(2):
        response = client.get(case.url)
        assert response.status_code == 200
        assert response["X-Cache"] == "MISS"
        assert case.summary not in body(response)
        assert "csrfmiddlewaretoken" in body(response)


def test_login_form_is_never_stored(page_cache, client):
    for _ in range(2):
        response = Client().get("/log-ind/")
        assert response.status_code == 200
        assert response["X-Cache"] != "HIT"
        assert "csrfmiddlewaretoken" in body(response)
        assert "csrftoken" in response.cookies


def test_page_with_a_message_cookie_is_not_served_from_the_cache(page_cache, client, case):
    client.get(case.url)
    client.cookies["messages"] = "noget"
    assert client.get(case.url)["X-Cache"] == "BYPASS"


def test_purge_invalidates_everything(page_cache, client, case):
    client.get(case.url)
    client.get("/metoder/")
    purge_page_cache()
    assert client.get(case.url)["X-Cache"] == "MISS"
    assert client.get("/metoder/")["X-Cache"] == "MISS"


def test_reconfirming_a_case_without_publishing_shows_at_once(
    page_cache, client, case, django_capture_on_commit_callbacks
):
    import datetime

    from cases.freshness import confirm_case

    client.get(case.url)
    assert client.get(case.url)["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        confirm_case(case, make_user("ejer"), today=datetime.date(2026, 11, 20))
    response = client.get(case.url)
    assert response["X-Cache"] == "MISS"
    assert 'datetime="2026-11-20"' in body(response)


def test_deploy_check_tells_when_the_page_cache_is_per_process(settings):
    from django.core.checks import run_checks

    settings.PRAKSISBANKEN_PAGE_CACHE_SECONDS = 600
    ids = {message.id for message in run_checks(include_deployment_checks=True)}
    assert "portal.I001" in ids
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.cache_backend.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
        }
    }
    ids = {message.id for message in run_checks(include_deployment_checks=True)}
    assert "portal.I001" not in ids


def test_search_results_follow_the_index_not_the_cache(
    page_cache,
    client,
    case,
    search_index,  # noqa: F811
):
    """A change reaching the index (here a replay, as `search_sync` does) purges cached
    search answers, so the search API never serves results from before it."""
    from search.sync import sync_pages

    url = "/api/search/?q=zebrafinkeprojektet"
    assert client.get(url).json()["total"] == 0
    assert client.get(url)["X-Cache"] == "HIT"
    # Changed without publishing: nothing but the index update can purge the cache now.
    CasePage.objects.filter(pk=case.pk).update(title="Zebrafinkeprojektet")
    assert client.get(url)["X-Cache"] == "HIT"
    sync_pages([case.pk])
    fresh = client.get(url)
    assert fresh["X-Cache"] == "MISS"
    assert fresh.json()["total"] == 1
