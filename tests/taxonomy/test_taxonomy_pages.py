import re

import pytest
from django.db.models import Q

from cases.models import CasePage
from methods.models import MethodPage
from taxonomy.models import Challenge, Movement, Municipality, Region

pytestmark = pytest.mark.django_db


def _listed_titles(response):
    return {case.title for case in response.context["cases"].object_list}


@pytest.mark.parametrize("slug", [m for m in ["mestring", "tidlig-opsporing"]])
def test_movement_page_lists_its_cases(client, slug):
    movement = Movement.objects.get(slug=slug)
    response = client.get(f"/bevaegelser/{slug}/?side=1")
    assert response.status_code == 200
    expected = CasePage.objects.live().filter(movements=movement)
    assert response.context["cases"].paginator.count == expected.count()
    assert _listed_titles(response) <= set(expected.values_list("title", flat=True))
    assert movement.name in response.content.decode()


def test_challenge_page_lists_its_cases_and_handlerum(client):
    challenge = Challenge.objects.get(slug="naar-vi-handler-for-sent")
    response = client.get("/udfordringer/naar-vi-handler-for-sent/")
    assert response.status_code == 200
    expected = CasePage.objects.live().filter(challenges=challenge)
    assert response.context["cases"].paginator.count == expected.count()
    assert challenge.handlerum.name in response.content.decode()


def test_municipality_page_lists_cases_and_methods(client):
    silkeborg = Municipality.objects.get(slug="silkeborg")
    response = client.get("/kommuner/silkeborg/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Silkeborg Kommune" in html
    assert "Kommunekode 740" in html
    cases = CasePage.objects.live().filter(municipalities=silkeborg)
    assert cases.count() >= 2
    assert _listed_titles(response) == set(cases.values_list("title", flat=True))
    for method in MethodPage.objects.live().filter(cases__in=cases).distinct():
        assert method.title in html


def test_municipality_without_cases_has_a_helpful_page(client):
    response = client.get("/kommuner/laesoe/")
    assert response.status_code == 200
    assert "Der er endnu ingen offentlige praksiseksempler her." in response.content.decode()


def test_region_page_lists_cases_of_region_and_its_municipalities(client):
    region = Region.objects.get(slug="region-midtjylland")
    response = client.get("/regioner/region-midtjylland/")
    assert response.status_code == 200
    expected = (
        CasePage.objects.live()
        .filter(Q(regions=region) | Q(municipalities__region=region))
        .distinct()
    )
    assert response.context["cases"].paginator.count == expected.count()
    assert "Silkeborg" in response.content.decode()


def test_lists_of_terms(client):
    assert client.get("/bevaegelser/").content.decode().count('href="/bevaegelser/') >= 7
    assert client.get("/udfordringer/").content.decode().count('href="/udfordringer/') >= 7
    municipalities = client.get("/kommuner/").content.decode()
    assert len(re.findall(r'href="/kommuner/[a-z]', municipalities)) == 98
    regions = client.get("/regioner/").content.decode()
    assert len(re.findall(r'href="/regioner/[a-z]', regions)) == 5


@pytest.mark.parametrize(
    "url", ["/bevaegelser/findes-ikke/", "/udfordringer/x/", "/kommuner/x/", "/regioner/x/"]
)
def test_unknown_term_is_404(client, url):
    assert client.get(url).status_code == 404


def test_page_number_beyond_the_end_does_not_fail(client):
    response = client.get("/bevaegelser/mestring/?side=9999")
    assert response.status_code == 200
    response = client.get("/bevaegelser/mestring/?side=abc")
    assert response.status_code == 200
