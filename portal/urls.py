from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from . import health
from .api import api_router
from .feeds import NewCasesFeed
from .sitemaps import TaxonomySitemap
from .views import favicon, robots_txt

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("dokumenter/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("feeds/praksiseksempler/", NewCasesFeed(), name="case_feed"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": WagtailSitemap, "taxonomy": TaxonomySitemap}},
        name="sitemap",
    ),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path(
        "log-ind/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("log-ud/", auth_views.LogoutView.as_view(next_page="/"), name="logout"),
    path("", include("search.urls")),
    path("", include("following.urls")),
    path("", include("compare.urls")),
    # Before taxonomy and Wagtail's catch-all: the group actions sit under /erfa-grupper/.
    path("", include("erfa.urls")),
    path("", include("contribute.urls")),
    path("", include("accounts.urls")),
    path("", include("methods.urls")),  # before Wagtail's catch-all under /metoder/
    path("", include("cases.urls")),
    path("", include("taxonomy.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    # Only image files are served straight from media/ (in production by the web server, the
    # same way). Documents are always served through Wagtail's view, which enforces privacy.
    for folder in ("images", "original_images"):
        urlpatterns += static(
            f"{settings.MEDIA_URL}{folder}/", document_root=settings.MEDIA_ROOT / folder
        )

urlpatterns += [path("", include(wagtail_urls))]
