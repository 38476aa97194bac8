"""The case editor: slugs by the project's rule (æ→ae, ø→oe, å→aa) on the server and in the
slug widget's configuration for the browser, a never-published draft that never blocks creating
the page again, and the municipality and method choosers."""

import json

import pytest

from cases.models import CasePage
from content.slugs import danish_slugify
from editorial.factories import make_contributor, make_editor
from taxonomy.models import Municipality

from ..editorial.helpers import add_url, case_form

pytestmark = pytest.mark.django_db
TITLE = "Æblehaven på Østerbro – åben café"
SLUG = "aeblehaven-paa-oesterbro-aaben-cafe"


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor("slug-redaktoer"))
    return client


def test_the_rule():
    assert danish_slugify(TITLE) == SLUG
    assert danish_slugify("ÆØÅ æøå") == "aeoeaa-aeoeaa"


@pytest.mark.parametrize(
    "typed", ["", "Æblehaven på Østerbro – åben café", "æblehaven-på-østerbro-åben-café"]
)
def test_case_created_in_the_admin_gets_the_projects_slug(editor_client, typed):
    response = editor_client.post(add_url(), case_form(title=TITLE, slug=typed))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert CasePage.objects.get(title=TITLE).slug == SLUG


def test_slug_widget_carries_the_rule_for_the_browser(editor_client):
    html = editor_client.get(add_url()).content.decode()
    start = html.index('data-w-slug-formatters-value="') + len('data-w-slug-formatters-value="')
    raw = html[start : html.index('"', start)].replace("&quot;", '"')
    formatters = json.loads(raw)
    assert [["æ", "gu"], "ae"] in formatters and [["ø", "gu"], "oe"] in formatters
    assert [["å", "gu"], "aa"] in formatters
    assert 'data-w-slug-allow-unicode-value="True"' not in html  # ASCII slugs only


def test_a_never_published_draft_never_blocks_creating_the_page_again(editor_client):
    # A draft saved in the background (or left behind) under the same slug.
    first = editor_client.post(add_url(), case_form(title=TITLE, slug=SLUG))
    assert first.status_code == 302
    again = editor_client.post(add_url(), case_form(title=TITLE, slug=SLUG))
    assert again.status_code == 302, "the forgotten draft blocked creating the page"
    slugs = sorted(CasePage.objects.filter(title=TITLE).values_list("slug", flat=True))
    assert slugs == [SLUG, f"{SLUG}-1"]


def test_a_published_page_still_blocks_its_slug_with_a_danish_message(editor_client):
    live = CasePage.objects.live().first()
    response = editor_client.post(add_url(), case_form(title="Ny side", slug=live.slug))
    assert response.status_code == 200
    assert f"Adressen (slug) »{live.slug}« bruges allerede" in response.content.decode()


def test_municipalities_are_a_searchable_checkbox_list_grouped_by_region(editor_client):
    html = editor_client.get(add_url()).content.decode()
    assert 'data-controller="pb-multiselect"' in html
    assert "Søg blandt kommuner" in html and "Søg blandt metoder" in html
    assert "<legend>Region Midtjylland</legend>" in html
    favrskov = Municipality.objects.get(slug="favrskov")
    assert f'type="checkbox" name="municipalities" value="{favrskov.pk}"' in html
    assert "content/js/multiselect.js" in html
    # Favrskov is listed under its own region.
    midt = html.index("<legend>Region Midtjylland</legend>")
    nxt = html.find("<legend>", midt + 10)
    assert "Favrskov Kommune" in html[midt : nxt if nxt > 0 else None]


def test_contributor_chooses_among_own_municipalities_only(client):
    contributor = make_contributor("valg-bidragyder", Municipality.objects.get(slug="favrskov"))
    client.force_login(contributor)
    html = client.get(add_url()).content.decode()
    assert "Favrskov Kommune" in html and "Aarhus Kommune" not in html
