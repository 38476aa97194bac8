"""The open API (Wagtail API v2) at /api/v2/."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet


class PortalPagesAPIViewSet(PagesAPIViewSet):
    """Pages, with each type's own API fields in listings too.

    Listing `?type=cases.CasePage` should show the tags and organisations without the caller
    having to know about `?fields=`, so a type's api_fields are default listing fields."""

    @classmethod
    def get_listing_default_fields(cls, model):
        fields = super().get_listing_default_fields(model)
        return fields + [f.name for f in getattr(model, "api_fields", [])]

    def get_queryset(self):
        # Only pages anyone may see: view-restricted pages never reach the API.
        queryset = super().get_queryset().public()
        # A page type whose API fields follow relations fetches them for the whole page of
        # results at once (`api_queryset`), so a listing costs the same for 2 items or 100.
        with_related = getattr(queryset.model, "api_queryset", None)
        return with_related(queryset) if with_related else queryset


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PortalPagesAPIViewSet)
