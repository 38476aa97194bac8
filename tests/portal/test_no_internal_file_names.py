"""No public page shows an internal file name: every URL of the sitemap, the erfa groups and
the taxonomy pages are fetched and searched for the seed files' names (and any name of their
shape), e.g. the «[000_76fcd7e0688ceb78.txt]» the issue found on 58 pages."""

import re
from xml.etree import ElementTree

import pytest
from django.core.management import call_command
from django.urls import reverse

from taxonomy.models import Challenge, Movement, Municipality, Region

pytestmark = pytest.mark.django_db

FILE_NAME = re.compile(r"\d{3}_[0-9a-f]{16}(\.txt)?")
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _path(url):
    return "/" + url.split("://", 1)[-1].split("/", 1)[1]


def public_paths(client):
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    tree = ElementTree.fromstring(sitemap.content)
    paths = {_path(loc.text) for loc in tree.iterfind(".//sm:loc", SITEMAP_NS)}
    paths |= {
        "/erfa-grupper/",
        reverse("taxonomy:movement_list"),
        reverse("taxonomy:challenge_list"),
        reverse("taxonomy:municipality_list"),
        reverse("taxonomy:region_list"),
    }
    for model in (Movement, Challenge, Municipality, Region):
        paths |= {term.get_absolute_url() for term in model.objects.all()}
    from erfa.models import ErfaGroupPage

    paths |= {group.url for group in ErfaGroupPage.objects.live()}
    return sorted(paths)


def test_no_public_page_shows_an_internal_file_name(client):
    call_command("setup_demo_erfa", "--allow-demo-users", verbosity=0)
    paths = public_paths(client)
    assert len(paths) > 150  # cases, methods, groups, site pages and all 98 municipalities
    assert any(path.startswith("/erfa-grupper/") and path != "/erfa-grupper/" for path in paths)
    offenders = []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        match = FILE_NAME.search(response.content.decode())
        if match:
            offenders.append((path, match.group(0)))
    assert offenders == []
