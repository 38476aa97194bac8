"""/del-et-eksempel/: municipal staff without an account propose a practice example.

A valid submission becomes a draft case in editorial review, then the browser is redirected to
a thank-you page (POST/redirect/GET). Neither page may be cached: the form carries a CSRF
token and the user's own input."""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from . import ratelimit
from .emails import notify
from .forms import SubmissionForm
from .submissions import create_submission

RATE_LIMITED = (
    "Der er sendt mange forslag fra din internetforbindelse på kort tid, så vi kan ikke tage "
    "imod flere lige nu. Prøv igen om en time. Din tekst står stadig i formularen."
)


def _render(request, form, status=200):
    return TemplateResponse(request, "contribute/submit.html", {"form": form}, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def submit(request):
    if request.method != "POST":
        return _render(request, SubmissionForm())
    hashed = ratelimit.ip_hash(request)
    form = SubmissionForm(request.POST)
    if ratelimit.is_limited(hashed):
        form.is_valid()  # shows any field errors beside the limit message; saves nothing
        form.add_error(None, RATE_LIMITED)
        response = _render(request, form, status=429)
        response["Retry-After"] = str(ratelimit.window_seconds())
        return response
    if form.is_spam():
        # Look exactly like success, so the program learns nothing; create and send nothing.
        ratelimit.count_submission(hashed)
        return redirect("contribute:thanks")
    if not form.is_valid():
        return _render(request, form)
    submission = create_submission(form, hashed)
    ratelimit.count_submission(hashed)
    notify(submission)
    return redirect("contribute:thanks")


@never_cache
@require_safe
def thanks(request):
    return TemplateResponse(request, "contribute/thanks.html", {})
