"""Facet values come from the cache between searches and are fresh again after an edit."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from methods.models import MethodPage
from taxonomy.models import Movement

pytestmark = pytest.mark.django_db


def _movement_label(client, slug):
    facets = client.get("/api/search/", {"movement": slug}).json()["facets"]["movement"]
    return next(item["label"] for item in facets if item["slug"] == slug)


def test_second_search_reads_no_taxonomy_tables(client, search_index):
    client.get("/api/search/", {"q": "recovery"})
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/search/", {"q": "recovery"}).status_code == 200
    taxonomy_reads = [q["sql"] for q in queries if "taxonomy_" in q["sql"]]
    assert taxonomy_reads == []


def test_renamed_movement_shows_its_new_label_at_once(client, search_index):
    movement = Movement.objects.get(slug="mestring")
    assert _movement_label(client, "mestring") == movement.name
    movement.name = "Mestring og eget liv"
    movement.save()
    assert _movement_label(client, "mestring") == "Mestring og eget liv"


def test_unpublished_method_leaves_the_method_facet(client, search_index):
    method = MethodPage.objects.live().filter(cases__live=True).distinct().first()
    assert client.get("/api/search/", {"method": method.slug}).status_code == 200
    method.unpublish()
    response = client.get("/api/search/", {"method": method.slug})
    assert response.status_code == 400
    assert response.json()["field"] == "method"
