"""The outbox row of a change is written in the change's own transaction, and delivered after
it commits; a rollback takes both away. An index that fails never fails the request."""

import pytest
from django.db import transaction

from cases.models import CasePage
from search.models import IndexChange

pytestmark = pytest.mark.django_db


class Abort(Exception):
    pass


def test_the_outbox_row_is_part_of_the_publishing_transaction(django_capture_on_commit_callbacks):
    case = CasePage.objects.get(slug="silkeborg-rejselaerer")
    case.title = "Rejselærer i folkeskolen, ny titel"
    with pytest.raises(Abort), transaction.atomic():
        case.save_revision().publish()
        # Inside the transaction, before any commit: the row is there, nothing was sent.
        assert IndexChange.objects.filter(page_id=case.pk).exists()
        raise Abort
    # Rolled back together: no row, and the published title never happened either.
    assert not IndexChange.objects.filter(page_id=case.pk).exists()
    assert CasePage.objects.get(pk=case.pk).title == "Rejselærer i folkeskolen"


def test_a_committed_change_is_delivered_and_its_row_deleted(
    search_index, django_capture_on_commit_callbacks
):
    case = CasePage.objects.get(slug="silkeborg-rejselaerer")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        case.unpublish()
        assert IndexChange.objects.filter(page_id=case.pk).exists()
    assert not IndexChange.objects.filter(page_id=case.pk).exists()
    assert case.pk not in search_index.document_ids()


def test_an_admin_unpublish_with_the_index_down_is_no_500_and_waits_in_the_outbox(
    client, unreachable_search, django_capture_on_commit_callbacks
):
    """Through the admin, with the index unreachable: the editor is redirected as usual (no
    500) and the change waits in the outbox."""
    from django.contrib.auth import get_user_model

    editor = get_user_model().objects.create_superuser("red-outbox", "r@example.org", "x")
    client.force_login(editor)
    case = CasePage.objects.get(slug="silkeborg-rejselaerer")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/pages/{case.pk}/unpublish/", {})
    assert response.status_code == 302
    assert not CasePage.objects.get(pk=case.pk).live
    row = IndexChange.objects.get(page_id=case.pk)
    assert row.state == IndexChange.State.PENDING
    assert row.attempts == 1
    assert "cannot be opened" in row.last_error
