import xml.etree.ElementTree as ET

import pytest

from cases.models import CasePage

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_atom_feed_lists_newest_cases(client):
    response = client.get("/feeds/praksiseksempler/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    entries = root.findall(f"{ATOM}entry")
    assert 0 < len(entries) <= 30
    titles = {e.find(f"{ATOM}title").text for e in entries}
    assert titles <= set(CasePage.objects.live().values_list("title", flat=True))


def test_sitemap_lists_pages_and_taxonomy_but_not_drafts(client):
    case = CasePage.objects.get(slug="silkeborg-rejselaerer")
    case.unpublish()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = [el.text for el in root.iter(f"{ns}loc")]
    assert any(loc.endswith("/praksiseksempler/favrskov-social-indsats/") for loc in locs)
    assert any(loc.endswith("/bevaegelser/mestring/") for loc in locs)
    assert any(loc.endswith("/kommuner/koebenhavn/") for loc in locs)
    assert not any(loc.endswith("/silkeborg-rejselaerer/") for loc in locs)


def test_robots_txt_points_to_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body


def test_robots_txt_keeps_crawlers_out_of_comparisons_feeds_and_personal_pages(client):
    body = client.get("/robots.txt").content.decode()
    for path in ("/sammenlign/", "/soeg/feed/", "/min-profil/", "/afmeld/"):
        assert f"Disallow: {path}" in body
