"""The open API (Wagtail API v2) at /api/v2/.

Bad parameters answer 400 {"message", "field"} naming the parameter, never a 500: an unknown
site, a value a field filter cannot hold (a date that is no date, an integer beyond 64 bits), an
offset or limit out of range, and a search text the database's full-text syntax refuses."""

from django.core.exceptions import ValidationError
from django.db import DatabaseError, models
from rest_framework.response import Response
from wagtail.api.v2.filters import FieldsFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.models import Site

from .outage import is_database_outage

# OFFSET and integer columns hold 64-bit values at most; SQLite fails beyond that.
MAX_INTEGER = 2**63 - 1
MAX_OFFSET = 2**31 - 1


class ParameterError(BadRequestError):
    def __init__(self, field, message):
        super().__init__(f"{field}: {message}")
        self.field = field


class StrictFieldsFilter(FieldsFilter):
    """Wagtail's field filters (`?first_published_at=…`, `?id=…`), with each value checked
    against its field first: a value the field cannot hold is the caller's error."""

    def filter_queryset(self, request, queryset, view):
        fields = set(view.get_available_fields(queryset.model, db_fields_only=True))
        for name, value in request.GET.items():
            if name not in fields:
                continue
            try:
                field = queryset.model._meta.get_field(name)
            except LookupError:
                continue
            _check_field_value(field, name, value)
        return super().filter_queryset(request, queryset, view)


def _check_field_value(field, name, value):
    if isinstance(field, models.ForeignKey):
        field = field.target_field
    if isinstance(field, models.BooleanField) or not hasattr(field, "to_python"):
        return  # Wagtail parses booleans itself and answers 400
    try:
        python_value = field.to_python(value)
    except (ValidationError, ValueError, TypeError) as exc:
        raise ParameterError(name, f"«{value}» er ikke en gyldig værdi.") from exc
    if isinstance(python_value, int) and abs(python_value) > MAX_INTEGER:
        raise ParameterError(name, f"«{value}» er for stort et tal.")


class BoundedPagination(WagtailPagination):
    def paginate_queryset(self, queryset, request, view=None):
        for name, maximum in (("offset", MAX_OFFSET), ("limit", MAX_OFFSET)):
            raw = request.GET.get(name)
            if raw is None:
                continue
            try:
                number = int(raw)
            except ValueError as exc:
                raise ParameterError(name, "skal være et helt tal (0 eller mere).") from exc
            if not 0 <= number <= maximum:
                raise ParameterError(name, f"skal være et helt tal mellem 0 og {maximum}.")
        try:
            return super().paginate_queryset(queryset, request, view)
        except BadRequestError as exc:
            raise ParameterError("limit", str(exc)) from exc


class PortalPagesAPIViewSet(PagesAPIViewSet):
    """Pages, with each type's own API fields in listings too.

    Listing `?type=cases.CasePage` should show the tags and organisations without the caller
    having to know about `?fields=`, so a type's api_fields are default listing fields."""

    pagination_class = BoundedPagination
    filter_backends = [
        StrictFieldsFilter if backend is FieldsFilter else backend
        for backend in PagesAPIViewSet.filter_backends
    ]

    @classmethod
    def get_listing_default_fields(cls, model):
        fields = super().get_listing_default_fields(model)
        return fields + [f.name for f in getattr(model, "api_fields", [])]

    def get_base_queryset(self):
        try:
            return super().get_base_queryset()
        except Site.DoesNotExist as exc:
            site = self.request.GET.get("site", "")
            raise ParameterError("site", f"Der er intet websted «{site}».") from exc

    def get_queryset(self):
        # Only pages anyone may see: view-restricted pages never reach the API.
        queryset = super().get_queryset().public()
        # A page type whose API fields follow relations fetches them for the whole page of
        # results at once (`api_queryset`), so a listing costs the same for 2 items or 100.
        with_related = getattr(queryset.model, "api_queryset", None)
        return with_related(queryset) if with_related else queryset

    def listing_view(self, request):
        try:
            return super().listing_view(request)
        except DatabaseError as exc:
            # SQLite's full-text search refuses some texts (an unbalanced quote); the database
            # itself is fine. A real outage goes on to the outage page.
            if "search" in request.GET and not is_database_outage(exc):
                raise ParameterError("search", "Søgeteksten kunne ikke forstås.") from exc
            raise

    def handle_exception(self, exc):
        if isinstance(exc, ParameterError):
            return Response({"message": str(exc), "field": exc.field}, status=400)
        return super().handle_exception(exc)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PortalPagesAPIViewSet)
