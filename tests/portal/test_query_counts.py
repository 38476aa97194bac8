"""Pages must not do more queries when they list more items (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.factories import CasePageFactory, CaseSourceFactory
from cases.models import CaseIndexPage
from methods.factories import MethodPageFactory
from methods.models import MethodIndexPage
from taxonomy.factories import (
    ChallengeFactory,
    MovementFactory,
    MunicipalityFactory,
    SectorFactory,
    TargetGroupFactory,
)
from taxonomy.models import Challenge, Movement, Municipality

pytestmark = pytest.mark.django_db


def _queries(client, url):
    client.get(url)  # warm caches that are per process, not per item (site root paths)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _method(n=0):
    return MethodPageFactory(parent=MethodIndexPage.objects.get())


def _case(size, **extra):
    methods = [_method() for _ in range(size)]
    case = CasePageFactory(
        parent=CaseIndexPage.objects.get(),
        municipalities=[MunicipalityFactory() for _ in range(size)],
        movements=[MovementFactory() for _ in range(size)],
        challenges=[ChallengeFactory() for _ in range(size)],
        target_groups=[TargetGroupFactory() for _ in range(size)],
        sectors=[SectorFactory() for _ in range(size)],
        methods=methods,
        **extra,
    )
    for _ in range(size):
        CaseSourceFactory(page=case)
    return case


def test_case_page_queries_do_not_grow_with_tags(client):
    small, large = _case(1), _case(6)
    assert _queries(client, small.url) == _queries(client, large.url)


def test_method_page_queries_do_not_grow_with_its_users(client):
    index = CaseIndexPage.objects.get()
    few, many = _method(), _method()
    CasePageFactory(parent=index, methods=[few])
    for _ in range(6):
        CasePageFactory(
            parent=index,
            methods=[many],
            municipalities=[MunicipalityFactory(), MunicipalityFactory()],
        )
    assert _queries(client, few.url) == _queries(client, many.url)


def test_municipality_page_queries_do_not_grow_with_cases(client):
    index = CaseIndexPage.objects.get()
    one, six = MunicipalityFactory(), MunicipalityFactory()
    CasePageFactory(parent=index, municipalities=[one], methods=[_method()])
    for _ in range(6):
        CasePageFactory(
            parent=index,
            municipalities=[six, MunicipalityFactory()],
            movements=list(Movement.objects.all()[:3]),
            methods=[_method(), _method()],
        )
    assert _queries(client, f"/kommuner/{one.slug}/") == _queries(client, f"/kommuner/{six.slug}/")


@pytest.mark.parametrize("url", ["/", "/bevaegelser/mestring/", "/metoder/", "/praksiseksempler/"])
def test_listing_pages_queries_do_not_grow_with_cases(client, url):
    before = _queries(client, url)
    index = CaseIndexPage.objects.get()
    mestring = Movement.objects.get(slug="mestring")
    for _ in range(8):
        CasePageFactory(
            parent=index,
            municipalities=[Municipality.objects.get(slug="aarhus"), MunicipalityFactory()],
            movements=[mestring, Movement.objects.get(slug="tidlig-opsporing")],
            challenges=list(Challenge.objects.all()[:2]),
            methods=[_method()],
        )
    assert _queries(client, url) == before


@pytest.mark.parametrize("page_type", ["cases.CasePage", "methods.MethodPage"])
def test_api_listing_does_not_query_per_item(client, page_type):
    """Listing 20 pages with all their tags costs what listing 2 does."""
    url = f"/api/v2/pages/?type={page_type}&limit="
    assert _queries(client, url + "2") == _queries(client, url + "20")
