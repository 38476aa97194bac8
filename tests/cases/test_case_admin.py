"""Editors creating a case in the Wagtail admin get Danish errors, not a 500."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.test.utils.form_data import rich_text

from cases.models import CaseIndexPage, CasePage
from taxonomy.models import Movement, Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("redaktoer-test", "r@example.org", "x")
    client.force_login(user)
    return client


def _form(**overrides):
    data = {
        "title": "Nyt eksempel fra admin",
        "slug": "nyt-eksempel-fra-admin",
        "summary": "Et kort resumé.",
        "movements": [str(Movement.objects.get(slug="mestring").pk)],
        "municipalities": [str(Municipality.objects.get(slug="odense").pk)],
        "last_confirmed": "2026-01-15",
        "purpose": rich_text("<p>Formålet.</p>"),
        "target_group_text": rich_text(""),
        "approach": rich_text(""),
        "results": rich_text(""),
        "economy": rich_text(""),
    }
    for prefix, total in (("images", 0), ("attachments", 0), ("sources", 1)):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": str(total),
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(
        {
            "sources-0-document": "000_76fcd7e0688ceb78.txt",
            "sources-0-locator": "afsnit 1",
            "sources-0-url": "",
            "sources-0-ORDER": "1",
        }
    )
    data.update(overrides)
    return data


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
    assert "Angiv mindst én ejende kommune eller region." in response.content.decode()
    assert not CasePage.objects.filter(slug="nyt-eksempel-fra-admin").exists()


def test_named_contact_without_consent_is_refused(editor_client):
    response = editor_client.post(_add_url(), _form(contact_person="En Person"))
    assert response.status_code == 200
    assert "samtykke" in response.content.decode()
    assert not CasePage.objects.filter(slug="nyt-eksempel-fra-admin").exists()
