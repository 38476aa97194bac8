"""The admin report "Søgeindeks: ventende og fejlede ændringer" and its "Prøv igen"."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from cases.models import CasePage
from editorial.roles import EDITOR_GROUP
from search.models import IndexChange

pytestmark = pytest.mark.django_db
URL = "/admin/soegeindeks/"


@pytest.fixture
def operator(client):
    user = get_user_model().objects.create_superuser("drift", "drift@example.org", "x")
    client.force_login(user)
    return user


@pytest.fixture
def refused():
    case = CasePage.objects.get(slug="silkeborg-rejselaerer")
    return IndexChange.objects.create(
        page_id=case.pk,
        state=IndexChange.State.FAILED,
        attempts=1,
        last_error="400 strict_dynamic_mapping_exception: mapping set to strict",
    )


def test_the_report_lists_failed_changes_with_their_error(client, operator, refused):
    page = client.get(URL).content.decode()
    assert "Søgeindeks: ventende og fejlede ændringer" in page
    assert "Rejselærer i folkeskolen" in page
    assert "strict_dynamic_mapping_exception" in page
    assert "Prøv igen" in page


def test_retry_delivers_the_page_and_clears_the_row(client, operator, search_index):
    # (The row is made after the index: a rebuild resolves failed rows of pages it stored.)
    refused = IndexChange.objects.create(
        page_id=CasePage.objects.get(slug="silkeborg-rejselaerer").pk,
        state=IndexChange.State.FAILED,
        last_error="400 strict_dynamic_mapping_exception: mapping set to strict",
    )
    search_index.delete_documents([refused.page_id])
    response = client.post(URL, {"change": refused.pk}, follow=True)
    assert response.status_code == 200
    assert "er nu opdateret i søgeindekset" in response.content.decode()
    assert not IndexChange.objects.exists()
    assert refused.page_id in search_index.document_ids()


def test_editors_and_contributors_do_not_see_the_report(client, refused):
    editor = get_user_model().objects.create_user("red-rapport", "r@example.org", "x")
    editor.groups.add(Group.objects.get(name=EDITOR_GROUP))
    client.force_login(editor)
    assert client.get(URL).status_code in (302, 403)
    assert client.post(URL, {"change": refused.pk}).status_code in (302, 403)
    assert IndexChange.objects.get().state == IndexChange.State.FAILED
