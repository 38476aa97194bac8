"""Members-only documents stay inside their erfa-group in the Wagtail admin too: a contributor,
an editor or another group's coordinator never sees their title, file name or URL in any
document listing, chooser, search or edit view, and still finds the shared documents."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from editorial.models import MunicipalContributorGroup
from editorial.roles import EDITOR_GROUP
from editorial.setup import SHARED_COLLECTION_NAME
from erfa.factories import ErfaGroupPageFactory, add_document, add_member, make_user

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Hemmeligt referat om Kvarkborg"
SHARED_TITLE = "Fælles skabelon til kvarkplaner"


@pytest.fixture
def secret(upcoming):
    meeting_document = add_document(
        upcoming, title=SECRET_TITLE, members_only=True, content=b"Kun for medlemmer."
    )
    return meeting_document.document


@pytest.fixture
def shared():
    collection = Collection.objects.get(name=SHARED_COLLECTION_NAME)
    document = get_document_model()(
        title=SHARED_TITLE,
        file=ContentFile(b"Til alle.", name="faelles-skabelon.txt"),
        collection=collection,
    )
    document.save()
    return document


@pytest.fixture
def other_coordinator(municipality):
    other = ErfaGroupPageFactory(title="Et andet netværk", slug="andet-netvaerk")
    user = make_user("anden-koordinator", municipality)
    add_member(other, user, coordinator=True)
    return user


@pytest.fixture
def contributor(municipality):
    user = make_user("bidragyder", municipality)
    user.groups.add(MunicipalContributorGroup.objects.get(municipality=municipality).group)
    return user


@pytest.fixture
def editor():
    user = make_user("redaktoer-dok")
    user.groups.add(Group.objects.get(name=EDITOR_GROUP))
    return user


def shown(response):
    """What the admin shows: the chooser answers JSON with its HTML inside."""
    if response["Content-Type"].startswith("application/json"):
        return response.json().get("html", "")
    return response.content.decode()


ADMIN_LISTINGS = [
    "/admin/documents/",
    "/admin/documents/?q=Kvarkborg",
    "/admin/documents/?q=Kvark",
    "/admin/documents/results/?q=Kvark",
    "/admin/documents/chooser/",
    "/admin/documents/chooser/?q=Kvark",
    "/admin/documents/chooser/results/?q=Kvark",
]


@pytest.mark.parametrize("who", ["contributor", "other_coordinator", "editor"])
def test_members_only_documents_are_invisible_to_outsiders_in_the_admin(
    client, request, who, secret, shared
):
    client.force_login(request.getfixturevalue(who))
    for url in ADMIN_LISTINGS:
        response = client.get(url)
        assert response.status_code == 200, url
        page = shown(response)
        assert SECRET_TITLE not in page, url
        assert secret.file.name.rsplit("/", 1)[-1] not in page, url
        assert secret.url not in page, url
    # The shared documents are still there to choose.
    assert SHARED_TITLE in shown(client.get("/admin/documents/chooser/?q=Kvark"))
    for url in (
        f"/admin/documents/edit/{secret.pk}/",
        f"/admin/documents/chooser/{secret.pk}/",
        f"/admin/documents/usage/{secret.pk}/",
    ):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert SECRET_TITLE not in shown(response), url


def test_the_groups_coordinator_is_not_shut_out_of_shared_documents(client, coordinator, shared):
    client.force_login(coordinator)
    assert SHARED_TITLE in shown(client.get("/admin/documents/chooser/"))
