"""The fixed top of the page tree: the home page and the two catalogue index pages."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from wagtail.models import Page, Site

HOME_INTRO = (
    "<p>Find ud af, hvad andre kommuner og regioner gør for borgere med psykiske "
    "vanskeligheder – og del jeres egne erfaringer.</p>"
)


@transaction.atomic
def ensure_site_structure():
    """Create (once) the home page, /praksiseksempler/ and /metoder/; return all three."""
    from cases.models import CaseIndexPage
    from methods.models import MethodIndexPage

    from .models import HomePage

    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's migrations create a placeholder welcome page; the portal replaces it.
        for placeholder in root.get_children().filter(
            content_type__app_label="wagtailcore", content_type__model="page"
        ):
            placeholder.delete()
        home = root.add_child(
            instance=HomePage(title="Praksisbanken", slug="praksisbanken", intro=HOME_INTRO)
        )
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        # Full URLs (API, sitemap, feed) are built from the Site; take host and port from the
        # configured base URL so they point where the portal is actually served.
        base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        default_port = 443 if base.scheme == "https" else 80
        Site.objects.create(
            hostname=base.hostname or "localhost", port=base.port or default_port,
            root_page=home, is_default_site=True, site_name="Praksisbanken",
        )  # fmt: skip
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "Praksisbanken"
        site.save()
    case_index = _ensure_child(
        home,
        CaseIndexPage,
        "praksiseksempler",
        "Praksiseksempler",
        "<p>Konkrete indsatser fra kommuner og regioner, beskrevet efter de fem "
        "vidensdimensioner.</p>",
    )
    method_index = _ensure_child(
        home,
        MethodIndexPage,
        "metoder",
        "Metoder",
        "<p>Generelle måder at arbejde på, som flere praksiseksempler bruger.</p>",
    )
    from erfa.models import ErfaGroupIndexPage

    _ensure_child(
        home,
        ErfaGroupIndexPage,
        "erfa-grupper",
        "Erfa-grupper",
        "<p>Grupper af fagfolk fra flere kommuner og regionen, der mødes om et tema, deler "
        "det, der virker, og gør erfaringerne til praksiseksempler.</p>",
    )
    return home, case_index, method_index


def _ensure_child(parent, model, slug, title, intro):
    page = model.objects.child_of(parent).first()
    if page is None:
        page = parent.add_child(instance=model(title=title, slug=slug, intro=intro))
        page.save_revision().publish()
    return page
