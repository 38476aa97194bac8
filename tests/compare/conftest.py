import pytest

from cases.factories import CasePageFactory, CaseSourceFactory
from cases.models import CaseIndexPage
from methods.factories import MethodPageFactory
from methods.models import MethodIndexPage
from taxonomy.models import EvidenceLevel, TargetGroup

# The search index of the search tests, for picking cases from search results.
from tests.search.conftest import search_index, unreachable_search  # noqa: F401


@pytest.fixture
def trio(db):
    """Three public cases that agree on some things and differ on others: the same evidence
    level and cost band, status pilot/pilot/i drift, target groups partly shared, one method
    used by two of them and one draft method that must never show."""
    index = CaseIndexPage.objects.get()
    young, relatives, adults = TargetGroup.objects.order_by("order", "pk")[:3]
    evidence = EvidenceLevel.objects.order_by("rank").first()
    methods = MethodIndexPage.objects.get()
    shared_method = MethodPageFactory(parent=methods, title="Fælles testmetode")
    draft_method = MethodPageFactory(parent=methods, title="Kladdemetode", live=False)
    common = {"evidence_level": evidence, "cost_band": "1-5-mio"}
    cases = [
        CasePageFactory(
            parent=index,
            title="Første testeksempel",
            status="pilot",
            start_year=2021,
            target_groups=[young, relatives],
            methods=[shared_method, draft_method],
            contact_organisation="Testkommune A",
            purpose="<p>Formålet med det første.</p>",
            **common,
        ),
        CasePageFactory(
            parent=index,
            title="Andet testeksempel",
            status="pilot",
            start_year=2019,
            target_groups=[young],
            methods=[shared_method],
            contact_organisation="Testkommune B",
            purpose="",
            economy="<p>Økonomien i det andet.</p>",
            **common,
        ),
        CasePageFactory(
            parent=index,
            title="Tredje testeksempel",
            status="i-drift",
            target_groups=[young, adults],
            contact_organisation="Testkommune C",
            purpose="",
            **common,
        ),
    ]
    for case in cases:
        CaseSourceFactory(page=case, document=f"kilde-{case.slug}.pdf")
    return cases
