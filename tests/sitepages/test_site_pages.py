"""The four pages a Danish public site must have: created by the import, linked from every
page's footer, editable in the admin without the next import undoing the edit."""

import pytest
from django.contrib.auth import get_user_model
from django.core import checks
from django.core.management import call_command

from content.importer import import_content
from sitepages.models import SitePage
from tests.conftest import FIXTURES

pytestmark = pytest.mark.django_db

SLUGS = {
    "om": "/om-praksisbanken/",
    "kontakt": "/kontakt/",
    "tilgaengelighed": "/tilgaengelighed/",
    "privatliv": "/privatlivspolitik/",
}
FOOTER_ORDER = ["Om Praksisbanken", "Kontakt", "Tilgængelighedserklæring", "Privatlivspolitik"]


def footer_of(html):
    return html[html.index('<footer class="site-footer">') :]


def test_the_import_creates_the_four_pages_at_their_addresses(client):
    assert {page.kind: page.url for page in SitePage.objects.live()} == SLUGS
    for url in SLUGS.values():
        response = client.get(url)
        assert response.status_code == 200
        assert "<h1>" in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/praksiseksempler/",
        "/praksiseksempler/silkeborg-rejselaerer/",
        "/metoder/ips/",
        "/soeg/?q=ips",
        "/kommuner/aalborg/",
        "/bevaegelser/mestring/",
        "/erfa-grupper/",
        "/del-et-eksempel/",
        "/log-ind/",
        "/kontakt/",
        "/findes-ikke/",
    ],
)
def test_every_page_links_the_four_pages_in_its_footer(client, path):
    response = client.get(path)
    footer = footer_of(response.content.decode())
    positions = [footer.index(f'href="{url}"') for url in SLUGS.values()]
    assert positions == sorted(positions)  # in the order users expect
    for title in FOOTER_ORDER:
        assert f">{title}</a>" in footer


def test_contact_pages_show_the_configured_role_address(client, settings):
    settings.PRAKSISBANKEN_EDITORIAL_EMAIL = "redaktion@eksempel-kommune.dk"
    for kind in ("kontakt", "tilgaengelighed", "privatliv"):
        html = client.get(SLUGS[kind]).content.decode()
        assert 'href="mailto:redaktion@eksempel-kommune.dk"' in html
    assert (
        "mailto:"
        not in client.get(SLUGS["om"]).content.decode().split("<main")[1].split("</main>")[0]
    )


def test_accessibility_statement_names_feedback_channel_and_enforcement(client, settings):
    html = client.get(SLUGS["tilgaengelighed"]).content.decode()
    for heading in (
        "Overholdelsesstatus",
        "Sådan har vi evalueret webstedet",
        "Ikke-tilgængeligt indhold",
        "Feedback og kontakt",
        "Håndhævelse",
    ):
        assert f"<h2>{heading}</h2>" in html
    assert f'href="mailto:{settings.PRAKSISBANKEN_EDITORIAL_EMAIL}"' in html
    assert "Digitaliseringsstyrelsen" in html
    assert (
        "digst.dk/digital-inklusion/webtilgaengelighed/oplever-du-ikke-tilgaengeligt-indhold"
        in html
    )


def test_privacy_notice_covers_what_the_forms_store(client):
    html = client.get(SLUGS["privatliv"]).content.decode()
    for words in (
        "Del et eksempel",
        "IP-adresse",  # the keyed hash of it
        "efter en time",  # the rate limit counter
        "30 minutter",  # login lock-out
        "30 dage",  # the login log
        "Erfa-grupper",
        "Datatilsynet",
    ):
        assert words in html


def test_a_page_edited_in_the_admin_is_not_overwritten_by_the_next_import():
    page = SitePage.objects.get(kind="kontakt")
    editor = get_user_model().objects.create_user("redaktoer", "r@example.org", "x")
    page.body = "<p>Redaktionens egen tekst.</p>"
    page.save_revision(user=editor).publish()
    untouched = SitePage.objects.get(kind="om")
    untouched.body = "<p>Ændret uden om administrationen.</p>"
    untouched.save_revision().publish()

    import_content(FIXTURES)

    assert SitePage.objects.get(kind="kontakt").body == "<p>Redaktionens egen tekst.</p>"
    assert "Hvad er Praksisbanken?" in SitePage.objects.get(kind="om").body


def test_the_placeholder_address_is_a_deploy_warning(settings):
    settings.PRAKSISBANKEN_EDITORIAL_EMAIL = "redaktionen@praksisbanken.example"
    ids = [m.id for m in checks.run_checks(include_deployment_checks=True)]
    assert "sitepages.W001" in ids
    settings.PRAKSISBANKEN_EDITORIAL_EMAIL = "redaktionen@praksisbanken.dk"
    ids = [m.id for m in checks.run_checks(include_deployment_checks=True)]
    assert "sitepages.W001" not in ids


def test_import_of_unchanged_pages_writes_nothing():
    out = import_content(FIXTURES)
    assert "sider om portalen: 0 nye, 0 ændrede, 4 uændrede" in out.lines()
    call_command("check")


def test_every_page_has_the_svg_favicon_and_favicon_ico_leads_to_it(client):
    html = client.get("/").content.decode()
    assert 'rel="icon" href="/static/img/favicon.svg" type="image/svg+xml"' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/img/favicon.svg"
