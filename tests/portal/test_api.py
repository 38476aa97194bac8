import pytest

from cases.models import CasePage
from methods.models import MethodPage

pytestmark = pytest.mark.django_db


def test_api_lists_cases_with_tags_and_organisation_codes(client):
    response = client.get("/api/v2/pages/", {"type": "cases.CasePage", "limit": 100})
    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["total_count"] == CasePage.objects.live().count() >= 30
    by_slug = {item["meta"]["slug"]: item for item in data["items"]}
    item = by_slug["silkeborg-rejselaerer"]
    case = CasePage.objects.get(slug="silkeborg-rejselaerer")
    assert item["movements"] == [m.slug for m in case.movements.all()]
    assert item["challenges"] == [c.slug for c in case.challenges.all()]
    assert {"kind": "municipality", "slug": "silkeborg", "name": "Silkeborg", "code": 740} in item[
        "organisations"
    ]
    for item in data["items"]:
        # Only an idea/proposal may have no owner, and a case sits under a movement only where
        # its source puts it (Skanderborg's opgaveudvalg is under none).
        assert item["organisations"] or item["status"] == "ide-forslag", item["meta"]["slug"]
    assert sum(1 for item in data["items"] if item["movements"]) >= 30
    proposals = [i["meta"]["slug"] for i in data["items"] if i["status"] == "ide-forslag"]
    assert "rejsende-specialistkorps" in proposals


def test_api_lists_methods_with_movements(client):
    response = client.get("/api/v2/pages/", {"type": "methods.MethodPage", "limit": 100})
    data = response.json()
    assert data["meta"]["total_count"] == MethodPage.objects.live().count() >= 15
    ips = next(i for i in data["items"] if i["meta"]["slug"] == "ips")
    assert ips["movements"] == [m.slug for m in MethodPage.objects.get(slug="ips").movements.all()]
    users = list(CasePage.objects.live().filter(methods__slug="ips").values_list("slug", flat=True))
    assert sorted(ips["used_by"]) == sorted(users)


def test_api_detail_of_a_case(client):
    case = CasePage.objects.get(slug="favrskov-social-indsats")
    data = client.get(f"/api/v2/pages/{case.pk}/").json()
    assert data["title"] == case.title
    assert data["meta"]["type"] == "cases.CasePage"
    assert data["organisations"][0]["code"] == 710


def test_api_hides_unpublished_and_restricted_pages(client):
    from wagtail.models import PageViewRestriction

    case = CasePage.objects.get(slug="favrskov-social-indsats")
    PageViewRestriction.objects.create(page=case, restriction_type="login")
    other = CasePage.objects.get(slug="silkeborg-rejselaerer")
    other.unpublish()
    data = client.get("/api/v2/pages/", {"type": "cases.CasePage", "limit": 100}).json()
    slugs = {i["meta"]["slug"] for i in data["items"]}
    assert "favrskov-social-indsats" not in slugs
    assert "silkeborg-rejselaerer" not in slugs
    assert client.get(f"/api/v2/pages/{case.pk}/").status_code == 404


def test_api_bad_type_is_a_400_not_a_500(client):
    response = client.get("/api/v2/pages/", {"type": "nope.Nope"})
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"site": "bogus"}, "site"),
        ({"site": "bogus:8000"}, "site"),
        ({"first_published_at": "abc"}, "first_published_at"),
        ({"type": "cases.CasePage", "first_published_at": "2024-13-45"}, "first_published_at"),
        ({"offset": "1000000000000000000000"}, "offset"),
        ({"id": "1000000000000000000000"}, "id"),
        ({"limit": "1000000000000000000000"}, "limit"),
    ],
)
def test_bad_parameters_are_a_400_naming_the_parameter(client, params, field):
    response = client.get("/api/v2/pages/", params)
    assert response.status_code == 400
    body = response.json()
    assert body["field"] == field
    assert field in body["message"]


def test_a_search_the_database_cannot_parse_is_a_400_not_an_outage(client):
    # SQLite's full-text search refuses an unbalanced quote; PostgreSQL searches for it.
    response = client.get("/api/v2/pages/", {"search": '"'})
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert response.json()["field"] == "search"
    assert "utilgængelig" not in response.content.decode()
