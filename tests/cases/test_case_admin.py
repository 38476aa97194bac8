"""Editors creating a case in the Wagtail admin get Danish errors, not a 500."""

import pytest
from django.contrib.auth import get_user_model

from cases.forms import OWNER_REQUIRED
from cases.models import CaseIndexPage, CasePage
from tests.editorial.helpers import case_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("redaktoer-test", "r@example.org", "x")
    client.force_login(user)
    return client


def _form(**overrides):
    fields = {"title": "Nyt eksempel fra admin", "slug": "nyt-eksempel-fra-admin", **overrides}
    return case_form(["odense"], **fields)


def _add_url():
    return f"/admin/pages/add/cases/casepage/{CaseIndexPage.objects.get().pk}/"


def test_editor_can_create_a_case_draft(editor_client):
    response = editor_client.post(_add_url(), _form())
    assert response.status_code == 302, response.content.decode()[:2000]
    case = CasePage.objects.get(slug="nyt-eksempel-fra-admin")
    assert [m.slug for m in case.get_latest_revision_as_object().municipalities.all()] == ["odense"]


def test_case_without_owner_is_refused_with_a_danish_message(editor_client):
    response = editor_client.post(_add_url(), _form(municipalities=[]))
    assert response.status_code == 200
    assert OWNER_REQUIRED in response.content.decode()
    assert not CasePage.objects.filter(slug="nyt-eksempel-fra-admin").exists()


def test_named_contact_without_consent_is_refused(editor_client):
    response = editor_client.post(_add_url(), _form(contact_person="En Person"))
    assert response.status_code == 200
    assert "samtykke" in response.content.decode()
    assert not CasePage.objects.filter(slug="nyt-eksempel-fra-admin").exists()


def test_editor_previews_a_case_with_its_methods(editor_client):
    from methods.models import MethodPage

    method = MethodPage.objects.live().order_by("title").first()
    editor_client.post(_add_url(), _form())
    case = CasePage.objects.get(slug="nyt-eksempel-fra-admin")
    preview_url = f"/admin/pages/{case.pk}/edit/preview/"
    posted = editor_client.post(preview_url, _form(methods=[str(method.pk)]))
    assert posted.json()["is_valid"] is True
    response = editor_client.get(preview_url)
    assert response.status_code == 200
    assert method.title in response.content.decode()
