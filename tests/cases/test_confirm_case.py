"""/bekraeft-eksempel/<id>/: someone who may edit a case confirms its information still holds."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import PageLogEntry

from cases.models import CaseIndexPage, CasePage

from .freshness_helpers import make_case, make_contributor, make_editor, today

pytestmark = pytest.mark.django_db


def _url(page):
    return f"/bekraeft-eksempel/{page.pk}/"


def test_anonymous_visitor_is_sent_to_log_in(client):
    case = make_case()
    response = client.get(_url(case))
    assert response.status_code == 302
    assert response["Location"] == f"/log-ind/?next=/bekraeft-eksempel/{case.pk}/"


def test_unknown_or_non_case_page_is_404(client):
    client.force_login(make_editor())
    assert client.get("/bekraeft-eksempel/987654/").status_code == 404
    assert client.get(_url(CaseIndexPage.objects.get())).status_code == 404


def test_user_without_edit_rights_gets_a_danish_403(client):
    case = make_case()
    client.force_login(get_user_model().objects.create_user("laeser", password="x"))
    for response in (client.get(_url(case)), client.post(_url(case))):
        assert response.status_code == 403
        assert "Du kan ikke bekræfte dette praksiseksempel" in response.content.decode()
    assert CasePage.objects.get(pk=case.pk).last_confirmed == case.last_confirmed


def test_contributor_from_another_municipality_gets_403(client):
    case = make_case(municipality_slug="odense")
    client.force_login(make_contributor("aarhus", "bidrag-aarhus"))
    assert client.post(_url(case)).status_code == 403
    assert CasePage.objects.get(pk=case.pk).last_confirmed == case.last_confirmed


def test_form_shows_the_case_and_a_confirm_button(client):
    case = make_case(title="Et gammelt eksempel")
    client.force_login(make_contributor("odense", "bidrag-odense"))
    html = client.get(_url(case)).content.decode()
    assert "<h1>Et gammelt eksempel</h1>" in html
    assert "Bekræft at oplysningerne stadig er rigtige" in html
    assert 'method="post"' in html and "csrfmiddlewaretoken" in html
    assert "1. marts 2015" in html


def test_get_changes_nothing(client):
    case = make_case()
    client.force_login(make_editor())
    client.get(_url(case))
    assert CasePage.objects.get(pk=case.pk).last_confirmed == case.last_confirmed


@pytest.mark.parametrize("who", ["editor", "own contributor"])
def test_confirming_updates_live_page_and_latest_revision(client, who):
    case = make_case(title="Bekræftes nu")
    case.save_revision()
    user = make_editor() if who == "editor" else make_contributor("odense", "bidrag-odense")
    client.force_login(user)
    assert "Oplysningerne kan være forældede" in client.get(case.url).content.decode()

    response = client.post(_url(case), follow=True)

    assert response.redirect_chain[-1][0] == case.url
    html = response.content.decode()
    assert "Oplysningerne er nu bekræftet" in html
    assert "Oplysningerne kan være forældede" not in html
    case.refresh_from_db()
    assert case.last_confirmed == today()
    assert case.get_latest_revision_as_object().last_confirmed == today()
    entry = PageLogEntry.objects.get(page=case, action="praksisbanken.confirm")
    assert entry.user == user


def test_confirming_does_not_publish_a_pending_draft(client):
    case = make_case(title="Offentlig titel")
    draft = CasePage.objects.get(pk=case.pk)
    draft.title = "Kladde-titel"
    draft.save_revision()
    client.force_login(make_editor())
    client.post(_url(case))

    live = CasePage.objects.get(pk=case.pk)
    assert live.title == "Offentlig titel"
    assert live.has_unpublished_changes
    assert "Offentlig titel" in client.get(case.url).content.decode()
    latest = live.get_latest_revision_as_object()
    assert latest.title == "Kladde-titel"
    assert latest.last_confirmed == today()

    # Publishing the older draft later keeps today's confirmation.
    live.get_latest_revision().publish()
    published = CasePage.objects.get(pk=case.pk)
    assert published.title == "Kladde-titel"
    assert published.last_confirmed == today()


def test_confirmation_shows_in_the_page_history(client):
    case = make_case()
    editor = make_editor()
    client.force_login(editor)
    client.post(_url(case))
    html = client.get(f"/admin/pages/{case.pk}/history/").content.decode()
    assert "Oplysningerne blev bekræftet som stadig gældende" in html
