"""A members-only meeting document must sit in the group's closed collection, or Wagtail's
document view would serve it to anyone: the admin refuses it with a Danish message."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from erfa.models import MeetingDocument

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/snippets/erfa/meetingdocument/add/"


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("admin-bilag", "a@example.org", "x")
    client.force_login(user)
    return client


def _document(collection=None):
    document = get_document_model()(
        title="Dagsorden", file=ContentFile(b"Punkt 1.", name="dagsorden.txt")
    )
    if collection is not None:
        document.collection = collection
    document.save()
    return document


def _post(client, meeting, document, members_only):
    data = {"meeting": meeting.pk, "document": document.pk}
    if members_only:
        data["members_only"] = "on"
    return client.post(ADD_URL, data)


def test_members_only_document_in_a_public_collection_is_refused(admin_client, upcoming):
    response = _post(admin_client, upcoming, _document(), members_only=True)
    assert response.status_code == 200
    assert "skal ligge i gruppens lukkede samling" in response.content.decode()
    assert not MeetingDocument.objects.exists()


def test_members_only_document_in_the_groups_collection_is_saved(admin_client, upcoming, group):
    document = _document(group.private_collection)
    response = _post(admin_client, upcoming, document, members_only=True)
    assert response.status_code == 302
    assert MeetingDocument.objects.get().document == document


def test_public_document_may_sit_anywhere(admin_client, upcoming):
    response = _post(admin_client, upcoming, _document(), members_only=False)
    assert response.status_code == 302
    assert MeetingDocument.objects.filter(members_only=False).count() == 1
