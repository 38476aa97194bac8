"""A refused admin request answers 403 with a Danish page.

Wagtail's own answer is a redirect to the dashboard with a flash message: the refusal then looks
like success to scripts, monitoring and tests (302), and the user loses the address they tried.
A 403 says what happened where it happened."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

REFUSED_MESSAGE = "Du har ikke rettigheder til at se eller ændre dette."


def permission_denied(request):
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        raise PermissionDenied
    return TemplateResponse(
        request,
        "editorial/permission_denied.html",
        {"message": REFUSED_MESSAGE},
        status=403,
    )
