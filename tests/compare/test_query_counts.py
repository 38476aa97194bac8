"""The comparison fetches its cases and all their tags in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.factories import CasePageFactory, CaseSourceFactory
from cases.models import CaseIndexPage
from methods.factories import MethodPageFactory
from methods.models import MethodIndexPage
from taxonomy.factories import MunicipalityFactory, RegionFactory, TargetGroupFactory

pytestmark = pytest.mark.django_db


def _case(size):
    methods = MethodIndexPage.objects.get()
    case = CasePageFactory(
        parent=CaseIndexPage.objects.get(),
        municipalities=[MunicipalityFactory() for _ in range(size)],
        regions=[RegionFactory() for _ in range(size)],
        target_groups=[TargetGroupFactory() for _ in range(size)],
        methods=[MethodPageFactory(parent=methods) for _ in range(size)],
    )
    for _ in range(size):
        CaseSourceFactory(page=case)
    return case


def _queries(client, url):
    client.get(url)  # warm per-process caches (site root paths)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return len(ctx.captured_queries)


@pytest.mark.parametrize("path", ["/sammenlign/", "/api/compare/"])
def test_comparing_more_cases_with_more_tags_costs_no_more_queries(client, path, search_index):
    small = [_case(1) for _ in range(2)]
    large = [_case(6) for _ in range(4)]
    few = _queries(client, f"{path}?ids={small[0].pk},{small[1].pk}")
    many = _queries(client, f"{path}?ids=" + ",".join(str(c.pk) for c in large))
    assert many == few
