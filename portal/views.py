from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_GET


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        # Comparisons and feeds exist for every combination of cases and every search: no
        # crawler should walk them. Personal pages are behind a login anyway.
        "Disallow: /sammenlign/",
        "Disallow: /soeg/feed/",
        "Disallow: /min-profil/",
        "Disallow: /afmeld/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links: send them to the SVG icon instead
    of rendering the 404 page each time."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
