"""A Favrskov contributor drafts Favrskov cases and reaches no Silkeborg case through any
admin URL, listing, search, chooser or API; they publish nothing."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cases.models import CaseIndexPage, CasePage
from methods.models import MethodPage
from taxonomy.models import Municipality

from .conftest import make_draft_case
from .helpers import REFUSED_MESSAGE, add_url, assert_refused, case_form, edit_url

pytestmark = pytest.mark.django_db


def admin_urls(case, index):
    rev = case.latest_revision_id
    pk = case.pk
    return [
        f"/admin/pages/{pk}/edit/",
        f"/admin/pages/{pk}/edit/preview/",
        f"/admin/pages/{pk}/view_draft/",
        f"/admin/pages/{pk}/delete/",
        f"/admin/pages/{pk}/unpublish/",
        f"/admin/pages/{pk}/move/",
        f"/admin/pages/{pk}/move/{index.pk}/confirm/",
        f"/admin/pages/{pk}/copy/",
        f"/admin/pages/{pk}/privacy/",
        f"/admin/pages/{pk}/lock/",
        f"/admin/pages/{pk}/unlock/",
        f"/admin/pages/{pk}/usage/",
        f"/admin/pages/{pk}/revisions/{rev}/view/",
        f"/admin/pages/{pk}/revisions/{rev}/revert/",
        f"/admin/pages/{pk}/revisions/compare/earliest...latest/",
        f"/admin/pages/{pk}/history/",
        f"/admin/pages/{pk}/workflow_history/",
    ]


def state(case):
    case = CasePage.objects.get(pk=case.pk)
    return (
        case.live,
        case.title,
        case.locked,
        case.path,
        case.revisions.count(),
        PageViewRestriction.objects.filter(page=case).count(),
        CasePage.objects.count(),
    )


@pytest.mark.parametrize("which", ["other_draft", "other_live"])
def test_contributor_reaches_no_other_municipality_case_through_any_admin_url(
    client, contributor, request, which
):
    case = request.getfixturevalue(which)
    index = CaseIndexPage.objects.get()
    client.force_login(contributor)
    before = state(case)
    for url in admin_urls(case, index):
        for method in (client.get, client.post):
            response = method(url)
            if response.status_code in (404, 405):
                continue  # no such page in this state, or GET on a POST-only action
            assert_refused(response, url)
        # Scripts get a plain 403.
        xhr = client.post(url, headers={"x-requested-with": "XMLHttpRequest"})
        assert xhr.status_code in (403, 404), url
    assert state(case) == before
    refused = client.get(edit_url(case))
    assert refused.status_code == 403
    assert REFUSED_MESSAGE in refused.content.decode()


def test_contributor_drafts_a_favrskov_case_and_cannot_publish_it(client, contributor):
    client.force_login(contributor)
    response = client.post(
        add_url(), case_form(["favrskov"], slug="ny-favrskov", **{"action-publish": "1"})
    )
    assert response.status_code == 302
    case = CasePage.objects.get(slug="ny-favrskov")
    assert not case.live
    assert case.owner == contributor
    assert not case.permissions_for_user(contributor).can_publish()


def test_contributor_cannot_edit_the_case_index_or_methods(client, contributor):
    client.force_login(contributor)
    index = CaseIndexPage.objects.get()
    method = MethodPage.objects.live().first()
    for url in (edit_url(index), edit_url(method), f"/admin/pages/{method.pk}/delete/"):
        assert_refused(client.get(url))
        assert_refused(client.post(url))
    assert_refused(client.get(f"/admin/pages/add/methods/methodpage/{method.get_parent().pk}/"))


def test_listing_search_and_chooser_hide_other_municipalities_drafts(
    client, contributor, own_draft, other_draft
):
    client.force_login(contributor)
    index = CaseIndexPage.objects.get()
    for url in (
        f"/admin/pages/{index.pk}/",
        "/admin/pages/search/?q=kladde",
        f"/admin/pages/{index.pk}/?q=kladde",
        "/admin/choose-page/search/?q=kladde",
    ):
        html = client.get(url).content.decode()
        assert own_draft.title in html, url
        assert other_draft.title not in html, url


def test_editor_sees_every_draft_in_the_listing(client, editor, own_draft, other_draft):
    client.force_login(editor)
    html = client.get(f"/admin/pages/{CaseIndexPage.objects.get().pk}/").content.decode()
    assert own_draft.title in html
    assert other_draft.title in html


def api_ids(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return {item["id"] for item in json.loads(response.content)["items"]}


def test_admin_api_does_not_expose_other_municipalities_drafts(
    client, contributor, own_draft, other_draft
):
    client.force_login(contributor)
    index = CaseIndexPage.objects.get()
    for url in (
        f"/admin/api/main/pages/?child_of={index.pk}&limit=100",
        f"/admin/api/main/pages/?child_of={index.pk}&for_explorer=1&limit=100",
        f"/admin/api/main/pages/?descendant_of={index.pk}&search=kladde&limit=100",
    ):
        ids = api_ids(client, url)
        assert own_draft.pk in ids, url
        assert other_draft.pk not in ids, url
    assert client.get(f"/admin/api/main/pages/{other_draft.pk}/").status_code == 404
    assert client.get(f"/admin/api/main/pages/{own_draft.pk}/").status_code == 200


def test_public_api_never_lists_a_draft(client, own_draft, other_draft, editor):
    for user in (None, editor):
        if user:
            client.force_login(user)
        ids = api_ids(client, "/api/v2/pages/?type=cases.CasePage&limit=100")
        assert ids, "the live cases are listed"
        assert own_draft.pk not in ids
        assert other_draft.pk not in ids
        assert client.get(f"/api/v2/pages/{other_draft.pk}/").status_code == 404


def test_contributor_cannot_touch_taxonomies(client, contributor, editor):
    url = "/admin/snippets/taxonomy/municipality/"
    client.force_login(contributor)
    assert_refused(client.get(url))
    favrskov = Municipality.objects.get(slug="favrskov")
    assert_refused(client.post(f"{url}edit/{favrskov.pk}/", {"name": "Andet navn"}))
    favrskov.refresh_from_db()
    assert favrskov.name == "Favrskov"
    client.force_login(editor)
    assert client.get(url).status_code == 200


def test_the_contributors_listing_does_not_query_per_case(client, contributor, editor):
    """Wagtail's own listing reads a little per draft row (owner, revision) for everyone; the
    municipality check must add only a fixed number of queries on top, however many cases."""
    index = CaseIndexPage.objects.get()
    url = f"/admin/pages/{index.pk}/"

    def queries_for(user):
        client.force_login(user)
        client.get(url)  # warm caches that are per process, not per request
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    make_draft_case("kladde-1", "favrskov", owner=contributor)
    extra_with_one = queries_for(contributor) - queries_for(editor)
    for n in range(2, 7):
        make_draft_case(f"kladde-{n}", "favrskov", owner=contributor)
    assert queries_for(contributor) - queries_for(editor) == extra_with_one
