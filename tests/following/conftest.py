import pytest
from django.contrib.auth import get_user_model

from cases.factories import CasePageFactory
from cases.models import CaseIndexPage

# The search index of the search tests: a fresh embedded index of the test database (and
# Elasticsearch too when ELASTICSEARCH_URL is set).
from tests.search.conftest import search_index, unreachable_search  # noqa: F401


@pytest.fixture
def make_user(db):
    def make(username, email=None):
        return get_user_model().objects.create_user(
            username=username,
            email=f"{username}@example.org" if email is None else email,
            password="adgang-til-test-2026",
            first_name=username.capitalize(),
        )

    return make


@pytest.fixture
def publish_case(django_capture_on_commit_callbacks):
    """Publish a new case as an editor does (a revision, published), its index update run."""

    def publish(**fields):
        with django_capture_on_commit_callbacks(execute=True):
            case = CasePageFactory(parent=CaseIndexPage.objects.get(), live=False, **fields)
            case.save_revision().publish()
        case.refresh_from_db()
        return case

    return publish
