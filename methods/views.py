"""'Vi gør det også': a municipal contributor records, or withdraws, that their municipality uses
a method. POST only; the method page shows the forms (see methods/usage.py)."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_POST

from cases.models import public_cases
from editorial.roles import contributor_municipalities

from .forms import AdoptionForm, WithdrawForm
from .models import MethodAdoption, public_methods
from .usage import public_cases_by_municipality

ANCHOR = "#vi-goer-det-ogsaa"
NOT_CONTRIBUTOR = (
    "Kun kommunale bidragydere kan registrere, at deres kommune bruger en metode. "
    "Kontakt Praksisbankens redaktion, hvis du skal være bidragyder for din kommune."
)


def _contributor_view(view):
    """Load the public method; anonymous users go to the login page (and back to the method
    page, since a POST cannot be replayed), users without a municipality get a Danish 403."""

    @wraps(view)
    def wrapper(request, method_id):
        method = get_object_or_404(public_methods(), pk=method_id)
        method_url = method.get_url(request)
        if not request.user.is_authenticated:
            return redirect_to_login(method_url)
        municipalities = list(contributor_municipalities(request.user).order_by("name"))
        if not municipalities:
            response = render(
                request,
                "methods/adoption_forbidden.html",
                {"method": method, "method_url": method_url, "reason": NOT_CONTRIBUTOR},
                status=403,
            )
        else:
            response = view(request, method, method_url, municipalities)
        patch_cache_control(response, private=True, no_store=True)
        return response

    return require_POST(wrapper)


@_contributor_view
def record_adoption(request, method, method_url, municipalities):
    form = AdoptionForm(
        request.POST,
        municipalities=municipalities,
        cases_by_municipality=public_cases_by_municipality(municipalities),
    )
    if not form.is_valid():
        # The errors next to the fields they concern, on a page of their own.
        return render(
            request,
            "methods/adoption_form.html",
            {"method": method, "method_url": method_url, "form": form},
            status=400,
        )
    municipality = form.cleaned_data["municipality"]
    _adoption, created = MethodAdoption.objects.get_or_create(
        method=method,
        municipality=municipality,
        defaults={
            "case_id": form.cleaned_data["case"],
            "since_year": form.cleaned_data["since_year"],
            "recorded_by": request.user,
        },
    )
    if created:
        messages.success(
            request, f"Tak! Metodesiden viser nu, at {municipality} bruger {method.title}."
        )
    else:
        messages.info(
            request,
            f"{municipality} er allerede registreret som bruger af {method.title}. "
            "Vil I ændre oplysningerne, kan I trække registreringen tilbage og registrere igen.",
        )
    return redirect(method_url + ANCHOR)


@_contributor_view
def withdraw_adoption(request, method, method_url, municipalities):
    form = WithdrawForm(request.POST, municipalities=municipalities)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["municipality"]))
        return redirect(method_url + ANCHOR)
    municipality = form.cleaned_data["municipality"]
    deleted = 0
    for adoption in MethodAdoption.objects.filter(method=method, municipality=municipality):
        adoption.delete()  # one by one, so post_delete reaches cache purging
        deleted += 1
    if not deleted:
        messages.info(request, f"{municipality} var ikke registreret som bruger af metoden.")
        return redirect(method_url + ANCHOR)
    text = f"{municipality} er ikke længere registreret som bruger af {method.title}."
    if public_cases().filter(methods=method, municipalities=municipality).exists():
        text += (
            " Kommunen vises stadig, fordi den har et offentliggjort praksiseksempel med metoden."
        )
    messages.success(request, text)
    return redirect(method_url + ANCHOR)
