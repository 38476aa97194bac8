"""Følg denne søgning: the search feed, "Giv mig besked" (saving a search), the user's saved
searches (/min-profil/soegninger/) and the signed unsubscribe link from the digest e-mails."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db import IntegrityError, transaction
from django.http import JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from search.contract import SearchUnavailable

from .feeds import SearchFeed
from .forms import FollowForm, FrequencyForm
from .models import Frequency, SavedSearch, period_of
from .searches import InvalidSearch, canonical, describe, search_path
from .tokens import read_token

MAX_SAVED_SEARCHES = 25
UNAVAILABLE = "Søgningen er midlertidigt utilgængelig."


# --- the feed ---------------------------------------------------------------------------------


def _feed(request, api):
    try:
        feed = SearchFeed(canonical(request.GET))
    except InvalidSearch as exc:
        if api:
            return _json_error(exc.message, exc.field, 400)
        context = {"message": exc.message, "field": exc.field, "search_url": search_path("")}
        return render(request, "following/feed_error.html", context, status=400)
    except SearchUnavailable:
        if api:
            return _json_error(UNAVAILABLE, None, 503)
        context = {"message": f"{UNAVAILABLE} Prøv igen om lidt.", "search_url": search_path("")}
        return render(request, "following/feed_error.html", context, status=503)
    return feed(request)


@require_safe
def search_feed(request):
    return _feed(request, api=False)


@require_safe
def search_feed_api(request):
    return _feed(request, api=True)


def _json_error(message, field, status):
    return JsonResponse(
        {"error": message, "field": field}, status=status, json_dumps_params={"ensure_ascii": False}
    )


# --- saved searches ---------------------------------------------------------------------------


def _list_url():
    return reverse("following:saved_searches")


def _back(request):
    """Where to go after a change: `next` when it is a page of this site, else the list."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(_list_url())


@never_cache
@login_required
@require_safe
def saved_searches(request):
    return render(
        request,
        "following/saved_searches.html",
        {"saved_searches": list(request.user.saved_searches.all()), "frequencies": Frequency},
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def follow(request):
    """GET ?<search parameters>: what will be followed and how often; POST: save it."""
    if request.method == "POST":
        form = FollowForm(request.POST)
        raw = request.POST.get("query", "")
    else:
        form = None
        raw = request.GET.urlencode()
    try:
        query_string = canonical(QueryDict(raw))
    except InvalidSearch as exc:
        return render(
            request,
            "following/follow.html",
            {"invalid": exc.message, "search_url": search_path("")},
            status=400,
        )
    existing = request.user.saved_searches.filter(query_string=query_string).first()
    context = {
        "query_string": query_string,
        "description": describe(query_string),
        "search_url": search_path(query_string),
        "existing": existing,
        "frequency": existing.frequency if existing else Frequency.WEEKLY,
    }
    if form is None:
        return render(request, "following/follow.html", context)
    if not form.is_valid():
        context["errors"] = [error for errors in form.errors.values() for error in errors]
        return render(request, "following/follow.html", context, status=400)
    frequency = form.cleaned_data["frequency"]
    label = Frequency(frequency).label.lower()
    if existing:
        existing.set_frequency(frequency)
        existing.save(update_fields=["frequency", "changes_since", "last_period"])
        messages.success(request, f"Du følger allerede søgningen. Nu får du e-mail {label}.")
        return redirect(_list_url())
    if request.user.saved_searches.count() >= MAX_SAVED_SEARCHES:
        context["errors"] = [
            f"Du kan følge højst {MAX_SAVED_SEARCHES} søgninger. Slet en, før du tilføjer en ny."
        ]
        return render(request, "following/follow.html", context, status=400)
    try:
        with transaction.atomic():
            SavedSearch.objects.create(
                user=request.user,
                query_string=query_string,
                frequency=frequency,
                last_period=period_of(frequency, timezone.now()),
            )
    except IntegrityError:
        pass  # saved a moment ago by a double click: the one search is enough
    if not request.user.email:
        messages.warning(
            request,
            "Søgningen er gemt, men din bruger har ingen e-mailadresse, så der kan ikke sendes "
            "besked. Bed en redaktør om at tilføje den.",
        )
    else:
        messages.success(
            request, f"Søgningen er gemt. Du får e-mail {label}, når der er nyt, der passer."
        )
    return redirect(_list_url())


@login_required
@require_POST
def change_frequency(request, pk):
    saved = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    form = FrequencyForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["frequency"][0])
        return _back(request)
    saved.set_frequency(form.cleaned_data["frequency"])
    saved.save(update_fields=["frequency", "changes_since", "last_period"])
    if saved.frequency == Frequency.NEVER:
        messages.success(request, f"Du får ikke længere e-mail om {saved.description}.")
    else:
        label = Frequency(saved.frequency).label.lower()
        messages.success(request, f"Du får nu e-mail {label} om {saved.description}.")
    return _back(request)


@login_required
@require_POST
def delete(request, pk):
    saved = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    description = saved.description
    saved.delete()
    messages.success(request, f"Søgningen {description} er slettet.")
    return _back(request)


# --- unsubscribe ------------------------------------------------------------------------------


@csrf_exempt  # the signed token is the authority; mail clients post one-click (RFC 8058)
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET shows what the link stops and a button; POST stops it. A GET alone changes
    nothing, as mail scanners open every link in a message."""
    try:
        user_id, search_id = read_token(token)
    except (signing.BadSignature, ValueError):
        return render(request, "following/unsubscribe_invalid.html", status=400)
    searches = SavedSearch.objects.filter(user_id=user_id).exclude(frequency=Frequency.NEVER)
    if search_id is not None:
        searches = searches.filter(pk=search_id)
    context = {
        "all": search_id is None,
        "descriptions": [saved.description for saved in searches],
    }
    if request.method == "POST":
        context["done"] = searches.update(frequency=Frequency.NEVER, last_period="")
        context["stopped"] = True
    return render(request, "following/unsubscribe.html", context)
